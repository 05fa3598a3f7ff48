/**
 * Flight-recorder events: one `FR-EVT-003` JSON line per diagnostic, carrying its id and
 * correlation fields but not the diagnostic itself (the JSON report has the full record).
 *
 * The command line appends them to `--events FILE` (lib/cli/events-file.ts).
 *
 * @example
 * ```ts
 * const lines = flightRecorderLines(records, stamp); // one line per record
 * ```
 */
import type { DiagnosticRecord, RunStamp } from "./diagnostic-record.ts";

/**
 * The JSON lines (each ending in a newline) of a run's records.
 *
 * @example
 * ```ts
 * flightRecorderLines(records, stamp); // '{"event_type":"diagnostic","event_code":"FR-EVT-003",…}\n'
 * ```
 */
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
          ...(record.waiver !== undefined && { waiver_id: record.waiver.id }),
        },
      }),
    )
    .map((line) => `${line}\n`)
    .join("");
}
