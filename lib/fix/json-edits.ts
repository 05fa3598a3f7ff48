/**
 * Text edits of a JSON/JSONC document that leave everything they do not touch byte for byte as it
 * was: comments stay on their lines, the file's indentation, line endings and trailing-comma habit
 * are followed. jsonc-parser's `modify` was tried first: it re-formats the object it inserts into
 * and moves a trailing `// comment` onto the inserted line, so the edits are computed here from its
 * tree and applied with its `applyEdits`.
 *
 * @example
 * ```ts
 * const edits = new DocumentEdits(text, parseTree(text)!);
 * edits.append(roleNode, { key: "aliases", value: [] });
 * edits.replace(schemaNode, publishedSchema);
 * const fixed = edits.apply();
 * ```
 */
import { applyEdits, type Edit, type Node } from "jsonc-parser";

/** What to add to an object (`key` and `value`) or an array (`value`). */
export interface Addition {
  readonly key?: string;
  readonly value: unknown;
}

/** Edits collected against one text, applied at once (offsets are those of the original text). */
export class DocumentEdits {
  readonly #text: string;
  readonly #eol: string;
  readonly #unit: string;
  /** Whether the file writes lists of plain values on one line (`"modes": ["a", "b"]`), as the Handshake pack does. */
  readonly #inlineLists: boolean;
  readonly #appends = new Map<Node, Addition[]>();
  readonly #edits: Edit[] = [];

  /** Edits of `text`; the nodes given to the methods come from jsonc-parser's `parseTree(text)`. */
  constructor(text: string) {
    this.#text = text;
    this.#eol = text.includes("\r\n") ? "\r\n" : "\n";
    this.#unit = indentUnit(text);
    this.#inlineLists = /:\s*\[\s*("[^"\n]*"|-?\d[\d.eE+-]*|true|false|null)\s*(,|\])/.test(text);
  }

  /** Adds a property to an object node, or an item to an array node, after what it has. */
  append(container: Node, addition: Addition): void {
    const additions = this.#appends.get(container);
    if (additions === undefined) this.#appends.set(container, [addition]);
    else additions.push(addition);
  }

  /** Replaces a value node with `value`, written in the layout the node had (one line or indented). */
  replace(node: Node, value: unknown): void {
    const oneLine = !this.#text.slice(node.offset, node.offset + node.length).includes("\n");
    this.#edits.push({ offset: node.offset, length: node.length, content: oneLine ? inline(value) : this.#render(value, lineIndent(this.#text, node.offset)) });
  }

  /** Replaces the text of a node (a key, a value) with `content` as it is. */
  replaceText(node: Node, content: string): void {
    this.#edits.push({ offset: node.offset, length: node.length, content });
  }

