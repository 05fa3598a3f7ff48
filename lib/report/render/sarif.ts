/**
 * SARIF 2.1.0 renderer for code scanning: one run whose `tool.driver.rules` lists every rule of
 * the catalog, and one result per diagnostic pointing at the pack file (relative to the
 * repository root, `%SRCROOT%`) with its region.
 *
 * @example
 * ```ts
 * await Bun.write("rolepack.sarif", renderSarif(report, "0.1.0"));
 * ```
 */
import type * as Sarif from "sarif";
import type { CheckReport } from "../report.ts";
import { RULE_CATALOG } from "../../rules/catalog.ts";
import { HOMEPAGE } from "../../version.ts";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";


export function renderSarif(report: CheckReport, toolVersion: string): string {
  const ruleIndex = new Map(RULE_CATALOG.map((rule, index) => [rule.code, index]));
  const results: Sarif.Result[] = report.packs.flatMap((pack) =>
    pack.diagnostics.map((d): Sarif.Result => ({
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code),
      level: d.severity,
      message: { text: `${d.message}. Fix: ${d.advice}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(pack.repoPath), uriBaseId: "%SRCROOT%" },
            region: { startLine: d.line, startColumn: d.column },
          },
        },
      ],
      // A waiver is an external suppression (it lives in rolepack-check.jsonc, not in the pack).
      ...(d.waiver !== undefined && {
        suppressions: [{ kind: "external", status: "accepted", justification: d.waiver.justification, properties: { waiver_id: d.waiver.id } }],
      }),
      ...(hasSubject(d) && {
        properties: {
          ...(d.role_id !== undefined && { role_id: d.role_id }),
          ...(d.contract_id !== undefined && { contract_id: d.contract_id }),
          ...(d.alias !== undefined && { alias: d.alias }),
          ...(d.expected_hash !== undefined && { expected_hash: d.expected_hash }),
          ...(d.got_hash !== undefined && { got_hash: d.got_hash }),
        },
      }),
    })),
  );
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "rolepack-check",
            version: toolVersion,
            ...(HOMEPAGE !== undefined && { informationUri: HOMEPAGE }),
            rules: RULE_CATALOG.map((rule) => ({
              id: rule.code,
              name: rule.name,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.description },
              help: { text: rule.hint, markdown: `**${rule.title}** (${rule.code}): ${rule.description}\n\nFix: ${rule.hint}` },
              defaultConfiguration: { level: rule.defaultSeverity ?? "error" },
              properties: { tags: ["rolepack", rule.stage] },
            })),
          },
        },
        columnKind: "utf16CodeUnits",
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The root of the git work tree." } } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * The SARIF log of a run that could not happen (exit 2): no results, and the reason as a tool
 * execution notification with `executionSuccessful: false` — so that an upload step reads a valid
 * log that says the check did not run, instead of failing on an empty file.
 *
 * @example
 * ```ts
 * await Bun.write("rolepack.sarif", renderSarifFailure("no git repository here", "0.1.0"));
 * ```
 */
export function renderSarifFailure(reason: string, toolVersion: string): string {
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "rolepack-check", version: toolVersion, ...(HOMEPAGE !== undefined && { informationUri: HOMEPAGE }) } },
        invocations: [{ executionSuccessful: false, exitCode: 2, toolExecutionNotifications: [{ level: "error", message: { text: reason } }] }],
        results: [],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function hasSubject(d: { role_id?: string; contract_id?: string }): boolean {
  return d.role_id !== undefined || d.contract_id !== undefined;
}
