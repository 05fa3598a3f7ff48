/**
 * The public library entry (lib/mod.ts) in-process: the same verdicts as the CLI, on texts,
 * bytes and histories, with no git, files or process — and every export documented with an
 * example. The installed-package proof is test/package.test.ts.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as library from "../lib/mod.ts";
import { checkRegistry, contractHash, packManifest, readJson, readPack, registryDigest, RULE_CATALOG, ruleInfo } from "../lib/mod.ts";
import * as gitEntry from "../lib/git/mod.ts";
import { BoundedMemo } from "../lib/json/bounded-memo.ts";
import { PROJECT_ROOT } from "./helpers/cli-runner.ts";
import { contract, defaultPackText, lineOf, packText, role, smallPack } from "./helpers/packs.ts";

const published = packText(smallPack([role("editor"), role("colorist", { aliases: ["grader"] })]));

describe("checkRegistry", () => {
  test("a pack identical to what was published is ok, with its snapshot", async () => {
    const result = await checkRegistry({ current: published, published });
    expect(result).toMatchObject({ ok: true, diagnostics: [], warnings: [] });
    expect(result.pack?.roles.map((r) => r.role_id)).toEqual(["editor", "colorist"]);
    expect(result.pack?.contracts[0]).toEqual({
      contract_id: "ROLE:editor:X:1",
      role_id: "editor",
      kind: "X",
      version: 1,
      hash: contractHash({ type: "object", id: "ROLE:editor:X:1" }),
    });
  });

  test("a first publish (nothing published) runs only the rules of the pack itself", async () => {
    expect((await checkRegistry({ current: published })).ok).toBe(true);
    const duplicate = packText(smallPack([role("editor"), role("editor")]));
    // Everything is new on a first publish: the plain test schemas also get HSK-RR-018's warning (spec S4).
    const codes = (await checkRegistry({ current: duplicate })).diagnostics.map((d) => d.code);
    expect(codes.filter((code) => code !== "HSK-RR-018")).toEqual(["HSK-RR-004", "HSK-RR-005", "HSK-RR-005"]);
    expect(codes).toContain("HSK-RR-018");
  });

  test("a removed role is HSK-RR-001 at the roles key, named after the published place (S2)", async () => {
    const current = packText(smallPack([role("editor")], "2"));
    const { ok, diagnostics } = await checkRegistry({ current, published, file: "upload.json" });
    expect(ok).toBe(false);
    expect(diagnostics.map((d) => d.code)).toEqual(["HSK-RR-001", "HSK-RR-002", "HSK-RR-002", "HSK-RR-013"]);
    expect(diagnostics[0]).toMatchObject({ file: "upload.json", line: lineOf(current, '"roles"'), role_id: "colorist", severity: "error" });
    expect(diagnostics[0]!.message).toContain(`published at published:upload.json:${lineOf(published, '"colorist"')}`);
  });

  test("a changed schema_json is HSK-RR-003 with both hashes (S3)", async () => {
    const changed = { type: "object", id: "ROLE:editor:X:1", required: ["x"] };
    const current = packText(smallPack([role("editor", { extract_contracts: [contract("ROLE:editor:X:1", changed)] }), role("colorist", { aliases: ["grader"] })], "2"));
    const [drift, ...rest] = (await checkRegistry({ current, published })).diagnostics;
    expect(rest).toEqual([]);
    expect(drift).toMatchObject({
      code: "HSK-RR-003",
      contract_id: "ROLE:editor:X:1",
      expected_hash: contractHash({ type: "object", id: "ROLE:editor:X:1" }),
      got_hash: contractHash(changed),
    });
    expect(drift!.advice).toContain('"ROLE:editor:X:2"');
  });

  test("a history, oldest first: what an older version published is still held, and named by its label", async () => {
    const v1 = packText(smallPack([role("editor"), role("sound_mixer")]));
    const v2 = packText(smallPack([role("editor")])); // sound_mixer was dropped in v2 (already a breach)
    const current = packText(smallPack([role("editor")]));
    const { diagnostics } = await checkRegistry({ current, published: [{ text: v1, name: "v1" }, { text: v2, name: "v2" }] });
    const removal = diagnostics.find((d) => d.code === "HSK-RR-001");
    expect(removal?.message).toBe(`role "sound_mixer" was removed in v2; it is published at v1:${lineOf(v1, '"sound_mixer"')}`);
    const unnamed = await checkRegistry({ current, published: [v1, new TextEncoder().encode(v2)] });
    expect(unnamed.diagnostics.find((d) => d.code === "HSK-RR-001")?.message).toBe(
      `role "sound_mixer" was removed in published#2; it is published at published#1:pack.json:${lineOf(v1, '"sound_mixer"')}`,
    );
  });

  test("a history is read as --history reads it: the first hash a contract was published with is its contract", async () => {
    const first = { type: "object", id: "ROLE:editor:X:1" };
    const v1 = packText(smallPack([role("editor")]));
    const v2 = packText(smallPack([role("editor", { extract_contracts: [contract("ROLE:editor:X:1", { type: "object", drifted: true })] })]));
    const { diagnostics } = await checkRegistry({ current: v2, published: [v1, v2] });
    expect(diagnostics.map((d) => [d.code, d.expected_hash])).toEqual([["HSK-RR-003", contractHash(first)]]);
  });

  test("bytes are decoded as UTF-8 (a BOM dropped); invalid UTF-8 is HSK-RR-011, never replaced", async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(published)]);
    expect((await checkRegistry({ current: bom, published })).ok).toBe(true);
    const broken = new TextEncoder().encode(published.replace('"editor"', '"edit\u00e9r"'));
    const at = broken.indexOf(0xc3);
    broken[at] = 0xff;
    const { diagnostics } = await checkRegistry({ current: broken, published });
    // The valid prefix is still parsed (it ends inside a string here): every finding is HSK-RR-011.
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toContain("HSK-RR-011 the file is not valid UTF-8");
    expect(diagnostics.every((d) => d.code === "HSK-RR-011")).toBe(true);
  });

  test("a published version that cannot be read is a warning among others, and a rejection when it is the only one", async () => {
    const result = await checkRegistry({ current: published, published: ["{ not json", published] });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([expect.stringContaining("published#1:pack.json:1:3: the published pack cannot be read")]);
    // An unreadable registry is not an empty one: checking against it would pass any removal.
    const removal = packText(smallPack([role("editor")]));
    await expect(checkRegistry({ current: removal, published: "{ not json" })).rejects.toThrow("no published version could be read");
    await expect(checkRegistry({ current: removal, published: ["", "[1"] })).rejects.toThrow("no published version could be read");
  });

  test("inputs of the wrong type are a TypeError; typed arrays from anywhere are bytes", async () => {
    await expect(checkRegistry({ current: published, published: null as never })).rejects.toThrow(TypeError);
    await expect(checkRegistry({ current: 42 as never })).rejects.toThrow("current must be a string or bytes");
    await expect(checkRegistry({ current: published, published: [{ text: published, name: 3 as never }] })).rejects.toThrow(TypeError);
    const bytes = new TextEncoder().encode(published);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect((await checkRegistry({ current: packText(smallPack([role("editor")], "2")), published: view as never })).diagnostics[0]?.code).toBe("HSK-RR-001");
  });
});

describe("readPack, registryDigest and packManifest", () => {
  test("the digest of the bundled pack is the CLI manifest's registry_digest", async () => {
    const { pack, diagnostics } = await readPack(defaultPackText());
    expect(diagnostics).toEqual([]);
    const golden = JSON.parse(readFileSync(join(PROJECT_ROOT, "test", "golden", "manifest.json"), "utf8"));
    expect(registryDigest(pack!)).toBe(golden.registry_digest);
    expect(packManifest(pack!)).toEqual(golden);
  });

  test("the digest ignores formatting, key order and role order, and follows every id, alias and hash", async () => {
    const roles = [role("editor"), role("colorist", { aliases: ["grader"] })];
    const digest = async (text: string) => registryDigest((await readPack(text)).pack!);
    const base = await digest(packText(smallPack(roles)));
    expect(await digest(JSON.stringify(smallPack([...roles].reverse())))).toBe(base);
    expect(await digest(packText(smallPack([roles[0]!, role("colorist", { aliases: ["grader", "finisher"] })])))).not.toBe(base);
    expect(await digest(packText(smallPack([roles[0]!, role("colorist", { aliases: ["grader"], lifecycle: "deprecated" })])))).not.toBe(base);
  });

  test("a pack with problems has no snapshot, only diagnostics", async () => {
    const result = await readPack('{ "roles": [] }', { file: "p.json" });
    expect(result.pack).toBeUndefined();
    expect(result.diagnostics.every((d) => d.code === "HSK-RR-010" && d.file === "p.json")).toBe(true);
  });
});

describe("readJson, contractHash and canonicalJson", () => {
  test("JSONC is read; I-JSON breaches are HSK-RR-011 at their position", async () => {
    expect(await readJson('{ "b": 1, /* c */ "a": 2, }')).toEqual({ value: { b: 1, a: 2 }, diagnostics: [] });
    const { value, diagnostics } = await readJson('{\n  "a": 1,\n  "a": 2\n}', { file: "s.json" });
    expect(value).toBeUndefined();
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual(["s.json:3:3 HSK-RR-011"]);
  });

  test("the contract hash is SHA-256 of the RFC 8785 form", () => {
    expect(library.canonicalJson({ b: [1, "x"], a: 1e21 })).toBe('{"a":1e+21,"b":[1,"x"]}');
    expect(contractHash({})).toBe("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  });
});

describe("memoized work is bounded (a service checks uploads for weeks)", () => {
  test("a memo forgets everything past its budget, and answers the same afterwards", () => {
    const memo = new BoundedMemo<number>(10);
    memo.set("abcd", 1); // 5 of 10
    memo.set("efgh", 2); // 10 of 10
    expect([memo.get("abcd"), memo.get("efgh")]).toEqual([1, 2]);
    memo.set("ijkl", 3); // over budget: starts afresh
    expect([memo.get("abcd"), memo.get("efgh"), memo.get("ijkl")]).toEqual([undefined, undefined, 3]);
  });
});

describe("the entries", () => {
  test("the rule catalog is data: every code with a title and a hint", () => {
    // (Plain reads, not toMatchObject with expect.any: Bun 1.4.5 writes the matchers into the object it
    // is given, and the catalog is shared by every test of the run.)
    for (const rule of RULE_CATALOG) {
      expect(ruleInfo(rule.code)).toBe(rule);
      expect([typeof rule.title, typeof rule.hint, rule.title.length > 0 && rule.hint.length > 0]).toEqual(["string", "string", true]);
    }
  });

  test.each(["lib/mod.ts", "lib/git/mod.ts"])("every export of %s, value or type, is documented with an @example", (entry) => {
    const names = exportedNames(entry);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !hasExample(entry, name))).toEqual([]);
  });

  test("the names read from the sources are exactly the values the entries export at run time, and their types", () => {
    const values = (entry: string, module: object) => exportedNames(entry).filter((name) => name in module).sort();
    expect(values("lib/mod.ts", library)).toEqual(Object.keys(library).sort());
    expect(values("lib/git/mod.ts", gitEntry)).toEqual(Object.keys(gitEntry).sort());
  });
});

