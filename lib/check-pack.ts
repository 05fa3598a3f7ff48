/**
 * The functional core: checks one pack's text against what was published (one baseline text,
 * or every version in its history) and returns sorted diagnostics. No git, no files, no
 * process: values in, data out.
 *
 * @example
 * ```ts
 * const result = await checkPack({
 *   current: new SourceText("assets/pack.json", currentText),
 *   published: [{ commit: "", source: new SourceText("main:assets/pack.json", publishedText) }],
 * });
 * result.diagnostics; // [] when the pack keeps every published promise
 * ```
 */
import { compareDiagnostics, type Diagnostic, type Finding, locate } from "./diagnostic.ts";
import { nodeValue, parseJsonDocument } from "./json-document.ts";
import { isCertainlyIJson } from "./i-json-quick-check.ts";
import { type PackModel, readPackModel, readPackModelFromValue } from "./pack-model.ts";
import { type PublishedPack, readPublishedPack } from "./published-pack.ts";
import { type PackVersion, type PublishedRegistry, registryFromHistory } from "./published-registry.ts";
import { type RegistryChanges, registryChanges } from "./registry-changes.ts";
import { REGISTRY_RULES } from "./rules/index.ts";
import { matchesPackSchema } from "./schema-fast-check.ts";
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

export async function checkPack(input: PackCheckInput): Promise<PackCheckResult> {
  const { registry, warnings } = readPublished(input.published);
  if (input.deleted) {
    const current: PackModel = { source: input.current, rolesOffset: 0, roles: [], contracts: [] };
    const findings = REGISTRY_RULES.flatMap((rule) => rule.check({ current, published: registry }));
    return { diagnostics: sorted(findings, input.current), roles: 0, contracts: 0, changes: undefined, baselineWarnings: warnings };
  }
  const clean = input.invalidUtf8At === undefined ? cleanOnFastPath(input.current, registry) : undefined;
  if (clean !== undefined) {
    return {
      diagnostics: [],
      roles: clean.model.roles.length,
      contracts: clean.model.contracts.length,
      changes: registryChanges(clean.model, registry),
      pack: clean,
      baselineWarnings: warnings,
    };
  }
  return { ...(await checkWithPositions(input, registry)), baselineWarnings: warnings };
}

/**
 * The fast path, for the common case of a pack with nothing to report: `JSON.parse`, a quick
 * I-JSON test, the generated schema test and the rules on a model without positions. Returns
 * the model only when all of them pass — the same rules on the same content, so "clean here"
 * is "clean there"; anything else goes to {@link checkWithPositions}, which explains it.
 */
function cleanOnFastPath(source: SourceText, registry: PublishedRegistry | undefined): { model: PackModel; value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(source.text);
  } catch {
    return undefined; // JSONC or a syntax error: the positioned parser handles both
  }
  if (!isCertainlyIJson(source.text, value) || !matchesPackSchema(value)) return undefined;
  const model = readPackModelFromValue(value, source);
  for (const rule of REGISTRY_RULES) if (rule.check({ current: model, published: registry }).length > 0) return undefined;
  return { model, value };
}

/** The full pipeline with source positions; arktype is loaded here, and only here, to explain schema errors. */
async function checkWithPositions(
  input: PackCheckInput,
  registry: PublishedRegistry | undefined,
): Promise<Omit<PackCheckResult, "baselineWarnings">> {
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
    return { diagnostics: sorted(findings, input.current), roles: 0, contracts: 0, changes: undefined };
  }
  const value = nodeValue(doc.root!);
  const { schemaFindings } = await import("./schema-findings.ts");
  findings.push(...schemaFindings(doc, value));
  const current = readPackModel(doc);
  for (const rule of REGISTRY_RULES) findings.push(...rule.check({ current, published: registry }));
  return {
    diagnostics: sorted(findings, input.current),
    roles: current.roles.length,
    contracts: current.contracts.length,
    changes: registryChanges(current, registry),
    pack: { model: current, value },
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
