/**
 * The fast path's schema test: a small interpreter of the JSON Schema that `rolepack-check
 * schema` generates from the arktype definition (assets/rolepack.schema.json, kept in sync by a
 * test). It answers only "valid or not" and costs nothing to load; arktype (~250 ms to load)
 * is imported only when a pack is invalid, to explain why. A test proves the two agree on a
 * large generated corpus of valid and invalid packs.
 *
 * Only the keywords the generated schema uses are understood; a schema with any other keyword
 * is refused when this module loads, so the two can never silently disagree.
 *
 * @example
 * ```ts
 * matchesPackSchema(JSON.parse(text)); // true for a valid pack
 * ```
 */
import generatedSchema from "../assets/rolepack.schema.json" with { type: "json" };

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  minItems?: number;
  uniqueItems?: boolean;
}

type Check = (value: unknown) => boolean;

const ANNOTATIONS = new Set(["$schema", "title", "description"]);
const KEYWORDS = new Set(["type", "properties", "required", "additionalProperties", "items", "enum", "pattern", "minLength", "minItems", "uniqueItems"]);

/** Compiles a schema node into a check; throws on a keyword it does not implement. */
export function compileSchema(node: SchemaNode): Check {
  for (const keyword of Object.keys(node)) {
    if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`schema keyword ${keyword} is not supported by the fast check`);
  }
  const checks: Check[] = [];
  if (node.type !== undefined) checks.push(typeCheck(node.type));
  if (node.enum !== undefined) {
    const allowed = node.enum;
    checks.push((value) => allowed.includes(value));
  }
  if (node.pattern !== undefined) {
    const pattern = new RegExp(node.pattern, "u");
    checks.push((value) => typeof value !== "string" || pattern.test(value));
  }
  if (node.minLength !== undefined) {
    const min = node.minLength;
    // JSON Schema counts code points, arktype UTF-16 units; for a minimum, code points are the stricter count.
    checks.push((value) => typeof value !== "string" || [...value].length >= min);
  }
  if (node.minItems !== undefined) {
    const min = node.minItems;
    checks.push((value) => !Array.isArray(value) || value.length >= min);
  }
  if (node.uniqueItems === true) {
    checks.push((value) => !Array.isArray(value) || (value.every((item) => typeof item !== "object" || item === null) && new Set(value).size === value.length));
  }
  if (node.items !== undefined) {
    const item = compileSchema(node.items);
    checks.push((value) => !Array.isArray(value) || value.every(item));
  }
  if (node.properties !== undefined || node.required !== undefined || node.additionalProperties !== undefined) {
    checks.push(objectCheck(node));
  }
  return (value) => checks.every((check) => check(value));
}

function typeCheck(type: string): Check {
  switch (type) {
    case "object":
      return (value) => value !== null && typeof value === "object" && !Array.isArray(value);
    case "array":
      return Array.isArray;
    case "string":
      return (value) => typeof value === "string";
    case "number":
      return (value) => typeof value === "number" && Number.isFinite(value);
    case "integer":
      return (value) => Number.isInteger(value);
    case "boolean":
      return (value) => typeof value === "boolean";
    case "null":
      return (value) => value === null;
    default:
      throw new Error(`schema type ${type} is not supported by the fast check`);
  }
}

function objectCheck(node: SchemaNode): Check {
  const properties = Object.entries(node.properties ?? {}).map(([key, schema]) => [key, compileSchema(schema)] as const);
  const declared = new Set(Object.keys(node.properties ?? {}));
  const required = node.required ?? [];
  const additional = node.additionalProperties;
  const extra: Check | undefined =
    additional === false ? () => false : additional === undefined || additional === true ? undefined : compileSchema(additional);
  return (value) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return true;
    const record = value as Record<string, unknown>;
    for (const key of required) if (!Object.hasOwn(record, key)) return false;
    for (const [key, check] of properties) if (Object.hasOwn(record, key) && !check(record[key])) return false;
    if (extra !== undefined) {
      for (const key of Object.keys(record)) if (!declared.has(key) && !extra(record[key])) return false;
    }
    return true;
  };
}

/** True when `value` is a valid AtelierRolePack (the generated schema, interpreted). */
export const matchesPackSchema: Check = compileSchema(generatedSchema as SchemaNode);
