/**
 * JSON renderer: a stable, versioned object (`"version": 1`) with the verdict, a summary, each
 * pack with its baseline and changes, and every diagnostic as a full record (id, provenance,
 * correlation). Keys are written in a fixed order.
 *
 * @example
 * ```ts
 * const { ok, summary, diagnostics } = JSON.parse(renderJson(report));
 * ```
 */
import type { DiagnosticRecord } from "../diagnostic-record.ts";
import { allDiagnostics, baselineJson, type CheckReport, exitCodeOf, runNotes, summarize } from "../report.ts";

export function renderJson(report: CheckReport): string {
  const output = {
    version: 1,
    ok: exitCodeOf(report) === 0,
    generated_at: new Date(report.stamp.now).toISOString(),
    ...(report.stamp.wsid !== undefined && { wsid: report.stamp.wsid }),
    ...(report.stamp.job_id !== undefined && { job_id: report.stamp.job_id }),
    summary: summarize(report),
    packs: report.packs.map((pack) => ({
      file: pack.file,
      path: pack.repoPath,
      roles: pack.roles,
      contracts: pack.contracts,
      baseline: baselineJson(pack.baseline),
      ...(pack.history !== undefined && { history: pack.history }),
      changes: pack.changes ?? null,
      problems: pack.diagnostics.length,
      notes: runNotes(pack),
    })),
    diagnostics: allDiagnostics(report).map(diagnosticJson),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

/** One diagnostic record, keys in a fixed order. */
export function diagnosticJson(d: DiagnosticRecord): Record<string, unknown> {
  return {
    diagnostic_id: d.diagnostic_id,
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
    ...(d.alias !== undefined && { alias: d.alias }),
    ...(d.expected_hash !== undefined && { expected_hash: d.expected_hash }),
    ...(d.got_hash !== undefined && { got_hash: d.got_hash }),
    ...(d.waiver !== undefined && { waiver: { id: d.waiver.id, justification: d.waiver.justification } }),
    source: d.source,
    tool: d.tool,
    tags: d.tags,
    ...(d.wsid !== undefined && { wsid: d.wsid }),
    ...(d.job_id !== undefined && { job_id: d.job_id }),
  };
}
