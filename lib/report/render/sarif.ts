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
import { RULE_CATALOG } from "../../rules/catalog.ts";
import { HOMEPAGE } from "../../version.ts";
import { findingFingerprints } from "../fingerprint.ts";
import { markdownText } from "./markdown.ts";
import { type CheckReport, runNotes } from "../report.ts";

/** Our key in `partialFingerprints` (GitHub computes and owns `primaryLocationLineHash`). */
const FINGERPRINT_KEY = "rolepackFinding/v1";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";


export function renderSarif(report: CheckReport, toolVersion: string): string {
  const ruleIndex = new Map(RULE_CATALOG.map((rule, index) => [rule.code, index]));
  const fingerprints = findingFingerprints(report);
  const notes = report.packs.flatMap((pack) => runNotes(pack).map((note) => ({ ...note, uri: relativeUri(pack.repoPath) })));
  const results: Sarif.Result[] = report.packs.flatMap((pack) =>
    pack.diagnostics.map((d): Sarif.Result => ({
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code),
      level: d.severity,
      message: { text: `${d.message}. Fix: ${d.advice}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: relativeUri(pack.repoPath), uriBaseId: "%SRCROOT%" },
            region: { startLine: d.line, startColumn: d.column, ...(d.end_line !== undefined && { endLine: d.end_line, endColumn: d.end_column }) },
          },
        },
      ],
      // The pack, the rule and the subject — not the line: two findings on one line stay two
      // alerts, and a finding that moves down the file stays one (see fingerprint.ts).
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.get(d)! },
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
        tool: { driver: driverOf(toolVersion) },
        // What the run has to say besides its findings (no baseline, a first publish, a shallow clone).
        invocations: [
          {
            executionSuccessful: true,
            ...(notes.length > 0 && {
              toolExecutionNotifications: notes.map(({ level, message, uri }) => ({
                level: level === "note" ? "note" : "warning",
                message: { text: message },
                locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: "%SRCROOT%" } } }],
              })),
            }),
          },
        ],
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
        tool: { driver: driverOf(toolVersion) },
        invocations: [{ executionSuccessful: false, exitCode: 2, toolExecutionNotifications: [{ level: "error", message: { text: reason } }] }],
        results: [],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * A repository path as a relative URI reference (RFC 3986): each segment percent-encoded, so that
 * `a#b?c.json` stays one file name and `c:pack.json` is not read as a URI with the scheme `c`.
 *
 * @example
 * ```ts
 * relativeUri("packs/a#b?c.json"); // "packs/a%23b%3Fc.json"
 * ```
 */
export function relativeUri(repoPath: string): string {
  return repoPath.split("/").map(encodeURIComponent).join("/");
}

/** The tool as SARIF describes it, with every rule of the catalog (GitHub's ingestion requires them even in a log without results). */
function driverOf(toolVersion: string): Sarif.ToolComponent {
  return {
    name: "rolepack-check",
    version: toolVersion,
    ...(HOMEPAGE !== undefined && { informationUri: HOMEPAGE }),
    rules: RULE_CATALOG.map((rule) => ({
      id: rule.code,
      name: rule.name,
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.description },
      help: { text: rule.hint, markdown: markdownText(`**${rule.title}** (${rule.code}): ${rule.description}\n\nFix: ${rule.hint}`) },
      defaultConfiguration: { level: rule.defaultSeverity ?? "error" },
      properties: { tags: ["rolepack", rule.stage] },
    })),
  };
}

function hasSubject(d: { role_id?: string; contract_id?: string }): boolean {
  return d.role_id !== undefined || d.contract_id !== undefined;
}