/** Every name an entry exports (`export { a, type B } from`, `export type { C } from`). */
function exportedNames(entry: string): string[] {
  const text = readFileSync(join(PROJECT_ROOT, entry), "utf8");
  return [...text.matchAll(/export (?:type )?\{([^}]*)\} from/g)].flatMap(([, list]) =>
    list!.split(",").map((item) => item.trim().replace(/^type /, "")).filter((item) => item !== ""),
  );
}

/** Whether the declaration of `name` reached from `entry` (following re-exports) has a JSDoc @example, or its module's header has one naming it. */
function hasExample(entry: string, name: string): boolean {
  const text = readFileSync(join(PROJECT_ROOT, entry), "utf8");
  const declaration = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export (?:async )?(?:function|const|class|let|interface|type) ${name}\\b`).exec(text);
  if (declaration !== null) return declaration[1]!.includes("@example");
  const reexport = new RegExp(`export (?:type )?\\{[^}]*\\b${name}\\b[^}]*\\} from "(\\.{1,2}/[^"]+)"`).exec(text);
  if (reexport === null) return /@example[\s\S]*?\*\//.test(text) && new RegExp(`\\b${name}\\b`).test(text.split("*/")[0]!);
  return hasExample(join(entry, "..", reexport[1]!), name);
}
