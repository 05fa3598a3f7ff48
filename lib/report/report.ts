/**
 * The result of a check run as data: one entry per pack, with the baseline it was compared
 * with and its diagnostics. Renderers (text, JSON, GitHub, SARIF, JUnit) read only this.
 *
 * @example
 * ```ts
 * const report: CheckReport = { packs: [packReport], stamp };
 * exitCodeOf(report); // 0 when no pack has an error
 * ```
 */
import type { DiagnosticRecord, RunStamp } from "./diagnostic-record.ts";
import type { RegistryChanges } from "../check/registry-changes.ts";
import { isFailing } from "../rules/diagnostic.ts";

/**
 * Where a pack's baseline came from.
 *
 * @example
 * ```ts
 * const info: BaselineInfo = { ref: "main", tip: mainSha, commit: mergeBaseSha, found: true, file_found: true, tried: [] };
 * ```
 */
export interface BaselineInfo {
  /** The ref the baseline was read from (`main`, `origin/main`), or null when none exists. */
  ref: string | null;
  /** The commit the ref points at. */
  tip: string | null;
  /** The commit compared with: the merge-base of HEAD and the tip (a branch behind or beside it), or the tip. */
  commit: string | null;
  /** Whether a baseline ref was found. */
  found: boolean;
  /** Whether the pack file exists at that ref (false on first publish). */
  file_found: boolean;
  /** The refs that were tried, in order. */
  tried: readonly string[];
}

/**
 * One pack's part of a check report.
 *
 * @example
 * ```ts
 * for (const pack of report.packs) console.log(pack.file, pack.roles, pack.diagnostics.length);
 * ```
 */
export interface PackReport {
  /** The path as shown to the user (relative to the current directory). */
  file: string;
  /** The path relative to the repository root, `/`-separated (for SARIF and CI annotations). */
  repoPath: string;
  roles: number;
  contracts: number;
  baseline: BaselineInfo;
  /** With --history: how many published versions were compared. */
  history?: { versions: number };
  /** What the pack adds or retires; undefined when it could not be read. */
  changes: RegistryChanges | undefined;
  diagnostics: DiagnosticRecord[];
  /** One-line notes for stderr: no baseline, first publish, unreadable baseline. */
  warnings: string[];
}

/**
 * A whole check run: one entry per pack, and when and under which ids it ran.
 *
 * @example
 * ```ts
 * const report: CheckReport = { packs, stamp: runStamp({ env: process.env }) };
 * ```
 */
export interface CheckReport {
  packs: PackReport[];
  stamp: RunStamp;
}

/**
 * Every pack's diagnostic records, in report order.
 *
 * @example
 * ```ts
 * allDiagnostics(report).filter((d) => d.code === "HSK-RR-003").length;
 * ```
 */
export function allDiagnostics(report: CheckReport): DiagnosticRecord[] {
  return report.packs.flatMap((pack) => pack.diagnostics);
}

/**
 * 0 when every pack is clean, 1 when any breaks a rule.
 *
 * @example
 * ```ts
 * process.exitCode = exitCodeOf(report);
 * ```
 */
export function exitCodeOf(report: CheckReport): 0 | 1 {
  return report.packs.some((pack) => pack.diagnostics.some(isFailing)) ? 1 : 0;
}

/**
 * One-line description of where the baseline came from: `baseline main@1a2b3c4d5e6f`, and for a
 * branch that left main earlier `baseline main@1a2b3c4d5e6f (the merge-base with HEAD; main is at 9f8e7d6c5b4a)`.
 */
export function describeBaseline(baseline: BaselineInfo): string {
  if (!baseline.found) return `no baseline (${baseline.tried.join(", ")} not found)`;
  const at = `${baseline.ref}@${baseline.commit?.slice(0, 12)}`;
  const mergeBase = baseline.tip !== baseline.commit ? ` (the merge-base with HEAD; ${baseline.ref} is at ${baseline.tip?.slice(0, 12)})` : "";
  return baseline.file_found ? `baseline ${at}${mergeBase}` : `first publish (not in ${at}${mergeBase})`;
}

/** The baseline as the JSON report and the JSON changelog write it. */
export function baselineJson(baseline: BaselineInfo) {
  return {
    ref: baseline.ref,
    tip: baseline.tip,
    commit: baseline.commit,
    merge_base: baseline.found && baseline.tip !== baseline.commit,
    found: baseline.found,
    file_found: baseline.file_found,
  };
}

/** Counts for summaries: problems by code and what the packs add or retire. */
export function summarize(report: CheckReport) {
  const byCode: Record<string, number> = {};
  for (const d of allDiagnostics(report)) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
  const count = (key: "roles_added" | "contracts_added" | "aliases_added" | "deprecated" | "reactivated") =>
    report.packs.reduce((sum, pack) => sum + (pack.changes?.[key].length ?? 0), 0);
  const diagnostics = allDiagnostics(report);
  return {
    packs: report.packs.length,
    errors: diagnostics.filter(isFailing).length,
    warnings: diagnostics.filter((d) => d.severity === "warning" && d.waiver === undefined).length,
    /** Findings a waiver accepts: shown, not failing. */
    waived: diagnostics.filter((d) => d.waiver !== undefined).length,
    by_code: Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => (a < b ? -1 : 1))),
    roles_added: count("roles_added"),
    contracts_added: count("contracts_added"),
    aliases_added: count("aliases_added"),
    deprecated: count("deprecated"),
    reactivated: count("reactivated"),
  };
}

/**
 * A note about a run rather than a finding (no baseline, a first publish, a shallow clone): its
 * level and its words, without the `warning: ` / `note: ` the text on stderr starts with.
 *
 * @example
 * ```ts
 * runNotes(pack); // [{ level: "note", message: "pack.json: first publish — …" }]
 * ```
 */
export interface RunNote {
  level: "warning" | "note";
  message: string;
}

/** The run notes of one pack, in order. */
export function runNotes(pack: Pick<PackReport, "warnings">): RunNote[] {
  return pack.warnings.map((line) => {
    const note = /^note: /.exec(line);
    if (note !== null) return { level: "note", message: line.slice(note[0].length) };
    return { level: "warning", message: line.replace(/^warning: /, "") };
  });
}
