/**
 * Reads the versions of a pack's history one after another, re-reading only the roles whose
 * bytes changed since the previous version. A long history is mostly the same roles again: at
 * 1,000 revisions of a 200-role pack, parsing every version whole is 0.5 GB of JSON, while the
 * bytes that differ from one version to the next are a few kilobytes.
 *
 * How: the common prefix and suffix of two consecutive versions bound what changed; the roles
 * wholly inside them are the previous version's roles (same readings, lines shifted), and the
 * stretch between them is delimited (roles-layout.ts) and parsed element by element. Anything
 * outside the `roles` array that changes, or anything unusual (JSONC, invalid UTF-8, a `roles` that
 * is not an array), falls back to reading the whole version the ordinary way.
 *
 * Places keep only their role's own text, never a version's: the history's texts are not retained.
 *
 * @example
 * ```ts
 * const reader = new PublishedHistoryReader();
 * const warnings: string[] = [];
 * const first = reader.read(bytesOfVersion1, "abc123:pack.json", warnings);
 * const second = reader.read(bytesOfVersion2, "def456:pack.json", warnings); // only changed roles parsed
 * ```
 */
import { PlacedRole, type PublishedPack, publishedSource, type RoleReading, readPublishedPack, readRole } from "./version-reader.ts";
import { roleValueOf } from "../pack/roles-of-value.ts";
import { countLines, elementsBetween, rolesLayout, type Span } from "./roles-layout.ts";
import { SourceText } from "../json/source-text.ts";

/** One role's text, read once however many versions share it. */
interface RoleChunk {
  /** The role's own text (a standalone string), for the lines of places inside it. */
  readonly source: SourceText;
  /** Undefined for an element of `roles` that is not an object. */
  readonly reading: RoleReading | undefined;
  /** Line feeds inside the role's text. */
  readonly lineFeeds: number;
}

interface RoleSpan {
  readonly span: Span;
  readonly chunk: RoleChunk;
  /** 1-based line of the role's first byte. */
  readonly line: number;
}

