/**
 * Where two JSON values differ, as JSON Pointers (RFC 6901) with what was there and what is there
 * now: what a contract's drift message names, so that a person sees the change, not two hashes.
 *
 * @example
 * ```ts
 * jsonDifferences({ a: { max: 10 }, b: 1 }, { a: { max: 11 }, c: 2 });
 * // [{ pointer: "/a/max", before: 10, after: 11 }, { pointer: "/c", after: 2 }, { pointer: "/b", before: 1 }]
 * formatDifference({ pointer: "/a/max", before: 10, after: 11 }); // "/a/max: 10 → 11"
 * ```
 */
import { isJsonObject } from "./json-object.ts";

export interface JsonDifference {
  readonly pointer: string;
  /** The path to the value, as keys and indexes (to find it in a document). */
  readonly path: readonly (string | number)[];
  /** The value before; absent when it was added. */
  readonly before?: unknown;
  /** The value now; absent when it was removed. */
  readonly after?: unknown;
}

/**
 * Every place where `before` and `after` differ, in the order of `after` (what is there now, in its
 * own key order, then what was removed at each level); numbers compare by value.
 */
export function jsonDifferences(before: unknown, after: unknown): JsonDifference[] {
  const found: JsonDifference[] = [];
  const walk = (a: unknown, b: unknown, path: (string | number)[]) => {
    if (isJsonObject(a) && isJsonObject(b)) {
      for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
        const has = [Object.hasOwn(a, key), Object.hasOwn(b, key)];
        if (has[0] && has[1]) walk(a[key], b[key], [...path, key]);
        else found.push(difference([...path, key], has[0] ? { before: a[key] } : { after: b[key] }));
      }
    } else if (Array.isArray(a) && Array.isArray(b)) {
      for (let index = 0; index < Math.max(a.length, b.length); index++) {
        if (index < a.length && index < b.length) walk(a[index], b[index], [...path, index]);
        else found.push(difference([...path, index], index < a.length ? { before: a[index] } : { after: b[index] }));
      }
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      found.push(difference(path, { before: a, after: b }));
    }
  };
  walk(before, after, []);
  return found;
}

/** One difference in a line: `/a/max: 10 → 11`, `/required/2: added "x"`, `/deprecated: removed true`. */
export function formatDifference(difference: JsonDifference): string {
  const where = difference.pointer === "" ? "the whole value" : difference.pointer;
  if (!("before" in difference)) return `${where}: added ${shown(difference.after)}`;
  if (!("after" in difference)) return `${where}: removed ${shown(difference.before)}`;
  return `${where}: ${shown(difference.before)} → ${shown(difference.after)}`;
}

function difference(path: (string | number)[], values: { before?: unknown; after?: unknown }): JsonDifference {
  return { pointer: path.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join(""), path, ...values };
}

/** A value as JSON, cut short when long: a message line, not a dump. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

