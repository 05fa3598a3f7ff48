/**
 * Flight-recorder events: one `FR-EVT-003` JSON line per diagnostic, carrying its id and
 * correlation fields but not the diagnostic itself (the JSON report has the full record).
 *
 * `appendEvents` writes all of a run's lines with one `write(2)` on a file opened with
 * O_APPEND, so that lines from checkers writing the same file at once never interleave.
 *
 * @example
 * ```ts
 * await appendEvents(".hsk/events.jsonl", flightRecorderLines(records, stamp));
 * ```
 */
import type { DiagnosticRecord, RunStamp } from "./diagnostic-record.ts";
import { RunError } from "../git/run-error.ts";

export function flightRecorderLines(records: readonly DiagnosticRecord[], stamp: RunStamp): string {
  const timestamp = new Date(stamp.now).toISOString();
  return records
    .map((record) =>
      JSON.stringify({
        event_type: "diagnostic",
        event_code: "FR-EVT-003",
        timestamp,
        ...(record.job_id !== undefined && { job_id: record.job_id }),
        payload: {
          diagnostic_id: record.diagnostic_id,
          ...(record.wsid !== undefined && { wsid: record.wsid }),
          severity: record.severity,
          source: record.source,
        },
      }),
    )
    .map((line) => `${line}\n`)
    .join("");
}

/** Appends `text` to `path` (created if missing) in one write. */
export async function appendEvents(path: string, text: string): Promise<void> {
  if (text === "") return;
  const { closeSync, openSync, writeSync } = await import("node:fs"); // only runs that record events pay for it
  let fd: number | undefined;
  try {
    fd = openSync(path, "a", 0o644);
    const bytes = Buffer.from(text);
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
  } catch (error) {
    throw new RunError(`--events ${path}: cannot append (${(error as { code?: string }).code ?? (error as Error).message})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
