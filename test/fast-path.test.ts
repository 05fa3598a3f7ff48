/**
 * The fast path answers "clean or not" without arktype and without positions; it must never
 * say clean where the full pipeline would not. These tests compare the two on generated corpora.
 */
import { describe, expect, test } from "bun:test";
import { type } from "arktype";
import { checkPack } from "../lib/check/check-pack.ts";
import { parseStrict, prepareCurrent } from "../lib/check/fast-path.ts";
import { parse as parseJsonc, type ParseError } from "jsonc-parser";
import { checkByRoles, checkWithPositions } from "../lib/check/positioned-check.ts";
import { readPublished } from "../lib/published/published-texts.ts";
import { isCertainlyIJson } from "../lib/json/i-json-quick-check.ts";
import { parseJsonDocument } from "../lib/json/json-document.ts";
import { AtelierRolePack } from "../lib/pack/schema.ts";
import { matchesPackSchema } from "../lib/pack/generated/pack-schema-check.ts";
import { SourceText } from "../lib/json/source-text.ts";
import { defaultPackText, HANDSHAKE_FILE, HAS_SHARED, packText } from "./helpers/packs.ts";
import { PROJECT_ROOT } from "./helpers/cli-runner.ts";
import { explainSchema } from "../lib/pack/schema-explainer.ts";
import type { SchemaNode } from "../lib/pack/schema-check-codegen.ts";
import { type Json, mutate, random } from "./helpers/mutations.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";


describe("the generated schema check agrees with arktype", () => {
  const pack = JSON.parse(defaultPackText()) as Json;

  test("on the bundled pack and on 3,000 mutations of it (valid and invalid)", () => {
    const next = random(20261122);
    let valid = 0;
    const cases = [pack, ...Array.from({ length: 3000 }, () => mutate(pack, next))];
    for (const candidate of cases) {
      const arktypeValid = !(AtelierRolePack(candidate) instanceof type.errors);
      if (matchesPackSchema(candidate) !== arktypeValid) throw new Error(`disagreement on ${JSON.stringify(candidate).slice(0, 400)}`);
      if (arktypeValid) valid++;
    }
    // The corpus must exercise both answers, or it proves nothing.
    expect(valid).toBeGreaterThan(100);
    expect(cases.length - valid).toBeGreaterThan(1000);
  }, 60_000);
});

describe("the schema explainer (no arktype at check time) names the problems arktype names", () => {
  const pack = JSON.parse(defaultPackText()) as Json;
  const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, "lib", "pack", "generated", "pack-schema.json"), "utf8")) as SchemaNode;
  /**
   * arktype's errors as (path, kind): its code for an unknown key is a "removed" predicate. Where
   * an object is expected and an array is found, arktype looks for the object's keys in the array
   * (every one missing); the explainer says once that it is not an object: counted as that.
   */
  const arktypeProblems = (value: unknown): string[] => {
    const result = AtelierRolePack(value);
    if (!(result instanceof type.errors)) return [];
    const keys = Object.values(result.flatByPath)
      .flat()
      .map((error) => {
        const path = [...error.path] as (string | number)[];
        let at: unknown = value;
        for (const [index, segment] of path.entries()) {
          if (Array.isArray(at) && typeof segment === "string") return `${JSON.stringify(path.slice(0, index))} value`;
          at = (at as Record<string | number, unknown> | null)?.[segment];
        }
        return `${JSON.stringify(path)} ${error.code === "required" ? "required" : error.code === "predicate" && error.expected === "removed" ? "unknown" : "value"}`;
      });
    return [...new Set(keys)].sort();
  };

  test("on the bundled pack and on 3,000 mutations of it: the same paths, each as missing, unknown or a wrong value", () => {
    const next = random(20261123);
    let invalid = 0;
    for (const candidate of [pack, ...Array.from({ length: 3000 }, () => mutate(pack, next))]) {
      const ours = explainSchema(schema, candidate).map((problem) => `${JSON.stringify(problem.path)} ${problem.kind}`).sort();
      const theirs = arktypeProblems(candidate);
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) throw new Error(`disagreement: ours ${JSON.stringify(ours)} theirs ${JSON.stringify(theirs)}`);
      if (ours.length > 0) invalid++;
    }
    expect(invalid).toBeGreaterThan(1000);
  }, 60_000);

  test("the real pack before aliases and lifecycle: one missing field per role and field, as arktype says", () => {
    if (!HAS_SHARED) return;
    const legacy = JSON.parse(readFileSync(HANDSHAKE_FILE, "utf8"));
    const ours = explainSchema(schema, legacy).map((problem) => `${JSON.stringify(problem.path)} ${problem.kind}`).sort();
    expect(ours).toEqual(arktypeProblems(legacy));
    expect(ours).toHaveLength(76);
  });
});

