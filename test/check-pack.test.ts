import { describe, expect, test } from "bun:test";
import { checkPack } from "../lib/check/check-pack.ts";
import { REGISTRY_RULES } from "../lib/rules/all-rules.ts";
import { RULE_CATALOG, RULE_CODES } from "../lib/rules/catalog.ts";
import { SourceText } from "../lib/json/source-text.ts";
import { DEFINITION_FIELDS, NOT_DEFINITION } from "../lib/pack/format.ts";
import { PROJECT_ROOT } from "./helpers/cli-runner.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contract, defaultPackText, lineOf, packText, role, smallPack } from "./helpers/packs.ts";

/**
 * The check of `current` against `baseline`. These scenarios change roles without bumping
 * pack_version (HSK-RR-017) and add contracts with plain schemas (HSK-RR-018, spec S4); both are
 * warnings with tests of their own below, and are left out here.
 */
async function check(current: string | object, baseline?: string | object) {
  const result = await checkWithPinning(current, baseline);
  return { ...result, diagnostics: result.diagnostics.filter((d) => d.code !== "HSK-RR-017" && d.code !== "HSK-RR-018") };
}

/** The check with HSK-RR-017 (HSK-RR-018 still left out: these packs' new contracts have plain schemas). */
async function checkWithPinning(current: string | object, baseline?: string | object) {
  const result = await checkEverything(current, baseline);
  return { ...result, diagnostics: result.diagnostics.filter((d) => d.code !== "HSK-RR-018") };
}

async function checkEverything(current: string | object, baseline?: string | object) {
  const text = typeof current === "string" ? current : packText(current);
  const base = baseline === undefined ? undefined : typeof baseline === "string" ? baseline : packText(baseline);
  return checkPack({
    current: new SourceText("pack.json", text),
    published: base === undefined ? [] : [{ commit: "c0ffee", source: new SourceText("main:pack.json", base) }],
  });
}

async function codes(current: string | object, baseline?: string | object): Promise<string[]> {
  return (await check(current, baseline)).diagnostics.map((d) => d.code);
}

describe("rule catalog", () => {
  test("has one entry per code, codes unique and in order", async () => {
    expect(RULE_CATALOG.map((rule) => rule.code)).toEqual([...RULE_CODES]);
    expect(new Set(RULE_CATALOG.map((rule) => rule.name)).size).toBe(RULE_CATALOG.length);
  });

  test("every pack and append-only rule has exactly one check", async () => {
    const withCheck = REGISTRY_RULES.map((rule) => rule.code).sort();
    const expected = RULE_CATALOG.filter((rule) => rule.stage === "pack" || rule.stage === "append-only" || rule.stage === "versioning").map((r) => r.code);
    expect(withCheck).toEqual(expected);
  });
});

describe("what a role's definition is (HSK-RR-014)", () => {
  test("every role field the schema declares, less identity, names, lifecycle and contracts", () => {
    const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, "assets", "rolepack.schema.json"), "utf8"));
    const declared = Object.keys(schema.properties.roles.items.properties);
    expect([...DEFINITION_FIELDS].sort()).toEqual(declared.filter((field) => !NOT_DEFINITION.has(field)).sort());
  });

  test("a misspelt definition field is HSK-RR-010 alone: not also that field removed from the definition (HSK-RR-014)", async () => {
    const published = smallPack([role("editor"), role("colorist")]);
    const typo = packText(smallPack([role("editor"), role("colorist")], "2")).replace('"proposal_policy"', '"proposal_polcy"');
    expect((await checkEverything(typo, published)).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['HSK-RR-010 unknown field "proposal_polcy" in role "editor"']);
  });

  test("a misspelt key of a published role is an unknown field (HSK-RR-010), not a definition change", async () => {
    const published = smallPack([role("editor"), role("colorist")]);
    const typo = packText(smallPack([role("editor"), role("colorist")], "2")).replace('"lifecycle"', '"lifecyle"');
    expect((await checkEverything(typo, published)).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['HSK-RR-010 unknown field "lifecyle" in role "editor"']);
  });
});

