/**
 * The functional core: checks one pack's text against its baseline's text and returns
 * sorted diagnostics. No git, no files, no process: values in, data out.
 *
 * @example
 * ```ts
 * const result = checkPack({
 *   current: new SourceText("assets/pack.json", currentText),
 *   baseline: new SourceText("main:assets/pack.json", publishedText),
 * });
 * result.diagnostics; // [] when the pack keeps every published promise
 * ```
 */
import { compareDiagnostics, type Diagnostic, type Finding, locate } from "./diagnostic.ts";
import { nodeValue, parseJsonDocument } from "./json-document.ts";
import { readPackModel } from "./pack-model.ts";
import { REGISTRY_RULES } from "./rules/index.ts";
import { schemaFindings } from "./schema-findings.ts";
import type { SourceText } from "./source-text.ts";

export interface PackCheckInput {
  readonly current: SourceText;
  /** The published text, named as it is shown (e.g. `main:assets/pack.json`); undefined on first publish. */
  readonly baseline: SourceText | undefined;
  /** Text offset of the first invalid UTF-8 byte of the current file, if any. */
  readonly invalidUtf8At?: number;
}

export interface PackCheckResult {
  readonly diagnostics: Diagnostic[];
  /** Counts of the current pack, for the summary (zero when it could not be read). */
  readonly roles: number;
  readonly contracts: number;
  /** Problems with the baseline itself; reported as warnings, they never hide current findings. */
  readonly baselineWarnings: string[];
}

export function checkPack(input: PackCheckInput): PackCheckResult {
  const findings: Finding[] = [];
  if (input.invalidUtf8At !== undefined) {
    findings.push({
      code: "HSK-RR-011",
      offset: input.invalidUtf8At,
      message: "the file is not valid UTF-8",
      advice: "Save the file as UTF-8.",
    });
  }
  const doc = parseJsonDocument(input.current);
  findings.push(...doc.findings);
  // A text that is not well-formed has no trustworthy tree: comparing a best-effort guess
  // would report roles as removed that are merely unreadable.
  if (doc.malformed || input.invalidUtf8At !== undefined) {
    return { diagnostics: sorted(findings, input.current), roles: 0, contracts: 0, baselineWarnings: [] };
  }
  findings.push(...schemaFindings(doc, nodeValue(doc.root!)));
  const current = readPackModel(doc);
  const baselineWarnings: string[] = [];
  let baseline;
  if (input.baseline !== undefined) {
    const baselineDoc = parseJsonDocument(input.baseline);
    const first = baselineDoc.findings[0];
    if (first !== undefined) {
      const { line, column } = input.baseline.positionAt(first.offset);
      baselineWarnings.push(
        `${input.baseline.name}:${line}:${column}: the baseline is not I-JSON (${first.message}); ` +
          (baselineDoc.malformed ? "append-only rules were skipped" : "it was compared as read"),
      );
    }
    if (!baselineDoc.malformed) baseline = readPackModel(baselineDoc);
  }
  for (const rule of REGISTRY_RULES) findings.push(...rule.check({ current, baseline }));
  return {
    diagnostics: sorted(findings, input.current),
    roles: current.roles.length,
    contracts: current.contracts.length,
    baselineWarnings,
  };
}

function sorted(findings: Finding[], source: SourceText): Diagnostic[] {
  return findings.map((finding) => locate(finding, source)).sort(compareDiagnostics);
}
