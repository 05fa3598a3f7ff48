/**
 * The configuration file, `rolepack-check.jsonc`, defined once with arktype: the JSON Schema for
 * editors (assets/rolepack-check.schema.json) and the fast check (generated/) derive from it.
 *
 * @example
 * ```ts
 * import { type } from "arktype";
 * const result = RolepackCheckConfig({ base: "develop", history: true });
 * if (result instanceof type.errors) console.log(result.summary);
 * ```
 */
import { type } from "arktype";
import { RULE_CATALOG } from "../rules/catalog.ts";
import { UNLOWERABLE_RULES } from "./unlowerable.ts";
import { WAIVABLE_RULES } from "./waivers.ts";

/** What a rule's findings count as: an error fails the run, a warning is shown, off is not reported. */
export const RuleLevel = type("'error' | 'warning' | 'off'");

/** The append-only rules and HSK-RR-011 are errors whatever a configuration says: the schema admits only "error" for them. */
const RULES_SHAPE = {
  "+": "reject",
  ...Object.fromEntries(RULE_CATALOG.map(({ code }) => [`${code}?`, UNLOWERABLE_RULES.includes(code) ? type("'error'") : RuleLevel])),
} as const;

/**
 * An explicit, reviewed exception: which finding (`code` and `subject` — a role_id, contract_id or
 * alias; `hash`, the got_hash, for a changed surface), when, why and by whom. What JSON Schema
 * cannot say (ids unique, a hash exactly where a surface changed, a real date) is in waivers.ts.
 */
const WAIVER_SHAPE = {
  "+": "reject",
  id: "string > 0",
  date: type(/^\d{4}-\d{2}-\d{2}$/).describe("a date written YYYY-MM-DD"),
  code: type.enumerated(...WAIVABLE_RULES),
  subject: "string > 0",
  justification: "string > 0",
  "approved_by?": "string > 0",
  "hash?": type(/^[0-9a-f]{64}$/).describe("a contract hash: 64 lowercase hex digits"),
} as const;

export const Waiver = type(WAIVER_SHAPE);

/** `"+": "reject"` makes unknown keys errors: a misspelt `histroy` must not be ignored. */
const CONFIG_SHAPE = {
  "+": "reject",
  "$schema?": "string",
  "packs?": type("string > 0").array().atLeastLength(1),
  "base?": "string > 0",
  "history?": "boolean",
  "require_baseline?": "boolean",
  "rules?": type(RULES_SHAPE),
  "waivers?": Waiver.array(),
} as const;

export const RolepackCheckConfig = type(CONFIG_SHAPE);

/** The keys the configuration declares, for "did you mean" hints. */
export const CONFIG_KEYS: readonly string[] = keysOf(CONFIG_SHAPE);

/** The keys a waiver declares, for "did you mean" hints. */
export const WAIVER_KEYS: readonly string[] = keysOf(WAIVER_SHAPE);

function keysOf(shape: object): string[] {
  return Object.keys(shape)
    .filter((key) => key !== "+")
    .map((key) => key.replace(/\?$/, ""));
}
