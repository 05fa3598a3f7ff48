/**
 * The rule table for the README and `rolepack-check rules`, rendered from the catalog.
 *
 * @example
 * ```ts
 * console.log(renderRulesMarkdown());
 * ```
 */
import { RULE_CATALOG } from "../../rules/catalog.ts";
import { markdownCell } from "./markdown.ts";

/**
 * The catalog as a Markdown table: code, name, title, default severity, what it protects, how to fix.
 *
 * @example
 * ```ts
 * console.log(renderRulesMarkdown());
 * ```
 */
export function renderRulesMarkdown(): string {
  const rows = RULE_CATALOG.map(
    (rule) =>
      `| ${rule.code} | \`${rule.name}\` | ${markdownCell(rule.title)} | ${rule.defaultSeverity ?? "error"} | ${markdownCell(rule.description)} | ${markdownCell(rule.hint)} |`,
  );
  return ["| Code | Name | Title | Default | What it protects | How to fix |", "|---|---|---|---|---|---|", ...rows, ""].join("\n");
}
