/**
 * GitHub Actions renderer: one workflow command per diagnostic,
 * `::error file=…,line=…,col=…,title=HSK-RR-00N::message`, which GitHub shows as an annotation
 * on the pull request's diff. Notes about the run become `::warning::` or `::notice::` lines.
 *
 * @example
 * ```ts
 * process.stdout.write(renderGithub(report));
 * ```
 */
import { allDiagnostics, type CheckReport, runNotes } from "../report.ts";
import { findingSentence } from "./text.ts";

/** Escapes a command's message: `%`, CR and LF (GitHub's workflow-command rules). */
export function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** Escapes a property value: as data, plus `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

export function renderGithub(report: CheckReport): string {
  const lines: string[] = [];
  for (const pack of report.packs) {
    for (const { level, message } of runNotes(pack)) lines.push(`::${level === "note" ? "notice" : "warning"} file=${escapeProperty(pack.repoPath)}::${escapeData(message)}`);
  }
  for (const d of allDiagnostics(report)) {
    const pack = report.packs.find((p) => p.diagnostics.includes(d))!;
    const properties = [
      `file=${escapeProperty(pack.repoPath)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `title=${escapeProperty(d.code)}`,
    ].join(",");
    // A waived finding is a notice: seen on the pull request, not a failure.
    lines.push(`::${d.waiver === undefined ? d.severity : "notice"} ${properties}::${escapeData(findingSentence(d))}`);
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
