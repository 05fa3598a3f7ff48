/**
 * The rules a configuration cannot lower: the append-only rules (HSK-RR-001, 002, 003, 013)
 * protect what was published and are always errors. Kept apart from schema.ts so that the fast
 * path can read it without loading arktype.
 *
 * @example
 * ```ts
 * UNLOWERABLE_RULES.includes("HSK-RR-003"); // true
 * ```
 */
import { RULE_CATALOG, type RuleCode } from "../rules/catalog.ts";

export const UNLOWERABLE_RULES: readonly RuleCode[] = RULE_CATALOG.filter((rule) => rule.stage === "append-only").map((rule) => rule.code);
