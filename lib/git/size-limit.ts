/**
 * The size limit that keeps a hostile file or blob from turning into an unbounded read: how large
 * a pack file or published version may be before it is refused unread (`--max-size`).
 *
 * @example
 * ```ts
 * parseSize("64MiB"); // 67108864
 * tooLarge("pack.json", 2 ** 31, DEFAULT_MAX_BYTES); // "pack.json: 2 GiB is larger than --max-size 64 MiB; …"
 * ```
 */

/**
 * The largest pack file or published blob read without `--max-size` (bytes).
 *
 * @example
 * ```ts
 * readPackBytes(path, shown, DEFAULT_MAX_BYTES); // refuses a file over 64 MiB unread
 * ```
 */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/**
 * Bytes from `1048576`, `512KiB`, `64MB`, `1G` (binary units); undefined when it is not a size.
 *
 * @example
 * ```ts
 * parseSize("512KiB"); // 524288
 * ```
 *
 * @internal For the command line; it may change in any release.
 */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match === null ? undefined : UNITS[match[2]!.toLowerCase()];
  if (match === null || unit === undefined) return undefined;
  const bytes = Number(match[1]) * unit;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/**
 * A byte count for messages: `2.0 GiB`, `64 MiB`, `900 bytes`.
 *
 * @example
 * ```ts
 * formatSize(3 * 1024 ** 2); // "3 MiB"
 * ```
 *
 * @internal For the command line; it may change in any release.
 */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [["GiB", 1024 ** 3], ["MiB", 1024 ** 2], ["KiB", 1024]] as const) {
    if (bytes >= size) return `${Number.isInteger(bytes / size) ? bytes / size : (bytes / size).toFixed(1)} ${unit}`;
  }
  return `${bytes} bytes`;
}

/**
 * The one-line refusal of a file or blob over the size limit.
 *
 * @example
 * ```ts
 * throw new RunError(tooLarge("pack.json", size, maxBytes));
 * ```
 *
 * @internal For the command line; it may change in any release.
 */
export function tooLarge(what: string, size: number, maxBytes: number): string {
  return `${what}: ${formatSize(size)} is larger than --max-size ${formatSize(maxBytes)}; it was not read (raise --max-size to check it)`;
}
