/**
 * The JSON Schema (draft 2020-12) of `rolepack-check.jsonc`, generated from the arktype definition
 * so that editors validate and complete the configuration. Committed as
 * assets/rolepack-check.schema.json (`npm run generate`); a test fails when it is out of date.
 *
 * @example
 * ```ts
 * await Bun.write("assets/rolepack-check.schema.json", renderConfigJsonSchema());
 * ```
 */
import { RolepackCheckConfig } from "./schema.ts";

export function configJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = RolepackCheckConfig.toJsonSchema() as Record<string, unknown>;
  return {
    $schema,
    title: "rolepack-check configuration",
    description:
      "rolepack-check.jsonc at the root of the work tree. Generated from lib/config/schema.ts by `npm run generate` and printed by `rolepack-check schema --config`; do not edit.",
    ...rest,
  };
}

export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
