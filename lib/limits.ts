/**
 * The limits that keep hostile input from turning into a crash or an unbounded run: how deep
 * arrays and objects may nest (RFC 8259 §9 lets a parser set one; deeper is HSK-RR-011), and how
 * large a pack file or blob may be before it is refused unread (`--max-size`).
 *
 * @example
 * ```ts
 * nestingTooDeepAt("[".repeat(2000) + "]".repeat(2000)); // 1000 (the opener one level too deep)
 * parseSize("64MiB"); // 67108864
 * ```
 */

/** The deepest nesting of arrays and objects a pack may have. Real schemas stay within ~20. */
export const MAX_NESTING = 1000;

/** The largest pack file or published blob read without `--max-size` (bytes). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Offset of the first `[` or `{` that opens level MAX_NESTING + 1, or undefined when the text
 * stays within the limit. Strings are skipped, so brackets inside them do not count; the scan
 * never recurses.
 */
export function nestingTooDeepAt(text: string, limit = MAX_NESTING): number | undefined {
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x22) {
      for (at++; at < text.length; at++) {
        const inner = text.charCodeAt(at);
        if (inner === 0x5c) at++;
        else if (inner === 0x22) break;
      }
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return at;
    } else if (code === 0x5d || code === 0x7d) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * Whether arrays and objects in `value` nest more than `limit` levels (`value` itself being level
 * 1 when it is one). Recursive, but never deeper than `limit` + 1 calls: it gives up there, so a
 * value as deep as `JSON.parse` allows cannot overflow the stack. (An explicit stack of pending
 * nodes was measured 1.5 ms slower on the bundled pack: it allocates per node.)
 *
 * @example
 * ```ts
 * nestsDeeperThan([[[]]], 2); // true
 * ```
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== "object") return false;
  if (limit <= 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (nestsDeeperThan(item, limit - 1)) return true;
    return false;
  }
  for (const key in value) if (nestsDeeperThan((value as Record<string, unknown>)[key], limit - 1)) return true;
  return false;
}

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** Bytes from `1048576`, `512KiB`, `64MB`, `1G` (binary units); undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match === null ? undefined : UNITS[match[2]!.toLowerCase()];
  if (match === null || unit === undefined) return undefined;
  const bytes = Number(match[1]) * unit;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** A byte count for messages: `2.0 GiB`, `64 MiB`, `900 bytes`. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [["GiB", 1024 ** 3], ["MiB", 1024 ** 2], ["KiB", 1024]] as const) {
    if (bytes >= size) return `${Number.isInteger(bytes / size) ? bytes / size : (bytes / size).toFixed(1)} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** The one-line refusal of a file or blob over the size limit. */
export function tooLarge(what: string, size: number, maxBytes: number): string {
  return `${what}: ${formatSize(size)} is larger than --max-size ${formatSize(maxBytes)}; it was not read (raise --max-size to check it)`;
}
