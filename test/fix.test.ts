/**
 * `rolepack-check fix` on real repositories, in-process and compiled: what is mechanical is
 * repaired in place (formatting and comments kept), what needs a person is listed, and nothing is
 * written by --dry-run or when the file changed meanwhile (issue #13, point 9).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { replaceFileAtomically } from "../lib/git/atomic-write.ts";
import { contractHash } from "../lib/json/canonical-hash.ts";
import { CLI_RUNNERS } from "./helpers/cli-runner.ts";
import { GitRepo, makeTempDir, removeTempDirs } from "./helpers/git-repo.ts";
import { HANDSHAKE_FILE, HAS_SHARED, packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

type Pack = { roles: { role_id: string; extract_contracts: { contract_id: string; schema_json: unknown }[]; produce_contracts: { contract_id: string; schema_json: unknown }[] }[] };

/** Every contract's id and hash, as the original computed them (sorted-key compact JSON) and as we do. */
function contractHashes(text: string): string[] {
  const pack = JSON.parse(text) as Pack;
  return pack.roles.flatMap((r) => [...r.extract_contracts, ...r.produce_contracts].map((c) => `${c.contract_id} ${contractHash(c.schema_json)}`));
}

/** A published JSONC pack with comments, whose current version lost a role, a contract and an alias, and drifted a contract. */
const PUBLISHED_JSONC = `{
  // The studio's registry.
  "pack_id": "studio",
  "pack_version": "1",
  "spec_id": "spec",
  "roles": [
    {
      "role_id": "editor", // the first role
      "department_id": "post",
      "display_name": "Editor",
      "modes_supported": ["representational"],
      "content_profiles_supported": ["default"],
      "claim_features": [],
      "extract_contracts": [
        { "contract_id": "ROLE:editor:X:1", "schema_json": { "type": "object", "max": 10 } }
      ],
      "produce_contracts": [
        { "contract_id": "ROLE:editor:C:1", "schema_json": { "type": "object" } },
        { "contract_id": "ROLE:editor:C:2", "schema_json": { "type": "object", "v": 2 } }
      ],
      "allowed_models": [],
      "allowed_tools": [],
      "vocab_namespace": "",
      "proposal_policy": "disabled",
      "aliases": ["cutter"],
      "lifecycle": "active"
    },
    {
      "role_id": "colorist",
      "department_id": "post",
      "display_name": "Colorist",
      "modes_supported": ["representational"],
      "content_profiles_supported": ["default"],
      "claim_features": [],
      "extract_contracts": [{ "contract_id": "ROLE:colorist:X:1", "schema_json": { "type": "object" } }],
      "produce_contracts": [{ "contract_id": "ROLE:colorist:C:1", "schema_json": { "type": "object" } }],
      "allowed_models": [],
      "allowed_tools": [],
      "vocab_namespace": "",
      "proposal_policy": "disabled",
      "aliases": [],
      "lifecycle": "active"
    }
  ]
}
`;

