/**
 * The contract hash: lowercase hex SHA-256 of the UTF-8 bytes of the RFC 8785 (JCS)
 * canonical form of a JSON value, with no trailing newline.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, "x"] }); // '{"a":[true,"x"],"b":1}'
 * contractHash({ type: "object" }); // "a2d5f1…" (64 hex digits)
 * ```
 */
import canonicalize from "canonicalize";

/**
 * RFC 8785 canonical JSON text of an I-JSON value.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, "x"] }); // '{"a":[true,"x"],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON representation");
  return text;
}

/**
 * The contract hash of a JSON value: lowercase hex SHA-256 of its canonical JSON. It hashes the
 * value it is given — a schema still in text form must be parsed first (`readJson`), or it is
 * hashed as one JSON string.
 *
 * @example
 * ```ts
 * contractHash({}); // "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
 * ```
 */
export function contractHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/**
 * Lowercase hex SHA-256 of the UTF-8 bytes of `text`: Bun's native hasher under Bun, Node's
 * crypto elsewhere (the library entry runs on Node too).
 */
export function sha256Hex(text: string): string {
  sha256 ??= chooseSha256();
  return sha256(text);
}

type Hasher = (text: string) => string;

/** Chosen on first use, so that importing the library never fails where hashing would. */
let sha256: Hasher | undefined;

function chooseSha256(): Hasher {
  if (typeof Bun !== "undefined") return (text) => new Bun.CryptoHasher("sha256").update(text).digest("hex");
  if (typeof process === "undefined" || typeof process.getBuiltinModule !== "function") {
    throw new Error("rolepack-check hashes with Bun's CryptoHasher or Node's crypto: run it on Bun, or on Node 20.16 or later");
  }
  const { createHash } = process.getBuiltinModule("node:crypto") as typeof import("node:crypto");
  return (text) => createHash("sha256").update(text).digest("hex");
}
