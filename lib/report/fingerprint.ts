/**
 * A stable identity for each finding of a report, for the consumers that track findings across
 * runs (GitLab's Code Quality widget, GitHub code scanning's `partialFingerprints`): the pack's
 * path, the rule and what the finding is about (role_id, contract_id, alias), never the line — a
 * finding that moves down the file when roles are added above it is the same finding. A finding
 * about no role or contract (a schema error, a syntax error) is known by its message without its
 * numbers and commit ids (`roles[3]`, `line 12`, `commit a1f32c3a4217` move on their own). Two findings
 * that would still share an identity get their occurrence number, so no consumer merges them.
 *
 * @example
 * ```ts
 * const identity = findingFingerprints(report);
 * identity.get(report.packs[0].diagnostics[0]); // "9f86d081884c7d65…" (64 hex digits)
 * ```
 */
import { sha256Hex } from "../json/canonical-hash.ts";
import type { Diagnostic } from "../rules/diagnostic.ts";
import type { CheckReport } from "./report.ts";

/** Every diagnostic of `report` with its fingerprint (SHA-256, hex), in report order. */
export function findingFingerprints(report: CheckReport): Map<Diagnostic, string> {
  const fingerprints = new Map<Diagnostic, string>();
  const seen = new Map<string, number>();
  for (const pack of report.packs) {
    for (const d of pack.diagnostics) {
      const subject = d.role_id !== undefined || d.contract_id !== undefined || d.alias !== undefined;
      const key = JSON.stringify([pack.repoPath, d.code, ...(subject ? [d.role_id ?? null, d.contract_id ?? null, d.alias ?? null] : [stableWords(d.message)])]);
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      fingerprints.set(d, sha256Hex(occurrence === 1 ? key : `${key}#${occurrence}`));
    }
  }
  return fingerprints;
}

/** A message without what changes while the finding stays the same: commit ids and numbers. */
function stableWords(message: string): string {
  return message.replace(/\b[0-9a-f]{7,64}\b/g, "<commit>").replace(/\d+/g, "<n>");
}
