/**
 * The JSON Schema (draft 2020-12) of the RolePack format, generated from the arktype
 * definition so that editors validate and complete packs with the same rules the checker uses.
 * Committed as assets/rolepack.schema.json; a test fails when it is out of date.
 *
 * @example
 * ```ts
 * await Bun.write("rolepack.schema.json", renderJsonSchema());
 * ```
 */
import type { ToJsonSchema } from "@ark/schema";
import { AtelierRolePack, notAnArray, withoutRepeats } from "./schema.ts";

export function rolePackJsonSchema(): Record<string, unknown> {
  const generated = AtelierRolePack.toJsonSchema({
    fallback: {
      // Narrows are code; each one we use has a JSON Schema equivalent.
      predicate: (ctx: ToJsonSchema.PredicateContext) => {
        const predicate: unknown = ctx.predicate;
        if (predicate === withoutRepeats) return { ...ctx.base, uniqueItems: true };
        if (predicate === notAnArray) return ctx.base; // JSON Schema's "object" excludes arrays already
        throw new Error("a narrow without a JSON Schema rendering was added to lib/pack/schema.ts");
      },
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: "AtelierRolePack",
    description:
      "A RolePack: roles with their extract (X) and produce (C) contracts. Generated from lib/pack/schema.ts by `npm run generate` and printed by `rolepack-check schema`; do not edit.",
    ...rest,
  };
}

export function renderJsonSchema(): string {
  return `${JSON.stringify(rolePackJsonSchema(), null, 2)}\n`;
}
