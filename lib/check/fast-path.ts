/**
 * The fast path's first half: reads a pack that is probably clean without positions and without
 * arktype — `JSON.parse`, the nesting limit, a quick I-JSON test and the schema check generated
 * from the arktype schema — and builds its model. Any doubt answers undefined, and the positioned
 * pipeline (positioned-check.ts) takes over to explain.
 *
 * @example
 * ```ts
 * const prepared = prepareCurrent(new SourceText("pack.json", text));
 * prepared?.model.roles.length; // 36, or undefined when something needs explaining
 * ```
 */
import { isCertainlyIJson } from "../json/i-json-quick-check.ts";
import { MAX_NESTING, nestsDeeperThan } from "../json/nesting.ts";
import type { SourceText } from "../json/source-text.ts";
import { CONTRACT_LISTS } from "../pack/format.ts";
import { matchesPackSchema } from "../pack/generated/pack-schema-check.ts";
import { type PackModel, readPackModelFromValue } from "../pack/model.ts";

/** The current pack read on the fast path: its value and its model without positions. */
export interface PreparedCurrent {
  readonly model: PackModel;
  readonly value: unknown;
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
