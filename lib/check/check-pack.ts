/**
 * The functional core: checks one pack's text against what was published (one baseline text,
 * or every version in its history) and returns sorted diagnostics. No git, no files, no
 * process: values in, data out. A clean pack is settled on the fast path (fast-path.ts); anything
 * to report goes down the positioned pipeline (positioned-check.ts), loaded only then.
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
import type { SourceText } from "../json/source-text.ts";
import type { PackModel } from "../pack/model.ts";
import { type PublishedVersion, readPublished } from "../published/published-texts.ts";
import { REGISTRY_RULES } from "../rules/all-rules.ts";
import { locateAll } from "../rules/diagnostic.ts";
import { type PreparedCurrent, prepareCurrent } from "./fast-path.ts";
import { locatablePack } from "./lazy-positions.ts";
import { packResult, type PositionedResult } from "./pack-result.ts";
import { noChanges, type RegistryChanges, registryChanges } from "./registry-changes.ts";
import { expectSustainedWork } from "../jit-policy.ts";

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

export interface PackCheckResult extends PositionedResult {
  /** Problems with the published texts; reported as warnings, they never hide current findings. */
  readonly baselineWarnings: string[];
  /**
   * True when versions were published but none of them could be read: the append-only rules had
   * nothing to compare with. Never to be taken for a first publish — the caller must stop.
   */
  readonly publishedUnreadable: boolean;
}

export async function checkPack(input: PackCheckInput): Promise<PackCheckResult> {
  if (input.deleted) {
    const { registry, warnings } = readPublished(input.published);
    const current: PackModel = { source: input.current, rolesOffset: 0, packVersionOffset: 0, roles: [], contracts: [] };
    const findings = REGISTRY_RULES.flatMap((rule) => rule.check({ current, published: registry }));
    return {
      diagnostics: locateAll(findings, input.current),
      roles: 0,
      contracts: 0,
      changes: undefined,
      baselineWarnings: warnings,
      publishedUnreadable: unreadable(input, registry),
    };
  }
  const prepared = input.prepared ?? prepareCurrent(input.current, input.invalidUtf8At);
  if (prepared !== undefined && isUnchanged(input)) {
    // Byte-identical to its one published version: nothing was lost or changed, so the append-only
    // rules cannot fire and the registry need not be built — the most common run of a hook. The
    // pack rules still run: what was published is not known to be valid. A rule about what is new
    // has nothing to say (and would take everything as new without the registry).
    if (findsNothingOnItsOwn(prepared)) {
      return { ...cleanResult(prepared, noChanges()), baselineWarnings: [], publishedUnreadable: false };
    }
  }
  const { registry, warnings } = readPublished(input.published, prepared?.byRoles);
  if (prepared !== undefined) {
    const checked = { baselineWarnings: warnings, publishedUnreadable: unreadable(input, registry) };
    if (REGISTRY_RULES.every((rule) => rule.check({ current: prepared.model, published: registry }).length === 0)) {
      return { ...cleanResult(prepared, registryChanges(prepared.model, registry)), ...checked };
    }
    // A pack the fast path read (strict JSON, I-JSON, schema-valid) has nothing for the parser or
    // the schema to say: its findings are located role by role, without parsing it all again.
    return { ...packResult([], locatablePack(prepared.model, prepared.strictText), prepared.value, input.current, registry), ...checked };
  }
  // Something to report: the positioned pipeline (jsonc-parser; arktype if the schema is broken) is loaded only now.
  expectSustainedWork();
  const { checkByRoles, checkWithPositions } = await import("./positioned-check.ts");
  // Only the schema to explain: located role by role; anything else, with the whole text parsed with positions.
  const byRoles = input.invalidUtf8At === undefined ? await checkByRoles(input.current, registry) : undefined;
  return {
    ...(byRoles ?? (await checkWithPositions(input.current, input.invalidUtf8At, registry))),
    baselineWarnings: warnings,
    publishedUnreadable: unreadable(input, registry),
  };
}

const verdictsOnItsOwn = new WeakMap<PreparedCurrent, boolean>();

/**
 * Whether the rules find nothing in the pack on its own (what was published unknown; a rule about
 * what is new has nothing to say): all a pack byte-identical to its published version needs.
 * Remembered per prepared pack, so that a caller can ask while git is still reading the baseline
 * and an unchanged pack is settled the moment it arrives.
 *
 * @example
 * ```ts
 * const prepared = prepareCurrent(source);
 * if (prepared !== undefined) findsNothingOnItsOwn(prepared); // true for a valid pack
 * ```
 */
export function findsNothingOnItsOwn(prepared: PreparedCurrent): boolean {
  let verdict = verdictsOnItsOwn.get(prepared);
  if (verdict === undefined) {
    verdict = REGISTRY_RULES.every((rule) => rule.onlyNew === true || rule.check({ current: prepared.model, published: undefined }).length === 0);
    verdictsOnItsOwn.set(prepared, verdict);
  }
  return verdict;
}

function unreadable(input: PackCheckInput, registry: unknown): boolean {
  return input.published.length > 0 && registry === undefined;
}

function isUnchanged(input: PackCheckInput): boolean {
  const [only, ...more] = input.published;
  return only !== undefined && more.length === 0 && "source" in only && only.source?.text === input.current.text;
}

function cleanResult(prepared: PreparedCurrent, changes: RegistryChanges): PositionedResult {
  return {
    diagnostics: [],
    roles: prepared.model.roles.length,
    contracts: prepared.model.contracts.length,
    changes,
    pack: prepared,
  };
}

