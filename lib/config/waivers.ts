/**
 * Waivers: explicit, auditable exceptions recorded in `rolepack-check.jsonc` — a team that must
 * break the registry on purpose (a legal takedown) says which finding, when, why and who approved
 * it. A waived finding is still reported, marked, and does not fail the run. Each waiver covers
 * exactly what it names: a finding of its `code` whose role_id, contract_id or alias is its
 * `subject` and, for a changed surface (HSK-RR-003), whose got_hash is its `hash` — so a second
 * change of the same contract is not covered. A waiver that matches nothing is stale.
 *
 * Kept free of arktype and jsonc-parser: the fast path reads it.
 *
 * @example
 * ```ts
 * const { diagnostics, unused } = applyWaivers(found, config.waivers ?? []);
 * diagnostics.filter(isFailing); // what still fails the run
 * unused; // stale waivers, to be warned about
 * ```
 */
import { RULE_CATALOG, type RuleCode } from "../rules/catalog.ts";
import type { Diagnostic } from "../rules/diagnostic.ts";

/**
 * One waiver as configured.
 *
 * @example
 * ```ts
 * const waiver: WaiverEntry = { id: "W-1", date: "2026-11-20", code: "HSK-RR-001", subject: "stunt_double", justification: "Legal takedown (LEGAL-42)" };
 * ```
 */
export interface WaiverEntry {
  readonly id: string;
  readonly date: string;
  readonly code: RuleCode;
  readonly subject: string;
  readonly justification: string;
  readonly approved_by?: string;
  readonly hash?: string;
}

/** The codes a waiver may name: not HSK-RR-010 and 011 — a pack that is not a valid pack is never accepted. */
export const WAIVABLE_RULES: readonly RuleCode[] = RULE_CATALOG.filter((rule) => rule.stage !== "parse" && rule.stage !== "schema").map((rule) => rule.code);

/** The codes whose findings carry a got_hash: a waiver of them must name it. */
const CHANGED_SURFACE: readonly RuleCode[] = ["HSK-RR-003"];

/**
 * Why a waiver cannot be waived, for the configuration's messages.
 *
 * @example
 * ```ts
 * whyUnwaivable("HSK-RR-011"); // "a pack that cannot be read, or is not a valid pack, is never accepted"
 * ```
 */
export function whyUnwaivable(code: string): string | undefined {
  return RULE_CATALOG.some((rule) => rule.code === code) && !WAIVABLE_RULES.includes(code as RuleCode)
    ? "a pack that cannot be read, or is not a valid pack, is never accepted"
    : undefined;
}

/**
 * What is wrong with waivers that their schema accepts: a repeated id, a changed surface waived
 * without its hash, a hash where no finding has one, a date that does not exist. Each problem with
 * the path of the value it is about.
 *
 * @example
 * ```ts
 * waiverProblems([{ id: "W-1", date: "2026-02-30", code: "HSK-RR-003", subject: "ROLE:a:X:1", justification: "…" }]);
 * // [{ path: [0, "date"], message: … }, { path: [0], message: … }]
 * ```
 */
export function waiverProblems(waivers: readonly WaiverEntry[]): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const seen = new Map<string, number>();
  for (const [index, waiver] of waivers.entries()) {
    const first = seen.get(waiver.id);
    if (first !== undefined) problems.push({ path: [index, "id"], message: `waiver id ${JSON.stringify(waiver.id)} is already used by waivers[${first}]; each waiver has its own id` });
    else seen.set(waiver.id, index);
    const [year, month, day] = waiver.date.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
      problems.push({ path: [index, "date"], message: `${JSON.stringify(waiver.date)} is not a date` });
    }
    if (CHANGED_SURFACE.includes(waiver.code) && waiver.hash === undefined) {
      problems.push({
        path: [index],
        message: `a waiver of ${waiver.code} needs "hash": the got_hash of the change it accepts, so that it covers that change and no other`,
      });
    }
    if (!CHANGED_SURFACE.includes(waiver.code) && waiver.hash !== undefined) {
      problems.push({ path: [index, "hash"], message: `"hash" applies only to ${CHANGED_SURFACE.join(", ")}: ${waiver.code} findings carry no hash` });
    }
  }
  return problems;
}

/**
 * The diagnostics with the waivers that accept them, and the waivers that accepted none.
 *
 * @example
 * ```ts
 * applyWaivers(diagnostics, waivers).diagnostics[0]?.waiver; // { id: "W-1", justification: "…" }
 * ```
 */
export function applyWaivers<D extends Diagnostic>(diagnostics: readonly D[], waivers: readonly WaiverEntry[]): { diagnostics: D[]; used: Set<string> } {
  const used = new Set<string>();
  if (waivers.length === 0) return { diagnostics: [...diagnostics], used };
  const result = diagnostics.map((diagnostic) => {
    const waiver = waivers.find((candidate) => covers(candidate, diagnostic));
    if (waiver === undefined) return diagnostic;
    used.add(waiver.id);
    return { ...diagnostic, waiver: { id: waiver.id, justification: waiver.justification } };
  });
  return { diagnostics: result, used };
}

function covers(waiver: WaiverEntry, diagnostic: Diagnostic): boolean {
  if (waiver.code !== diagnostic.code || !WAIVABLE_RULES.includes(diagnostic.code)) return false;
  const subjects = [diagnostic.role_id, diagnostic.contract_id, diagnostic.alias];
  if (!subjects.includes(waiver.subject)) return false;
  return waiver.hash === undefined ? !CHANGED_SURFACE.includes(diagnostic.code) : waiver.hash === diagnostic.got_hash;
}