describe("the bundled default pack", () => {
  test("passes against itself and on first publish", async () => {
    expect((await codes(defaultPackText(), defaultPackText()))).toEqual([]);
    expect((await codes(defaultPackText()))).toEqual([]);
  });

  test("is realistic: at least 30 roles in 6 departments, each with X and C contracts", async () => {
    const pack = JSON.parse(defaultPackText());
    expect(pack.roles.length).toBeGreaterThanOrEqual(30);
    expect(new Set(pack.roles.map((r: { department_id: string }) => r.department_id)).size).toBeGreaterThanOrEqual(6);
    for (const r of pack.roles) {
      expect(r.extract_contracts.length).toBeGreaterThanOrEqual(1);
      expect(r.produce_contracts.length).toBeGreaterThanOrEqual(1);
      for (const c of [...r.extract_contracts, ...r.produce_contracts]) {
        expect(Object.keys(c.schema_json).length).toBeGreaterThanOrEqual(3);
      }
    }
  });
});

describe("append-only rules", () => {
  const published = smallPack([role("editor"), role("colorist")]);

  test("additions pass: a new role and a new contract version", async () => {
    const editor = role("editor");
    editor.extract_contracts.push(contract("ROLE:editor:X:2", { type: "object", v: 2 }));
    expect((await codes(smallPack([editor, role("colorist"), role("composer")]), published))).toEqual([]);
  });

  test("HSK-RR-001: a removed role points at roles and names its baseline line", async () => {
    const result = (await check(smallPack([role("editor")]), published));
    const removed = result.diagnostics.filter((d) => d.code === "HSK-RR-001");
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ line: 5, column: 3, role_id: "colorist" });
    expect(removed[0]!.message).toBe(
      `role "colorist" was removed; it is published at main:pack.json:${lineOf(packText(published), '"colorist"')}`,
    );
  });

  test("HSK-RR-002: each removed contract is reported, also with its role", async () => {
    const editor = role("editor", { produce_contracts: [] });
    const result = (await check(smallPack([editor]), published));
    expect(result.diagnostics.map((d) => `${d.code} ${d.contract_id ?? d.role_id}`)).toEqual([
      "HSK-RR-001 colorist",
      "HSK-RR-002 ROLE:colorist:C:1",
      "HSK-RR-002 ROLE:colorist:X:1",
      "HSK-RR-002 ROLE:editor:C:1",
      "HSK-RR-016 editor", // and a role must keep a produce contract (S3)
    ]);
    const editorLost = result.diagnostics.find((d) => d.contract_id === "ROLE:editor:C:1")!;
    expect(editorLost.line).toBe(lineOf(packText(smallPack([editor])), '"produce_contracts"'));
  });

  test("HSK-RR-003: schema drift carries both hashes and the next free version", async () => {
    const editor = role("editor");
    editor.extract_contracts = [contract("ROLE:editor:X:1", { type: "object", changed: true })];
    const current = smallPack([editor, role("colorist")]);
    const [drift, ...rest] = (await check(current, published)).diagnostics;
    expect(rest).toEqual([]);
    expect(drift).toMatchObject({ code: "HSK-RR-003", contract_id: "ROLE:editor:X:1", role_id: "editor" });
    expect(drift!.expected_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(drift!.got_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(drift!.expected_hash).not.toBe(drift!.got_hash);
    expect(drift!.message).toContain(drift!.expected_hash!);
    expect(drift!.advice).toContain('"ROLE:editor:X:2"');
    // Located at the first changed value, and named by JSON Pointer (#13 point 7).
    expect(drift!.line).toBe(lineOf(packText(current), '"changed"'));
    expect(drift!.message).toContain('changed its schema_json (/changed: added true; /id: removed "ROLE:editor:X:1"): published hash');
  });

  test("HSK-RR-003 names up to three changes by JSON Pointer, then how many more, and points at the first changed value", async () => {
    const before = { type: "object", properties: { score: { type: "number", maximum: 10 } }, required: ["score"], a: 1, b: 2 };
    const after = { type: "object", properties: { score: { type: "number", maximum: 11 } }, required: ["score", "note"], a: 3, b: 4 };
    const published = smallPack([role("editor", { extract_contracts: [contract("ROLE:editor:X:1", before)] })]);
    const current = smallPack([role("editor", { extract_contracts: [contract("ROLE:editor:X:1", after)] })]);
    const [drift] = (await check(current, published)).diagnostics;
    // Listed, and located, in the order of the file: maximum comes first there.
    expect(drift!.message).toContain('changed its schema_json (/properties/score/maximum: 10 → 11; /required/1: added "note"; /a: 1 → 3; and 1 more)');
    expect(drift!.line).toBe(lineOf(packText(current), '"maximum": 11'));
  });

  test("HSK-RR-003: the next free version skips versions already taken", async () => {
    const before = smallPack([role("editor")]);
    (before.roles as ReturnType<typeof role>[])[0]!.extract_contracts.push(contract("ROLE:editor:X:2"));
    const editor = role("editor");
    editor.extract_contracts = [contract("ROLE:editor:X:1", { changed: 1 }), contract("ROLE:editor:X:2"), contract("ROLE:editor:X:3")];
    const drift = (await check(smallPack([editor]), before)).diagnostics.find((d) => d.code === "HSK-RR-003")!;
    expect(drift.advice).toContain('"ROLE:editor:X:4"');
  });

  test("formatting, key order and comments are not drift", async () => {
    const reordered = `// comment\n${JSON.stringify(smallPack([role("colorist"), role("editor")]))}`;
    expect((await codes(reordered, published))).toEqual([]);
  });

  test("a deprecated role is still held to every rule", async () => {
    const editor = role("editor", { lifecycle: "deprecated" });
    editor.produce_contracts = [contract("ROLE:editor:C:1", { changed: true })];
    expect((await codes(smallPack([editor, role("colorist")]), published))).toEqual(["HSK-RR-003"]);
  });
});

