/**
 * Writes the fast path's schema check as TypeScript source: one plain function per node of the
 * JSON Schema derived from the arktype definition (lib/pack/generated/pack-schema.json). Run at
 * development time (`npm run generate`), not at check time, so the check is ordinary bundled,
 * bytecode-cached code (~1.7 ms less per run than building it with `new Function`). A test fails
 * when lib/pack/generated/pack-schema-check.ts is out of date, and another proves it agrees with arktype.
 *
 * Only the keywords the generated schema uses are understood; any other keyword is an error
 * here, so the check and arktype can never silently disagree.
 *
 * @example
 * ```ts
 * await Bun.write("lib/pack/generated/pack-schema-check.ts", schemaCheckSource(jsonSchema));
 * ```
 */

export interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  uniqueItems?: boolean;
}

const ANNOTATIONS = new Set(["$schema", "title", "description"]);
const KEYWORDS = new Set(["type", "properties", "required", "additionalProperties", "items", "enum", "const", "pattern", "minLength", "minItems", "uniqueItems"]);

const TYPE_TESTS: Record<string, string> = {
  object: `v !== null && typeof v === "object" && !Array.isArray(v)`,
  array: "Array.isArray(v)",
  string: `typeof v === "string"`,
  number: `typeof v === "number" && Number.isFinite(v)`,
  integer: "Number.isInteger(v)",
  boolean: `typeof v === "boolean"`,
  null: "v === null",
};

/** What the generated module is: its export, what the export accepts, and where its schema comes from. */
export interface GeneratedCheck {
  /** The exported function's name, e.g. `matchesPackSchema`. */
  readonly name: string;
  /** What `true` means, for its doc comment: "a valid AtelierRolePack". */
  readonly accepts: string;
  /** The committed JSON Schema it is generated from. */
  readonly schemaFile: string;
  /** The arktype definition that schema is generated from. */
  readonly definedIn: string;
}

const PACK_CHECK: GeneratedCheck = {
  name: "matchesPackSchema",
  accepts: "a valid AtelierRolePack",
  schemaFile: "lib/pack/generated/pack-schema.json",
  definedIn: "lib/pack/schema.ts",
};

export function schemaCheckSource(root: SchemaNode, check: GeneratedCheck = PACK_CHECK): string {
  const constants: string[] = [];
  const functions: string[] = [];
  const constant = (expression: string) => {
    const known = constants.indexOf(expression);
    return `k${known === -1 ? constants.push(expression) - 1 : known}`;
  };
  // Equal schema nodes (arktype repeats a shared type, e.g. the contract in both lists) share one function.
  const compiled = new Map<string, string>();
  const compile = (node: SchemaNode): string => {
    const key = JSON.stringify(node);
    const known = compiled.get(key);
    if (known !== undefined) return known;
    const name = compileNode(node);
    compiled.set(key, name);
    return name;
  };
  const compileNode = (node: SchemaNode): string => {
    for (const keyword of Object.keys(node)) {
      if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`schema keyword ${keyword} is not supported by the fast check`);
    }
    const index = functions.push("") - 1; // reserve the slot: children are numbered before this body is known
    const body: string[] = [];
    if (node.type !== undefined) {
      const test = TYPE_TESTS[node.type];
      if (test === undefined) throw new Error(`schema type ${node.type} is not supported by the fast check`);
      body.push(`if (!(${test})) return false;`);
    }
    if (node.const !== undefined) {
      if (node.const !== null && typeof node.const === "object") throw new Error("an object or array const is not supported by the fast check");
      body.push(`if (v !== ${JSON.stringify(node.const)}) return false;`);
    }
    if (node.enum !== undefined) body.push(`if (!${constant(`new Set<unknown>(${JSON.stringify(node.enum)})`)}.has(v)) return false;`);
    if (node.pattern !== undefined) {
      body.push(`if (typeof v === "string" && !${constant(`new RegExp(${JSON.stringify(node.pattern)}, "u")`)}.test(v)) return false;`);
    }
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
        const declared = Object.keys(node.properties ?? {}).map((key) => `key === ${JSON.stringify(key)}`);
        const isDeclared = declared.length === 0 ? "false" : declared.join(" || ");
        const extra = additional === false ? "false" : `${compile(additional)}(v[key])`;
        body.push(`  for (const key of Object.keys(v)) if (!(${isDeclared}) && !(${extra})) return false;`);
      }
      body.push("}");
    }
    functions[index] =
      body.length === 0
        ? `function f${index}(_v: unknown): boolean {\n  return true;\n}`
        : `function f${index}(v: any): boolean {\n  ${body.join("\n  ")}\n  return true;\n}`;
    return `f${index}`;
  };
  const entry = compile(root);
  return [
    `// Generated by \`npm run generate\` (lib/pack/schema-check-codegen.ts) from ${check.schemaFile},`,
    `// which is generated from the arktype definition in ${check.definedIn}. Do not edit.`,
    "",
    ...constants.map((expression, index) => `const k${index} = ${expression};`),
    "",
    ...functions,
    "",
    `/** True when \`value\` is ${check.accepts} (the generated schema, as code). */`,
    `export const ${check.name}: (value: unknown) => boolean = ${entry};`,
    "",
  ].join("\n");
}
