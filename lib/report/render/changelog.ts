/**
 * The changelog of a check run, for pull-request descriptions and release notes: what each
 * pack adds and retires against its baseline, version bumps marked, and any violations.
 * Markdown for people, JSON for tools.
 *
 * @example
 * ```ts
 * process.stdout.write(renderChangelogMarkdown(report));
 * ```
 */
import { baselineJson, type CheckReport, describeBaseline, type PackReport } from "../report.ts";
import { diagnosticJson } from "./json.ts";
import { markdownCode, markdownText } from "./markdown.ts";

export function renderChangelogMarkdown(report: CheckReport): string {
  const sections = report.packs.map((pack) => {
    const changes = pack.changes;
    const lines = [`## ${markdownCode(pack.file)}`, "", `Compared with: ${markdownText(describeBaseline(pack.baseline))}.`, ""];
    if (changes === undefined) {
      lines.push("The pack could not be read; see the violations.", "");
    } else {
      const bumps = new Map(changes.version_bumps.map((bump) => [bump.contract_id, bump.supersedes]));
      const section = (title: string, items: string[], describe: (item: string) => string = markdownCode) => {
        if (items.length === 0) return;
        lines.push(`### ${title} (${items.length})`, "", ...items.map((item) => `- ${describe(item)}`), "");
      };
      section("Roles added", changes.roles_added);
      section("Roles deprecated", changes.deprecated);
      section("Roles reactivated", changes.reactivated);
      section("Aliases added", changes.aliases_added);
      section("Contracts added", changes.contracts_added, (id) =>
        bumps.has(id) ? `${markdownCode(id)} — new version, supersedes ${markdownCode(bumps.get(id)!)}` : markdownCode(id),
      );
      // The spec-change log: what changed in published roles' definitions and names, and the registry version.
      section(
        "Role definitions changed",
        changes.definitions_changed.map(({ role_id, changes: fields }) => `${markdownCode(role_id)}: ${markdownText(fields.join("; "))}`),
        (line) => line,
      );
      section(
        "Display names changed",
        changes.display_names_changed.map(({ role_id, from, to }) => `${markdownCode(role_id)}: ${markdownText(`${JSON.stringify(from)} → ${JSON.stringify(to)}`)}`),
        (line) => line,
      );
      if (changes.pack_version !== null) lines.push(`### pack_version`, "", markdownText(`${JSON.stringify(changes.pack_version.from)} → ${JSON.stringify(changes.pack_version.to)}`), "");
      if (isUnchanged(pack)) lines.push("No changes to the registry.", "");
    }
    if (pack.diagnostics.length > 0) {
      lines.push(
        `### Violations (${pack.diagnostics.length})`,
        "",
        ...pack.diagnostics.map((d) => `- **${d.code}** ${markdownCode(`${d.file}:${d.line}:${d.column}`)} ${markdownText(d.message)} — fix: ${markdownText(d.advice)}`),
        "",
      );
    }
    return lines.join("\n");
  });
  return `# RolePack changes\n\n${sections.join("\n")}`;
}

export function renderChangelogJson(report: CheckReport): string {
  const output = {
    version: 1,
    packs: report.packs.map((pack) => ({
      file: pack.file,
      path: pack.repoPath,
      baseline: baselineJson(pack.baseline),
      changes: pack.changes ?? null,
      violations: pack.diagnostics.map(diagnosticJson),
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

function isUnchanged(pack: PackReport): boolean {
  const c = pack.changes;
  return (
    c !== undefined &&
    [c.roles_added, c.deprecated, c.reactivated, c.aliases_added, c.contracts_added, c.definitions_changed, c.display_names_changed].every((l) => l.length === 0) &&
    c.pack_version === null
  );
}
