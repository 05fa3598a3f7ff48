/**
 * JSON renderer: a stable, versioned object (`"version": 1`) with the verdict, each pack and
 * its baseline, and every diagnostic. Keys are written in a fixed order for byte-identical output.
 *
 * @example
 * ```ts
 * const { ok, diagnostics } = JSON.parse(renderJson(report));
 * ```
 */
import type { Diagnostic } from "../diagnostic.ts";
import { allDiagnostics, type CheckReport, exitCodeOf } from "../report.ts";

export function renderJson(report: CheckReport): string {
  const output = {
    version: 1,
    ok: exitCodeOf(report) === 0,
    packs: report.packs.map((pack) => ({
      file: pack.file,
      roles: pack.roles,
      contracts: pack.contracts,
      baseline: {
        ref: pack.baseline.ref,
        commit: pack.baseline.commit,
        found: pack.baseline.found,
        file_found: pack.baseline.file_found,
      },
      ...(pack.history !== undefined && { history: pack.history }),
      changes: pack.changes ?? null,
      problems: pack.diagnostics.length,
    })),
    diagnostics: allDiagnostics(report).map(diagnosticJson),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return {
    code: d.code,
    severity: d.severity,
    title: d.title,
    message: d.message,
    advice: d.advice,
    file: d.file,
    line: d.line,
    column: d.column,
    ...(d.role_id !== undefined && { role_id: d.role_id }),
    ...(d.contract_id !== undefined && { contract_id: d.contract_id }),
    ...(d.expected_hash !== undefined && { expected_hash: d.expected_hash }),
    ...(d.got_hash !== undefined && { got_hash: d.got_hash }),
  };
}