describe("HSK-RR-017: the registry version is pinned (spec S5)", () => {
  const published = smallPack([role("editor"), role("colorist")]);
  const history = async (versions: object[], current: object) => {
    const result = await checkPack({
      current: new SourceText("pack.json", packText(current)),
      published: versions.map((version, index) => ({ commit: `${index + 1}`.padStart(40, "0"), source: new SourceText(`v${index + 1}`, packText(version)) })),
    });
    return { ...result, diagnostics: result.diagnostics.filter((d) => d.code !== "HSK-RR-018") };
  };

  test("roles changed under the published pack_version: a warning at pack_version naming what changed and the next version", async () => {
    const result = await checkWithPinning(smallPack([role("editor", { display_name: "Cutter" }), role("colorist"), role("composer")]), published);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "HSK-RR-017",
        severity: "warning",
        line: 3,
        column: 19,
        message: 'pack_version "1" is the published one (commit c0ffee), but the roles changed: 1 added ("composer"); 1 changed ("editor")',
        advice: expect.stringContaining('(e.g. "2")'),
      }),
    ]);
  });

  test("a bumped pack_version, or no change to the roles, passes", async () => {
    const bumped = { ...smallPack([role("editor"), role("colorist"), role("composer")]), pack_version: "2" };
    expect((await checkWithPinning(bumped, published)).diagnostics).toEqual([]);
    // Role order, key order and layout are not content.
    const reordered = smallPack([role("colorist"), role("editor")]);
    const text = JSON.stringify(reordered).replace('"pack_id":"test_pack","pack_version":"1"', '"pack_version":"1","pack_id":"test_pack"');
    expect((await checkWithPinning(text, published)).diagnostics).toEqual([]);
  });

  test("a legacy baseline reads as aliases [] and lifecycle active: adding the defaults is no change", async () => {
    const legacy = smallPack([role("editor"), role("colorist")].map(({ aliases: _a, lifecycle: _l, ...rest }) => rest as never));
    expect((await checkWithPinning(published, legacy)).diagnostics).toEqual([]);
    const deprecated = smallPack([role("editor", { lifecycle: "deprecated" }), role("colorist")]);
    expect((await checkWithPinning(deprecated, legacy)).diagnostics.map((d) => d.message)).toEqual([
      'pack_version "1" is the published one (commit c0ffee), but the roles changed: 1 changed ("editor")',
    ]);
  });

  test("with a history, a pack_version published before with other roles is never reused; the same content again is fine", async () => {
    const v1 = smallPack([role("editor")]);
    const v2 = { ...smallPack([role("editor"), role("colorist")]), pack_version: "2" };
    const reused = await history([v1, v2], smallPack([role("editor"), role("colorist"), role("composer")]));
    expect(reused.diagnostics.map((d) => `${d.code} ${d.severity} ${d.message} | ${d.advice}`)).toEqual([
      'HSK-RR-017 warning pack_version "1" was published before with other roles (commit 000000000000): 2 added ("colorist", "composer") | Give the pack a pack_version never published before (e.g. "3"); jobs pinned to the published one must keep getting the roles they were pinned to.',
    ]);
    const same = { ...smallPack([role("editor"), role("colorist")]), pack_version: "3" };
    expect((await history([v1, v2, same], { ...same, pack_version: "3" })).diagnostics).toEqual([]);
  });
});

