/**
 * Whether a parsed JSON value is an object (not null, not an array): the test every reader of a
 * parsed pack makes before it looks at a member.
 *
 * @example
 * ```ts
 * isJsonObject({ roles: [] }); // true
 * isJsonObject([]);            // false
 * ```
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
