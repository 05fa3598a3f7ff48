/**
 * Where each element of a pack's top-level `roles` array stands in its UTF-8 bytes, found by
 * scanning structure (strings, brackets, commas) without building values. The history reader
 * uses it to re-read only the roles whose bytes changed from one version to the next.
 *
 * The scanner trusts nothing it cannot check cheaply: every element it delimits is still parsed
 * by `JSON.parse` before use, and anything unusual (comments, a BOM, a `roles` that is not an
 * array) makes it answer undefined so the caller reads the whole text the ordinary way.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode('{"roles": [{"role_id":"a"}, {"role_id":"b"}]}');
 * rolesLayout(bytes)?.roles; // [{ start: 11, end: 26 }, { start: 28, end: 43 }]
 * ```
 */

/** A byte range, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface RolesLayout {
  /** The bytes between the `[` and the `]` of the `roles` array. */
  readonly content: Span;
  /** Where the top-level object starts (its `{`). */
  readonly start: number;
  /** Each top-level key (its quoted text) and its value, by the key's text. */
  readonly keys: ReadonlyMap<string, { readonly key: Span; readonly value: Span }>;
  /** Each element of the array, in order. */
  readonly roles: Span[];
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The layout of the `roles` array of a pack whose top level is a JSON object (the last `roles`
 * key wins, as in `JSON.parse`); undefined when the text is not shaped like that.
 */
export function rolesLayout(bytes: Uint8Array): RolesLayout | undefined {
  const end = bytes.length;
  let at = skipWhitespace(bytes, 0, end);
  if (bytes[at] !== OPEN_BRACE) return undefined;
  const start = at;
  at = skipWhitespace(bytes, at + 1, end);
  const keys = new Map<string, { key: Span; value: Span }>();
  let roles: Span | undefined;
  let rolesIsArray = false;
  if (bytes[at] === CLOSE_BRACE) return undefined;
  for (;;) {
    if (bytes[at] !== QUOTE) return undefined;
    const keyStart = at;
    const keyEnd = valueEnd(bytes, at, end);
    if (keyEnd < 0) return undefined;
    const key = keyText(bytes, at, keyEnd);
    if (key === undefined) return undefined;
    at = skipWhitespace(bytes, keyEnd, end);
    if (bytes[at] !== COLON) return undefined;
    const valueStart = skipWhitespace(bytes, at + 1, end);
    const valueStop = valueEnd(bytes, valueStart, end);
    if (valueStop < 0) return undefined;
    keys.set(key, { key: { start: keyStart, end: keyEnd }, value: { start: valueStart, end: valueStop } });
    if (key === "roles") {
      roles = { start: valueStart, end: valueStop };
      rolesIsArray = bytes[valueStart] === OPEN_BRACKET;
    }
    at = skipWhitespace(bytes, valueStop, end);
    if (bytes[at] === COMMA) {
      at = skipWhitespace(bytes, at + 1, end);
      continue;
    }
    if (bytes[at] !== CLOSE_BRACE) return undefined;
    break;
  }
  if (skipWhitespace(bytes, at + 1, end) !== end || roles === undefined || !rolesIsArray) return undefined;
  const content = { start: roles.start + 1, end: roles.end - 1 };
  const elements = elementsBetween(bytes, content, { before: false, after: false });
  return elements === undefined ? undefined : { content, roles: elements, start, keys };
}

/**
 * The array elements in `span`, a stretch of an array's content that may have an element just
 * before it and one just after it (`neighbours`): the commas between all of these must be exactly
 * where JSON wants them. Undefined when they are not, or when an element is cut off.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode(', {"a":1} ,');
 * elementsBetween(bytes, { start: 0, end: bytes.length }, { before: true, after: true }); // [{ start: 2, end: 9 }]
 * ```
 */
export function elementsBetween(bytes: Uint8Array, span: Span, neighbours: { before: boolean; after: boolean }): Span[] | undefined {
  const elements: Span[] = [];
  // After an element a comma must come next; after a comma, an element.
  let afterElement = neighbours.before;
  let afterComma = false;
  let at = span.start;
  for (;;) {
    at = skipWhitespace(bytes, at, span.end);
    if (at === span.end) break;
    if (bytes[at] === COMMA) {
      if (!afterElement) return undefined;
      afterElement = false;
      afterComma = true;
      at++;
      continue;
    }
    if (afterElement) return undefined;
    const stop = valueEnd(bytes, at, span.end);
    if (stop < 0) return undefined;
    elements.push({ start: at, end: stop });
    afterElement = true;
    afterComma = false;
    at = stop;
  }
  if (neighbours.after ? afterElement : afterComma) return undefined;
  return elements;
}

/** Number of line feeds in `bytes[start, end)`. */
export function countLines(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(LF, start); at !== -1 && at < end; at = bytes.indexOf(LF, at + 1)) count++;
  return count;
}

function skipWhitespace(bytes: Uint8Array, at: number, end: number): number {
  while (at < end) {
    const byte = bytes[at];
    if (byte !== SPACE && byte !== LF && byte !== CR && byte !== TAB) break;
    at++;
  }
  return at;
}

/**
 * Where the value starting at `start` ends (exclusive), or -1 when it does not end before `end`
 * or does not start like a JSON value. Containers are matched by depth only; their insides are
 * left to `JSON.parse`.
 */
function valueEnd(bytes: Uint8Array, start: number, end: number): number {
  const first = bytes[start];
  if (start >= end || first === undefined) return -1;
  if (first === QUOTE) return stringEnd(bytes, start, end);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    for (let at = start; at < end; at++) {
      const byte = bytes[at];
      if (byte === QUOTE) {
        at = stringEnd(bytes, at, end) - 1;
        if (at < 0) return -1;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return at + 1;
      }
    }
    return -1;
  }
  // A number, true, false or null: up to the next delimiter.
  if (!(first === 0x2d || (first >= 0x30 && first <= 0x39) || first === 0x74 || first === 0x66 || first === 0x6e)) return -1;
  let at = start + 1;
  while (at < end) {
    const byte = bytes[at];
    if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === SPACE || byte === LF || byte === CR || byte === TAB) break;
    at++;
  }
  return at;
}

/** The end (exclusive) of the string whose opening quote is at `start`, or -1. */
function stringEnd(bytes: Uint8Array, start: number, end: number): number {
  for (let at = start + 1; at < end; at++) {
    const byte = bytes[at];
    if (byte === BACKSLASH) at++;
    else if (byte === QUOTE) return at + 1;
  }
  return -1;
}

/** The key a string token spells (escapes resolved), or undefined when it is not a valid string. */
function keyText(bytes: Uint8Array, start: number, end: number): string | undefined {
  try {
    const key: unknown = JSON.parse(decoder.decode(bytes.subarray(start, end)));
    return typeof key === "string" ? key : undefined;
  } catch {
    return undefined;
  }
}
