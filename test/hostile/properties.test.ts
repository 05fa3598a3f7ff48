/**
 * Properties, checked on values fast-check generates (fixed seeds, so a failure replays):
 * the canonical form and the hash it defines, order independence of the verdict, and that
 * random damage to the default pack never crashes the checker nor passes a lost entry.
 */
import { afterAll, describe, expect, test } from "bun:test";
import fc from "fast-check";
import { canonicalJson, contractHash } from "../../lib/json/canonical-hash.ts";
import { checkPack } from "../../lib/check/check-pack.ts";
import { DEFAULT_PACK_PATH } from "../../lib/git/mod.ts";
import { parseJsonDocument } from "../../lib/json/json-document.ts";
import { SourceText } from "../../lib/json/source-text.ts";
import { compiledBinary } from "../helpers/cli-runner.ts";
import { GitRepo, removeTempDirs } from "../helpers/git-repo.ts";
import { defaultPackText } from "../helpers/packs.ts";

afterAll(removeTempDirs);

/** I-JSON values: JSON values without lone surrogates (they have no canonical form). */
const iJsonValue = fc.jsonValue({ maxDepth: 4 }).filter((value) => !/\\u[dD][89a-fA-F]/.test(JSON.stringify(value)));

/** The same value with every object's keys inserted in a shuffled order. */
function reorderKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, i) => reorderKeys(item, seed + i));
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  const shuffled = keys.map((key, i) => ({ key, rank: Math.sin(seed * 7919 + i * 104729) })).sort((a, b) => a.rank - b.rank);
  const copy: Record<string, unknown> = {};
  for (const { key } of shuffled) Object.defineProperty(copy, key, { value: reorderKeys((value as Record<string, unknown>)[key], seed + 1), enumerable: true });
  return copy;
}

/** Equality of JSON values as JSON means it: numbers by value (so -0 equals 0), keys in any order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

describe("canonical form (RFC 8785) and the contract hash", () => {
  test("is idempotent, and independent of key order and whitespace: hash(parse(canonical(x))) = hash(x)", () => {
    fc.assert(
      fc.property(iJsonValue, fc.integer(), (value, seed) => {
        const canonical = canonicalJson(value);
        expect(canonicalJson(JSON.parse(canonical))).toBe(canonical);
        expect(canonicalJson(reorderKeys(value, seed))).toBe(canonical);
        expect(canonicalJson(JSON.parse(JSON.stringify(value, null, 3)))).toBe(canonical);
        expect(contractHash(JSON.parse(canonical))).toBe(contractHash(value));
      }),
      { numRuns: 500, seed: 8785 },
    );
  });

  test("a byte changed in a schema_json text changes the hash exactly when it changes the JSON value", () => {
    const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
    let changedValues = 0;
    fc.assert(
      fc.property(iJsonValue, fc.nat(), printable, fc.boolean(), (value, at, replacement, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const position = at % text.length;
        const mutated = text.slice(0, position) + replacement + text.slice(position + 1);
        const doc = parseJsonDocument(new SourceText("schema.json", mutated));
        // No longer I-JSON (a syntax error, 1e362, a duplicate key…): HSK-RR-011 reports it, and no hash is defined.
        if (doc.problems.length > 0 || doc.root === undefined) return;
        const other = JSON.parse(mutated);
        if (!sameJson(value, other)) changedValues++;
        expect(contractHash(other) === contractHash(value)).toBe(sameJson(value, other));
      }),
      { numRuns: 2_000, seed: 20261122 },
    );
    expect(changedValues).toBeGreaterThan(100); // the property was not vacuous
  });
});

type Pack = { roles: Record<string, unknown>[] } & Record<string, unknown>;
const CONTRACT_LISTS = ["extract_contracts", "produce_contracts"] as const;

function shuffled<T>(items: readonly T[], seed: number): T[] {
  return items
    .map((item, i) => ({ item, rank: Math.sin(seed * 31337 + i * 7877) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ item }) => item);
}

/** Roles, and the contracts of each list, in a shuffled order. */
function reorderPack(pack: Pack, seed: number): Pack {
  return {
    ...pack,
    roles: shuffled(pack.roles, seed).map((role, i) => {
      const copy = { ...role };
      for (const list of CONTRACT_LISTS) if (Array.isArray(copy[list])) copy[list] = shuffled(copy[list] as unknown[], seed + i);
      return copy;
    }),
  };
}

type Damage =
  | { kind: "drop-role" | "duplicate-role" | "drop-contract" | "rename-role" | "rename-contract" | "retype-role-id" | "drop-schema" | "change-schema" | "drop-field"; at: number; pick: number }
  | { kind: "shuffle"; seed: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({
    kind: fc.constantFrom(
      "drop-role" as const,
      "duplicate-role" as const,
      "drop-contract" as const,
      "rename-role" as const,
      "rename-contract" as const,
      "retype-role-id" as const,
      "drop-schema" as const,
      "change-schema" as const,
      "drop-field" as const,
    ),
    at: fc.nat(),
    pick: fc.nat(),
  }),
  fc.record({ kind: fc.constant("shuffle" as const), seed: fc.integer() }),
);

