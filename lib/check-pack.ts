/**
 * The functional core: checks one pack's text against what was published (one baseline text,
 * or every version in its history) and returns sorted diagnostics. No git, no files, no
 * process: values in, data out.
 *
 * @example
 * ```ts
 * const result = checkPack({
 *   current: new SourceText("assets/pack.json", currentText),
 *   published: [{ commit: "", source: new SourceText("main:assets/pack.json", publishedText) }],
 * });
 * result.diagnostics; // [] when the pack keeps every published promise
 * ```
 */
import { compareDiagnostics, type Diagnostic, type Finding, locate } from "./diagnostic.ts";
import { nodeValue, parseJsonDocument } from "./json-document.ts";
import { type PackModel, readPackModel } from "./pack-model.ts";
import { type PublishedPack, readPublishedPack } from "./published-pack.ts";
import { type PackVersion, type PublishedRegistry, registryFromHistory } from "./published-registry.ts";
import { type RegistryChanges, registryChanges } from "./registry-changes.ts";
import { REGISTRY_RULES } from "./rules/index.ts";
import { schemaFindings } from "./schema-findings.ts";
import { SourceText } from "./source-text.ts";

/** One published version: its text (undefined where the file was deleted) and the commit it came from. */
export interface PublishedText {
  readonly commit: string;
  readonly source: SourceText | undefined;
}

export interface PackCheckInput {
  /** The pack as it will be published; its text is ignored when `deleted`. */
  readonly current: SourceText;
  /** True when the pack is being deleted (e.g. staged for deletion): every published entry is lost. */
  readonly deleted?: boolean;
  /** What was published, oldest first; empty on first publish or when no baseline exists. */
  readonly published: readonly PublishedText[];
  /** Text offset of the first invalid UTF-8 byte of the current file, if any. */
  readonly invalidUtf8At?: number;
}

export interface PackCheckResult {
  readonly diagnostics: Diagnostic[];
  /** Counts of the current pack, for the summary (zero when it could not be read). */
  readonly roles: number;
  readonly contracts: number;
  readonly changes: RegistryChanges | undefined;
  /** The current pack's registry view and plain value, when it could be read. */
  readonly pack?: { readonly model: PackModel; readonly value: unknown };
  /** Problems with the published texts; reported as warnings, they never hide current findings. */
  readonly baselineWarnings: string[];
}

export function checkPack(input: PackCheckInput): PackCheckResult {
  const findings: Finding[] = [];
  const { registry, warnings } = readPublished(input.published);
  if (input.deleted) {
    const current: PackModel = { source: input.current, rolesOffset: 0, roles: [], contracts: [] };
    for (const rule of REGISTRY_RULES) findings.push(...rule.check({ current, published: registry }));
    return { diagnostics: sorted(findings, input.current), roles: 0, contracts: 0, changes: undefined, baselineWarnings: warnings };
  }
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
    return { diagnostics: sorted(findings, input.current), roles: 0, contracts: 0, changes: undefined, baselineWarnings: warnings };
  }
  const value = nodeValue(doc.root!);
  findings.push(...schemaFindings(doc, value));
  const current = readPackModel(doc);
  for (const rule of REGISTRY_RULES) findings.push(...rule.check({ current, published: registry }));
  return {
    diagnostics: sorted(findings, input.current),
    roles: current.roles.length,
    contracts: current.contracts.length,
    changes: registryChanges(current, registry),
    pack: { model: current, value },
    baselineWarnings: warnings,
  };
}

/** Reads each distinct published text once and folds the versions into one registry. */
function readPublished(published: readonly PublishedText[]): { registry: PublishedRegistry | undefined; warnings: string[] } {
  if (published.length === 0) return { registry: undefined, warnings: [] };
  const warnings: string[] = [];
  const packs = new Map<SourceText, PublishedPack | undefined>();
  const versions: PackVersion[] = [];
  for (const { commit, source } of published) {
    if (source === undefined) {
      versions.push({ commit, pack: undefined });
      continue;
    }
    if (!packs.has(source)) packs.set(source, readPublishedPack(source, warnings));
    const pack = packs.get(source);
    // An unreadable version is skipped, not taken as a deletion of everything in it.
    if (pack !== undefined) versions.push({ commit, pack });
  }
  return { registry: versions.length === 0 ? undefined : registryFromHistory(versions), warnings };
}

function sorted(findings: Finding[], source: SourceText): Diagnostic[] {
  return findings.map((finding) => locate(finding, source)).sort(compareDiagnostics);
}
