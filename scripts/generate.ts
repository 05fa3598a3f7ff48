/**
 * `npm run generate`: rewrites what is derived from the arktype schema — assets/rolepack.schema.json
 * (for editors) and lib/pack/generated/pack-schema-check.ts (the fast path's check). Tests fail when
 * either is out of date.
 *
 * @example
 * ```sh
 * bun scripts/generate.ts
 * ```
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderJsonSchema, rolePackJsonSchema } from "../lib/pack/json-schema.ts";
import { type SchemaNode, schemaCheckSource } from "../lib/pack/schema-check-codegen.ts";

const root = join(import.meta.dir, "..");
writeFileSync(join(root, "assets", "rolepack.schema.json"), renderJsonSchema());
writeFileSync(join(root, "lib", "pack", "generated", "pack-schema-check.ts"), schemaCheckSource(rolePackJsonSchema() as SchemaNode));
