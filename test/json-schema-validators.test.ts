/**
 * The editors' JSON Schema (assets/rolepack.schema.json, issue #15 point 6) is as strict as the
 * checker where JSON Schema can say it, and never stricter: two independent validators (ajv and
 * @exodus/schemasafe) run over the same packs as the checker — targeted breakages of the rules the
 * schema spells out, and random mutations — and the verdicts are compared.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { validator as schemasafe } from "@exodus/schemasafe";
import { checkWithPositions } from "../lib/check/positioned-check.ts";
import { SourceText } from "../lib/json/source-text.ts";
import { PROJECT_ROOT } from "./helpers/cli-runner.ts";
import { defaultPackText } from "./helpers/packs.ts";
import { type Json, mutate, random } from "./helpers/mutations.ts";

const SCHEMA = JSON.parse(readFileSync(join(PROJECT_ROOT, "assets", "rolepack.schema.json"), "utf8"));
const ajv = new Ajv2020({ allErrors: false, strict: true }).compile(SCHEMA);
const safe = schemasafe(SCHEMA, { mode: "default", includeErrors: false });

/** Each validator's verdict and the checker's (its error codes; warnings do not make a pack invalid). */
async function verdicts(pack: unknown) {
  const text = `${JSON.stringify(pack, null, 2)}\n`;
  const { diagnostics } = await checkWithPositions(new SourceText("p.json", text), undefined, undefined);
  const errors: string[] = [...new Set(diagnostics.filter((d) => d.severity === "error").map((d) => d.code))].sort();
  return { ajv: ajv(pack) as boolean, schemasafe: safe(pack as Json), errors };
}

type Pack = { roles: Record<string, Json[] | string | Json>[] } & Record<string, Json>;
const base = () => JSON.parse(defaultPackText()) as Pack;
const contracts = (pack: Pack, role: number, list: "extract_contracts" | "produce_contracts") => pack.roles[role]![list] as { contract_id: string; schema_json: Json }[];

/** One breakage per rule the schema now spells out, with the code the checker gives it. */
const BREAKAGES: { name: string; code: string; edit: (pack: Pack) => void }[] = [
  { name: "a contract version past 32 bits", code: "HSK-RR-007", edit: (pack) => (contracts(pack, 0, "extract_contracts")[0]!.contract_id = `ROLE:${pack.roles[0]!.role_id}:X:4294967296`) },
  { name: "a version with a leading zero", code: "HSK-RR-007", edit: (pack) => (contracts(pack, 0, "extract_contracts")[0]!.contract_id = `ROLE:${pack.roles[0]!.role_id}:X:01`) },
  { name: "a C id in extract_contracts", code: "HSK-RR-009", edit: (pack) => (contracts(pack, 1, "extract_contracts")[0]!.contract_id = `ROLE:${pack.roles[1]!.role_id}:C:7`) },
  { name: "an X id in produce_contracts", code: "HSK-RR-009", edit: (pack) => (contracts(pack, 2, "produce_contracts")[0]!.contract_id = `ROLE:${pack.roles[2]!.role_id}:X:7`) },
  { name: "an alias twice in one role", code: "HSK-RR-012", edit: (pack) => (pack.roles[3]!.aliases = ["cutter", "cutter"]) },
  { name: "a role twice", code: "HSK-RR-004", edit: (pack) => pack.roles.push(structuredClone(pack.roles[4]!)) },
  { name: "a contract twice in its list", code: "HSK-RR-005", edit: (pack) => contracts(pack, 5, "produce_contracts").push(structuredClone(contracts(pack, 5, "produce_contracts")[0]!)) },
];

describe("the editors' JSON Schema against the checker, by two validators", () => {
  test("the bundled pack, and the largest version there is, are valid for all three", async () => {
    expect(await verdicts(base())).toEqual({ ajv: true, schemasafe: true, errors: [] });
    const pack = base();
    contracts(pack, 0, "extract_contracts").push({ contract_id: `ROLE:${pack.roles[0]!.role_id}:X:4294967295`, schema_json: structuredClone(contracts(pack, 0, "extract_contracts")[0]!.schema_json) });
    expect(await verdicts(pack)).toEqual({ ajv: true, schemasafe: true, errors: [] });
  });

  for (const { name, code, edit } of BREAKAGES) {
    test(`${name}: ${code} for the checker, invalid for both validators`, async () => {
      const pack = base();
      edit(pack);
      const verdict = await verdicts(pack);
      expect(verdict.errors).toContain(code);
      expect({ ajv: verdict.ajv, schemasafe: verdict.schemasafe }).toEqual({ ajv: false, schemasafe: false });
    });
  }

  test("on 1,500 random mutations the validators agree, and neither rejects a pack the checker accepts", async () => {
    const next = random(15);
    let rejected = 0;
    for (let i = 0; i < 1500; i++) {
      const pack = mutate(base() as unknown as Json, next);
      const verdict = await verdicts(pack);
      expect({ i, ajv: verdict.ajv }).toEqual({ i, ajv: verdict.schemasafe });
      if (!verdict.ajv) {
        rejected++;
        expect({ i, checkerFindsAnError: verdict.errors.length > 0 }).toEqual({ i, checkerFindsAnError: true });
      }
    }
    expect(rejected).toBeGreaterThan(500); // the corpus does break things
  }, 120_000);
});