describe("the quick I-JSON check is never wrong when it says certain", () => {
  const base = defaultPackText();
  const edits: ((text: string, next: () => number) => string)[] = [
    (t) => t.replace('"pack_version": "1",', '"pack_version": "1", "pack_version": "2",'),
    (t, n) => t.replace(/"type": "object"/, `"type": "object", "type": "${n() < 0.5 ? "array" : "object"}"`),
    (t) => t.replace('"contract_version": 1', '"contract_version": 9007199254740993'),
    (t) => t.replace('"contract_version": 1', '"contract_version": 1e400'),
    (t) => t.replace('"Producer"', '"Pro\\ud800ducer"'),
    (t) => t.replace('"display_name"', '"display\\u003aname"'),
    (t) => t.replace('"summary": {"type": "string"}', '"summary": {"type": "string", "type": "string"}'),
    (t) => t.replace('"vocab_namespace": ""', '"vocab_namespace": "a:b", "vocab_namespace": ""'),
    (t) => t.replace('"contract_version": 1', '"contract_version": 1.0'),
    (t) => t,
  ];

  test("on the bundled pack and every edit above at many places", () => {
    const next = random(7);
    let certain = 0;
    for (let i = 0; i < 400; i++) {
      const edit = edits[i % edits.length]!;
      const text = edit(base, next);
      const value = JSON.parse(text);
      const quick = isCertainlyIJson(text, value);
      const findings = parseJsonDocument(new SourceText("p", text)).problems;
      if (quick && findings.length > 0) throw new Error(`said certain but the parser found ${findings[0]!.message}`);
      if (quick) certain++;
    }
    expect(certain).toBeGreaterThan(0);
    expect(isCertainlyIJson(base, JSON.parse(base))).toBe(true);
  }, 60_000);

  test("on a pack of 360 roles, written piece by piece: a problem in its last role is never certain", () => {
    const pack = JSON.parse(base) as { roles: { role_id: string }[] };
    const roles = Array.from({ length: 10 }, (_, copy) => pack.roles.map((role) => ({ ...role, role_id: `${role.role_id}_${copy}` }))).flat();
    const text = packText({ ...pack, roles });
    const last = text.lastIndexOf('"role_id"');
    const inLastRole = (from: string, to: string) => text.slice(0, last) + text.slice(last).replace(from, to);
    const problems = [
      inLastRole('"lifecycle": "active"', '"lifecycle": "active", "lifecycle": "active"'),
      inLastRole('"type": "object"', '"type": "object", "type": "array"'),
      inLastRole('"contract_version": 1', '"contract_version": 9007199254740993'),
      inLastRole('"contract_version": 1', '"contract_version": 1e400'),
      inLastRole('"display_name": "', '"display_name": "\\ud800'),
    ];
    for (const changed of problems) {
      expect(changed).not.toBe(text);
      expect(parseJsonDocument(new SourceText("p", changed)).problems).not.toEqual([]);
      expect(isCertainlyIJson(changed, JSON.parse(changed))).toBe(false);
    }
    expect(isCertainlyIJson(text, JSON.parse(text))).toBe(true);
    const escapedColon = inLastRole('"display_name"', '"display\\u003aname"');
    expect(isCertainlyIJson(escapedColon, JSON.parse(escapedColon))).toBe(false); // not sure, never wrong
  });
});

