/**
 * The JSON Schema of the RolePack format as text, from the committed assets/rolepack.schema.json
 * — generated from the arktype schema by `npm run generate`, and held equal to it by a test — so
 * that printing it does not load arktype (~250 ms).
 *
 * @example
 * ```ts
 * await Bun.write("rolepack.schema.json", await rolePackJsonSchemaText());
 * ```
 */

/**
 * The JSON Schema (draft 2020-12) of a RolePack, pretty-printed with a final newline: what
 * `rolepack-check schema` prints.
 *
 * @example
 * ```ts
 * const schema = JSON.parse(await rolePackJsonSchemaText()); // for an editor or a validator such as ajv
 * ```
 */
export async function rolePackJsonSchemaText(): Promise<string> {
  // Loaded when asked for: a check never prints it.
  const { default: schema } = await import("../../assets/rolepack.schema.json", { with: { type: "json" } });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
