/**
 * A quick, conservative I-JSON test for text that `JSON.parse` accepted: true only when the text
 * certainly has no duplicate key, no integer beyond ±(2^53−1), no overflowing number and no lone
 * surrogate. False means "not sure": the positioned parser then finds and locates the problem.
 * It uses only native operations (a JavaScript walk over the value costs milliseconds cold).
 *
 * Duplicate keys are the subtle one, since `JSON.parse` silently keeps the last. In JSON every
 * colon is a member separator or sits inside a string, so the text and `JSON.stringify` of its
 * parsed value have the same number of colons exactly when no member was dropped (a dropped
 * member takes its separator and its strings with it; a colon escaped as `\u003a` only makes the
 * counts differ, which is "not sure", never a false "certainly").
 *
 * The value is written a piece at a time — the members of the top-level object, and the elements
 * of long arrays among them — so that a large pack never needs one string of all of it (30 MB
 * more at the moment memory peaks, and a full garbage collection to reclaim it). The colons of
 * the pieces add up to those of the whole: the commas and brackets between them have none.
 *
 * A value too deep for `JSON.stringify` (a RangeError) is "not sure" as well. The nesting limit
 * itself is not this test's: the fast path checks it before calling this (see `nestsDeeperThan`),
 * because `JSON.stringify` takes seconds to give up on very deep values.
 *
 * @example
 * ```ts
 * const text = '{"a": 1, "a": 2}';
 * isCertainlyIJson(text, JSON.parse(text)); // false
 * ```
 */
import { isJsonObject } from "./json-object.ts";

/**
 * 16+ digits in a row (maybe an integer beyond 2^53−1: 9007199254740991 has 16 digits), or an
 * exponent of 3+ digits (maybe a number that overflows to ±Infinity: 1e309). One pattern, so a
 * large pack's text is scanned once.
 */
const LARGE_NUMBER = /\d{16}|[eE][+-]?\d{3}/;
/** `JSON.stringify` writes a lone surrogate as a `\uD800`-`\uDFFF` escape. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

export function isCertainlyIJson(text: string, value: unknown): boolean {
  if (LARGE_NUMBER.test(text)) return false;
  let written: number | undefined;
  try {
    written = writtenColons(value, true);
  } catch {
    return false; // nested too deep even to write
  }
  return written !== undefined && colons(text) === written;
}

/** Arrays longer than this are written element by element. */
const LONG_ARRAY = 256;

/**
 * The colons `JSON.stringify(value)` would write, or undefined when it would write a lone
 * surrogate. `top`: the value is the whole document, whose object members are written one by one.
 */
function writtenColons(value: unknown, top: boolean): number | undefined {
  if (Array.isArray(value) && value.length > LONG_ARRAY) {
    let count = 0;
    for (const element of value) {
      const piece = writtenColons(element, false);
      if (piece === undefined) return undefined;
      count += piece;
    }
    return count;
  }
  if (top && isJsonObject(value)) {
    let count = 0;
    // Object.keys is the order, and the set, of the members JSON.stringify writes (a parsed value has no others).
    for (const key of Object.keys(value)) {
      const name = writtenColons(key, false);
      const member = writtenColons((value as Record<string, unknown>)[key], false);
      if (name === undefined || member === undefined) return undefined;
      count += name + 1 + member;
    }
    return count;
  }
  const written = JSON.stringify(value);
  return SURROGATE_ESCAPE.test(written) ? undefined : colons(written);
}

/** Counted with indexOf: `match(/:/g)` builds an array of every match (2.5× slower on 40 MB). */
function colons(text: string): number {
  let count = 0;
  for (let at = text.indexOf(":"); at !== -1; at = text.indexOf(":", at + 1)) count++;
  return count;
}
