/**
 * The fast path's first half: reads a pack that is probably clean without positions and without
 * arktype — `JSON.parse` (JSONC's comments blanked out first), the nesting limit, a quick I-JSON test and the schema check generated
 * from the arktype schema — and builds its model. Any doubt answers undefined, and the positioned
 * pipeline (positioned-check.ts) takes over to explain.
 *
 * @example
 * ```ts
 * const prepared = prepareCurrent(new SourceText("pack.json", text));
 * prepared?.model.roles.length; // 36, or undefined when something needs explaining
 * ```
 */
import stripJsonComments from "strip-json-comments";
import { isCertainlyIJson } from "../json/i-json-quick-check.ts";
import { MAX_NESTING, nestsDeeperThan } from "../json/nesting.ts";
import type { SourceText } from "../json/source-text.ts";
import { CONTRACT_LISTS } from "../pack/format.ts";
import { matchesPackSchema } from "../pack/generated/pack-schema-check.ts";
import { type PackModel, readPackModelFromValue } from "../pack/model.ts";
import { parseByRoles, ROLE_TEXTS_MIN_LENGTH, type RoleTexts } from "../pack/role-texts.ts";

/** The current pack read on the fast path: its value and its model without positions. */
export interface PreparedCurrent {
  readonly model: PackModel;
  readonly value: unknown;
  /**
   * The text as `JSON.parse` read it: the source itself, or a JSONC source with its comments
   * blanked out — the same length and line breaks, so every offset in it is the source's too.
   */
  readonly strictText: string;
  /** A large pack read role by role (see role-texts.ts): its baseline shares the roles that did not change. */
  readonly byRoles?: RoleTexts;
}

/**
 * The fast path's first half, for the common case of a pack with nothing to report:
 * `JSON.parse`, a quick I-JSON test and the generated schema test, then the model without
 * positions. Needs no baseline, so the shell runs it while git is still reading the baseline.
 * Undefined when any test fails (or is unsure): checkPack then takes the positioned path,
 * which explains what is wrong. The second half — the rules on this model, the same rules on the
 * same content as the positioned path — is in check-pack.ts.
 */
export function prepareCurrent(source: SourceText, invalidUtf8At?: number): PreparedCurrent | undefined {
  if (invalidUtf8At !== undefined) return undefined;
  const strict = strictReadingOf(source);
  if (strict === undefined) return undefined;
  const { value, text: strictText, byRoles } = strict;
  // The nesting test before the I-JSON test: JSON.stringify takes seconds to give up on 100,000 levels.
  if (!matchesPackSchema(value) || !schemasWithinNesting(value) || !isCertainlyIJson(strictText, value)) return undefined;
  return { model: readPackModelFromValue(value, source), value, strictText, ...(byRoles !== undefined && { byRoles }) };
}

/**
 * `text` parsed by `JSON.parse`, or else with its comments blanked out when that makes it strict
 * JSON (JSONC with comments: the common case of a hand-kept pack); undefined otherwise — trailing
 * commas and syntax errors go to the positioned parser. Blanking keeps every offset and line.
 * Held to jsonc-parser on random texts: whatever this accepts, jsonc-parser accepts with the same
 * value (test/fast-path.test.ts).
 *
 * @example
 * ```ts
 * parseStrict('{"a": 1 // one\n}')?.text; // '{"a": 1       \n}'
 * parseStrict('{"a": 1,}');                // undefined (a trailing comma)
 * ```
 */
export function parseStrict(text: string): StrictReading | undefined {
  try {
    return parsedWhole(text);
  } catch {
    if (!text.includes("/")) return undefined; // no comment: a syntax error, or trailing commas
  }
  const blanked = stripJsonComments(text, { trailingCommas: false, whitespace: true });
  try {
    return parsedWhole(blanked);
  } catch {
    return undefined;
  }
}

const readings = new WeakMap<SourceText, StrictReading | null>();

/**
 * {@link parseStrict} of a source, read once however often asked: a pack only the schema refuses
 * is read by the fast path and again by the explaining path (positioned-check.ts `checkByRoles`),
 * and a large one takes 90 ms to parse. Remembered as long as the source lives; values are never
 * changed, so sharing them is safe.
 *
 * @example
 * ```ts
 * strictReadingOf(source) === strictReadingOf(source); // true: parsed once
 * ```
 */
export function strictReadingOf(source: SourceText): StrictReading | undefined {
  let reading = readings.get(source);
  if (reading === undefined) {
    reading = parseStrict(source.text) ?? null;
    readings.set(source, reading);
  }
  return reading ?? undefined;
}

/** What {@link parseStrict} makes of a text. */
export interface StrictReading {
  readonly value: unknown;
  /** The text `JSON.parse` read: the source, or a JSONC source with its comments blanked out. */
  readonly text: string;
  readonly byRoles?: RoleTexts;
}

/** `JSON.parse(text)` (throwing as it does); a large text role by role, so that its baseline can share the unchanged roles. */
function parsedWhole(text: string): StrictReading {
  const byRoles = text.length >= ROLE_TEXTS_MIN_LENGTH ? parseByRoles(text) : undefined;
  return byRoles === undefined ? { value: JSON.parse(text), text } : { value: byRoles.value, text, byRoles };
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