describe("a pack only the schema refuses is located role by role, as the whole positioned parse locates it", () => {
  test("1,500 mutated packs (pretty, compact, JSONC, non-ASCII): the same diagnostics, positions included", async () => {
    const next = random(1123);
    const base = JSON.parse(defaultPackText()) as { roles: Record<string, unknown>[] };
    base.roles[0]!.display_name = "Régisseur 🎬 général"; // UTF-16 offsets differ from the layout's bytes
    const pack = base as unknown as Json;
    const registry = readPublished([{ commit: "c", source: new SourceText("main:p.json", `${JSON.stringify(base, null, 2)}\n`) }]).registry;
    let byRoles = 0;
    for (let i = 0; i < 1500; i++) {
      const candidate = mutate(pack, next);
      const layout = i % 3;
      const text =
        layout === 0
          ? `${JSON.stringify(candidate, null, 2)}\n`
          : layout === 1
            ? JSON.stringify(candidate)
            : `// a JSONC pack\n${JSON.stringify(candidate, null, 4).replace('"roles": [', '"roles": [ // the roles')}\n`;
      const located = await checkByRoles(new SourceText("p.json", text), registry);
      if (located === undefined) continue;
      byRoles++;
      const positioned = await checkWithPositions(new SourceText("p.json", text), undefined, registry);
      expect(located.diagnostics).toEqual(positioned.diagnostics);
      expect(located.changes).toEqual(positioned.changes);
      expect([located.roles, located.contracts]).toEqual([positioned.roles, positioned.contracts]);
    }
    expect(byRoles).toBeGreaterThan(300); // most mutations are schema errors the roles can locate
  }, 120_000);

  test("a misspelt key: one role parsed, the finding where the whole parse puts it", async () => {
    const text = defaultPackText().replace('"lifecycle"', '"lifecyle"');
    const located = await checkByRoles(new SourceText("p.json", text), undefined);
    expect(located?.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual(
      (await checkWithPositions(new SourceText("p.json", text), undefined, undefined)).diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`),
    );
    expect(located!.diagnostics[0]!.message).toContain('unknown field "lifecyle"');
  });
});

describe("fast and positioned verdicts match end to end", () => {
  test("on mutated packs against the bundled pack as baseline", async () => {
    const next = random(99);
    const pack = JSON.parse(defaultPackText()) as Json;
    const published = [{ commit: "c", source: new SourceText("main:p.json", defaultPackText()) }];
    for (let i = 0; i < 150; i++) {
      const candidate = next() < 0.3 ? pack : mutate(pack, next);
      const text = `${JSON.stringify(candidate, null, 2)}\n`;
      const fast = await checkPack({ current: new SourceText("p.json", text), published });
      const positioned = await checkWithPositions(new SourceText("p.json", text), undefined, readPublished(published).registry);
      expect(fast.diagnostics.length === 0).toBe(positioned.diagnostics.length === 0);
      // The same diagnostics, positions included.
      expect(fast.diagnostics).toEqual(positioned.diagnostics);
    }
  }, 60_000);

  test("a pack that breaks only registry rules is located role by role, exactly where the positioned parse says (non-ASCII text included)", async () => {
    const next = random(7);
    const base = JSON.parse(defaultPackText()) as { roles: Record<string, unknown>[] };
    // Non-ASCII before and inside the roles: offsets count UTF-16 units, the layout counts bytes.
    base.roles[0]!.display_name = "Régisseur 🎬 général";
    base.roles[5]!.display_name = "Монтажёр";
    const publishedText = `${JSON.stringify(base, null, 2)}\n`;
    const published = [{ commit: "c", source: new SourceText("main:p.json", publishedText) }];
    const breaks: ((pack: { roles: Record<string, unknown>[]; pack_version?: string }) => void)[] = [
      (pack) => void pack.roles.splice(1 + Math.floor(next() * 20), 1),
      (pack) => ((pack.roles[3]!.extract_contracts as { schema_json: Record<string, unknown> }[])[0]!.schema_json.contract_version = 99),
      (pack) => (pack.roles[7]!.department_id = "elsewhere"),
      (pack) => (pack.roles[9]!.allowed_models = ["m2"]),
      (pack) => (pack.roles[2]!.aliases = [pack.roles[4]!.role_id as string]),
      (pack) => (pack.roles[6]!.aliases = []),
      (pack) => (pack.roles[8]!.produce_contracts = []),
      (pack) => (pack.pack_version = "1"),
      (pack) => pack.roles.push({ ...structuredClone(pack.roles[10]!), display_name: "Ça va" }),
    ];
    base.roles[6]!.aliases = ["grip"];
    const baseline = [{ commit: "c", source: new SourceText("main:p.json", `${JSON.stringify(base, null, 2)}\n`) }];
    let located = 0;
    for (let i = 0; i < 60; i++) {
      const pack = structuredClone(base) as { roles: Record<string, unknown>[]; pack_version?: string };
      pack.pack_version = "2";
      for (let n = 1 + Math.floor(next() * 3); n > 0; n--) breaks[Math.floor(next() * breaks.length)]!(pack);
      const text = `${JSON.stringify(pack, null, 2)}\n`;
      const versions = i % 2 === 0 ? baseline : published;
      const fast = await checkPack({ current: new SourceText("p.json", text), published: versions });
      // The positioned pipeline on the very same text (messages name lines of it too).
      const positioned = await checkWithPositions(new SourceText("p.json", text), undefined, readPublished(versions).registry);
      expect(fast.diagnostics).toEqual(positioned.diagnostics);
      located += fast.diagnostics.length;
    }
    expect(located).toBeGreaterThan(100); // the corpus did produce findings to locate
  }, 60_000);

  test("a JSONC pack (comments with colons, quotes and non-ASCII) takes the fast path and is located exactly as the positioned parse says", async () => {
    const next = random(11);
    const base = JSON.parse(defaultPackText()) as { roles: Record<string, unknown>[]; pack_version?: string };
    const published = [{ commit: "c", source: new SourceText("main:p.json", `${JSON.stringify(base, null, 2)}\n`) }];
    const COMMENTS = [" // note: kept for replay", " /* a:b, \"c\" */", " // Régisseur 🎬 — déjà publié", " /* spans\n   two lines: yes */"];
    let located = 0;
    for (let i = 0; i < 40; i++) {
      const pack = structuredClone(base);
      pack.pack_version = "2";
      if (next() < 0.8) pack.roles.splice(1 + Math.floor(next() * 20), 1);
      if (next() < 0.5) (pack.roles[3]!.extract_contracts as { schema_json: Record<string, unknown> }[])[0]!.schema_json.strict = true;
      // Comments at the ends of random lines (never inside a string: each line of this text ends outside one).
      const lines = `${JSON.stringify(pack, null, 2)}\n`.split("\n");
      const text = lines.map((line) => (line !== "" && next() < 0.05 ? `${line}${COMMENTS[Math.floor(next() * COMMENTS.length)]}` : line)).join("\n");
      expect(prepareCurrent(new SourceText("p.json", text))).toBeDefined(); // the fast path took it
      const fast = await checkPack({ current: new SourceText("p.json", text), published });
      const positioned = await checkWithPositions(new SourceText("p.json", text), undefined, readPublished(published).registry);
      expect(fast.diagnostics).toEqual(positioned.diagnostics);
      located += fast.diagnostics.length;
    }
    expect(located).toBeGreaterThan(20);
  }, 60_000);
});

describe("comments blanked out for JSON.parse (the fast path's JSONC)", () => {
  test("whatever it accepts, jsonc-parser accepts with the same value; offsets and line breaks are kept (100,000 random texts)", () => {
    const next = random(2026);
    const pieces = ["{", "}", "[", "]", ",", ":", '"a"', '"/*"', '"//"', '"\\""', "1", " ", "\n", "//", "/*", "*/", "/", "*", '"', "\\", "true", "é", "🎬"];
    let accepted = 0;
    for (let i = 0; i < 100_000; i++) {
      let text = "";
      for (let n = 1 + Math.floor(next() * 12); n > 0; n--) text += pieces[Math.floor(next() * pieces.length)];
      const strict = parseStrict(text);
      if (strict === undefined) continue;
      accepted++;
      const errors: ParseError[] = [];
      const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
      expect({ text, errors }).toEqual({ text, errors: [] });
      expect(strict.value).toEqual(value);
      expect(strict.text.length).toBe(text.length);
      expect(strict.text.split("\n").length).toBe(text.split("\n").length);
    }
    expect(accepted).toBeGreaterThan(2_000);
  });

  test("trailing commas are left to the positioned parser", () => {
    expect(parseStrict('{"a": 1,}')).toBeUndefined();
    expect(parseStrict("[1, 2, // two\n]")).toBeUndefined();
    expect(parseStrict('{"a": 1 // one\n}')).toEqual({ value: { a: 1 }, text: '{"a": 1       \n}' });
  });
});
