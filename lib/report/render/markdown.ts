/**
 * Text put into Markdown as it is meant: `<version>` or `a & b` in a message must not be read as
 * HTML (a renderer would drop `<version>` as an unknown tag), and a file name with a backtick must
 * not end its code span early. Code spans inside a message (`` `rolepack-check fix` ``) are kept
 * as they are: inside them an entity would show literally.
 *
 * @example
 * ```ts
 * markdownText("restore <version> (`rolepack-check fix` does this)"); // "restore &lt;version&gt; (`rolepack-check fix` does this)"
 * markdownCode("a`b.json");                                          // "`` a`b.json ``"
 * markdownCell("ROLE:<role_id>:<X|C>");                             // "ROLE:&lt;role_id&gt;:&lt;X\\|C&gt;"
 * ```
 */

/** `text` with `&`, `<` and `>` as entities outside its single-backtick code spans. */
export function markdownText(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")))
    .join("");
}

/** `text` as one code span: fenced by more backticks than any run inside it (CommonMark), padded where it touches one. */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** `text` in a table cell: as {@link markdownText}, and `|` escaped, which would end the cell. */
export function markdownCell(text: string): string {
  return markdownText(text).replaceAll("|", "\\|");
}
