/**
 * `rolepack-check [check] [PACK...]`: checks each pack in its repository (rolepack-check/git),
 * stamps the diagnostics as records, prints the report and appends the events.
 *
 * @example
 * ```ts
 * const exitCode = await runCheck({ packs: [], format: "text", staged: true, history: false, requireBaseline: false, color: false }, io);
 * ```
 */
import { checkPacksInRepository } from "../../git/mod.ts";
import { type CheckFormat, type CheckReport, exitCodeOf, flightRecorderLines, allDiagnostics, renderCheckReport, runStamp, toRecord, VERSION } from "../../mod.ts";
import { appendEvents } from "../events-file.ts";
import type { CliIO } from "../io.ts";
import { resolve } from "node:path";

export interface CheckOptions {
  /** Paths as the user wrote them, relative to `io.cwd`; empty: as configured, else every pack found. */
  packs: string[];
  format: CheckFormat;
  /** Check the version in the index instead of the working tree. */
  staged: boolean;
  /** A commit-ish to compare with, exactly (no merge-base). */
  base?: string;
  /** The base branch, with merge-base semantics (as `base` in rolepack-check.jsonc). */
  baseBranch?: string;
  /** Exit 2 instead of treating a missing baseline ref as a first publish. */
  requireBaseline: boolean;
  /** Compare with every version reachable from the baseline, not only its tip. */
  history: boolean;
  /** Files and blobs larger than this are refused unread (bytes; default DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /** Correlation ids for the records (fall back to HSK_WSID / HSK_JOB_ID). */
  wsid?: string;
  jobId?: string;
  /** A JSON-lines file to append one flight-recorder event per diagnostic to. */
  events?: string;
  /** ANSI colors in text output (a TTY, and NO_COLOR unset). */
  color: boolean;
}

export async function runCheck(options: CheckOptions, io: CliIO): Promise<number> {
  const report = await collectReport(options, io);
  for (const pack of report.packs) for (const warning of pack.warnings) io.stderr(`${warning}\n`);
  // The verdict is printed first: an events file that cannot be written must not swallow it.
  io.stdout(renderCheckReport(report, { format: options.format, color: options.color, version: VERSION }));
  if (options.events !== undefined) {
    await appendEvents(resolve(io.cwd, options.events), flightRecorderLines(allDiagnostics(report), report.stamp));
  }
  return exitCodeOf(report);
}

/** Checks every pack the options name and returns the report, diagnostics stamped as records. */
export async function collectReport(options: Omit<CheckOptions, "format" | "color" | "events">, io: CliIO): Promise<CheckReport> {
  // Stamped when the run starts: event timestamps and record ids say when the check was asked for.
  const stamp = runStamp({
    env: io.env,
    ...(options.wsid !== undefined && { wsid: options.wsid }),
    ...(options.jobId !== undefined && { jobId: options.jobId }),
  });
  const results = await checkPacksInRepository({
    cwd: io.cwd,
    env: io.env,
    packs: options.packs,
    staged: options.staged,
    // A flag that is not given leaves the choice to rolepack-check.jsonc.
    ...(options.requireBaseline && { requireBaseline: true }),
    ...(options.history && { history: true }),
    ...(options.base !== undefined && { base: options.base }),
    ...(options.baseBranch !== undefined && { baseBranch: { name: options.baseBranch, source: "--base-branch" } }),
    ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }),
    ...(io.earlyCatFile !== undefined && { earlyCatFile: io.earlyCatFile }),
  });
  let index = 0;
  return { packs: results.map((pack) => ({ ...pack, diagnostics: pack.diagnostics.map((d) => toRecord(d, index++, stamp)) })), stamp };
}
