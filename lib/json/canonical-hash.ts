/**
 * The contract hash: lowercase hex SHA-256 of the UTF-8 bytes of the RFC 8785 (JCS)
 * canonical form of a JSON value, with no trailing newline.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, "x"] }); // '{"a":[true,"x"],"b":1}'
 * schemaHash({ type: "object" }); // "a2d5f1…" (64 hex digits)
 * ```
 */
import canonicalize from "canonicalize";

/** RFC 8785 canonical JSON text of an I-JSON value. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON representation");
  return text;
}

/** Lowercase hex SHA-256 of the canonical JSON of `value`. */
export function schemaHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  return new Bun.CryptoHasher("sha256").update(text).digest("hex");
}