  /** The text with every edit applied. */
  apply(): string {
    const edits = [...this.#edits];
    for (const [container, additions] of this.#appends) edits.push(...this.#appendEdits(container, additions));
    return applyEdits(this.#text, edits);
  }

  #appendEdits(container: Node, additions: readonly Addition[]): Edit[] {
    const text = this.#text;
    const open = container.offset;
    const close = container.offset + container.length - 1;
    const children = container.children ?? [];
    const oneLine = !text.slice(open, close + 1).includes("\n");
    const last = children[children.length - 1];
    // New items of a list are written as its last one is: on one line when it is (`{ "contract_id": …, … }`).
    const itemsOnOneLine = oneLine || (container.type === "array" && last !== undefined && !text.slice(last.offset, last.offset + last.length).includes("\n"));
    const entry = (addition: Addition, indent: string) =>
      `${addition.key === undefined ? "" : `${JSON.stringify(addition.key)}: `}${itemsOnOneLine ? inline(addition.value) : this.#render(addition.value, indent)}`;
    if (children.length === 0) {
      // `[]` on one line takes plain values inline (`["grader"]`); anything else opens it up.
      if (oneLine && additions.every(({ value }) => value === null || typeof value !== "object")) {
        return [{ offset: open + 1, length: close - open - 1, content: additions.map((addition) => entry(addition, "")).join(", ") }];
      }
      // An empty container has no item to follow: new items are written out.
      const outer = lineIndent(text, open);
      const inner = outer + this.#unit;
      const lines = additions.map(
        (addition) => `${this.#eol}${inner}${addition.key === undefined ? "" : `${JSON.stringify(addition.key)}: `}${this.#render(addition.value, inner)}`,
      );
      // Whitespace between the brackets gives way; a comment there stays, after the new items.
      return text.slice(open + 1, close).trim() === ""
        ? [{ offset: open + 1, length: close - open - 1, content: `${lines.join(",")}${this.#eol}${outer}` }]
        : [{ offset: open + 1, length: 0, content: `${lines.join(",")},` }];
    }
    const lastEnd = last!.offset + last!.length;
    const trailingComma = commaAfter(text, lastEnd, close);
    // After the last non-blank character before the closing bracket: a comment there stays on its line.
    let insertAt = close;
    while (insertAt > lastEnd && /\s/.test(text[insertAt - 1]!)) insertAt--;
    if (oneLine) {
      const content = additions.map((addition) => entry(addition, "")).join(", ");
      return trailingComma === undefined
        ? [{ offset: lastEnd, length: 0, content: `, ${content}` }]
        : [{ offset: insertAt, length: 0, content: ` ${content},` }];
    }
    const indent = lineIndent(text, last!.offset);
    const lines = additions.map((addition) => `${this.#eol}${indent}${entry(addition, indent)}`);
    if (trailingComma !== undefined) return [{ offset: insertAt, length: 0, content: lines.map((line) => `${line},`).join("") }];
    if (insertAt === lastEnd) return [{ offset: lastEnd, length: 0, content: `,${lines.join(",")}` }];
    return [
      { offset: lastEnd, length: 0, content: "," },
      { offset: insertAt, length: 0, content: lines.join(",") },
    ];
  }

  /**
   * `value` pretty-printed in the file's indentation, its lines after the first indented by
   * `indent`; lists of plain values on one line when the file writes them so.
   */
  #render(value: unknown, indent: string): string {
    if (value === null || typeof value !== "object") return JSON.stringify(value);
    const inner = indent + this.#unit;
    if (Array.isArray(value)) {
      if (value.length === 0) return "[]";
      if (this.#inlineLists && value.every((item) => item === null || typeof item !== "object")) return inline(value);
      return `[${value.map((item) => `${this.#eol}${inner}${this.#render(item, inner)}`).join(",")}${this.#eol}${indent}]`;
    }
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    return `{${entries.map(([key, item]) => `${this.#eol}${inner}${JSON.stringify(key)}: ${this.#render(item, inner)}`).join(",")}${this.#eol}${indent}}`;
  }
}

/** `value` on one line, spaced as people write it: `{ "type": "object", "required": ["a"] }`. */
function inline(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  const entries = Object.entries(value);
  return entries.length === 0 ? "{}" : `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${inline(item)}`).join(", ")} }`;
}

/** The leading whitespace of the line `offset` is on. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  let end = start;
  while (end < offset && (text[end] === " " || text[end] === "\t")) end++;
  return text.slice(start, end);
}

/** The file's indentation step: a tab, or the smallest indentation of a line (two spaces when none is). */
function indentUnit(text: string): string {
  let smallest: string | undefined;
  for (const match of text.matchAll(/\n([ \t]+)\S/g)) {
    const indent = match[1]!;
    if (indent.startsWith("\t")) return "\t";
    if (smallest === undefined || indent.length < smallest.length) smallest = indent;
  }
  return smallest ?? "  ";
}

/** The offset of a comma between `from` and `to` past whitespace and comments (a trailing comma), if any. */
function commaAfter(text: string, from: number, to: number): number | undefined {
  let at = from;
  while (at < to) {
    const char = text[at]!;
    if (/\s/.test(char)) at++;
    else if (text.startsWith("//", at)) at = text.indexOf("\n", at) === -1 ? to : text.indexOf("\n", at);
    else if (text.startsWith("/*", at)) at = text.indexOf("*/", at + 2) === -1 ? to : text.indexOf("*/", at + 2) + 2;
    else return char === "," ? at : undefined;
  }
  return undefined;
}
