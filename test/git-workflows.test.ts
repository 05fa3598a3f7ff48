/**
 * Where the checker runs: pre-commit (--staged), pull-request CI (--base, --require-baseline),
 * push to main (--base HEAD~1), and history-wide checks (--history). Real repositories only.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { CLI_RUNNERS } from "./helpers/cli-runner.ts";
import { GitRepo, makeTempDir, removeTempDirs } from "./helpers/git-repo.ts";
import { contract, lineOf, packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

const published = smallPack([role("editor"), role("colorist")]);
const withoutColorist = packText(smallPack([role("editor")]));

function publishedRepo(): { repo: GitRepo; sha: string } {
  const repo = GitRepo.create();
  repo.write("pack.json", packText(published));
  return { repo, sha: repo.commit("publish") };
}

function codesOf(stdout: string): string[] {
  return JSON.parse(stdout).diagnostics.map((d: { code: string }) => d.code);
}

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: --staged`, () => {
    test("checks the index: a staged removal fails even when the working tree is restored", async () => {
      const { repo } = publishedRepo();
      repo.write("pack.json", withoutColorist);
      repo.git("add", "pack.json");
      repo.write("pack.json", packText(published));
      expect((await cli.run(["pack.json"], { cwd: repo.dir })).exitCode).toBe(0);
      const staged = await cli.run(["--staged", "pack.json"], { cwd: repo.dir });
      expect(staged.exitCode).toBe(1);
      expect(staged.stdout).toContain("pack.json:5:3: error HSK-RR-001 role \"colorist\" was removed");
    });

    test("unstaged breakage does not fail a clean index", async () => {
      const { repo } = publishedRepo();
      repo.write("pack.json", withoutColorist);
      expect((await cli.run(["pack.json"], { cwd: repo.dir })).exitCode).toBe(1);
      expect((await cli.run(["pack.json", "--staged"], { cwd: repo.dir })).exitCode).toBe(0);
    });

    test("a pack staged for deletion removes every published role and contract", async () => {
      const { repo } = publishedRepo();
      repo.git("rm", "-q", "pack.json");
      const result = await cli.run(["--staged", "pack.json", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(codesOf(result.stdout)).toEqual(["HSK-RR-001", "HSK-RR-001", "HSK-RR-002", "HSK-RR-002", "HSK-RR-002", "HSK-RR-002"]);
      expect(result.stderr).toContain("note: pack.json: staged for deletion");
    });

    test("works from a subdirectory, with the default pack", async () => {
      const repo = GitRepo.create();
      repo.write("assets/atelier_rolepack_digital_production_studio_v1.json", packText(published));
      repo.commit();
      repo.write("assets/atelier_rolepack_digital_production_studio_v1.json", withoutColorist);
      repo.git("add", "-A");
      mkdirSync(join(repo.dir, "src"));
      const result = await cli.run(["--staged"], { cwd: join(repo.dir, "src") });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain("../assets/atelier_rolepack_digital_production_studio_v1.json:5:3: error HSK-RR-001");
    });

    test("a file that is neither in the index nor published is a usage error", async () => {
      const { repo } = publishedRepo();
      repo.write("new.json", packText(published));
      const result = await cli.run(["--staged", "new.json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain("not in the index and never published");
    });
  });

  describe(`${cli.name}: --base and --require-baseline`, () => {
    function twoCommits() {
      const { repo, sha } = publishedRepo();
      repo.git("tag", "v1");
      repo.write("pack.json", withoutColorist);
      const second = repo.commit("drop colorist");
      return { repo, first: sha, second };
    }

    test("a tag, a sha and HEAD~1 all name the old baseline; HEAD the new one", async () => {
      const { repo, first } = twoCommits();
      for (const base of ["v1", first, first.slice(0, 10), "HEAD~1", "main~1"]) {
        const result = await cli.run(["pack.json", "--base", base], { cwd: repo.dir });
        expect(result.exitCode).toBe(1);
        expect(result.stdout).toContain(`baseline ${base}@${first.slice(0, 12)}`);
        expect(result.stdout).toContain(`published at ${base}:pack.json:`);
      }
      expect((await cli.run(["pack.json", "--base=HEAD"], { cwd: repo.dir })).exitCode).toBe(0);
    });

    test("an unknown ref is exit 2, never a silent empty baseline", async () => {
      const { repo } = twoCommits();
      const result = await cli.run(["pack.json", "--base", "no-such-branch"], { cwd: repo.dir });
      expect(result).toMatchObject({ exitCode: 2, stdout: "" });
      expect(result.stderr).toBe('rolepack-check: error: --base "no-such-branch" does not name a commit in this repository\n');
    });

    test("a ref crafted as a git option writes nothing anywhere", async () => {
      const { repo } = twoCommits();
      const target = join(makeTempDir(), "x");
      for (const args of [[`--base=--output=${target}`], ["--base", `--output=${target}`], ["--base", `HEAD\n--output=${target}`]]) {
        const result = await cli.run(["pack.json", ...args], { cwd: repo.dir });
        expect(result.exitCode).toBe(2);
        expect(existsSync(target)).toBe(false);
      }
      expect(repo.git("status", "--porcelain")).toBe("");
    });

    test("a shallow single-branch clone has no baseline: a warning, or exit 2 with --require-baseline", async () => {
      const { repo } = publishedRepo();
      repo.git("checkout", "-q", "-b", "feature");
      repo.write("pack.json", withoutColorist);
      repo.commit("feature work");
      repo.git("checkout", "-q", "main"); // the remote's default branch (origin/HEAD) is main, which the clone lacks
      const clone = repo.clone("--depth=1", "--single-branch", "--branch", "feature");
      const lenient = await cli.run(["pack.json", "--format", "json"], { cwd: clone.dir });
      expect(lenient.exitCode).toBe(0);
      expect(lenient.stderr).toContain("no baseline found (main, origin/main, origin/HEAD, master, origin/master do not exist)");
      expect(JSON.parse(lenient.stdout).packs[0].baseline).toEqual({ ref: null, tip: null, commit: null, merge_base: false, found: false, file_found: false });
      const strict = await cli.run(["pack.json", "--require-baseline"], { cwd: clone.dir });
      expect(strict.exitCode).toBe(2);
      expect(strict.stderr).toContain("--require-baseline");
      expect(strict.stdout).toBe("");
    });

    test("--require-baseline still allows a genuine first publish (ref exists, file does not)", async () => {
      const repo = GitRepo.create();
      repo.write("README", "x");
      repo.commit();
      repo.write("pack.json", packText(published));
      const result = await cli.run(["pack.json", "--require-baseline", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout).packs[0].baseline).toMatchObject({ ref: "main", found: true, file_found: false });
    });

    test("a linked worktree and a detached HEAD see main as the baseline", async () => {
      const { repo, sha } = publishedRepo();
      const worktree = join(makeTempDir(), "wt");
      repo.git("worktree", "add", "-q", "-b", "feature", worktree);
      await Bun.write(join(worktree, "pack.json"), withoutColorist);
      const inWorktree = await cli.run(["pack.json"], { cwd: worktree });
      expect(inWorktree.exitCode).toBe(1);
      expect(inWorktree.stdout).toContain(`baseline main@${sha.slice(0, 12)}`);
      repo.git("checkout", "-q", "--detach");
      repo.write("pack.json", withoutColorist);
      expect((await cli.run(["pack.json"], { cwd: repo.dir })).exitCode).toBe(1);
    });
  });

  describe(`${cli.name}: --history`, () => {
    /** c1 publishes editor+colorist+composer; c2 drops composer and colorist; c3 re-adds colorist with a changed X:1. */
    function rewrittenHistory() {
      const repo = GitRepo.create();
      repo.write("pack.json", packText(smallPack([role("editor"), role("colorist"), role("composer")])));
      const c1 = repo.commit("publish");
      repo.write("pack.json", packText(smallPack([role("editor")])));
      const c2 = repo.commit("drop two roles");
      const colorist = role("colorist", { extract_contracts: [contract("ROLE:colorist:X:1", { reworked: true })] });
      repo.write("pack.json", packText(smallPack([role("editor"), colorist])));
      const c3 = repo.commit("re-add colorist, differently");
      return { repo, c1, c2, c3 };
    }

    test("the tip alone looks clean; the history shows the removal and the re-added contract's drift", async () => {
      const { repo, c1, c2, c3 } = rewrittenHistory();
      expect((await cli.run(["pack.json"], { cwd: repo.dir })).exitCode).toBe(0);
      const result = await cli.run(["pack.json", "--history", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.packs[0].history).toEqual({ versions: 3 });
      const byCode = (code: string) => report.diagnostics.filter((d: { code: string }) => d.code === code);
      const [removed, ...moreRemoved] = byCode("HSK-RR-001");
      expect(moreRemoved).toEqual([]);
      expect(removed.role_id).toBe("composer");
      expect(removed.message).toContain(`was removed in commit ${c2.slice(0, 12)}; it is published at ${c1.slice(0, 12)}:pack.json:`);
      expect(byCode("HSK-RR-002").map((d: { contract_id: string }) => d.contract_id)).toEqual(["ROLE:composer:C:1", "ROLE:composer:X:1"]);
      const [drift] = byCode("HSK-RR-003");
      expect(drift.contract_id).toBe("ROLE:colorist:X:1");
      expect(drift.message).toContain(`the history already drifted at ${c3.slice(0, 12)}:pack.json:`);
      expect(drift.advice).toContain(`published at ${c1.slice(0, 12)}:pack.json:`);
      expect(drift.advice).toContain('"ROLE:colorist:X:2"');
    });

    test("restoring the first published contract and the removed role makes the history clean", async () => {
      const { repo } = rewrittenHistory();
      repo.write("pack.json", packText(smallPack([role("editor"), role("colorist"), role("composer")])));
      const result = await cli.run(["pack.json", "--history"], { cwd: repo.dir });
      expect(result.stdout).toContain("with its history (3 versions)");
      expect(result.exitCode).toBe(0);
    });

    test("history follows side branches that were merged", async () => {
      const repo = GitRepo.create();
      repo.write("pack.json", packText(smallPack([role("editor")])));
      repo.commit("publish");
      repo.git("checkout", "-q", "-b", "side");
      repo.write("pack.json", packText(smallPack([role("editor"), role("composer")])));
      repo.commit("side adds composer");
      repo.git("checkout", "-q", "main");
      repo.git("merge", "-q", "--no-ff", "-s", "ours", "-m", "merge side, keeping main's pack", "side");
      expect((await cli.run(["pack.json"], { cwd: repo.dir })).exitCode).toBe(0);
      const result = await cli.run(["pack.json", "--history", "--format", "json"], { cwd: repo.dir });
      expect(codesOf(result.stdout)).toEqual(["HSK-RR-001", "HSK-RR-002", "HSK-RR-002"]);
    });
  });

  describe(`${cli.name}: aliases and lifecycle`, () => {
    test("alias collisions: with a role_id, another role's alias, a repeat, a bad format", async () => {
      const { repo } = publishedRepo();
      const text = packText(
        smallPack([
          role("editor", { aliases: ["cutter", "cutter", "colorist", "Bad-Alias"] }),
          role("colorist", { aliases: ["cutter", "grader", "colorist"] }),
        ], "2"),
      );
      repo.write("pack.json", text);
      const result = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      const messages = JSON.parse(result.stdout).diagnostics.map((d: { code: string; message: string }) => `${d.code} ${d.message}`);
      expect(messages).toEqual([
        'HSK-RR-012 alias "cutter" of role "editor" is repeated',
        `HSK-RR-012 alias "colorist" of role "editor" equals the role_id of the role at line ${lineOf(text, '"role_id": "colorist"')}`,
        'HSK-RR-012 alias "Bad-Alias" of role "editor" is not a valid id: aliases share the role_id format ^[a-z0-9_]{1,64}$',
        `HSK-RR-012 alias "cutter" of role "colorist" is already an alias of role "editor" (line ${lineOf(text, '"cutter"')})`,
        'HSK-RR-012 alias "colorist" of role "colorist" equals the role\'s own role_id',
      ]);
    });

    test("with --history an alias may not reuse any role_id ever published", async () => {
      const repo = GitRepo.create();
      repo.write("pack.json", packText(smallPack([role("editor"), role("grader")])));
      repo.commit();
      repo.write("pack.json", packText(smallPack([role("editor")])));
      repo.commit("grader removed (a violation that slipped in)");
      repo.write("pack.json", packText(smallPack([role("editor", { aliases: ["grader"] })], "2")));
      const tip = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(codesOf(tip.stdout)).toEqual([]);
      const history = await cli.run(["pack.json", "--history", "--format", "json"], { cwd: repo.dir });
      const codes = codesOf(history.stdout);
      expect(codes).toContain("HSK-RR-012");
      expect(JSON.parse(history.stdout).diagnostics.find((d: { code: string }) => d.code === "HSK-RR-012").message).toContain(
        'alias "grader" of role "editor" equals the role_id published at',
      );
    });

    test("a published alias that disappears is HSK-RR-013", async () => {
      const repo = GitRepo.create();
      repo.write("pack.json", packText(smallPack([role("editor", { aliases: ["cutter"] }), role("colorist")])));
      repo.commit();
      repo.write("pack.json", packText(smallPack([role("editor"), role("colorist", { aliases: ["cutter"] })])));
      const result = await cli.run(["pack.json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('error HSK-RR-013 alias "cutter" of role "editor" was removed (it now sits on role "colorist"); it is published at main:pack.json:');
    });

    test("deprecation and reactivation are allowed and reported; a deprecated role still cannot go", async () => {
      const { repo } = publishedRepo();
      repo.write("pack.json", packText(smallPack([role("editor", { lifecycle: "deprecated" }), role("colorist")], "2")));
      const deprecated = await cli.run(["pack.json"], { cwd: repo.dir });
      expect(deprecated.exitCode).toBe(0);
      expect(deprecated.stdout).toContain("; deprecated: editor; no problems");
      repo.commit("deprecate editor");
      repo.write("pack.json", packText(smallPack([role("editor"), role("colorist")], "3")));
      const back = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(back.exitCode).toBe(0);
      expect(JSON.parse(back.stdout).packs[0].changes.reactivated).toEqual(["editor"]);
      repo.write("pack.json", packText(smallPack([role("colorist")])));
      expect((await cli.run(["pack.json"], { cwd: repo.dir })).exitCode).toBe(1);
    });
  });
}

