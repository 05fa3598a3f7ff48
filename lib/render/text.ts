/**
 * Plain-text renderer: one line per diagnostic, `path:line:col: error CODE message — fix`,
 * then a status line per pack and a closing total.
 *
 * @example
 * ```ts
 * process.stdout.write(renderText(report));
 * ```
 */
import type { Diagnostic } from "../diagnostic.ts";
import { allDiagnostics, type CheckReport, describeBaseline, type PackReport } from "../report.ts";

export function renderDiagnosticLine(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message} — fix: ${d.advice}`;
}

export function renderText(report: CheckReport): string {
  const lines = allDiagnostics(report).map(renderDiagnosticLine);
  for (const pack of report.packs) {
    const problems = pack.diagnostics.length;
    const parts = [
      `${pack.roles} roles, ${pack.contracts} contracts`,
      describeBaseline(pack.baseline) + (pack.history === undefined ? "" : ` with its history (${plural(pack.history.versions, "version")})`),
      ...lifecycleNotes(pack),
      problems === 0 ? "no problems" : plural(problems, "problem"),
    ];
    lines.push(`${pack.file}: ${parts.join("; ")}`);
  }
  const errors = allDiagnostics(report).filter((d) => d.severity === "error").length;
  const packs = plural(report.packs.length, "pack");
  lines.push(errors === 0 ? `rolepack-check: ok, ${packs} checked` : `rolepack-check: ${plural(errors, "error")} in ${packs}`);
  return `${lines.join("\n")}\n`;
}

/** Deprecations and reactivations are allowed, and worth a word in the summary. */
function lifecycleNotes(pack: PackReport): string[] {
  const notes: string[] = [];
  if (pack.changes?.deprecated.length) notes.push(`deprecated: ${pack.changes.deprecated.join(", ")}`);
  if (pack.changes?.reactivated.length) notes.push(`reactivated: ${pack.changes.reactivated.join(", ")}`);
  return notes;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
