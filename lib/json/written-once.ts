/**
 * `JSON.stringify` of an object, written once however often it is asked for. A large pack's
 * baseline shares the current pack's unchanged roles (pack/role-texts.ts): their schemas are then
 * one object each, written once for both sides, and compared as one string.
 *
 * @example
 * ```ts
 * const schema = { type: "object" };
 * writtenOnce(schema) === writtenOnce(schema); // true: the same string, written once
 * ```
 */
const written = new WeakMap<object, string>();

/** `write(value)` (JSON.stringify by default), remembered for as long as `value` is alive when it is an object. */
export function writtenOnce(value: unknown, write: (value: unknown) => string = JSON.stringify): string {
  if (value === null || typeof value !== "object") return write(value);
  let text = written.get(value);
  if (text === undefined) {
    text = write(value);
    written.set(value, text);
  }
  return text;
}