interface VersionLayout {
  readonly bytes: Uint8Array;
  /** The bytes between the brackets of `roles`, and the line they start on. */
  readonly content: Span;
  readonly contentLine: number;
  readonly roles: readonly RoleSpan[];
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export class PublishedHistoryReader {
  #previous: VersionLayout | undefined;

  /**
   * The pack of one version's bytes (shown as `name` in places); undefined, with a warning, when
   * it cannot be read at all. Warnings are pushed as whole lines (`warning: …`).
   */
  read(bytes: Uint8Array, name: string, warnings: string[]): PublishedPack | undefined {
    let layout: VersionLayout | undefined;
    try {
      layout = (this.#previous && changedLayout(this.#previous, bytes)) ?? wholeLayout(bytes);
    } catch {
      // A changed role that is not UTF-8 or not JSON, or too deep to write out (RangeError):
      // the whole reading explains it.
      layout = undefined;
    }
    this.#previous = layout;
    return layout === undefined ? readWhole(bytes, name, warnings) : packOf(layout, name);
  }
}

/** The ordinary reading of a whole version (JSONC, broken or odd texts), with its warnings. */
function readWhole(bytes: Uint8Array, name: string, warnings: string[]): PublishedPack | undefined {
  const readingWarnings: string[] = [];
  const pack = readPublishedPack(publishedSource(bytes, name, readingWarnings), readingWarnings);
  warnings.push(...readingWarnings.map((warning) => `warning: ${warning}`));
  return pack;
}

function packOf(layout: VersionLayout, name: string): PublishedPack {
  const roles: PlacedRole[] = [];
  for (const { chunk, line } of layout.roles) {
    if (chunk.reading !== undefined) roles.push(new PlacedRole(chunk.reading, name, chunk.source, [], line - 1));
  }
  const packVersion = packVersionOutside(layout);
  return { roles, ...(packVersion !== undefined && { pack_version: packVersion }) };
}

const PACK_VERSION = /"pack_version"\s*:\s*("(?:[^"\\]|\\.)*")/;

/**
 * The pack_version of a version read role by role: looked for in the text around `roles` only
 * (the top level; a role cannot hold it), without parsing the whole version again.
 */
function packVersionOutside(layout: VersionLayout): string | undefined {
  const around = `${strict.decode(layout.bytes.subarray(0, layout.content.start))}${strict.decode(layout.bytes.subarray(layout.content.end))}`;
  const found = PACK_VERSION.exec(around);
  if (found === null) return undefined;
  try {
    const value: unknown = JSON.parse(found[1]!);
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The layout of a version read whole: plain JSON whose `roles` the scanner can delimit, or undefined. */
function wholeLayout(bytes: Uint8Array): VersionLayout | undefined {
  const layout = rolesLayout(bytes);
  if (layout === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(strict.decode(bytes));
  } catch {
    return undefined;
  }
  const roles = (value as { roles?: unknown }).roles;
  if (!Array.isArray(roles) || roles.length !== layout.roles.length) return undefined;
  const contentLine = 1 + countLines(bytes, 0, layout.content.start);
  return { bytes, content: layout.content, contentLine, roles: placeRoles(bytes, layout.roles, contentLine, layout.content.start, roles) };
}

/**
 * The layout of `bytes` worked out from the previous version's: undefined when the change is not
 * confined to whole elements of `roles` (the caller then reads the version whole).
 */
function changedLayout(previous: VersionLayout, bytes: Uint8Array): VersionLayout | undefined {
  const before = previous.bytes;
  const prefix = commonPrefix(before, bytes);
  const suffix = commonSuffix(before, bytes, Math.min(before.length, bytes.length) - prefix);
  const changeEnd = before.length - suffix;
  const { content, roles } = previous;
  if (prefix < content.start || changeEnd > content.end) return undefined;
  // Roles wholly in the common prefix are kept as they are, those wholly in the suffix are shifted.
  let first = 0;
  while (first < roles.length && roles[first]!.span.end <= prefix) first++;
  let after = first;
  while (after < roles.length && roles[after]!.span.start < changeEnd) after++;
  const oldStretch = {
    start: first > 0 ? roles[first - 1]!.span.end : content.start,
    end: after < roles.length ? roles[after]!.span.start : content.end,
  };
  const shift = bytes.length - before.length;
  const stretch = { start: oldStretch.start, end: oldStretch.end + shift };
  const elements = elementsBetween(bytes, stretch, { before: first > 0, after: after < roles.length });
  if (elements === undefined) return undefined;
  const kept = roles.slice(0, first);
  const stretchLine = first > 0 ? kept[first - 1]!.line + kept[first - 1]!.chunk.lineFeeds : previous.contentLine;
  const changed = placeRoles(bytes, elements, stretchLine, stretch.start, undefined, first);
  const lineShift = countLines(bytes, stretch.start, stretch.end) - countLines(before, oldStretch.start, oldStretch.end);
  const shifted = roles.slice(after).map(({ span, chunk, line }) => ({
    span: { start: span.start + shift, end: span.end + shift },
    chunk,
    line: line + lineShift,
  }));
  return {
    bytes,
    content: { start: content.start, end: content.end + shift },
    contentLine: previous.contentLine,
    roles: [...kept, ...changed, ...shifted],
  };
}

/**
 * Chunks for freshly read roles, with their lines counted on from `line` at byte `from`. Each
 * role is decoded once; without `values` (already parsed with the whole text) that text is also
 * what is parsed — and a role that is not UTF-8 or not JSON throws.
 */
function placeRoles(
  bytes: Uint8Array,
  spans: readonly Span[],
  line: number,
  from: number,
  values?: readonly unknown[],
  firstIndex = 0,
): RoleSpan[] {
  return spans.map((span, i) => {
    line += countLines(bytes, from, span.start);
    from = span.start;
    // Decoded on its own, so that the string does not share storage with the version's text.
    const text = strict.decode(bytes.subarray(span.start, span.end));
    const role = roleValueOf(values === undefined ? JSON.parse(text) : values[i], firstIndex + i);
    const chunk: RoleChunk = {
      source: new SourceText("", text),
      reading: role === undefined ? undefined : readRole(role),
      lineFeeds: countLines(bytes, span.start, span.end),
    };
    return { span, chunk, line };
  });
}

/** Compared a block at a time: memcmp-speed for the long unchanged runs of consecutive versions. */
const BLOCK = 4096;

/** Length of the longest common prefix of `a` and `b`. */
function commonPrefix(a: Uint8Array, b: Uint8Array): number {
  const limit = Math.min(a.length, b.length);
  const bufferA = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const bufferB = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let at = 0;
  while (at + BLOCK <= limit && bufferA.compare(bufferB, at, at + BLOCK, at, at + BLOCK) === 0) at += BLOCK;
  while (at < limit && a[at] === b[at]) at++;
  return at;
}

/** Length of the longest common suffix of `a` and `b`, at most `limit`. */
function commonSuffix(a: Uint8Array, b: Uint8Array, limit: number): number {
  const bufferA = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const bufferB = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let length = 0;
  while (
    length + BLOCK <= limit &&
    bufferA.compare(bufferB, b.length - length - BLOCK, b.length - length, a.length - length - BLOCK, a.length - length) === 0
  ) {
    length += BLOCK;
  }
  while (length < limit && a[a.length - 1 - length] === b[b.length - 1 - length]) length++;
  return length;
}
