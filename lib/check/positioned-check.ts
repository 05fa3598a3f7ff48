/**
 * The positioned pipeline, for a pack with something to report: the JSONC parser with offsets,
 * I-JSON findings, the arktype schema's explanations and the rules on a model with exact
 * offsets, so that every diagnostic carries `file:line:col`. Loaded on demand by check-pack.ts.
 *
 * @example
 * ```ts
 * const { diagnostics } = checkWithPositions(new SourceText("pack.json", text), undefined, registry);
 * ```
 */
import { nodeValue, parseJsonDocument } from "../json/json-document.ts";
import type { SourceText } from "../json/source-text.ts";
import { readPackModel } from "../pack/model-from-document.ts";
import type { PublishedRegistry } from "../published/registry.ts";
import { type Finding, locateAll, notIJson } from "../rules/diagnostic.ts";
import { matchesPackSchema } from "../pack/generated/pack-schema-check.ts";
import { packResult, type PositionedResult } from "./pack-result.ts";
import { strictReadingOf } from "./fast-path.ts";
import { locatablePackWithNodes } from "./lazy-positions.ts";
import { isCertainlyIJson } from "../json/i-json-quick-check.ts";
import { isJsonObject } from "../json/json-object.ts";
import { MAX_NESTING, nestsDeeperThan } from "../json/nesting.ts";
import { readPackModelFromValue } from "../pack/model.ts";


/**
 * A pack that only the schema refuses — strict JSON (JSONC's comments blanked out), certainly
 * I-JSON, within the nesting limit, every role an object — explained without parsing it all with
 * positions: the schema's problems and the rules' findings are located role by role (lazy-positions.ts),
 * as the fast path locates a schema-valid pack's. A misspelt key in one role of a large pack then
 * costs a parse of that role, not of the whole text. Undefined for anything else: the full
 * pipeline ({@link checkWithPositions}) explains it. A test holds the two to the same diagnostics.
 */
export async function checkByRoles(current: SourceText, registry: PublishedRegistry | undefined): Promise<PositionedResult | undefined> {
  const strict = strictReadingOf(current);
  if (strict === undefined) return undefined;
  const { value, text } = strict;
  const roles = isJsonObject(value) ? value.roles : undefined;
  if (!Array.isArray(roles) || !roles.every(isJsonObject)) return undefined;
  // The nesting test first: JSON.stringify (in the I-JSON test) takes seconds to give up on 100,000 levels.
  if (nestsDeeperThan(value, MAX_NESTING) || !isCertainlyIJson(text, value)) return undefined;
  const { model, locate } = locatablePackWithNodes(readPackModelFromValue(value, current), text);
  const { schemaFindings } = await import("../rules/schema-findings.ts");
  return packResult(schemaFindings(locate, value), model, value, current, registry);
}

/**
 * The full pipeline with source positions; arktype is loaded here, and only here, to explain
 * schema errors — and only when the check generated from the same schema says there are some: a
 * pack that breaks a registry rule but not the schema (a removed role, a drift, a JSONC pack) is
 * explained without it. `invalidUtf8At` is the text offset of the first invalid UTF-8 byte, if any.
 */
export async function checkWithPositions(
  current: SourceText,
  invalidUtf8At: number | undefined,
  registry: PublishedRegistry | undefined,
): Promise<PositionedResult> {
  const findings: Finding[] = [];
  if (invalidUtf8At !== undefined) {
    findings.push({
      code: "HSK-RR-011",
      offset: invalidUtf8At,
      message: "the file is not valid UTF-8",
      advice: "Save the file as UTF-8.",
    });
  }
  const doc = parseJsonDocument(current);
  findings.push(...doc.problems.map(notIJson));
  // A text that is not well-formed has no trustworthy tree: comparing a best-effort guess
  // would report roles as removed that are merely unreadable.
  if (doc.malformed || invalidUtf8At !== undefined) {
    return { diagnostics: locateAll(findings, current), roles: 0, contracts: 0, changes: undefined };
  }
  const value = nodeValue(doc.root!);
  if (!matchesPackSchema(value)) {
    const { documentLocator, schemaFindings } = await import("../rules/schema-findings.ts");
    findings.push(...schemaFindings(documentLocator(doc), value));
  }
  return packResult(findings, readPackModel(doc), value, current, registry);
}
