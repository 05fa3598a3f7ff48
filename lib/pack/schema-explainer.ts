/**
 * Why a value does not match a JSON Schema: every problem with its path, in the words the
 * checker reports. It walks the schema derived from the arktype definition
 * (lib/pack/generated/pack-schema.json, `npm run generate`), so that explaining a broken pack does not load
 * arktype (~250 ms in a compiled program); a test holds its problems to arktype's on thousands of
 * mutated packs. Only the keywords the generated schemas use are understood, as in
 * schema-check-codegen.ts.
 *
 * @example
 * ```ts
 * explainSchema(packSchema, { pack_id: "p", pack_version: "1", spec_id: "s", roles: [{ role_id: 7 }] });
 * // [{ path: ["roles", 0, "role_id"], kind: "value", keyword: "type", expected: "a string", actual: "a number" }, { path: ["roles", 0, "aliases"], kind: "required", … }, …]
 * ```
 */
import type { SchemaNode } from "./schema-check-codegen.ts";

/**
 * One reason a value does not match: an unknown key, a missing one, or a value that is not what
 * the schema says (`expected`, and what it was).
 *
 * @example
 * ```ts
 * const problem: SchemaProblem = { path: ["roles", 0, "lifecycle"], kind: "value", keyword: "enum", expected: '"active" or "deprecated"', actual: '"gone"' };
 * ```
 */
export interface SchemaProblem {
  readonly path: readonly (string | number)[];
  readonly kind: "unknown" | "required" | "value";
  /** The JSON Schema keyword that failed (`additionalProperties` for an unknown key, `required` for a missing one). */
  readonly keyword: string;
  /** What the schema asks for, in words: `a string`, `"active" or "deprecated"`, `non-empty`. */
  readonly expected: string;
  /** What the value was, in words (`a number`, `"gone"`); absent where saying it adds nothing (`must be non-empty`). */
  readonly actual?: string;
}

/** Every problem of `value` against `schema`; none when it matches. */
export function explainSchema(schema: SchemaNode, value: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  walk(schema, value, [], problems);
  return problems;
}

/**
 * What a schema node asks for, in words: `a string`, `an array`, `"a", "b" or "c"`.
 *
 * @example
 * ```ts
 * describeExpected({ enum: ["deprecated", "active"] }); // '"active" or "deprecated"'
 * ```
 */
export function describeExpected(node: SchemaNode): string {
  if (node.enum !== undefined) return alternatives(node.enum);
  if (node.const !== undefined) return JSON.stringify(node.const);
  switch (node.type) {
    case "object":
    case "array":
    case "integer":
      return `an ${node.type}`;
    case undefined:
      return "a value";
    default:
      return `a ${node.type}`;
  }
}

function walk(node: SchemaNode, value: unknown, path: (string | number)[], problems: SchemaProblem[]): void {
  if (node.type !== undefined && !hasType(node.type, value)) {
    problems.push({ path, kind: "value", keyword: "type", expected: describeExpected(node), actual: describeActual(value) });
    return;
  }
  if (node.enum !== undefined && !node.enum.includes(value as never)) {
    problems.push({ path, kind: "value", keyword: "enum", expected: describeExpected(node), actual: JSON.stringify(value) ?? String(value) });
    return;
  }
  if (node.const !== undefined && value !== node.const) {
    problems.push({ path, kind: "value", keyword: "const", expected: describeExpected(node), actual: JSON.stringify(value) ?? String(value) });
    return;
  }
  if (typeof value === "string") {
    if (node.minLength !== undefined && [...value].length < node.minLength) {
      problems.push({ path, kind: "value", keyword: "minLength", expected: node.minLength === 1 ? "non-empty" : `at least ${node.minLength} characters long` });
      return;
    }
    if (node.pattern !== undefined && !new RegExp(node.pattern, "u").test(value)) {
      problems.push({ path, kind: "value", keyword: "pattern", expected: `matched by ${node.pattern}`, actual: JSON.stringify(value) });
      return;
    }
  }
  if (Array.isArray(value)) {
    if (node.minItems !== undefined && value.length < node.minItems) {
      problems.push({ path, kind: "value", keyword: "minItems", expected: node.minItems === 1 ? "non-empty" : `at least ${node.minItems} items long` });
      return;
    }
    if (node.items !== undefined) {
      const before = problems.length;
      value.forEach((item, index) => walk(node.items!, item, [...path, index], problems));
      // Repeats are judged once the items themselves are right, as arktype does.
      if (problems.length > before) return;
    }
    if (node.uniqueItems === true && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
      problems.push({ path, kind: "value", keyword: "uniqueItems", expected: "a list without repeated items", actual: JSON.stringify(value) });
    }
    return;
  }
  if (node.type === "object" && value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    const properties = node.properties ?? {};
    for (const key of Object.keys(object)) {
      const declared = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (declared !== undefined) walk(declared, object[key], [...path, key], problems);
      else if (node.additionalProperties === false) problems.push({ path: [...path, key], kind: "unknown", keyword: "additionalProperties", expected: "removed" });
      else if (typeof node.additionalProperties === "object") walk(node.additionalProperties, object[key], [...path, key], problems);
    }
    for (const key of node.required ?? []) {
      if (!Object.hasOwn(object, key)) problems.push({ path: [...path, key], kind: "required", keyword: "required", expected: describeExpected(properties[key] ?? {}) });
    }
  }
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    default:
      throw new Error(`unsupported JSON Schema type ${type}`);
  }
}

/** A value in words, as messages name what was found: `a number`, `an array`, `null`. */
function describeActual(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const kind = typeof value;
  return kind === "object" ? "an object" : `a ${kind}`;
}

/** `"a", "b" or "c"`, in code-unit order (as arktype words a union). */
function alternatives(values: readonly unknown[]): string {
  const words = values.map((value) => JSON.stringify(value)).sort();
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}
