/**
 * Each requirement of the specification excerpts (../shared/spec/rolepack-spec-excerpts.md, ids
 * S1–S7) held by a test that cites it, on real repositories, in-process and compiled. What the
 * checker does not enforce yet would be a `test.todo` naming the requirement (issue #13: none is left).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CLI_RUNNERS } from "./helpers/cli-runner.ts";
import { GitRepo, makeTempDir, removeTempDirs } from "./helpers/git-repo.ts";
import { contract, DEFAULT_PACK_FILE, HANDSHAKE_FILE, HAS_SHARED, packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

const published = smallPack([role("editor"), role("colorist", { aliases: ["grader"] })]);

function publishedRepo(pack: unknown = published): GitRepo {
  const repo = GitRepo.create();
  repo.write("studio.rolepack.json", packText(pack));
  repo.commit("publish");
  return repo;
}

type Report = { diagnostics: { code: string; role_id?: string; contract_id?: string; severity: string; expected_hash?: string; got_hash?: string }[] };

for (const cli of CLI_RUNNERS) {
  /**
   * The scenarios change roles under pack_version "1" and add contracts with plain schemas: the
   * warnings of HSK-RR-017 (S5) and HSK-RR-018 (S4) are left out except where they are the subject.
   */
  const check = async (repo: GitRepo, args: string[] = [], { pinning = false, declarations = false } = {}) => {
    const result = await cli.run([...args, "--format", "json"], { cwd: repo.dir });
    const report = JSON.parse(result.stdout) as Report;
    if (!pinning) report.diagnostics = report.diagnostics.filter((d) => d.code !== "HSK-RR-017");
    if (!declarations) report.diagnostics = report.diagnostics.filter((d) => d.code !== "HSK-RR-018");
    return { exitCode: result.exitCode, report, stderr: result.stderr };
  };
  const codes = (report: Report) => report.diagnostics.map((d) => `${d.code} ${d.contract_id ?? d.role_id ?? ""}`.trim());

  describe(`${cli.name}: S1 — lossless role catalog, append-only registry`, () => {
    test("S1: a previously declared role_id may not be removed; deprecating it is the way (the build fails)", async () => {
      const repo = publishedRepo();
      repo.write("studio.rolepack.json", packText(smallPack([role("editor")])));
      const removed = await check(repo);
      expect(removed.exitCode).toBe(1);
      expect(codes(removed.report)).toContain("HSK-RR-001 colorist");
      repo.write("studio.rolepack.json", packText(smallPack([role("editor"), role("colorist", { aliases: ["grader"], lifecycle: "deprecated" })])));
      expect((await check(repo)).exitCode).toBe(0);
    });

    test("S1: renames are aliases — an alias, once published, stays on its role", async () => {
      const repo = publishedRepo();
      repo.write("studio.rolepack.json", packText(smallPack([role("editor"), role("colorist")])));
      expect(codes((await check(repo)).report)).toEqual(["HSK-RR-013 colorist"]);
    });

    test("S1: a rename is not a new role_id — the advice says to keep the role_id and put the new name in aliases or display_name, and never suggests an invalid id", async () => {
      const repo = publishedRepo();
      // Renamed by hand: the old id kept as an alias of a new role, its contracts renamed with it.
      const renamed = role("grading_lead", { aliases: ["colorist_old"], extract_contracts: [contract("ROLE:grading_lead:X:1")], produce_contracts: [contract("ROLE:grading_lead:C:1")] });
      const asAlias = { ...renamed, aliases: ["colorist"] };
      repo.write("studio.rolepack.json", packText(smallPack([role("editor"), asAlias])));
      const text = await cli.run([], { cwd: repo.dir });
      expect(text.stdout).toContain('error HSK-RR-001 role "colorist" was removed — it looks renamed to "grading_lead"');
      expect(text.stdout).toContain('— fix: A role_id never changes; renames are aliases (spec S1). Keep role "colorist" and give it the new name: set its "display_name", or add "grading_lead" to its "aliases" — not a new role_id.');
      // Renamed to an invalid id: the advice names no id built from it (no "ROLE:Grading:X:1").
      const invalid = role("Grading", { extract_contracts: [contract("ROLE:colorist:X:1")], produce_contracts: [contract("ROLE:colorist:C:1")] });
      repo.write("studio.rolepack.json", packText(smallPack([role("editor"), invalid])));
      const result = await cli.run([], { cwd: repo.dir });
      expect(result.stdout).toContain('role "colorist" was removed — it looks renamed to "Grading"');
      expect(result.stdout).not.toMatch(/ROLE:Grading:/);
    });

    test("S1: a silent change of a contract surface fails the build (contract surface drift, both hashes)", async () => {
      const repo = publishedRepo();
      const changed = role("editor", { extract_contracts: [contract("ROLE:editor:X:1", { type: "object", silently: "changed" })] });
      repo.write("studio.rolepack.json", packText(smallPack([changed, role("colorist", { aliases: ["grader"] })])));
      const result = await check(repo);
      expect(result.exitCode).toBe(1);
      expect(result.report.diagnostics).toEqual([expect.objectContaining({ code: "HSK-RR-003", contract_id: "ROLE:editor:X:1", expected_hash: expect.any(String), got_hash: expect.any(String) })]);
    });

    test("S1: a change ships as a contract id bump — the new version beside the old one passes", async () => {
      const repo = publishedRepo();
      const bumped = role("editor", { extract_contracts: [contract("ROLE:editor:X:1"), contract("ROLE:editor:X:2", { type: "object", v: 2 })] });
      repo.write("studio.rolepack.json", packText(smallPack([bumped, role("colorist", { aliases: ["grader"] })])));
      expect((await check(repo)).exitCode).toBe(0);
    });

    test("S1: a change to a role's definition must come with a new contract version (HSK-RR-014), at the changed field", async () => {
      const repo = publishedRepo();
      const changed = role("editor", { allowed_models: ["llama3", "m2"], proposal_policy: "queue_only" });
      repo.write("studio.rolepack.json", packText(smallPack([changed, role("colorist", { aliases: ["grader"] })])));
      const result = await check(repo);
      expect(result.exitCode).toBe(1);
      expect(codes(result.report)).toEqual(["HSK-RR-014 editor"]);
      const text = await cli.run([], { cwd: repo.dir });
      expect(text.stdout).toMatch(
        /studio\.rolepack\.json:\d+:\d+: error HSK-RR-014 role "editor" changed its definition without a new contract version: allowed_models: added "m2"; proposal_policy: "disabled" → "queue_only"; it is published at main:studio\.rolepack\.json:\d+ — fix: Publish the change with a new contract version of "editor" \("ROLE:editor:X:2" or "ROLE:editor:C:2"\)/,
      );
      // A list of plain values is a set: the same models in another order are no change.
      repo.write("studio.rolepack.json", packText(smallPack([role("editor", { modes_supported: ["representational"], allowed_models: ["llama3"] }), role("colorist", { aliases: ["grader"] })])));
      expect((await check(repo)).exitCode).toBe(0);
      // Versioned: a new contract of the role beside the change, and display_name, which is no definition.
      const versioned = role("editor", { display_name: "Picture Editor", allowed_models: ["llama3", "m2"], proposal_policy: "queue_only", produce_contracts: [contract("ROLE:editor:C:1"), contract("ROLE:editor:C:2", { type: "object", v: 2 })] });
      repo.write("studio.rolepack.json", packText(smallPack([versioned, role("colorist", { aliases: ["grader"] })])));
      expect((await check(repo)).exitCode).toBe(0);
    });
  });

  describe(`${cli.name}: S2 — AtelierRoleSpec and its dual contracts`, () => {
    test("S2: role_id and department_id are stable identifiers of ^[a-z0-9_]{1,64}$; contracts are ROLE:<role_id>:X|C:<ver>", async () => {
      const repo = publishedRepo();
      const bad = role("Editor", { department_id: "Post Production", extract_contracts: [contract("ROLE:Editor:X:01")], produce_contracts: [contract("ROLE:editor:C:1")] });
      repo.write("studio.rolepack.json", packText(smallPack([bad, role("editor"), role("colorist", { aliases: ["grader"] })])));
      const result = await check(repo);
      expect(codes(result.report)).toEqual(expect.arrayContaining(["HSK-RR-006 Editor", "HSK-RR-007 ROLE:Editor:X:01", "HSK-RR-008 ROLE:editor:C:1", "HSK-RR-010 Editor"]));
    });

    test("S2: modes_supported is a subset of {representational, conceptual}; proposal_policy one of its three values", async () => {
      const repo = publishedRepo();
      // A new role, so that only the schema speaks (a published one would also have changed its definition, HSK-RR-014).
      repo.write("studio.rolepack.json", packText(smallPack([role("editor"), role("colorist", { aliases: ["grader"] }), role("composer", { modes_supported: ["abstract"], proposal_policy: "always" })])));
      const result = await check(repo);
      expect(codes(result.report)).toEqual(["HSK-RR-010 composer", "HSK-RR-010 composer"]);
    });

    test("S2: department_id is a stable identifier — a published role keeps its department, even with a new contract version (HSK-RR-015)", async () => {
      const repo = publishedRepo();
      const moved = role("editor", { department_id: "finishing", extract_contracts: [contract("ROLE:editor:X:1"), contract("ROLE:editor:X:2", { type: "object", v: 2 })] });
      repo.write("studio.rolepack.json", packText(smallPack([moved, role("colorist", { aliases: ["grader"] })])));
      const result = await check(repo);
      expect(result.exitCode).toBe(1);
      expect(codes(result.report)).toEqual(["HSK-RR-015 editor"]);
      const text = await cli.run([], { cwd: repo.dir });
      expect(text.stdout).toMatch(/studio\.rolepack\.json:\d+:\d+: error HSK-RR-015 department_id of role "editor" changed: "post_production" → "finishing"; it was published as "post_production" at main:studio\.rolepack\.json:\d+/);
      // Removed: still this rule, which a configuration cannot lower (the schema's HSK-RR-010 could be).
      const { department_id: _gone, ...withoutDepartment } = role("editor");
      repo.write("studio.rolepack.json", packText(smallPack([withoutDepartment as never, role("colorist", { aliases: ["grader"] })])));
      expect(codes((await check(repo)).report)).toEqual(expect.arrayContaining(["HSK-RR-015 editor"]));
      // The append-only rules cannot be lowered: a configuration saying so is refused.
      repo.write("rolepack-check.jsonc", '{ "rules": { "HSK-RR-015": "warning" } }');
      expect((await cli.run([], { cwd: repo.dir })).exitCode).toBe(2);
    });
  });

  describe(`${cli.name}: S3 — each role has both X and C contracts`, () => {
    test("S3: a role with no produce (C) contract, or no extract (X) one, fails (HSK-RR-016)", async () => {
      const repo = GitRepo.create();
      repo.write("studio.rolepack.json", packText(smallPack([role("editor", { produce_contracts: [] }), role("colorist", { extract_contracts: [] })])));
      repo.git("add", "-A"); // staged: found without naming it
      const result = await check(repo);
      expect(result.exitCode).toBe(1);
      expect(codes(result.report)).toEqual(["HSK-RR-016 editor", "HSK-RR-016 colorist"]);
    });
  });

  describe(`${cli.name}: S5, S6, S7 — pinned versions, ids never reused, the original task`, () => {
    test("S6: an id is never reused — a contract published, removed and re-added with another schema is caught with --history", async () => {
      const repo = publishedRepo();
      repo.write("studio.rolepack.json", packText(smallPack([role("editor", { extract_contracts: [] }), role("colorist", { aliases: ["grader"] })])));
      repo.commit("removed (a breach already)");
      repo.write("studio.rolepack.json", packText(smallPack([role("editor", { extract_contracts: [contract("ROLE:editor:X:1", { type: "object", reused: true })] }), role("colorist", { aliases: ["grader"] })])));
      repo.commit("re-added with another schema");
      const tipOnly = await check(repo);
      expect(codes(tipOnly.report)).not.toContain("HSK-RR-003 ROLE:editor:X:1");
      const history = await check(repo, ["--history"]);
      expect(codes(history.report)).toContain("HSK-RR-003 ROLE:editor:X:1");
    });

    test("S7: the contract surface hash is sha256 of the canonical JSON of schema_json", async () => {
      const dir = makeTempDir();
      const schema = '{ "b": [1, 2], "a": { "y": 1, "x": 2 } }';
      await Bun.write(join(dir, "s.json"), schema);
      const result = await cli.run(["hash", "s.json"], { cwd: dir });
      const expected = new Bun.CryptoHasher("sha256").update('{"a":{"x":2,"y":1},"b":[1,2]}').digest("hex");
      expect(result.stdout).toBe(`${expected}\n`);
    });

    test("S7: with no baseline ref, a first publish: the internal rules still apply", async () => {
      const repo = GitRepo.create("trunk");
      repo.write("studio.rolepack.json", packText(smallPack([role("editor"), role("editor")])));
      repo.commit();
      const result = await check(repo);
      expect(result.stderr).toContain("no baseline found");
      expect(codes(result.report)).toContain("HSK-RR-004 editor");
    });

    test("S7: a violation is a Diagnostic with source validator and correlation ids, and the flight recorder gets FR-EVT-003 with its id", async () => {
      const repo = publishedRepo();
      repo.write("studio.rolepack.json", packText({ ...smallPack([role("editor")]), pack_version: "2" }));
      const events = join(makeTempDir(), "events.jsonl");
      const result = await cli.run(["--format", "json", "--events", events, "--wsid", "ws-1", "--job-id", "job-9"], { cwd: repo.dir });
      const [diagnostic] = JSON.parse(result.stdout).diagnostics;
      expect(diagnostic).toMatchObject({ source: "validator", wsid: "ws-1", job_id: "job-9" });
      const [event] = readFileSync(events, "utf8").trim().split("\n").map((line) => JSON.parse(line));
      expect(event).toMatchObject({ event_code: "FR-EVT-003", job_id: "job-9", payload: { diagnostic_id: diagnostic.diagnostic_id, wsid: "ws-1", severity: "error", source: "validator" } });
    });

    test("S5, S7: the registry version and contract ids are recorded for provenance (manifest: pack_version, registry_digest, every contract's hash)", async () => {
      const repo = publishedRepo();
      const result = await cli.run(["manifest", "studio.rolepack.json"], { cwd: repo.dir });
      const manifest = JSON.parse(result.stdout);
      expect(manifest).toMatchObject({ pack_version: "1", registry_digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(Object.keys(manifest.contracts).sort()).toEqual(["ROLE:colorist:C:1", "ROLE:colorist:X:1", "ROLE:editor:C:1", "ROLE:editor:X:1"]);
    });

    test("S1: changes to role definitions are logged — diff's spec-change log lists them field by field, display names and the pack_version", async () => {
      const repo = publishedRepo();
      const changed = role("editor", {
        display_name: "Picture Editor",
        allowed_models: ["llama3", "m2"],
        produce_contracts: [contract("ROLE:editor:C:1"), contract("ROLE:editor:C:2", { type: "object", v: 2 })],
      });
      repo.write("studio.rolepack.json", packText({ ...smallPack([changed, role("colorist", { aliases: ["grader"] })]), pack_version: "2" }));
      const json = await cli.run(["diff", "--format", "json"], { cwd: repo.dir });
      expect(json.exitCode).toBe(0);
      expect(JSON.parse(json.stdout).packs[0].changes).toMatchObject({
        definitions_changed: [{ role_id: "editor", changes: ['allowed_models: added "m2"'] }],
        display_names_changed: [{ role_id: "editor", from: "editor", to: "Picture Editor" }],
        pack_version: { from: "1", to: "2" },
        version_bumps: [{ contract_id: "ROLE:editor:C:2", supersedes: "ROLE:editor:C:1" }],
      });
      const markdown = await cli.run(["diff"], { cwd: repo.dir });
      expect(markdown.stdout).toContain('### Role definitions changed (1)\n\n- `editor`: allowed_models: added "m2"\n');
      expect(markdown.stdout).toContain('### Display names changed (1)\n\n- `editor`: "editor" → "Picture Editor"\n');
      expect(markdown.stdout).toContain('### pack_version\n\n"1" → "2"\n');
    });

    test("S5: the registry version is pinned — roles changed under the published pack_version warn (HSK-RR-017); a team that pins by pack_version makes it an error", async () => {
      const repo = publishedRepo();
      repo.write("studio.rolepack.json", packText(smallPack([role("editor"), role("colorist", { aliases: ["grader"] }), role("composer")])));
      const warned = await check(repo, [], { pinning: true });
      expect(warned.exitCode).toBe(0);
      expect(warned.report.diagnostics).toEqual([expect.objectContaining({ code: "HSK-RR-017", severity: "warning", line: 3 })]);
      repo.write("rolepack-check.jsonc", '{ "rules": { "HSK-RR-017": "error" } }\n');
      const pinned = await check(repo, [], { pinning: true });
      expect(pinned.exitCode).toBe(1);
      expect(pinned.report.diagnostics).toEqual([expect.objectContaining({ code: "HSK-RR-017", severity: "error" })]);
      repo.write("studio.rolepack.json", packText({ ...smallPack([role("editor"), role("colorist", { aliases: ["grader"] }), role("composer")]), pack_version: "2" }));
      expect((await check(repo, [], { pinning: true })).exitCode).toBe(0);
      const manifest = JSON.parse((await cli.run(["manifest", "studio.rolepack.json"], { cwd: repo.dir })).stdout);
      expect(manifest).toMatchObject({ pack_version: "2", registry_digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    });

    test("S5, S6: with --history, a pack_version published before with other roles is never reused", async () => {
      const repo = publishedRepo();
      repo.write("studio.rolepack.json", packText({ ...smallPack([role("editor"), role("colorist", { aliases: ["grader"] }), role("composer")]), pack_version: "2" }));
      repo.commit("2");
      repo.write("studio.rolepack.json", packText({ ...smallPack([role("editor"), role("colorist", { aliases: ["grader"] }), role("composer"), role("critic")]), pack_version: "1" }));
      const reused = await check(repo, ["--history"], { pinning: true });
      expect(reused.report.diagnostics).toEqual([
        expect.objectContaining({ code: "HSK-RR-017", message: expect.stringMatching(/^pack_version "1" was published before with other roles \(commit [0-9a-f]{12}\): 2 added \("composer", "critic"\)$/) }),
      ]);
    });
  });
}

for (const cli of CLI_RUNNERS) {
  test.skipIf(!HAS_SHARED)(`${cli.name}: the real pack (before aliases and lifecycle): one finding per missing field, not one per role`, async () => {
    const repo = GitRepo.create();
    repo.write("studio.rolepack.json", readFileSync(HANDSHAKE_FILE, "utf8"));
    repo.commit("the Handshake pack");
    const result = await cli.run(["--format", "json"], { cwd: repo.dir });
    const found = (JSON.parse(result.stdout) as Report).diagnostics.map((d) => `${d.code} ${(d as { message?: string }).message}`);
    expect(found).toEqual([
      'HSK-RR-010 missing required field "aliases" in every role (all 38, from role "producer" on): the pack predates "aliases"',
      'HSK-RR-010 missing required field "lifecycle" in every role (all 38, from role "producer" on): the pack predates "lifecycle"',
    ]);
    // A field missing from some roles only is still reported role by role.
    const pack = JSON.parse(readFileSync(HANDSHAKE_FILE, "utf8"));
    for (const r of pack.roles.slice(1)) Object.assign(r, { aliases: [], lifecycle: "active" });
    repo.write("studio.rolepack.json", JSON.stringify(pack, null, 2));
    const some = await cli.run(["--format", "json"], { cwd: repo.dir });
    expect((JSON.parse(some.stdout) as Report).diagnostics.map((d) => `${d.code} ${d.role_id}`)).toEqual(["HSK-RR-010 producer", "HSK-RR-010 producer"]);
  });
}

for (const cli of CLI_RUNNERS) {
  test(`${cli.name}: S4: a new role declares its claim features, a new X contract its extraction schema, evidence requirements and fact mapping rules, a new C contract its deliverable kinds (HSK-RR-018)`, async () => {
    const repo = publishedRepo();
    const x = { type: "role_extract_contract", contract_version: 1, extraction_schema: { type: "object" }, evidence_requirements: { required: true }, fact_mapping_rules: [] };
    const c = { type: "role_produce_contract", contract_version: 1, deliverable_kinds: ["text"], deliverable_schema: { type: "object" } };
    const complete = role("composer", { extract_contracts: [contract("ROLE:composer:X:1", x)], produce_contracts: [contract("ROLE:composer:C:1", c)] });
    const plain = role("critic", { claim_features: [], extract_contracts: [contract("ROLE:critic:X:1", { type: "object", fact_mapping_rules: [] })], produce_contracts: [contract("ROLE:critic:C:1", { type: "object", deliverable_kinds: [] })] });
    repo.write("studio.rolepack.json", packText(smallPack([role("editor"), role("colorist", { aliases: ["grader"] }), complete, plain], "2")));
    const result = await cli.run(["--format", "json"], { cwd: repo.dir });
    expect(result.exitCode).toBe(0); // a warning by default
    const found = JSON.parse(result.stdout).diagnostics.map((d: { code: string; severity: string; message: string }) => `${d.code} ${d.severity} ${d.message}`);
    expect(found).toEqual([
      'HSK-RR-018 warning role "critic" lists no claim_features; a role declares the claim features it requires (spec S4)',
      'HSK-RR-018 warning contract "ROLE:critic:X:1" does not declare what an extraction contract must (spec S4): extraction_schema, evidence_requirements',
      'HSK-RR-018 warning contract "ROLE:critic:C:1" does not declare what a creative output contract must (spec S4): deliverable_kinds',
    ]);
    // Published contracts are not held to it (they cannot change), and a team holding the spec makes it an error.
    repo.write("rolepack-check.jsonc", '{ "rules": { "HSK-RR-018": "error" } }');
    expect((await cli.run([], { cwd: repo.dir })).exitCode).toBe(1);
    repo.write("studio.rolepack.json", packText(published));
    expect((await cli.run([], { cwd: repo.dir })).exitCode).toBe(0);
  });
}

test.skipIf(!HAS_SHARED)("S4: the real pack and the bundled default pack declare everything S4 asks, on first publish", async () => {
  const { checkRegistry } = await import("../lib/mod.ts");
  for (const file of [HANDSHAKE_FILE, DEFAULT_PACK_FILE]) {
    const { diagnostics } = await checkRegistry({ current: readFileSync(file, "utf8") });
    expect(diagnostics.filter((d) => d.code === "HSK-RR-018")).toEqual([]);
  }
});
