/**
 * Plain-text renderer: one line per diagnostic, `path:line:col: error CODE message — fix: …`,
 * then a status line per pack and a closing total. With `color`, the same text with ANSI colors
 * (the caller decides: a TTY and no NO_COLOR).
 *
 * @example
 * ```ts
 * process.stdout.write(renderText(report, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
 * ```
 */
import { type Diagnostic, isFailing } from "../../rules/diagnostic.ts";
import { allDiagnostics, type CheckReport, describeBaseline, type PackReport } from "../report.ts";

export interface TextOptions {
  color: boolean;
}

const PLAIN = { bold: "", red: "", yellow: "", cyan: "", dim: "", green: "", reset: "" };
const ANSI = { bold: "\x1b[1m", red: "\x1b[31m", yellow: "\x1b[33m", cyan: "\x1b[36m", dim: "\x1b[2m", green: "\x1b[32m", reset: "\x1b[0m" };

/**
 * One diagnostic as one line: `path:line:col: error CODE message — fix: …`; a finding a waiver
 * accepts is `path:line:col: waived CODE message — waiver ID: justification`.
 *
 * @example
 * ```ts
 * renderDiagnosticLine(diagnostic); // "pack.json:12:5: error HSK-RR-006 … — fix: …"
 * ```
 */
export function renderDiagnosticLine(d: Diagnostic, options: TextOptions = { color: false }): string {
  const c = options.color ? ANSI : PLAIN;
  if (d.waiver !== undefined) {
    return `${c.bold}${d.file}:${d.line}:${d.column}:${c.reset} ${c.dim}waived${c.reset} ${c.cyan}${d.code}${c.reset} ${d.message} ${c.dim}— waiver ${d.waiver.id}: ${d.waiver.justification}${c.reset}`;
  }
  const severity = d.severity === "error" ? `${c.red}${c.bold}error${c.reset}` : `${c.yellow}${c.bold}warning${c.reset}`;
  return `${c.bold}${d.file}:${d.line}:${d.column}:${c.reset} ${severity} ${c.cyan}${d.code}${c.reset} ${d.message} ${c.dim}— fix: ${d.advice}${c.reset}`;
}

/**
 * A finding in one sentence, without its place, for a consumer that shows the place itself (a
 * GitHub annotation, a GitLab Code Quality issue): its title and message, then the fix, or the
 * waiver that accepts it.
 *
 * @example
 * ```ts
 * findingSentence(d); // 'Role removed: role "composer" was removed; … — fix: Restore role "composer"; …'
 * ```
 */
export function findingSentence(d: Diagnostic): string {
  return d.waiver === undefined
    ? `${d.title}: ${d.message} — fix: ${d.advice}`
    : `${d.title} (waived): ${d.message} — waiver ${d.waiver.id}: ${d.waiver.justification}`;
}

export function renderText(report: CheckReport, options: TextOptions = { color: false }): string {
  const c = options.color ? ANSI : PLAIN;
  const lines = allDiagnostics(report).map((d) => renderDiagnosticLine(d, options));
  for (const pack of report.packs) {
    const problems = pack.diagnostics.length;
    const waived = pack.diagnostics.filter((d) => d.waiver !== undefined).length;
    const parts = [
      `${pack.roles} roles, ${pack.contracts} contracts`,
      describeBaseline(pack.baseline) + (pack.history === undefined ? "" : ` with its history (${plural(pack.history.versions, "version")})`),
      ...lifecycleNotes(pack),
      problems === 0 ? "no problems" : plural(problems, "problem") + (waived === 0 ? "" : ` (${waived} waived)`),
    ];
    lines.push(`${pack.file}: ${parts.join("; ")}`);
  }
  const errors = allDiagnostics(report).filter(isFailing).length;
  const packs = plural(report.packs.length, "pack");
  lines.push(
    errors === 0
      ? `${c.green}rolepack-check: ok, ${packs} checked${c.reset}`
      : `${c.red}${c.bold}rolepack-check: ${plural(errors, "error")} in ${packs}${c.reset}`,
  );
  return `${lines.join("\n")}\n`;
}

/** Deprecations and reactivations are allowed, and worth a word in the summary. */
function lifecycleNotes(pack: PackReport): string[] {
  const notes: string[] = [];
  if (pack.changes?.deprecated.length) notes.push(`deprecated: ${pack.changes.deprecated.join(", ")}`);
  if (pack.changes?.reactivated.length) notes.push(`reactivated: ${pack.changes.reactivated.join(", ")}`);
  return notes;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
