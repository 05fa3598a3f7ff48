/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 bits of randomness. The random bits
 * come from a caller-given source, so that a run pinned with SOURCE_DATE_EPOCH can derive them
 * from content and print byte-identical output.
 *
 * @example
 * ```ts
 * uuidV7(Date.now(), crypto.getRandomValues(new Uint8Array(10))); // "0193…-7…-8…-…"
 * ```
 */
export function uuidV7(unixMs: number, random: Uint8Array): string {
  if (random.length < 10) throw new RangeError("uuidV7 needs 10 random bytes");
  const bytes = new Uint8Array(16);
  let ms = Math.max(0, Math.floor(unixMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
