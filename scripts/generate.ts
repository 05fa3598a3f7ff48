/**
 * `npm run generate`: rewrites what is derived from the arktype schemas — for the pack,
 * assets/rolepack.schema.json (for editors), lib/pack/generated/pack-schema.json (the exact schema
 * the checker explains with) and lib/pack/generated/pack-schema-check.ts (the fast path's check); for the configuration, assets/rolepack-check.schema.json and
 * lib/config/generated/config-check.ts. Tests fail when any is out of date.
 *
 * @example
 * ```sh
 * bun scripts/generate.ts
 * ```
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { configJsonSchema, renderConfigJsonSchema } from "../lib/config/json-schema.ts";
import { CONFIG_CHECK } from "../lib/config/generated-check.ts";
import { renderExactJsonSchema, renderJsonSchema, rolePackJsonSchema } from "../lib/pack/json-schema.ts";
import { type SchemaNode, schemaCheckSource } from "../lib/pack/schema-check-codegen.ts";

const root = join(import.meta.dir, "..");
writeFileSync(join(root, "assets", "rolepack.schema.json"), renderJsonSchema());
writeFileSync(join(root, "lib", "pack", "generated", "pack-schema.json"), renderExactJsonSchema());
writeFileSync(join(root, "lib", "pack", "generated", "pack-schema-check.ts"), schemaCheckSource(rolePackJsonSchema() as SchemaNode));
writeFileSync(join(root, "assets", "rolepack-check.schema.json"), renderConfigJsonSchema());
writeFileSync(join(root, "lib", "config", "generated", "config-check.ts"), schemaCheckSource(configJsonSchema() as SchemaNode, CONFIG_CHECK));
