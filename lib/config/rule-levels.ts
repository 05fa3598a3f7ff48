/**
 * A configuration's `rules` applied to diagnostics: "warning" lowers a finding to a warning (shown,
 * not failing the run), "error" raises a rule that warns by default (HSK-RR-017), "off" leaves it out.
 * A rule the configuration does not name keeps its catalog severity. The append-only rules and HSK-RR-011 cannot be lowered
 * (the schema admits only "error" for them), and are left as they are here too.
 *
 * @example
 * ```ts
 * applyRuleLevels(diagnostics, { "HSK-RR-012": "warning" }); // alias collisions no longer fail the run
 * ```
 */
import type { Diagnostic } from "../rules/diagnostic.ts";
import type { Config } from "./config.ts";
import { UNLOWERABLE_RULES } from "./unlowerable.ts";

export function applyRuleLevels<D extends Diagnostic>(diagnostics: readonly D[], rules: Config["rules"]): D[] {
  if (rules === undefined) return [...diagnostics];
  const result: D[] = [];
  for (const diagnostic of diagnostics) {
    const level = UNLOWERABLE_RULES.includes(diagnostic.code) ? "error" : (rules[diagnostic.code] ?? diagnostic.severity);
    if (level === "off") continue;
    result.push(level === diagnostic.severity ? diagnostic : { ...diagnostic, severity: level });
  }
  return result;
}
