/**
 * How the configuration's fast check is generated (by `npm run generate`): its name and sources,
 * shared by the generator and the test that keeps the generated file up to date.
 *
 * @example
 * ```ts
 * schemaCheckSource(configJsonSchema() as SchemaNode, CONFIG_CHECK);
 * ```
 */
import type { GeneratedCheck } from "../pack/schema-check-codegen.ts";

export const CONFIG_CHECK: GeneratedCheck = {
  name: "matchesConfigSchema",
  accepts: "a valid rolepack-check.jsonc",
  schemaFile: "assets/rolepack-check.schema.json",
  definedIn: "lib/config/schema.ts",
};
