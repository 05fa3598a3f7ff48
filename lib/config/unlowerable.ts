/**
 * The rules a configuration cannot lower. The append-only rules (HSK-RR-001, 002, 003, 013) protect
 * what was published; HSK-RR-011 (not parseable, not I-JSON) guards the reading they depend on — a
 * pack that cannot be read is not compared, so lowering it would let a destroyed pack pass. Kept
 * apart from schema.ts so that the fast path can read it without loading arktype.
 *
 * @example
 * ```ts
 * UNLOWERABLE_RULES.includes("HSK-RR-003"); // true
 * whyUnlowerable("HSK-RR-011"); // "a pack that cannot be read is not compared with what was published"
 * ```
 */
import { RULE_CATALOG, type RuleCode } from "../rules/catalog.ts";

export const UNLOWERABLE_RULES: readonly RuleCode[] = RULE_CATALOG.filter((rule) => rule.stage === "append-only" || rule.stage === "parse").map(
  (rule) => rule.code,
);

/** Why a rule cannot be lowered, for messages. */
export function whyUnlowerable(code: RuleCode): string {
  return RULE_CATALOG.find((rule) => rule.code === code)?.stage === "parse"
    ? "a pack that cannot be read is not compared with what was published, so it must fail"
    : "the append-only rules protect what was published";
}