/** The current version: colorist gone, ROLE:editor:C:2 gone, alias "cutter" gone, ROLE:editor:X:1's max edited. */
const CURRENT_JSONC = PUBLISHED_JSONC.replace(/,\n    \{\n      "role_id": "colorist"[\s\S]*?\n    \}\n  \]/, "\n  ]")
  .replace(',\n        { "contract_id": "ROLE:editor:C:2", "schema_json": { "type": "object", "v": 2 } }', "")
  .replace('"aliases": ["cutter"]', '"aliases": []')
  .replace('"max": 10', '"max": 11')
  .replace('"pack_version": "1"', '"pack_version": "2"');

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: fix`, () => {
    test.skipIf(!HAS_SHARED)("the real pack in ../shared goes from two findings (76 before #13) to clean with one fix; every contract hash unchanged", async () => {
      const repo = GitRepo.create("master");
      const original = readFileSync(HANDSHAKE_FILE, "utf8");
      repo.write("studio.rolepack.json", original);
      repo.commit("the Handshake pack, as published");
      const before = await cli.run([], { cwd: repo.dir });
      expect(before.exitCode).toBe(1);
      expect(before.stdout).toContain("Run `rolepack-check fix`");
      const fixed = await cli.run(["fix"], { cwd: repo.dir });
      expect([fixed.exitCode, fixed.stderr]).toEqual([0, ""]);
      expect(fixed.stdout).toBe(
        [
          'studio.rolepack.json: fixed: added "aliases": [] to 38 roles',
          'studio.rolepack.json: fixed: added "lifecycle": "active" to 38 roles',
          "rolepack-check fix: 1 of 1 pack fixed; clean",
          "",
        ].join("\n"),
      );
      const text = readFileSync(join(repo.dir, "studio.rolepack.json"), "utf8");
      expect(contractHashes(text)).toEqual(contractHashes(original));
      expect(contractHashes(text)).toHaveLength(76);
      // Only additions: each removed line comes back with a comma after it.
      const removed = repo.git("diff", "-U0").split("\n").filter((line) => line.startsWith("-") && !line.startsWith("---"));
      expect(removed.length).toBe(38);
      const after = await cli.run([], { cwd: repo.dir });
      expect(after.exitCode).toBe(0);
      expect(after.stdout).toContain("no problems");
      expect(repo.git("status", "--porcelain")).toBe(" M studio.rolepack.json\n");
    });

    test("restores a removed role (deprecated), contract and alias as published, and moves a drift to the next version; comments stay", async () => {
      const repo = GitRepo.create();
      repo.write("studio.rolepack.jsonc", PUBLISHED_JSONC);
      repo.commit("publish");
      repo.write("studio.rolepack.jsonc", CURRENT_JSONC);
      const broken = await cli.run(["--format", "json"], { cwd: repo.dir });
      expect(new Set(JSON.parse(broken.stdout).diagnostics.map((d: { code: string }) => d.code))).toEqual(new Set(["HSK-RR-001", "HSK-RR-002", "HSK-RR-003", "HSK-RR-013"]));
      const fixed = await cli.run(["fix"], { cwd: repo.dir });
      expect(fixed.stdout).toBe(
        [
          'studio.rolepack.jsonc: fixed: restored alias "cutter" of role "editor", as published',
          'studio.rolepack.jsonc: fixed: restored contract "ROLE:editor:C:2" in produce_contracts of role "editor", as published',
          'studio.rolepack.jsonc: fixed: restored the published schema_json of "ROLE:editor:X:1" in extract_contracts; the edited one is now "ROLE:editor:X:2"',
          'studio.rolepack.jsonc: fixed: restored role "colorist" as published, with "lifecycle": "deprecated"',
          // A warning, listed but not failing: the moved schema is plainer than the spec asks of a new contract.
          'studio.rolepack.jsonc:16:60: warning HSK-RR-018 contract "ROLE:editor:X:2" does not declare what an extraction contract must (spec S4): extraction_schema, evidence_requirements, fact_mapping_rules — fix: Declare in its schema_json "extraction_schema" (the fields extracted), "evidence_requirements" (the evidence it needs), "fact_mapping_rules" (how the bundle maps to facts), before it is published.',
          "rolepack-check fix: 1 of 1 pack fixed; clean",
          "",
        ].join("\n"),
      );
      expect(fixed.exitCode).toBe(0);
      const text = readFileSync(join(repo.dir, "studio.rolepack.jsonc"), "utf8");
      expect(text).toContain("// The studio's registry.");
      expect(text).toContain('"role_id": "editor", // the first role');
      expect(text).toContain('"aliases": ["cutter"]');
      expect(text).toContain('{ "contract_id": "ROLE:editor:X:1", "schema_json": { "type": "object", "max": 10 } }');
      expect(text).toContain('"contract_id": "ROLE:editor:X:2"');
      expect(text).toMatch(/"role_id": "colorist",[\s\S]*"lifecycle": "deprecated"\n    \}\n  \]\n\}\n$/);
      const after = await cli.run([], { cwd: repo.dir });
      expect(after.exitCode).toBe(0);
    });

    test("--dry-run prints a diff that git apply takes, and writes nothing", async () => {
      const repo = GitRepo.create();
      repo.write("studio.rolepack.jsonc", PUBLISHED_JSONC);
      repo.commit("publish");
      const current = CURRENT_JSONC.replace(/\n/g, "\r\n");
      repo.write("studio.rolepack.jsonc", current);
      const dry = await cli.run(["fix", "--dry-run"], { cwd: repo.dir });
      expect(dry.exitCode).toBe(0);
      expect(dry.stdout.startsWith("--- a/studio.rolepack.jsonc\n+++ b/studio.rolepack.jsonc\n@@ ")).toBe(true);
      expect(dry.stderr).toContain("studio.rolepack.jsonc: would fix: restored role \"colorist\"");
      expect(dry.stderr).toEndWith("rolepack-check fix: 1 of 1 pack would change (nothing written); clean\n");
      expect(readFileSync(join(repo.dir, "studio.rolepack.jsonc"), "utf8")).toBe(current);
      const patch = join(makeTempDir(), "fix.patch");
      await Bun.write(patch, dry.stdout);
      repo.git("apply", patch);
      const applied = readFileSync(join(repo.dir, "studio.rolepack.jsonc"), "utf8");
      expect(applied.split("\r\n").length - 1).toBe(applied.split("\n").length - 1); // still CRLF throughout
      expect((await cli.run([], { cwd: repo.dir })).exitCode).toBe(0);
    });

    test("what needs a person is listed and exits 1; the mechanical part is still written, with the file's mode", async () => {
      const repo = GitRepo.create();
      repo.write("studio.rolepack.json", packText(smallPack([role("editor"), role("colorist")])));
      repo.commit("publish");
      const file = repo.write("studio.rolepack.json", packText(smallPack([role("editor", { department_id: "sound" })], "2")));
      chmodSync(file, 0o640);
      const result = await cli.run(["fix"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('studio.rolepack.json: fixed: restored role "colorist" as published, with "lifecycle": "deprecated"');
      expect(result.stdout).toMatch(/studio\.rolepack\.json:\d+:\d+: error HSK-RR-015 department_id of role "editor" changed/);
      expect(result.stdout).toEndWith("rolepack-check fix: 1 of 1 pack fixed; 1 problem left that need a person (listed above)\n");
      expect(statSync(file).mode & 0o777).toBe(0o640);
      expect(readdirSync(repo.dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    });

    test("a pack that cannot be read as a pack is not touched: its problem is listed, exit 1", async () => {
      const repo = GitRepo.create();
      repo.write("studio.rolepack.json", packText(smallPack([role("editor")])));
      repo.commit("publish");
      const broken = '{ "pack_id": "x", "roles": [ }\n';
      repo.write("studio.rolepack.json", broken);
      const result = await cli.run(["fix"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain("studio.rolepack.json: not fixed: the pack cannot be read as a pack");
      expect(result.stdout).toMatch(/error HSK-RR-011 /);
      expect(readFileSync(join(repo.dir, "studio.rolepack.json"), "utf8")).toBe(broken);
    });

    test("a legacy \"deprecated\": true becomes \"lifecycle\": \"deprecated\" in place", async () => {
      const repo = GitRepo.create();
      const legacy = packText(smallPack([role("editor"), role("colorist")])).replaceAll('"lifecycle": "active"', '"deprecated": false').replace('"deprecated": false', '"deprecated": true');
      repo.write("studio.rolepack.json", legacy);
      repo.commit("a legacy pack");
      const result = await cli.run(["fix"], { cwd: repo.dir });
      expect(result.stdout).toContain('fixed: replaced "deprecated": true|false with "lifecycle" in 2 roles');
      expect(result.exitCode).toBe(0);
      const text = readFileSync(join(repo.dir, "studio.rolepack.json"), "utf8");
      expect(text).toBe(legacy.replace('"deprecated": true', '"lifecycle": "deprecated"').replace('"deprecated": false', '"lifecycle": "active"'));
    });

    test("fix takes no --staged and no --format: a usage error, nothing written", async () => {
      const repo = GitRepo.create();
      repo.write("studio.rolepack.json", packText(smallPack([role("editor")])));
      repo.commit("publish");
      expect((await cli.run(["fix", "--staged"], { cwd: repo.dir })).exitCode).toBe(2);
    });
  });
}

test("the write is refused when the file no longer holds what was read; nothing is left behind", async () => {
  const dir = makeTempDir();
  const path = join(dir, "pack.json");
  await Bun.write(path, "edited by someone else\n");
  await expect(replaceFileAtomically(path, "pack.json", new TextEncoder().encode("what fix read\n"), "fixed\n")).rejects.toThrow(
    "pack.json: changed while it was being fixed; nothing was written (run fix again)",
  );
  expect(readFileSync(path, "utf8")).toBe("edited by someone else\n");
  expect(readdirSync(dir)).toEqual(["pack.json"]);
});
