/**
 * A text with the file name it is shown under, and offset → line/column lookup.
 *
 * Columns are 1-based and count UTF-16 code units from the start of the line, the same
 * unit JavaScript string offsets use, so an offset from jsonc-parser maps without conversion.
 *
 * @example
 * ```ts
 * const src = new SourceText("pack.json", '{\n  "roles": []\n}');
 * src.positionAt(4); // { line: 2, column: 3 }
 * ```
 */
export class SourceText {
  /** Start offsets of the lines, built on the first lookup: most published texts are never asked. */
  #lineStarts: number[] | undefined;

  constructor(
    /** The name diagnostics show for this text (a path, or `main:path` for a baseline blob). */
    readonly name: string,
    readonly text: string,
  ) {}

  /** 1-based line and column of a 0-based offset (clamped to the text). */
  positionAt(offset: number): { line: number; column: number } {
    const lineStarts = this.#lineStarts ?? this.#indexLines();
    const at = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - lineStarts[low]! + 1 };
  }

  /**
   * Where the JSON token at `offset` ends (exclusive): after a string's closing quote, after a
   * number or literal, or one character on for anything else (a `{` stands for its whole object,
   * which may be thousands of lines). What a diagnostic's region spans: `"role_id"`, `42`.
   *
   * @example
   * ```ts
   * new SourceText("p.json", '{"a": true}').tokenEndAt(1); // 4: after "a"
   * ```
   */
  tokenEndAt(offset: number): number {
    const text = this.text;
    if (offset >= text.length) return text.length;
    if (text[offset] === '"') {
      for (let i = offset + 1; i < text.length; i++) {
        if (text[i] === "\\") i++;
        else if (text[i] === '"') return i + 1;
        else if (text[i] === "\n") return i; // an unterminated string ends with its line
      }
      return text.length;
    }
    let end = offset;
    while (end < text.length && /[-+.\w]/.test(text[end]!)) end++;
    return Math.max(end, offset + 1);
  }

  #indexLines(): number[] {
    const starts = [0];
    for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
    this.#lineStarts = starts;
    return starts;
  }
}
