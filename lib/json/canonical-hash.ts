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
 * Lowercase hex SHA-256 of the canonical JSON of `value`.
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
  return sha256(text);
}

type Hasher = (text: string) => string;

const sha256: Hasher =
  typeof Bun !== "undefined"
    ? (text) => new Bun.CryptoHasher("sha256").update(text).digest("hex")
    : nodeSha256();

function nodeSha256(): Hasher {
  const { createHash } = process.getBuiltinModule("node:crypto") as typeof import("node:crypto");
  return (text) => createHash("sha256").update(text).digest("hex");
}