describe("HSK-RR-018: what a new role and its contracts declare (spec S4)", () => {
  test("only what the pack adds is held to it: a pack identical to what was published says nothing, a new plain contract warns", async () => {
    const published = smallPack([role("editor"), role("colorist")]);
    expect((await checkEverything(published, published)).diagnostics).toEqual([]);
    const editor = role("editor");
    editor.extract_contracts.push(contract("ROLE:editor:X:2", { type: "object", v: 2 }));
    const result = await checkEverything(smallPack([editor, role("colorist")], "2"), published);
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity} ${d.contract_id}`)).toEqual(["HSK-RR-018 warning ROLE:editor:X:2"]);
  });
});

describe("pack rules", () => {
  test("HSK-RR-004: a duplicate role_id points at the second one", async () => {
    const current = smallPack([role("editor"), role("editor", { extract_contracts: [], produce_contracts: [] })]);
    const [dup] = (await check(current)).diagnostics;
    expect(dup).toMatchObject({ code: "HSK-RR-004", role_id: "editor" });
    expect(dup!.line).toBe(lineOf(packText(current), '"role_id": "editor"', packText(current).indexOf('"role_id"') + 1));
  });

  test("HSK-RR-005: a duplicate contract_id", async () => {
    const editor = role("editor");
    editor.extract_contracts.push(contract("ROLE:editor:X:1", { other: true }));
    expect((await codes(smallPack([editor])))).toEqual(["HSK-RR-005"]);
  });

  test("HSK-RR-006: an invalid role_id gets its own code, not a schema violation, and a suggestion", async () => {
    const result = (await check(smallPack([role("Sound-Designer", { extract_contracts: [], produce_contracts: [] })])));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["HSK-RR-006", "HSK-RR-016", "HSK-RR-016"]);
    expect(result.diagnostics[0]!.advice).toContain('"sound_designer"');
  });

  test("HSK-RR-007: an invalid contract_id", async () => {
    const editor = role("editor", { extract_contracts: [contract("ROLE:editor:X:01")] });
    const [bad] = (await check(smallPack([editor]))).diagnostics;
    expect(bad).toMatchObject({ code: "HSK-RR-007", contract_id: "ROLE:editor:X:01" });
    expect(bad!.advice).toContain('"ROLE:editor:X:1"');
  });

  test("HSK-RR-008: a contract naming another role", async () => {
    const editor = role("editor", { extract_contracts: [contract("ROLE:colorist:X:1")] });
    expect((await codes(smallPack([editor])))).toEqual(["HSK-RR-008"]);
  });

  test("HSK-RR-009: an X contract among produce contracts", async () => {
    const editor = role("editor", { produce_contracts: [contract("ROLE:editor:X:2")] });
    expect((await codes(smallPack([editor])))).toEqual(["HSK-RR-009"]);
  });
});

describe("schema rule HSK-RR-010", () => {
  test("an unknown key is reported with a did-you-mean hint at the key", async () => {
    const editor = role("editor", { lifecyle: "active" }) as Record<string, unknown>;
    const current = smallPack([editor as ReturnType<typeof role>]);
    const [typo] = (await check(current)).diagnostics;
    expect(typo).toMatchObject({ code: "HSK-RR-010", role_id: "editor", line: lineOf(packText(current), '"lifecyle"'), column: 7 });
    expect(typo!.message).toBe('unknown field "lifecyle" in role "editor"');
    expect(typo!.advice).toBe('Did you mean "lifecycle"?');
  });

  test("a misspelt field is one finding, not also a missing one", async () => {
    const { lifecycle: _, ...editor } = role("editor");
    const found = (await check(smallPack([{ ...editor, lifecyle: "active" } as never]))).diagnostics;
    expect(found.map((d) => `${d.message} | ${d.advice}`)).toEqual(['unknown field "lifecyle" in role "editor" | Did you mean "lifecycle"?']);
  });

  test("a missing field points at the owning object", async () => {
    const { aliases: _, ...editor } = role("editor");
    const current = smallPack([editor as ReturnType<typeof role>]);
    const [missing] = (await check(current)).diagnostics;
    expect(missing!.message).toBe('missing required field "aliases" in role "editor" (expected an array)');
    expect(missing!.line).toBe(lineOf(packText(current), "{", packText(current).indexOf('"roles"')));
  });

  test("wrong types and enums point at the value", async () => {
    const current = smallPack([
      role("editor", { proposal_policy: "always", modes_supported: [], display_name: "" }),
    ]);
    const found = (await check(current)).diagnostics.map((d) => `${d.line} ${d.message}`);
    const text = packText(current);
    expect(found).toEqual([
      `${lineOf(text, '"display_name"')} roles[0].display_name must be non-empty (in role "editor")`,
      `${lineOf(text, '"modes_supported"')} roles[0].modes_supported must be non-empty (in role "editor")`,
      `${lineOf(text, '"proposal_policy"')} roles[0].proposal_policy must be "auto_accept_with_threshold", "disabled" or "queue_only" (was "always") (in role "editor")`,
    ]);
  });

  test("repeated modes, a non-object schema_json and a null role", async () => {
    const editor = role("editor", { modes_supported: ["conceptual", "conceptual"] });
    (editor.extract_contracts[0] as { schema_json: unknown }).schema_json = ["not", "an", "object"];
    const found = (await check(smallPack([editor, null as unknown as ReturnType<typeof role>]))).diagnostics.map((d) => d.message);
    expect(found).toEqual([
      'roles[0].modes_supported must be a list without repeated items (was ["conceptual","conceptual"]) (in role "editor")',
      'roles[0].extract_contracts[0].schema_json must be an object (was an array) (in contract "ROLE:editor:X:1")',
      "roles[1] must be an object (was null)",
    ]);
  });

  test("the current pack is strict, the baseline lenient: a legacy baseline still compares", async () => {
    const legacy = smallPack([{ role_id: "editor", extract_contracts: [contract("ROLE:editor:X:1")] } as never]);
    const current = smallPack([role("editor", { extract_contracts: [contract("ROLE:editor:X:1", { changed: true })] })]);
    expect((await codes(current, legacy))).toEqual(["HSK-RR-003"]);
  });
});

describe("reading what was published", () => {
  test("a JSONC baseline (comments) is compared like JSON, and names lines in it", async () => {
    const base = `// published\n${packText(smallPack([role("editor"), role("colorist")]))}`;
    const result = (await check(smallPack([role("editor")]), base));
    expect(result.baselineWarnings).toEqual([]);
    expect(result.diagnostics[0]!.message).toBe(`role "colorist" was removed; it is published at main:pack.json:${lineOf(base, '"colorist"')}`);
  });

  test("a malformed baseline is a warning and skips the append-only rules, not a crash or a false removal", async () => {
    const result = (await check(smallPack([role("editor")]), '{"roles": ['));
    expect(result.diagnostics).toEqual([]);
    expect(result.baselineWarnings).toEqual(["main:pack.json:1:12: the published pack cannot be read (syntax error: expected ']'); it was skipped"]);
  });

  test("a baseline with duplicate keys is compared as read, with a warning", async () => {
    const base = packText(smallPack([role("editor")])).replace('"pack_id": "test_pack",', '"pack_id": "a", "pack_id": "b",');
    const result = (await check(smallPack([role("editor")]), base));
    expect(result.diagnostics).toEqual([]);
    expect(result.baselineWarnings).toEqual([]);
  });
});

