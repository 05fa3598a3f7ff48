/**
 * The JSON Schema (draft 2020-12) of the RolePack format, generated from the arktype
 * definition: exactly it (lib/pack/generated/pack-schema.json, which the checker explains schema
 * errors with), and for editors the same made as strict as the rules (assets/rolepack.schema.json).
 * Both are committed by `npm run generate`; a test fails when either is out of date.
 *
 * @example
 * ```ts
 * await Bun.write("rolepack.schema.json", renderJsonSchema());
 * ```
 */
import type { ToJsonSchema } from "@ark/schema";
import { CONTRACT_LISTS, contractIdPatternOf } from "./format.ts";
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

/**
 * The schema for editors and other validators (assets/rolepack.schema.json): the arktype
 * definition's, made as strict as the checker's rules wherever JSON Schema can say it — a contract
 * version within 32 bits (HSK-RR-007), only X ids in extract_contracts and only C ids in
 * produce_contracts (HSK-RR-009), and no repeated role, contract or alias (HSK-RR-004, 005, 012).
 * Nothing it rejects passes the checker; test/json-schema-validators.test.ts holds two validators to that.
 * The checker itself explains schema errors with the exact schema (rolePackJsonSchema): a
 * finding a rule of its own reports is not a schema error too.
 */
export function editorJsonSchema(): Record<string, unknown> {
  const schema = structuredClone(rolePackJsonSchema()) as SchemaObject;
  const roles = schema.properties!.roles!;
  roles.uniqueItems = true;
  const role = roles.items!;
  role.properties!.aliases!.uniqueItems = true;
  for (const { field, kind } of CONTRACT_LISTS) {
    const list = role.properties![field]!;
    list.uniqueItems = true;
    list.items!.properties!.contract_id!.pattern = contractIdPatternOf(kind).source;
  }
  return schema as Record<string, unknown>;
}

interface SchemaObject {
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  uniqueItems?: boolean;
  pattern?: string;
}

/** assets/rolepack.schema.json: the editors' schema ({@link editorJsonSchema}). */
export function renderJsonSchema(): string {
  return `${JSON.stringify(editorJsonSchema(), null, 2)}\n`;
}

/** lib/pack/generated/pack-schema.json: the arktype definition's own schema, which the checker explains with. */
export function renderExactJsonSchema(): string {
  return `${JSON.stringify(rolePackJsonSchema(), null, 2)}\n`;
}
