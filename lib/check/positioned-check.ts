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
import type { PackModel } from "../pack/model.ts";
import type { PublishedRegistry } from "../published/registry.ts";
import { REGISTRY_RULES } from "../rules/all-rules.ts";
import { type Diagnostic, type Finding, locateAll, notIJson } from "../rules/diagnostic.ts";
import { matchesPackSchema } from "../pack/generated/pack-schema-check.ts";
import { type RegistryChanges, registryChanges } from "./registry-changes.ts";

/** What the positioned pipeline makes of the current pack. */
export interface PositionedResult {
  readonly diagnostics: Diagnostic[];
  /** Counts of the current pack (zero when it could not be read). */
  readonly roles: number;
  readonly contracts: number;
  readonly changes: RegistryChanges | undefined;
  /** The current pack's registry view and plain value, when it could be read. */
  readonly pack?: { readonly model: PackModel; readonly value: unknown };
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
    const { schemaFindings } = await import("../rules/schema-findings.ts");
    findings.push(...schemaFindings(doc, value));
  }
  const model = readPackModel(doc);
  for (const rule of REGISTRY_RULES) findings.push(...rule.check({ current: model, published: registry }));
  return {
    diagnostics: locateAll(findings, current),
    roles: model.roles.length,
    contracts: model.contracts.length,
    changes: registryChanges(model, registry),
    pack: { model, value },
  };
}
