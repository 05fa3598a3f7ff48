/**
 * Diagnostics as data: what a rule found (a {@link Finding}, located by offset) and what the
 * renderers print (a {@link Diagnostic}, located by file, line and column).
 *
 * @example
 * ```ts
 * const finding: Finding = { code: "HSK-RR-006", offset: 42, message: 'role_id "Editor" is not valid' };
 * const diagnostic = locate(finding, new SourceText("pack.json", text));
 * ```
 */
import { type RuleCode, ruleInfo } from "./catalog.ts";
import type { JsonProblem } from "../json/json-document.ts";
import type { SourceText } from "../json/source-text.ts";

/**
 * How a diagnostic counts: an error fails the run, a warning does not.
 *
 * @example
 * ```ts
 * const failing = diagnostics.filter((d) => d.severity === ("error" satisfies Severity));
 * ```
 */
export type Severity = "error" | "warning";

/** Fields that tie a finding to the registry entry it is about. */
export interface FindingSubject {
  role_id?: string;
  contract_id?: string;
  /** The alias a finding is about (HSK-RR-012, HSK-RR-013). */
  alias?: string;
  expected_hash?: string;
  got_hash?: string;
}

/** A rule's result, located by an offset into the text being checked. */
export interface Finding extends FindingSubject {
  code: RuleCode;
  offset: number;
  message: string;
  /** The specific fix for this finding; the rule's general hint is used when absent. */
  advice?: string;
}

/**
 * A located finding, ready for any renderer.
 *
 * @example
 * ```ts
 * for (const d of diagnostics) console.log(`${d.file}:${d.line}:${d.column}: ${d.code} ${d.message} (${d.advice})`);
 * ```
 */
export interface Diagnostic extends FindingSubject {
  code: RuleCode;
  severity: Severity;
  title: string;
  message: string;
  advice: string;
  file: string;
  line: number;
  column: number;
  /** Where the token at the start ends (exclusive, same units), when it has a length: SARIF's region end. */
  end_line?: number;
  end_column?: number;
  /** The waiver that accepts this finding: it is shown, marked, and does not fail the run. */
  waiver?: AppliedWaiver;
}

/**
 * What a diagnostic carries of the waiver that accepts it.
 *
 * @example
 * ```ts
 * const waiver: AppliedWaiver = { id: "W-2026-007", justification: "Legal takedown, ticket LEGAL-42" };
 * ```
 */
export interface AppliedWaiver {
  readonly id: string;
  readonly justification: string;
}

/**
 * Whether a diagnostic fails the run: an error no waiver accepts.
 *
 * @example
 * ```ts
 * const exitCode = diagnostics.some(isFailing) ? 1 : 0;
 * ```
 */
export function isFailing(diagnostic: Pick<Diagnostic, "severity" | "waiver">): boolean {
  return diagnostic.severity === "error" && diagnostic.waiver === undefined;
}

/**
 * The finding of a text that is not well-formed I-JSON: HSK-RR-011, the code the JSON layer's
 * problems are reported under.
 *
 * @example
 * ```ts
 * parseJsonDocument(source).problems.map(notIJson); // [{ code: "HSK-RR-011", offset: 12, message: "duplicate key …" }]
 * ```
 */
export function notIJson(problem: JsonProblem): Finding {
  return { code: "HSK-RR-011", ...problem };
}

/** Turns a finding into a diagnostic positioned in `source`. */
export function locate(finding: Finding, source: SourceText): Diagnostic {
  const { line, column } = source.positionAt(finding.offset);
  const rule = ruleInfo(finding.code);
  const diagnostic: Diagnostic = {
    code: finding.code,
    severity: rule.defaultSeverity ?? "error",
    title: rule.title,
    message: finding.message,
    advice: finding.advice ?? rule.hint,
    file: source.name,
    line,
    column,
  };
  const endOffset = source.tokenEndAt(finding.offset);
  if (endOffset > finding.offset) {
    const end = source.positionAt(endOffset);
    diagnostic.end_line = end.line;
    diagnostic.end_column = end.column;
  }
  for (const key of ["role_id", "contract_id", "alias", "expected_hash", "got_hash"] as const) {
    const value = finding[key];
    if (value !== undefined) diagnostic[key] = value;
  }
  return diagnostic;
}

/**
 * Every finding located in `source`, in the one order diagnostics are reported in.
 *
 * @example
 * ```ts
 * locateAll(findings, new SourceText("pack.json", text)); // sorted by line, column, code, message
 * ```
 */
export function locateAll(findings: readonly Finding[], source: SourceText): Diagnostic[] {
  return findings.map((finding) => locate(finding, source)).sort(compareDiagnostics);
}

/**
 * The one order diagnostics are reported in: file, line, column, code, then message,
 * so that output is byte-identical across runs whatever order the rules ran in.
 */
function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.code, b.code) ||
    compareText(a.message, b.message)
  );
}

/** Code-unit order, independent of the locale the process runs in. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
