/**
 * What a check makes of the current pack, put together the same way on every path: the findings
 * found before the rules (the parser's, the schema's), then every registry rule's on the pack's
 * model, each located in the source — whether the model's offsets are exact (the positioned
 * pipeline) or worked out role by role when asked (lazy-positions.ts).
 *
 * @example
 * ```ts
 * const result = packResult([], model, value, source, registry);
 * result.diagnostics; // sorted, with file:line:col
 * ```
 */
import type { SourceText } from "../json/source-text.ts";
import type { PackModel } from "../pack/model.ts";
import type { PublishedRegistry } from "../published/registry.ts";
import { REGISTRY_RULES } from "../rules/all-rules.ts";
import { type Diagnostic, type Finding, locateAll } from "../rules/diagnostic.ts";
import { type RegistryChanges, registryChanges } from "./registry-changes.ts";

/** What the checker makes of the current pack. */
export interface PositionedResult {
  readonly diagnostics: Diagnostic[];
  /** Counts of the current pack (zero when it could not be read). */
  readonly roles: number;
  readonly contracts: number;
  readonly changes: RegistryChanges | undefined;
  /** The current pack's registry view and plain value, when it could be read. */
  readonly pack?: { readonly model: PackModel; readonly value: unknown };
}

/** `findings` and the registry rules' findings on `model`, located in `source`, with the pack's counts and changes. */
export function packResult(findings: readonly Finding[], model: PackModel, value: unknown, source: SourceText, registry: PublishedRegistry | undefined): PositionedResult {
  const all = [...findings, ...REGISTRY_RULES.flatMap((rule) => rule.check({ current: model, published: registry }))];
  return {
    diagnostics: locateAll(all, source),
    roles: model.roles.length,
    contracts: model.contracts.length,
    changes: registryChanges(model, registry),
    pack: { model, value },
  };
}
