/**
 * Decodes file bytes as UTF-8 text for the parser. A leading byte order mark is accepted and
 * dropped (editors on Windows write one); invalid UTF-8 is an HSK-RR-011 finding at the first
 * bad byte, because silently replacing bytes would change what gets hashed.
 *
 * @example
 * ```ts
 * decodeUtf8(new TextEncoder().encode('{"a":1}')); // { text: '{"a":1}' }
 * decodeUtf8(new Uint8Array([0x7b, 0xff])).invalidAt; // 1 (text offset of the bad byte)
 * ```
 */

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export interface DecodedText {
  /** The decoded text; when the bytes are invalid, the valid prefix before the first bad byte. */
  text: string;
  /** Text offset of the first invalid byte, when there is one. */
  invalidAt?: number;
}

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const bad = firstInvalidByte(bytes);
    const text = strict.decode(bytes.subarray(0, bad));
    return { text, invalidAt: text.length };
  }
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (lead < 0x80) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) min = 0xa0; // no overlong forms
      if (lead === 0xed) max = 0x9f; // no UTF-16 surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) min = 0x90;
      if (lead === 0xf4) max = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const low = k === 1 ? min : 0x80;
      const high = k === 1 ? max : 0xbf;
      if (next === undefined || next < low || next > high) return i;
    }
    i += length;
  }
  return bytes.length;
}
