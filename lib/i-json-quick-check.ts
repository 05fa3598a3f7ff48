/**
 * A quick, conservative I-JSON test for text that `JSON.parse` accepted: true only when the text
 * certainly has no duplicate key, no integer beyond ±(2^53−1), no overflowing number and no lone
 * surrogate. False means "not sure": the positioned parser then finds and locates the problem.
 *
 * Duplicate keys are the subtle one, since `JSON.parse` silently keeps the last: the text's
 * member count (colons outside strings) must equal the number of keys in the parsed value.
 *
 * @example
 * ```ts
 * const text = '{"a": 1, "a": 2}';
 * isCertainlyIJson(text, JSON.parse(text)); // false
 * ```
 */
export function isCertainlyIJson(text: string, value: unknown): boolean {
  const members = scanMembers(text);
  return members !== -1 && members === countKeysAndCheckValues(value);
}

/** Colons outside strings, or -1 when a number literal might be an unsafe integer. */
function scanMembers(text: string): number {
  let members = 0;
  let digits = 0; // length of the current run of integer digits
  let fractional = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 92 /* \ */) i++;
        else if (s === 34) break;
      }
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      // 16+ integer digits may exceed 2^53−1 (9007199254740991 has 16): let the exact check decide.
      if (!fractional && ++digits >= 16) return -1;
    } else if (c === 46 /* . */ || c === 101 /* e */ || c === 69 /* E */) {
      fractional = digits > 0 || fractional;
    } else {
      if (c === 58 /* : */) members++;
      digits = 0;
      fractional = false;
    }
  }
  return members;
}

/** Own keys of every object in `value`; -1 on a non-finite number or a lone surrogate. */
function countKeysAndCheckValues(value: unknown): number {
  let keys = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === "string") {
      if (!item.isWellFormed()) return -1;
    } else if (typeof item === "number") {
      if (!Number.isFinite(item)) return -1;
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push(element);
    } else if (item !== null && typeof item === "object") {
      for (const key of Object.keys(item)) {
        if (!key.isWellFormed()) return -1;
        keys++;
        pending.push((item as Record<string, unknown>)[key]);
      }
    }
  }
  return keys;
}
