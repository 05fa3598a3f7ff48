/**
 * A large pack is parsed role by role, and its baseline shares the roles whose text did not
 * change (issue #14: the 10,000-role pack). The cut is found by layout, so these tests hold it to
 * `JSON.parse`: whatever it returns is the value `JSON.parse` gives, on every layout a formatter
 * writes, on layouts that merely look like one, and on thousands of damaged texts. End to end, a
 * large pack's removals and drifts are still found, in-process and by the compiled binary.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { SourceText } from "../lib/json/source-text.ts";
import { parseByRoles } from "../lib/pack/role-texts.ts";
import { readPublishedPack } from "../lib/published/version-reader.ts";
import { CLI_RUNNERS } from "./helpers/cli-runner.ts";
import { GitRepo, removeTempDirs } from "./helpers/git-repo.ts";
import { random } from "./helpers/mutations.ts";
import { contract, packText, role, smallPack, type TestRole } from "./helpers/packs.ts";

afterAll(removeTempDirs);

const roles = (count: number, from = 0): TestRole[] => Array.from({ length: count }, (_, i) => role(`role_${from + i}`));
const pack = (list: TestRole[], packVersion = "1") => smallPack(list, packVersion);

describe("parseByRoles reads what JSON.parse reads", () => {
  const layouts: [string, (value: unknown) => string][] = [
    ["two spaces", (value) => packText(value)],
    ["four spaces", (value) => JSON.stringify(value, null, 4)],
    ["tabs", (value) => JSON.stringify(value, null, "\t")],
    ["CRLF line breaks", (value) => packText(value).replaceAll("\n", "\r\n")],
  ];
  for (const [name, write] of layouts) {
    test(`a pretty-printed pack (${name}): cut role by role, the same value`, () => {
      const text = write(pack(roles(5)));
      const read = parseByRoles(text);
      expect(read).toBeDefined();
      expect(read!.value).toEqual(JSON.parse(text));
      expect(read!.roleTexts.map((roleText) => JSON.parse(roleText))).toEqual(JSON.parse(text).roles);
    });
  }

  test("layouts it cannot cut answer undefined: one line, no roles, no roles to cut, roles in a string", () => {
    const value = pack(roles(3));
    for (const text of [
      JSON.stringify(value),
      packText({ pack_id: "p", pack_version: "1", spec_id: "s" }),
      packText({ ...value, roles: [] }),
      packText({ pack_id: "roles", spec_id: '"roles": [', roles: [] }),
    ]) {
      expect(parseByRoles(text)).toBeUndefined();
    }
  });

  test("roles closed and opened on one line (`}, {`) are cut all the same", () => {
    const text = packText(pack(roles(3))).replaceAll("},\n    {", "}, {");
    expect(parseByRoles(text)?.value).toEqual(JSON.parse(text));
  });

  test("a role with inner lines at the roles' indentation is refused, not cut in the middle", () => {
    const text = packText(pack(roles(3))).replace('"allowed_models": [\n        "llama3"\n      ]', '"allowed_models": [\n    {"x": 1\n    },\n    {"y": 2\n    }\n      ]');
    expect(JSON.parse(text).roles[0].allowed_models).toEqual([{ x: 1 }, { y: 2 }]);
    expect(parseByRoles(text)).toBeUndefined();
  });

  test("a role written as an array or a string is read as JSON.parse reads it", () => {
    const text = packText(pack(roles(2))).replace('"roles": [\n    {', '"roles": [\n    "odd",\n    {');
    const read = parseByRoles(text);
    if (read !== undefined) expect(read.value).toEqual(JSON.parse(text));
  });

  test("3,000 damaged texts: undefined, or exactly JSON.parse's value (and never a value where JSON.parse throws)", () => {
    const next = random(20261123);
    const base = packText(pack(roles(6)));
    const pieces = ["}", "{", "]", "[", ",", "\n", "\n    }", "\n    },\n    {", '"', "\\", " ", ":", "0", '"roles": [', "\r\n"];
    let read = 0;
    for (let round = 0; round < 3000; round++) {
      let text = base;
      for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
        const at = Math.floor(next() * text.length);
        const piece = pieces[Math.floor(next() * pieces.length)]!;
        text = next() < 0.5 ? text.slice(0, at) + piece + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
      }
      const byRoles = parseByRoles(text);
      let whole: unknown;
      try {
        whole = JSON.parse(text);
      } catch {
        expect(byRoles).toBeUndefined();
        continue;
      }
      if (byRoles !== undefined) {
        read++;
        expect(byRoles.value as unknown).toEqual(whole);
      }
    }
    expect(read).toBeGreaterThan(100); // the test did exercise the cut
  });
});

describe("a baseline shares the roles whose text did not change", () => {
  test("a role added at the start, one changed, one removed at the end: the rest are the current's own values", () => {
    const current = parseByRoles(packText(pack([...roles(1, 100), ...roles(8)], "2")))!;
    const baselineRoles = roles(9);
    baselineRoles[3] = role("role_3", { display_name: "Before" }); // changed since
    const baselineText = packText(pack(baselineRoles));
    const baseline = parseByRoles(baselineText, current)!;
    expect(baseline.value).toEqual(JSON.parse(baselineText)); // role_8, removed since, is read too
    const shared = baseline.value.roles.map((value) => current.value.roles.indexOf(value));
    expect(shared).toEqual([1, 2, 3, -1, 5, 6, 7, 8, -1]);
  });
});

describe("a published version read with the current pack", () => {
  test("a shared role keeps the current's own objects, and writes its texts only when asked, the same as any role's", () => {
    const list = roles(2000); // over 1 MiB: read role by role
    const current = parseByRoles(packText(pack([...list, role("added")], "2")))!;
    const before = [...list];
    before[5] = role("role_5", { extract_contracts: [contract("ROLE:role_5:X:1", { type: "object", old: true })] });
    const text = packText(pack(before));
    const published = readPublishedPack(new SourceText("main:pack.json", text), [], { current })!;
    const plain = readPublishedPack(new SourceText("main:pack.json", text), [])!;
    const [shared, changed] = [published.roles[4]!.reading, published.roles[5]!.reading];
    const currentRole = current.value.roles[4] as { extract_contracts: { schema_json: unknown }[] };
    expect(shared.contracts[0]!.sharedSchema).toBe(currentRole.extract_contracts[0]!.schema_json);
    expect(shared.sharedDefinition).toBeDefined();
    expect(changed.sharedDefinition).toBeUndefined();
    expect(changed.contracts[0]!.sharedSchema).toBeUndefined();
    // Whatever is asked, the answer is the plain reading's.
    for (const [index, role] of published.roles.entries()) {
      const other = plain.roles[index]!.reading;
      expect(role.reading.definitionText).toBe(other.definitionText);
      expect(role.reading.contracts.map((c) => [c.contract_id, c.schemaText, c.path])).toEqual(other.contracts.map((c) => [c.contract_id, c.schemaText, c.path]));
    }
  });
});

describe("sharing never changes what the baseline says", () => {
  test("500 random histories (roles inserted, removed, moved, changed): the baseline read is JSON.parse's", () => {
    const next = random(14);
    for (let round = 0; round < 500; round++) {
      const baselineRoles = roles(2 + Math.floor(next() * 10));
      const currentRoles = [...baselineRoles];
      for (let edits = Math.floor(next() * 4); edits > 0; edits--) {
        const at = Math.floor(next() * currentRoles.length);
        const kind = Math.floor(next() * 4);
        if (kind === 0) currentRoles.splice(at, 0, role(`new_${round}_${edits}`));
        else if (kind === 1 && currentRoles.length > 1) currentRoles.splice(at, 1);
        else if (kind === 2) currentRoles.push(...currentRoles.splice(at, 1));
        else currentRoles[at] = { ...currentRoles[at]!, display_name: "changed" };
      }
      const current = parseByRoles(packText(pack(currentRoles, "2")))!;
      const baselineText = packText(pack(baselineRoles));
      const baseline = parseByRoles(baselineText, current)!;
      expect(baseline.value).toEqual(JSON.parse(baselineText));
      // A shared role is one whose text is unchanged.
      for (const [index, value] of baseline.value.roles.entries()) {
        const at = current.value.roles.indexOf(value);
        if (at !== -1) expect(current.roleTexts[at]).toBe(baseline.roleTexts[index]!);
      }
    }
  });
});

/** A pack over 1 MiB, where the cut applies. */
function largeRoles(): TestRole[] {
  return Array.from({ length: 1600 }, (_, i) => role(`role_${i}`));
}

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: a large pack read role by role`, () => {
    test("a removed role, a drifted schema and an appended role: found as in any pack", async () => {
      const repo = GitRepo.create();
      const published = largeRoles();
      repo.write("roles.rolepack.json", packText(pack(published)));
      repo.commit("publish");
      const changed = published.filter((r) => r.role_id !== "role_700");
      changed[1200] = { ...changed[1200]!, extract_contracts: [contract(`ROLE:${changed[1200]!.role_id}:X:1`, { type: "object", drifted: true })] };
      changed.push(role("role_new"));
      const text = packText(pack(changed, "2"));
      expect(text.length).toBeGreaterThan(1024 * 1024);
      repo.write("roles.rolepack.json", text);
      const result = await cli.run(["--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      const report = JSON.parse(result.stdout);
      const errors = report.diagnostics
        .filter((d: { severity: string }) => d.severity === "error")
        .map((d: { code: string; role_id?: string; contract_id?: string }) => `${d.code} ${d.role_id ?? ""} ${d.contract_id ?? ""}`.trim())
        .sort();
      expect(errors).toEqual([
        "HSK-RR-001 role_700",
        "HSK-RR-002 role_700 ROLE:role_700:C:1",
        "HSK-RR-002 role_700 ROLE:role_700:X:1",
        "HSK-RR-003 role_1201 ROLE:role_1201:X:1",
      ]);
      expect(report.packs[0].changes.roles_added).toEqual(["role_new"]);
    });

    test("only roles appended: clean, and the summary names them", async () => {
      const repo = GitRepo.create();
      const published = largeRoles();
      repo.write("roles.rolepack.json", packText(pack(published)));
      repo.commit("publish");
      repo.write("roles.rolepack.json", packText(pack([...published, role("role_new")], "2")));
      const result = await cli.run(["--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout).packs[0].changes.roles_added).toEqual(["role_new"]);
    });
  });
}
