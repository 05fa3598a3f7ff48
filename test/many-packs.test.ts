/**
 * Many packs in one repository are read through one `git cat-file --batch` per batch of packs, not
 * one git process per pack (issue #14) — and each pack still gets its own verdict, baseline and
 * first-publish note. git is real; a logging shim in front of it on PATH counts its starts.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI_RUNNERS } from "./helpers/cli-runner.ts";
import { GIT_ENV, GitRepo, makeTempDir, removeTempDirs } from "./helpers/git-repo.ts";
import { contract, packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

/** A PATH whose `git` logs each start to `log`, then runs the real git. */
function countingGit(): { env: Record<string, string>; starts: () => number } {
  const dir = makeTempDir("git-shim-");
  const log = join(dir, "starts.log");
  const real = Bun.which("git", { PATH: GIT_ENV.PATH ?? process.env.PATH ?? "" })!;
  writeFileSync(join(dir, "git"), `#!/bin/sh\necho x >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(dir, "git"), 0o755);
  writeFileSync(log, "");
  return {
    env: { ...GIT_ENV, PATH: `${dir}:${GIT_ENV.PATH ?? process.env.PATH}` },
    starts: () => readFileSync(log, "utf8").split("\n").filter(Boolean).length,
  };
}

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: many packs`, () => {
    test("twelve packs: a handful of git starts, and each pack its own verdict", async () => {
      const repo = GitRepo.create();
      const packs = Array.from({ length: 12 }, (_, i) => `packs/team_${String(i).padStart(2, "0")}.rolepack.json`);
      for (const path of packs) repo.write(path, packText(smallPack([role("editor"), role("colorist")])));
      repo.commit("publish");
      repo.write(packs[3]!, packText(smallPack([role("editor")], "2"))); // a role removed
      repo.write(packs[7]!, packText(smallPack([role("editor", { extract_contracts: [contract("ROLE:editor:X:1", { type: "object", changed: true })] }), role("colorist")], "2")));
      repo.write("packs/team_new.rolepack.json", packText(smallPack([role("editor")])));
      repo.git("add", "packs/team_new.rolepack.json");
      const git = countingGit();
      const result = await cli.run(["--format", "json"], { cwd: repo.dir, env: git.env });
      expect(result.exitCode).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.packs).toHaveLength(13);
      const errors = report.diagnostics.filter((d: { severity: string }) => d.severity === "error").map((d: { file: string; code: string }) => `${d.file} ${d.code}`);
      expect([...new Set(errors)]).toEqual([`${packs[3]} HSK-RR-001`, `${packs[3]} HSK-RR-002`, `${packs[7]} HSK-RR-003`]);
      expect(report.packs.find((p: { file: string }) => p.file === "packs/team_new.rolepack.json").baseline.file_found).toBe(false);
      expect(result.stderr).toContain("note: packs/team_new.rolepack.json: first publish");
      // Finding the packs (ls-files, ls-tree), the baseline (one cat-file), the batch's trees (one
      // cat-file) and the changed packs' blobs (one more): not 13 lookups.
      expect(git.starts()).toBeLessThanOrEqual(6);
    });

    test("unchanged packs are told by git's ids: their baselines are never read, and their verdicts are the same", async () => {
      const repo = GitRepo.create();
      const packs = Array.from({ length: 8 }, (_, i) => `packs/team_${i}.rolepack.json`);
      const text = packText(smallPack([role("editor", { display_name: "Éditeur — ü" }), role("colorist")]));
      for (const path of packs) repo.write(path, text);
      repo.write("top.rolepack.json", text); // in the root folder
      repo.write("packs/bom.rolepack.json", `\uFEFF${text}`); // a byte order mark: its text is not its bytes
      repo.commit("publish");
      const git = countingGit();
      const result = await cli.run(["--format", "json"], { cwd: repo.dir, env: git.env });
      expect(result.exitCode).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report.packs).toHaveLength(10);
      for (const pack of report.packs) {
        expect(pack.baseline.file_found).toBe(true);
        expect(pack.changes.roles_added).toEqual([]);
      }
      // ls-files, ls-tree, the baseline's commit, the trees, and the blob of the one pack with a BOM.
      expect(git.starts()).toBe(5);
      // Changed after all: a role removed from one of them is found as before.
      repo.write(packs[2]!, packText(smallPack([role("editor", { display_name: "Éditeur — ü" })], "2")));
      const changed = await cli.run(["--format", "json"], { cwd: repo.dir, env: GIT_ENV });
      expect(changed.exitCode).toBe(1);
      const errors = JSON.parse(changed.stdout).diagnostics.filter((d: { severity: string }) => d.severity === "error");
      expect([...new Set(errors.map((d: { file: string; code: string }) => `${d.file} ${d.code}`))]).toEqual([`${packs[2]} HSK-RR-001`, `${packs[2]} HSK-RR-002`]);
    });

    test("in a SHA-256 repository too", async () => {
      const repo = GitRepo.create();
      rmSync(join(repo.dir, ".git"), { recursive: true, force: true });
      repo.git("init", "-q", "--object-format=sha256", "--initial-branch=main");
      const text = packText(smallPack([role("editor"), role("colorist")]));
      for (const name of ["a", "b", "c"]) repo.write(`packs/${name}.rolepack.json`, text);
      repo.commit("publish");
      repo.write("packs/b.rolepack.json", packText(smallPack([role("editor")], "2")));
      const git = countingGit();
      const result = await cli.run(["--format", "json"], { cwd: repo.dir, env: git.env });
      expect(result.exitCode).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.packs.map((p: { file: string; baseline: { commit: string } }) => [p.file, p.baseline.commit.length])).toEqual([
        ["packs/a.rolepack.json", 64],
        ["packs/b.rolepack.json", 64],
        ["packs/c.rolepack.json", 64],
      ]);
      const errors = report.diagnostics.filter((d: { severity: string }) => d.severity === "error").map((d: { file: string; code: string }) => `${d.file} ${d.code}`);
      expect([...new Set(errors)]).toEqual(["packs/b.rolepack.json HSK-RR-001", "packs/b.rolepack.json HSK-RR-002"]);
      expect(git.starts()).toBe(5); // the trees told a and c apart: only b's blob is read
    });
  });
}
