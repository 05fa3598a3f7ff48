/**
 * The shape every registry rule has: a code from the catalog and a pure check.
 *
 * @example
 * ```ts
 * const rule: Rule = { code: "HSK-RR-004", check: ({ current }) => [] };
 * ```
 */
import type { Finding } from "../diagnostic.ts";
import type { PackModel } from "../pack-model.ts";
import type { RuleCode } from "./catalog.ts";

export interface RuleContext {
  readonly current: PackModel;
  /** The published pack to compare with; undefined on first publish or when no baseline exists. */
  readonly baseline: PackModel | undefined;
}

export interface Rule {
  readonly code: RuleCode;
  /** Pure: reads the context, returns findings located in the current pack. */
  check(context: RuleContext): Finding[];
}