describe("a pack identical to what was published", () => {
  test("is clean with no changes, and its own pack-rule problems are still reported", async () => {
    const same = packText(smallPack([role("editor", { lifecycle: "deprecated" }), role("colorist")]));
    const clean = await check(same, same);
    expect(clean.diagnostics).toEqual([]);
    expect(clean.changes).toEqual({
      roles_added: [],
      contracts_added: [],
      version_bumps: [],
      aliases_added: [],
      deprecated: [],
      reactivated: [],
      definitions_changed: [],
      display_names_changed: [],
      pack_version: null,
    });
    const invalid = packText(smallPack([role("editor"), role("editor", { extract_contracts: [], produce_contracts: [] })]));
    expect((await check(invalid, invalid)).diagnostics.map((d) => d.code)).toEqual(["HSK-RR-004", "HSK-RR-016", "HSK-RR-016"]);
  });
});

describe("parse problems", () => {
  test("a syntax error stops the comparison instead of reporting roles as removed", async () => {
    const text = packText(smallPack([role("editor")])).replace('"pack_id"', "pack_id");
    expect((await codes(text, smallPack([role("editor")])))).toEqual(["HSK-RR-011"]);
  });

  test("duplicate keys and unsafe integers are reported and the rest is still checked", async () => {
    const text = packText(smallPack([role("editor", { extract_contracts: [contract("ROLE:editor:X:1", { n: 1 })] })]))
      .replace('"n": 1', '"n": 9007199254740993, "n": 2');
    // The changed schema_json is not I-JSON, so it has no hash to compare: 011 says why, no 003.
    expect((await codes(text, smallPack([role("editor"), role("colorist", { extract_contracts: [], produce_contracts: [] })])))).toEqual([
      "HSK-RR-001",
      "HSK-RR-011",
      "HSK-RR-011",
    ]);
  });
});

