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
import { compareDiagnostics, type Diagnostic, type Finding, locate } from "../rules/diagnostic.ts";
import { isCertainlyIJson } from "../json/i-json-quick-check.ts";
import { type PackModel, readPackModelFromValue } from "../pack/pack-model.ts";
import { readPublishedPack } from "../published/published-version.ts";
import { type PackVersion, type PublishedRegistry, registryFromHistory } from "../published/registry.ts";
import { noChanges, type RegistryChanges, registryChanges } from "./registry-changes.ts";
import { REGISTRY_RULES } from "../rules/all-rules.ts";
import { matchesPackSchema } from "../pack/generated/pack-schema-check.ts";
import { SourceText } from "../json/source-text.ts";
import { MAX_NESTING, nestsDeeperThan } from "../json/nesting.ts";
import { CONTRACT_LISTS } from "../pack/format.ts";

/** One published version: its text (undefined where the file was deleted) and the commit it came from. */
export interface PublishedText {
  readonly commit: string;
  readonly source: SourceText | undefined;
}

/** A published version as text, or already read (a history is read as it streams in, see published-history.ts). */
export type PublishedVersion = PublishedText | PackVersion;

export interface PackCheckInput {
  /** The pack as it will be published; its text is ignored when `deleted`. */
  readonly current: SourceText;
  /** True when the pack is being deleted (e.g. staged for deletion): every published entry is lost. */
  readonly deleted?: boolean;
  /** What was published, oldest first; empty on first publish or when no baseline exists. */
  readonly published: readonly PublishedVersion[];
  /** Text offset of the first invalid UTF-8 byte of the current file, if any. */
  readonly invalidUtf8At?: number;
  /** {@link prepareCurrent} of `current`, when the caller already ran it (undefined: run it here). */
  readonly prepared?: PreparedCurrent;
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
  if (input.deleted) {
    const { registry, warnings } = readPublished(input.published);
    const current: PackModel = { source: input.current, rolesOffset: 0, roles: [], contracts: [] };
    const findings = REGISTRY_RULES.flatMap((rule) => rule.check({ current, published: registry }));
    return { diagnostics: sorted(findings, input.current), roles: 0, contracts: 0, changes: undefined, baselineWarnings: warnings };
  }
  const prepared = input.prepared ?? prepareCurrent(input.current, input.invalidUtf8At);
  if (prepared !== undefined && isUnchanged(input)) {
    // Byte-identical to its one published version: nothing was lost or changed, so the append-only
    // rules cannot fire and the registry need not be built — the most common run of a hook. The
    // pack rules still run: what was published is not known to be valid.
    if (REGISTRY_RULES.every((rule) => rule.check({ current: prepared.model, published: undefined }).length === 0)) {
      return { ...cleanResult(prepared, noChanges()), baselineWarnings: [] };
    }
  }
  const { registry, warnings } = readPublished(input.published);
  if (prepared !== undefined && REGISTRY_RULES.every((rule) => rule.check({ current: prepared.model, published: registry }).length === 0)) {
    return { ...cleanResult(prepared, registryChanges(prepared.model, registry)), baselineWarnings: warnings };
  }
  // Something to report: the positioned pipeline (jsonc-parser, arktype) is loaded only now.
  const { checkWithPositions } = await import("./positioned-check.ts");
  return { ...checkWithPositions(input, registry), baselineWarnings: warnings };
}

function isUnchanged(input: PackCheckInput): boolean {
  const [only, ...more] = input.published;
  return only !== undefined && more.length === 0 && "source" in only && only.source?.text === input.current.text;
}

function cleanResult(prepared: PreparedCurrent, changes: RegistryChanges): Omit<PackCheckResult, "baselineWarnings"> {
  return {
    diagnostics: [],
    roles: prepared.model.roles.length,
    contracts: prepared.model.contracts.length,
    changes,
    pack: prepared,
  };
}

/** The current pack read on the fast path: its value and its model without positions. */
export interface PreparedCurrent {
  readonly model: PackModel;
  readonly value: unknown;
}

/**
 * The fast path's first half, for the common case of a pack with nothing to report:
 * `JSON.parse`, a quick I-JSON test and the generated schema test, then the model without
 * positions. Needs no baseline, so the shell runs it while git is still reading the baseline.
 * Undefined when any test fails (or is unsure): {@link checkPack} then takes the positioned path,
 * which explains what is wrong. The second half — the rules on this model, the same rules on the
 * same content as the positioned path — is in {@link checkPack}.
 */
export function prepareCurrent(source: SourceText, invalidUtf8At?: number): PreparedCurrent | undefined {
  if (invalidUtf8At !== undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(source.text);
  } catch {
    return undefined; // JSONC or a syntax error: the positioned parser handles both
  }
  // The nesting test before the I-JSON test: JSON.stringify takes seconds to give up on 100,000 levels.
  if (!matchesPackSchema(value) || !schemasWithinNesting(value) || !isCertainlyIJson(source.text, value)) return undefined;
  return { model: readPackModelFromValue(value, source), value };
}

/**
 * Whether every schema_json stays within the nesting limit. Only schemas can nest deeply in a
 * pack that passed the schema test; each sits at level 6 (pack, roles, role, list, contract).
 */
function schemasWithinNesting(pack: unknown): boolean {
  for (const role of (pack as { roles: Record<string, unknown>[] }).roles) {
    for (const { field } of CONTRACT_LISTS) {
      for (const contract of role[field] as { schema_json: unknown }[]) {
        if (nestsDeeperThan(contract.schema_json, MAX_NESTING - 5)) return false;
      }
    }
  }
  return true;
}

/**
 * Folds the published versions into one registry. Each version is read as the fold reaches it and
 * left to the garbage collector after: a long history does not fit in memory all at once.
 */
function readPublished(published: readonly PublishedVersion[]): { registry: PublishedRegistry | undefined; warnings: string[] } {
  if (published.length === 0) return { registry: undefined, warnings: [] };
  const warnings: string[] = [];
  let readable = 0;
  function* versions(): Generator<PackVersion> {
    for (const version of published) {
      if ("pack" in version) {
        if (version.pack !== undefined) readable++;
        yield version;
        continue;
      }
      const { commit, source } = version;
      if (source === undefined) {
        yield { commit, pack: undefined };
        continue;
      }
      const pack = readPublishedPack(source, warnings);
      // An unreadable version is skipped, not taken as a deletion of everything in it.
      if (pack === undefined) continue;
      readable++;
      yield { commit, pack };
    }
  }
  const registry = registryFromHistory(versions());
  return { registry: readable === 0 ? undefined : registry, warnings };
}

export function sorted(findings: Finding[], source: SourceText): Diagnostic[] {
  return findings.map((finding) => locate(finding, source)).sort(compareDiagnostics);
}
