/**
 * A diagnostic as the flight recorder and the JSON report keep it: the located diagnostic plus
 * its identity (`diagnostic_id`, a UUIDv7), provenance (`source`, `tool`, `tags`) and the
 * correlation fields of the run (`wsid`, `job_id`) when given.
 *
 * @example
 * ```ts
 * const stamp = runStamp({ env: process.env, wsid: undefined, jobId: undefined });
 * const records = diagnostics.map((d, i) => toRecord(d, i, stamp));
 * ```
 */
import { sha256Hex } from "../json/canonical-hash.ts";
import type { Diagnostic } from "../rules/diagnostic.ts";
import { ruleInfo } from "../rules/catalog.ts";
import { uuidV7 } from "./uuid-v7.ts";

/**
 * DiagnosticRecord
 *
 * @example
 * ```ts
 * const record: DiagnosticRecord = toRecord(diagnostic, 0, stamp); // + diagnostic_id, source, tool, tags
 * ```
 */
export interface DiagnosticRecord extends Diagnostic {
  diagnostic_id: string;
  source: "validator";
  tool: "role_registry_append_only";
  tags: string[];
  wsid?: string;
  job_id?: string;
}

/**
 * When and under which correlation ids a run happens.
 *
 * @example
 * ```ts
 * const stamp: RunStamp = runStamp({ env: process.env, wsid: "ws-1" });
 * ```
 */
export interface RunStamp {
  /** Milliseconds since the epoch. */
  now: number;
  /** True when the clock is pinned (SOURCE_DATE_EPOCH): ids then derive from content, not chance. */
  reproducible: boolean;
  wsid?: string;
  job_id?: string;
}

/**
 * The run's stamp: `--wsid`/`--job-id` or `HSK_WSID`/`HSK_JOB_ID`; the clock, unless
 * `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention) pins it.
 *
 * @example
 * ```ts
 * runStamp({ env: { SOURCE_DATE_EPOCH: "1767225600" } }).reproducible; // true
 * ```
 */
export function runStamp(options: { env: Record<string, string | undefined>; wsid?: string; jobId?: string }): RunStamp {
  const pinned = options.env.SOURCE_DATE_EPOCH;
  const epoch = pinned !== undefined && /^\d+$/.test(pinned) ? Number(pinned) * 1000 : undefined;
  const wsid = options.wsid ?? nonEmpty(options.env.HSK_WSID);
  const jobId = options.jobId ?? nonEmpty(options.env.HSK_JOB_ID);
  return {
    now: epoch ?? Date.now(),
    reproducible: epoch !== undefined,
    ...(wsid !== undefined && { wsid }),
    ...(jobId !== undefined && { job_id: jobId }),
  };
}

/**
 * The record of the `index`-th diagnostic of a run.
 *
 * @example
 * ```ts
 * const records = diagnostics.map((d, i) => toRecord(d, i, stamp));
 * ```
 */
export function toRecord(diagnostic: Diagnostic, index: number, stamp: RunStamp): DiagnosticRecord {
  const rule = ruleInfo(diagnostic.code);
  const random = stamp.reproducible
    ? Buffer.from(sha256Hex(JSON.stringify([index, diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message])), "hex")
    : crypto.getRandomValues(new Uint8Array(10));
  return {
    ...diagnostic,
    diagnostic_id: uuidV7(stamp.now, random),
    source: "validator",
    tool: "role_registry_append_only",
    tags: ["rolepack", rule.stage, rule.name],
    ...(stamp.wsid !== undefined && { wsid: stamp.wsid }),
    ...(stamp.job_id !== undefined && { job_id: stamp.job_id }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
