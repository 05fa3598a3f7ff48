/**
 * Waivers (issue #13, point 8): an explicit, reviewed exception in rolepack-check.jsonc accepts
 * exactly the finding it names; the finding is still shown, marked as waived in every format, and
 * does not fail the run. Stale waivers warn; malformed ones stop the run with their position.
 * Real repositories, in-process and compiled.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CLI_RUNNERS } from "./helpers/cli-runner.ts";
import { GitRepo, makeTempDir, removeTempDirs } from "./helpers/git-repo.ts";
import { contract, packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

const published = smallPack([role("editor"), role("stunt_double")]);
/** The takedown: stunt_double goes, under a new pack_version. */
const takenDown = smallPack([role("editor")], "2");

const TAKEDOWN_WAIVERS = `{
  "waivers": [
    // Legal takedown LEGAL-42: the role and its contracts go, on purpose.
    { "id": "W-1", "date": "2026-11-20", "code": "HSK-RR-001", "subject": "stunt_double", "justification": "Legal takedown LEGAL-42", "approved_by": "registry-owners" },
    { "id": "W-2", "date": "2026-11-20", "code": "HSK-RR-002", "subject": "stunt_double", "justification": "Legal takedown LEGAL-42" }
  ]
}
`;

function takedownRepo(config = TAKEDOWN_WAIVERS): GitRepo {
  const repo = GitRepo.create();
  repo.write("studio.rolepack.json", packText(published));
  repo.commit("publish");
  repo.write("rolepack-check.jsonc", config);
  repo.write("studio.rolepack.json", packText(takenDown));
  return repo;
}

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: waivers`, () => {
    test("a waived takedown passes, and every format shows each finding as waived", async () => {
      const repo = takedownRepo();
      const text = await cli.run([], { cwd: repo.dir });
      expect([text.exitCode, text.stderr]).toEqual([0, ""]);
      expect(text.stdout).toContain('studio.rolepack.json:5:3: waived HSK-RR-001 role "stunt_double" was removed; it is published at main:studio.rolepack.json:');
      expect(text.stdout).toContain("— waiver W-1: Legal takedown LEGAL-42\n");
      expect(text.stdout).toContain("3 problems (3 waived)");
      expect(text.stdout).toEndWith("rolepack-check: ok, 1 pack checked\n");

      const json = JSON.parse((await cli.run(["--format", "json"], { cwd: repo.dir })).stdout);
      expect(json.ok).toBe(true);
      expect(json.summary).toMatchObject({ errors: 0, warnings: 0, waived: 3 });
      expect(json.diagnostics.map((d: { code: string; severity: string; waiver: unknown }) => [d.code, d.severity, d.waiver])).toEqual([
        ["HSK-RR-001", "error", { id: "W-1", justification: "Legal takedown LEGAL-42" }],
        ["HSK-RR-002", "error", { id: "W-2", justification: "Legal takedown LEGAL-42" }],
        ["HSK-RR-002", "error", { id: "W-2", justification: "Legal takedown LEGAL-42" }],
      ]);

      const sarif = await cli.run(["--format", "sarif"], { cwd: repo.dir });
      expect(sarif.exitCode).toBe(0);
      const [first] = JSON.parse(sarif.stdout).runs[0].results;
      expect(first.suppressions).toEqual([{ kind: "external", status: "accepted", justification: "Legal takedown LEGAL-42", properties: { waiver_id: "W-1" } }]);

      const github = await cli.run(["--format", "github"], { cwd: repo.dir });
      expect(github.exitCode).toBe(0);
      expect(github.stdout.split("\n").filter(Boolean).every((line) => line.startsWith("::notice "))).toBe(true);
      expect(github.stdout).toContain("Role removed (waived): ");

      const junit = await cli.run(["--format", "junit"], { cwd: repo.dir });
      expect(junit.exitCode).toBe(0);
      expect(junit.stdout).toContain('failures="0"');
      expect(junit.stdout).toContain("<system-out>studio.rolepack.json:5:3: waived HSK-RR-001");

      const events = join(makeTempDir(), "events.jsonl");
      expect((await cli.run(["--events", events], { cwd: repo.dir })).exitCode).toBe(0);
      const payloads = readFileSync(events, "utf8").trim().split("\n").map((line) => JSON.parse(line).payload);
      expect(payloads.map((payload) => payload.waiver_id)).toEqual(["W-1", "W-2", "W-2"]);
    });

    test("a waiver covers exactly what it names: another role's removal still fails", async () => {
      const repo = takedownRepo();
      repo.write("studio.rolepack.json", packText(smallPack([], "2")));
      const result = await cli.run(["--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      const found = JSON.parse(result.stdout).diagnostics.map((d: { code: string; role_id: string; waiver?: { id: string } }) => `${d.code} ${d.role_id} ${d.waiver?.id ?? "-"}`);
      expect(found).toEqual(["HSK-RR-001 editor -", "HSK-RR-001 stunt_double W-1", "HSK-RR-002 editor -", "HSK-RR-002 editor -", "HSK-RR-002 stunt_double W-2", "HSK-RR-002 stunt_double W-2"]);
    });

    test("a drift waiver names the got_hash: it covers that change and no later one, which leaves it stale", async () => {
      const repo = GitRepo.create();
      repo.write("studio.rolepack.json", packText(published));
      repo.commit("publish");
      const edited = (schema: Record<string, unknown>) =>
        packText(smallPack([role("editor", { extract_contracts: [contract("ROLE:editor:X:1", schema)] }), role("stunt_double")], "2"));
      repo.write("studio.rolepack.json", edited({ type: "object", id: "ROLE:editor:X:1", title: "Editor" }));
      const drift = JSON.parse((await cli.run(["--format", "json"], { cwd: repo.dir })).stdout).diagnostics[0];
      expect(drift.code).toBe("HSK-RR-003");
      repo.write(
        "rolepack-check.jsonc",
        JSON.stringify({ waivers: [{ id: "W-9", date: "2026-11-21", code: "HSK-RR-003", subject: "ROLE:editor:X:1", hash: drift.got_hash, justification: "A title only" }] }),
      );
      expect((await cli.run([], { cwd: repo.dir })).exitCode).toBe(0);
      repo.write("studio.rolepack.json", edited({ type: "object", id: "ROLE:editor:X:1", title: "Editor", required: ["x"] }));
      const again = await cli.run([], { cwd: repo.dir });
      expect(again.exitCode).toBe(1);
      expect(again.stdout).toMatch(/: error HSK-RR-003 contract "ROLE:editor:X:1" changed/);
      expect(again.stderr).toBe(
        'warning: rolepack-check.jsonc: waiver "W-9" (HSK-RR-003 "ROLE:editor:X:1") matches no finding: it is stale; remove it, or correct its code, subject or hash\n',
      );
    });

    test("the hook (--staged, the changed packs only) does not call a waiver stale: it did not see every pack", async () => {
      const repo = takedownRepo(TAKEDOWN_WAIVERS.replace('"W-2"', '"W-3"').replace('"HSK-RR-002", "subject": "stunt_double"', '"HSK-RR-013", "subject": "nobody"'));
      repo.git("add", "-A");
      const hook = await cli.run(["--staged"], { cwd: repo.dir });
      expect(hook.stderr).not.toContain("stale");
      const full = await cli.run([], { cwd: repo.dir });
      expect(full.stderr).toContain('waiver "W-3" (HSK-RR-013 "nobody") matches no finding: it is stale');
    });

    test("a malformed waiver stops the run (exit 2) at its position, before anything is checked", async () => {
      const cases: [string, string][] = [
        [
          '{ "waivers": [\n  { "id": "W-1", "date": "2026-11-20", "code": "HSK-RR-003", "subject": "ROLE:editor:X:1", "justification": "x" }\n] }',
          'rolepack-check.jsonc:2:3: error waivers[0]: a waiver of HSK-RR-003 needs "hash": the got_hash of the change it accepts, so that it covers that change and no other',
        ],
        [
          '{ "waivers": [\n  { "id": "W-1", "date": "2026-11-20", "code": "HSK-RR-011", "subject": "editor", "justification": "x" }\n] }',
          "rolepack-check.jsonc:2:48: error waivers[0]: HSK-RR-011 cannot be waived: a pack that cannot be read, or is not a valid pack, is never accepted",
        ],
        [
          '{ "waivers": [\n  { "id": "W-1", "date": "2026-02-30", "code": "HSK-RR-001", "subject": "editor", "justification": "x" }\n] }',
          'rolepack-check.jsonc:2:26: error waivers[0]: "2026-02-30" is not a date',
        ],
        [
          '{ "waivers": [\n  { "id": "W-1", "date": "2026-11-20", "code": "HSK-RR-001", "subject": "a", "justification": "x" },\n  { "id": "W-1", "date": "2026-11-20", "code": "HSK-RR-001", "subject": "b", "justification": "y" }\n] }',
          'rolepack-check.jsonc:3:11: error waivers[1]: waiver id "W-1" is already used by waivers[0]; each waiver has its own id',
        ],
        ['{ "waivers": [\n  { "id": "W-1", "date": "2026-11-20", "code": "HSK-RR-001", "subject": "a" }\n] }', "rolepack-check.jsonc:2:3: error waivers.0.justification must be a string (was missing)"],
        [
          '{ "waivers": [\n  { "id": "W-1", "date": "2026-11-20", "code": "HSK-RR-001", "subject": "a", "justification": "x", "aproved_by": "me" }\n] }',
          'rolepack-check.jsonc:2:100: error unknown key "aproved_by"; did you mean "approved_by"?',
        ],
      ];
      for (const [config, line] of cases) {
        const repo = takedownRepo(config);
        const result = await cli.run([], { cwd: repo.dir });
        expect([result.exitCode, result.stdout, result.stderr]).toEqual([2, "", `${line}\n`]);
      }
    });
  });
}