describe("determinism", () => {
  test("the same inputs give the same diagnostics in file, line, code order", async () => {
    const current = smallPack([role("Bad-Id"), role("editor", { lifecyle: "x" } as never)]);
    const first = (await check(current, smallPack([role("colorist")]))).diagnostics;
    const second = (await check(current, smallPack([role("colorist")]))).diagnostics;
    expect(first).toEqual(second);
    const keys = first.map((d) => [d.line, d.column, d.code]);
    const sorted = [...keys].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number) || String(a[2]).localeCompare(String(b[2])));
    expect(keys).toEqual(sorted);
  });
});

describe("the changes summary", () => {
  test("an added contract supersedes the highest lower version of its role and kind, in the pack or published", async () => {
    const published = smallPack([role("editor", { extract_contracts: [contract("ROLE:editor:X:1"), contract("ROLE:editor:X:2")] }), role("colorist")]);
    const current = smallPack(
      [
        role("editor", { extract_contracts: [contract("ROLE:editor:X:1"), contract("ROLE:editor:X:2"), contract("ROLE:editor:X:4"), contract("ROLE:editor:X:7")], produce_contracts: [contract("ROLE:editor:C:1"), contract("ROLE:editor:C:3")] }),
        role("colorist", { extract_contracts: [contract("ROLE:colorist:X:1"), contract("ROLE:colorist:X:2")] }),
        role("grader"),
      ],
      "2",
    );
    const result = await check(current, packText(published));
    expect(result.changes?.version_bumps).toEqual([
      { contract_id: "ROLE:colorist:X:2", supersedes: "ROLE:colorist:X:1" },
      { contract_id: "ROLE:editor:C:3", supersedes: "ROLE:editor:C:1" },
      { contract_id: "ROLE:editor:X:4", supersedes: "ROLE:editor:X:2" },
      { contract_id: "ROLE:editor:X:7", supersedes: "ROLE:editor:X:4" },
    ]);
    expect(result.changes?.contracts_added).toEqual(["ROLE:colorist:X:2", "ROLE:editor:C:3", "ROLE:editor:X:4", "ROLE:editor:X:7", "ROLE:grader:C:1", "ROLE:grader:X:1"]);
  });
});