function damaged(pack: Pack, damages: readonly Damage[]): Pack {
  let value = structuredClone(pack);
  for (const change of damages) {
    if (change.kind === "shuffle") {
      value = reorderPack(value, change.seed);
      continue;
    }
    if (value.roles.length === 0) continue;
    const index = change.at % value.roles.length;
    const role = value.roles[index]!;
    const list = role[CONTRACT_LISTS[change.pick % 2]!] as Record<string, unknown>[] | undefined;
    const contract = Array.isArray(list) && list.length > 0 ? list[change.pick % list.length] : undefined;
    switch (change.kind) {
      case "drop-role":
        value.roles.splice(index, 1);
        break;
      case "duplicate-role":
        value.roles.splice(index, 0, structuredClone(role));
        break;
      case "drop-contract":
        if (Array.isArray(list) && list.length > 0) list.splice(change.pick % list.length, 1);
        break;
      case "rename-role":
        role.role_id = `${String(role.role_id)}_renamed`;
        break;
      case "rename-contract":
        if (contract) contract.contract_id = `${String(contract.contract_id)}0`;
        break;
      case "retype-role-id":
        role.role_id = change.pick;
        break;
      case "drop-schema":
        if (contract) delete contract.schema_json;
        break;
      case "change-schema":
        if (contract) contract.schema_json = { changed: change.pick };
        break;
      case "drop-field": {
        const keys = Object.keys(role);
        delete role[keys[change.pick % keys.length]!];
        break;
      }
    }
  }
  return value;
}

/** The published role_ids and contract_ids that `pack` no longer has (anywhere, as strings). */
function lostIds(published: Pack, pack: Pack): string[] {
  const ids = (value: Pack) => {
    const found = new Set<string>();
    for (const role of value.roles) {
      if (role === null || typeof role !== "object") continue;
      if (typeof role.role_id === "string") found.add(`role ${role.role_id}`);
      for (const list of CONTRACT_LISTS) {
        for (const contract of Array.isArray(role[list]) ? (role[list] as Record<string, unknown>[]) : []) {
          if (typeof contract?.contract_id === "string") found.add(`contract ${contract.contract_id}`);
        }
      }
    }
    return found;
  };
  const now = ids(pack);
  return [...ids(published)].filter((id) => !now.has(id));
}

async function verdict(published: string, current: string) {
  const result = await checkPack({
    current: new SourceText("pack.json", current),
    published: [{ commit: "published", source: new SourceText("main:pack.json", published) }],
  });
  return { errors: result.diagnostics.filter((d) => d.severity === "error").length, codes: result.diagnostics.map((d) => d.code).sort() };
}

describe("the checker's verdict", () => {
  const publishedPack = JSON.parse(defaultPackText()) as Pack;
  const publishedText = `${JSON.stringify(publishedPack, null, 2)}\n`;

  test("does not depend on the order of roles or contracts (baseline and current)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { maxLength: 3 }), fc.integer(), fc.integer(), async (damages, seedCurrent, seedPublished) => {
        const current = damaged(publishedPack, damages);
        const asIs = await verdict(publishedText, JSON.stringify(current, null, 2));
        const reordered = await verdict(
          JSON.stringify(reorderPack(publishedPack, seedPublished), null, 2),
          JSON.stringify(reorderPack(current, seedCurrent), null, 2),
        );
        expect(reordered).toEqual(asIs);
      }),
      { numRuns: 60, seed: 1122 },
    );
  });

  test("random damage never crashes it and never passes a pack that lost a published role or contract", async () => {
    let lossesSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 4 }), async (damages) => {
        const current = damaged(publishedPack, damages);
        const { errors } = await verdict(publishedText, JSON.stringify(current, null, 2));
        if (lostIds(publishedPack, current).length > 0) {
          lossesSeen++;
          expect(errors).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200, seed: 6 },
    );
    expect(lossesSeen).toBeGreaterThan(50);
  });

  test("compiled binary on damaged packs: never a crash, never exit 0 after a loss", async () => {
    const repo = GitRepo.create();
    repo.write(DEFAULT_PACK_PATH, publishedText);
    repo.commit("publish");
    const samples = fc.sample(fc.array(damage, { minLength: 1, maxLength: 4 }), { numRuns: 8, seed: 42 });
    for (const damages of samples) {
      const current = damaged(publishedPack, damages);
      repo.write(DEFAULT_PACK_PATH, JSON.stringify(current, null, 2));
      const result = await compiledBinary.run([DEFAULT_PACK_PATH], { cwd: repo.dir });
      expect(result.stderr).not.toContain("internal error");
      expect([0, 1]).toContain(result.exitCode);
      if (lostIds(publishedPack, current).length > 0) expect(result.exitCode).toBe(1);
    }
  });
});
