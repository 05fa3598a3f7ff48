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
import { allDiagnostics, type CheckReport, describeBaseline } from "../report.ts";

export function renderDiagnosticLine(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message} — fix: ${d.advice}`;
}

export function renderText(report: CheckReport): string {
  const lines = allDiagnostics(report).map(renderDiagnosticLine);
  for (const pack of report.packs) {
    const problems = pack.diagnostics.length;
    lines.push(
      `${pack.file}: ${pack.roles} roles, ${pack.contracts} contracts; ${describeBaseline(pack.baseline)}; ` +
        (problems === 0 ? "no problems" : plural(problems, "problem")),
    );
  }
  const errors = allDiagnostics(report).filter((d) => d.severity === "error").length;
  const packs = plural(report.packs.length, "pack");
  lines.push(errors === 0 ? `rolepack-check: ok, ${packs} checked` : `rolepack-check: ${plural(errors, "error")} in ${packs}`);
  return `${lines.join("\n")}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
