/**
 * GitLab Code Quality renderer: the JSON array a job hands to `artifacts: reports: codequality`,
 * one issue per diagnostic with the fields GitLab reads — `description`, `check_name` (the rule
 * code), `fingerprint` (stable across runs, see fingerprint.ts), `severity` and
 * `location.path` / `location.lines.begin`. An error blocks the merge, so it is a `blocker`; a
 * warning is `minor`; a waived finding is `info`, shown and accepted.
 *
 * @example
 * ```ts
 * await Bun.write("gl-code-quality-report.json", renderGitlab(report));
 * ```
 */
import type { CheckReport } from "../report.ts";
import { findingFingerprints } from "../fingerprint.ts";
import { findingSentence } from "./text.ts";

/** One entry of a GitLab Code Quality report (the subset of the Code Climate issue GitLab reads). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: "info" | "minor" | "major" | "critical" | "blocker";
  location: { path: string; lines: { begin: number } };
}

export function renderGitlab(report: CheckReport): string {
  const fingerprints = findingFingerprints(report);
  const issues: CodeQualityIssue[] = report.packs.flatMap((pack) =>
    pack.diagnostics.map((d) => ({
      description: `${d.code} ${findingSentence(d)}`,
      check_name: d.code,
      fingerprint: fingerprints.get(d)!,
      severity: d.waiver !== undefined ? "info" : d.severity === "error" ? "blocker" : "minor",
      location: { path: pack.repoPath, lines: { begin: d.line } },
    })),
  );
  return `${JSON.stringify(issues, null, 2)}\n`;
}
