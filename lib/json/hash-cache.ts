/**
 * Contract hashes, memoized by the `JSON.stringify` text of the schema_json value: equal texts
 * are equal values, so a schema repeated across versions (or between baseline and current pack)
 * is canonicalized and hashed once.
 *
 * @example
 * ```ts
 * const schema = { type: "object" };
 * cachedSchemaHash(schema, JSON.stringify(schema)); // "…64 hex…"
 * cachedSchemaHash(() => JSON.parse(text), text);  // the same, reading the value only if needed
 * ```
 */
import { BoundedMemo } from "./bounded-memo.ts";
import { contractHash } from "./canonical-hash.ts";

/** Schema texts of up to 32 Mi code units (~64 MB) are remembered; a long-running service forgets past that. */
const hashes = new BoundedMemo<string | undefined>(32 * 1024 * 1024);

/**
 * The hash of the value whose `JSON.stringify` is `text` (given, or read back from the text when
 * a function), or undefined when none is defined (lone surrogates).
 */
export function cachedSchemaHash(value: unknown, text: string): string | undefined {
  if (hashes.has(text)) return hashes.get(text);
  let hash: string | undefined;
  try {
    hash = contractHash(typeof value === "function" ? value() : value);
  } catch {
    hash = undefined;
  }
  hashes.set(text, hash);
  return hash;
}
