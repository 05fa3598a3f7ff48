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

/**
 * Compiles a schema into one JavaScript function (each schema node a nested function of plain
 * statements): straight-line code runs several times faster than a tree of closures before the
 * JIT has warmed up, which a one-shot hook never gives it time to do. Throws on a keyword it
 * does not implement.
 */
export function compileSchema(root: SchemaNode): Check {
  const constants: unknown[] = [];
  const functions: string[] = [];
  const constant = (value: unknown) => `k[${constants.push(value) - 1}]`;
  const compile = (node: SchemaNode): string => {
    for (const keyword of Object.keys(node)) {
      if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`schema keyword ${keyword} is not supported by the fast check`);
    }
    const name = `f${functions.length}`;
    functions.push(""); // reserve the slot: children are compiled (and numbered) before the body is known
    const body: string[] = [];
    if (node.type !== undefined) body.push(`if (!(${typeTest(node.type)})) return false;`);
    if (node.enum !== undefined) body.push(`if (!${constant(node.enum)}.includes(v)) return false;`);
    if (node.pattern !== undefined) body.push(`if (typeof v === "string" && !${constant(new RegExp(node.pattern, "u"))}.test(v)) return false;`);
    // JSON Schema counts code points, arktype UTF-16 units; for a minimum, code points are the stricter count.
    if (node.minLength !== undefined) body.push(`if (typeof v === "string" && [...v].length < ${node.minLength}) return false;`);
    if (node.minItems !== undefined) body.push(`if (Array.isArray(v) && v.length < ${node.minItems}) return false;`);
    if (node.uniqueItems === true) {
      body.push(`if (Array.isArray(v) && (v.some((e) => typeof e === "object" && e !== null) || new Set(v).size !== v.length)) return false;`);
    }
    if (node.items !== undefined) {
      const item = compile(node.items);
      body.push(`if (Array.isArray(v)) for (let i = 0; i < v.length; i++) if (!${item}(v[i])) return false;`);
    }
    if (node.properties !== undefined || node.required !== undefined || node.additionalProperties !== undefined) {
      body.push(`if (v !== null && typeof v === "object" && !Array.isArray(v)) {`);
      for (const key of node.required ?? []) body.push(`  if (!Object.hasOwn(v, ${JSON.stringify(key)})) return false;`);
      for (const [key, schema] of Object.entries(node.properties ?? {})) {
        const check = compile(schema);
        body.push(`  if (Object.hasOwn(v, ${JSON.stringify(key)}) && !${check}(v[${JSON.stringify(key)}])) return false;`);
      }
      const additional = node.additionalProperties;
      if (additional !== undefined && additional !== true) {
        const declared = Object.keys(node.properties ?? {}).map((key) => JSON.stringify(key));
        const extra = additional === false ? "false" : `${compile(additional)}(v[key])`;
        const isDeclared = declared.length === 0 ? "false" : declared.map((key) => `key === ${key}`).join(" || ");
        body.push(`  for (const key of Object.keys(v)) if (!(${isDeclared}) && !(${extra})) return false;`);
      }
      body.push("}");
    }
    functions[Number(name.slice(1))] = `function ${name}(v) {\n${body.join("\n")}\nreturn true;\n}`;
    return name;
  };
  const entry = compile(root);
  // The source is built from the generated schema only (no user input), so evaluating it is safe.
  return new Function("k", `${functions.join("\n")}\nreturn ${entry};`)(constants) as Check;
}

function typeTest(type: string): string {
  switch (type) {
    case "object":
      return `v !== null && typeof v === "object" && !Array.isArray(v)`;
    case "array":
      return "Array.isArray(v)";
    case "string":
      return `typeof v === "string"`;
    case "number":
      return `typeof v === "number" && Number.isFinite(v)`;
    case "integer":
      return "Number.isInteger(v)";
    case "boolean":
      return `typeof v === "boolean"`;
    case "null":
      return "v === null";
    default:
      throw new Error(`schema type ${type} is not supported by the fast check`);
  }
}

/** True when `value` is a valid AtelierRolePack (the generated schema, interpreted). */
export const matchesPackSchema: Check = compileSchema(generatedSchema as SchemaNode);
