/**
 * The shape every registry rule has: a code from the catalog and a pure check.
 *
 * @example
 * ```ts
 * const rule: Rule = { code: "HSK-RR-004", check: ({ current, published }) => [] };
 * ```
 */
import type { Finding } from "./diagnostic.ts";
import type { PackModel } from "../pack/model.ts";
import type { PublishedRegistry } from "../published/registry.ts";
import type { RuleCode } from "./catalog.ts";

export interface RuleContext {
  readonly current: PackModel;
  /** What was published (the baseline, or its whole history); undefined on first publish or with no baseline. */
  readonly published: PublishedRegistry | undefined;
}

export interface Rule {
  readonly code: RuleCode;
  /**
   * True when the rule judges only what the pack adds to what was published (HSK-RR-018): it has
   * nothing to say about a pack identical to its published version, and with `published`
   * undefined it takes everything as new.
   */
  readonly onlyNew?: true;
  /** Pure: reads the context, returns findings located in the current pack. */
  check(context: RuleContext): Finding[];
}
