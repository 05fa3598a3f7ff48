/**
 * Baselines follow branches: without --base, a pack is compared with the merge-base of HEAD and the
 * base branch's tip (what `git diff main...HEAD` compares with), found among main, origin/main,
 * origin/HEAD, master and origin/master. A branch behind main is not blamed for what main gained;
 * what the branch itself removes or changes is still caught. Real repositories, in-process and compiled.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { CLI_RUNNERS } from "./helpers/cli-runner.ts";
import { GitRepo, removeTempDirs } from "./helpers/git-repo.ts";
import { contract, packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

const v1 = smallPack([role("editor"), role("colorist")]);
const v2 = smallPack([role("editor"), role("colorist"), role("sound_mixer")]);

/**
 * main publishes v1; `feature` branches off; main then gains sound_mixer (v2). HEAD is on
 * `feature`, whose pack is v1 plus whatever `edit` does.
 */
function branchBehindMain(branch = "main"): { repo: GitRepo; forkPoint: string; tip: string } {
  const repo = GitRepo.create(branch);
  repo.write("pack.json", packText(v1));
  const forkPoint = repo.commit("publish v1");
  repo.git("checkout", "-q", "-b", "feature");
  repo.git("checkout", "-q", branch);
  repo.write("pack.json", packText(v2));
  const tip = repo.commit("main gains sound_mixer");
  repo.git("checkout", "-q", "feature");
  return { repo, forkPoint, tip };
}

const json = (stdout: string) => JSON.parse(stdout) as { packs: { baseline: Record<string, unknown> }[]; diagnostics: { code: string; role_id?: string }[] };

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: baselines follow branches`, () => {
    test("a branch behind main is not blamed for what main gained since (the sound_mixer case)", async () => {
      const { repo, forkPoint, tip } = branchBehindMain();
      repo.write("pack.json", packText(smallPack([role("editor"), role("colorist"), role("composer")])));
      const result = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(0);
      expect(json(result.stdout).packs[0]!.baseline).toEqual({ ref: "main", tip, commit: forkPoint, merge_base: true, found: true, file_found: true });
      const text = await cli.run(["pack.json"], { cwd: repo.dir });
      expect(text.stdout).toContain(`baseline main@${forkPoint.slice(0, 12)} (the merge-base with HEAD; main is at ${tip.slice(0, 12)})`);
      // The hook sees the same: the staged pack is compared with where the branch left main.
      repo.git("add", "pack.json");
      expect((await cli.run(["--staged", "pack.json"], { cwd: repo.dir })).exitCode).toBe(0);
      const diff = await cli.run(["diff", "pack.json", "--format", "json"], { cwd: repo.dir });
      expect(JSON.parse(diff.stdout).packs[0].changes.roles_added).toEqual(["composer"]);
    });

    test("what the branch removes or changes itself is still caught", async () => {
      const { repo, forkPoint } = branchBehindMain();
      const changed = role("editor", { extract_contracts: [contract("ROLE:editor:X:1", { type: "object", changed: true })] });
      repo.write("pack.json", packText(smallPack([changed])));
      const result = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      const codes = json(result.stdout).diagnostics.map((d) => `${d.code} ${d.role_id ?? ""}`.trim());
      expect(codes).toContain("HSK-RR-001 colorist");
      expect(codes).toContain("HSK-RR-003 editor");
      expect(codes.some((code) => code.includes("sound_mixer"))).toBe(false);
      // Places name the commit compared with, which `git show` reads at the line given — not main's tip.
      const removal = JSON.parse(result.stdout).diagnostics.find((d: { code: string }) => d.code === "HSK-RR-001");
      const place = /published at ([0-9a-f]{12}):pack\.json:(\d+)$/.exec(removal.message);
      expect(place?.[1]).toBe(forkPoint.slice(0, 12));
      expect(repo.git("show", `${place![1]}:pack.json`).split("\n")[Number(place![2]) - 1]).toContain('"colorist"');
    });

    test("--base REF still means exactly that commit: main's tip blames the branch", async () => {
      const { repo, tip } = branchBehindMain();
      const result = await cli.run(["pack.json", "--base", "main", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(json(result.stdout).packs[0]!.baseline).toMatchObject({ ref: "main", tip, commit: tip, merge_base: false });
      expect(json(result.stdout).diagnostics.map((d) => d.role_id)).toContain("sound_mixer");
    });

    test("--base-branch NAME takes the merge-base with that branch (local, else origin's), as a configured base does", async () => {
      const { repo, forkPoint, tip } = branchBehindMain("develop");
      const local = await cli.run(["pack.json", "--base-branch", "develop", "--format", "json"], { cwd: repo.dir });
      expect(local.exitCode).toBe(0); // not blamed for sound_mixer, which develop gained since
      expect(json(local.stdout).packs[0]!.baseline).toMatchObject({ ref: "develop", tip, commit: forkPoint, merge_base: true });
      // A CI clone has only origin/develop; a head checkout behind it is still not blamed.
      const clone = repo.clone();
      clone.git("checkout", "-q", "feature");
      const remote = await cli.run(["pack.json", "--base-branch", "develop", "--format", "json"], { cwd: clone.dir });
      expect(remote.exitCode).toBe(0);
      expect(json(remote.stdout).packs[0]!.baseline).toMatchObject({ ref: "origin/develop", commit: forkPoint });
      const missing = await cli.run(["pack.json", "--base-branch", "release"], { cwd: repo.dir });
      expect(missing.exitCode).toBe(2);
      expect(missing.stderr).toStartWith('rolepack-check: error: the base branch "release" (--base-branch) does not exist here (tried release, origin/release');
      const both = await cli.run(["pack.json", "--base", "develop", "--base-branch", "develop"], { cwd: repo.dir });
      expect(both.exitCode).toBe(2);
      expect(both.stderr).toContain("give one of them");
    });

    test("on the base branch itself the baseline is its tip", async () => {
      const { repo, tip } = branchBehindMain();
      repo.git("checkout", "-q", "main");
      repo.write("pack.json", packText(v1));
      const result = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(json(result.stdout).packs[0]!.baseline).toMatchObject({ ref: "main", tip, commit: tip, merge_base: false });
    });

    test("a pull request's merge commit (detached, as CI checks it out) is compared with the base's tip", async () => {
      const { repo: upstream, tip } = branchBehindMain();
      upstream.write("pack.json", packText(smallPack([role("editor")]))); // the PR drops colorist
      upstream.commit("drop colorist");
      upstream.git("checkout", "-q", "main");
      const ci = upstream.clone();
      ci.git("checkout", "-q", "--detach", "origin/main");
      ci.git("merge", "-q", "--no-ff", "--no-edit", "-X", "theirs", "origin/feature");
      const result = await cli.run(["pack.json", "--format", "json", "--require-baseline"], { cwd: ci.dir });
      expect(json(result.stdout).packs[0]!.baseline).toMatchObject({ ref: "main", tip, commit: tip, merge_base: false });
      expect(json(result.stdout).diagnostics.map((d) => d.role_id)).toContain("colorist");
    });

    test("--history reads every version reachable from the merge-base, not from main's tip", async () => {
      const { repo } = branchBehindMain();
      const result = await cli.run(["pack.json", "--history", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout).packs[0].history).toEqual({ versions: 1 });
    });

    test("a master repository is protected without configuration", async () => {
      const repo = GitRepo.create("master");
      repo.write("pack.json", packText(v1));
      const sha = repo.commit("publish");
      repo.write("pack.json", packText(smallPack([role("editor")])));
      const result = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toBe("");
      expect(json(result.stdout).packs[0]!.baseline).toMatchObject({ ref: "master", commit: sha });
    });

    test("the remote's default branch (origin/HEAD) is used when there is no main or master", async () => {
      const upstream = GitRepo.create("trunk");
      upstream.write("pack.json", packText(v1));
      const sha = upstream.commit("publish");
      const clone = upstream.clone();
      clone.git("checkout", "-q", "-b", "feature");
      clone.git("branch", "-q", "-D", "trunk");
      clone.write("pack.json", packText(smallPack([role("editor")])));
      const result = await cli.run(["pack.json", "--format", "json"], { cwd: clone.dir });
      expect(result.exitCode).toBe(1);
      expect(json(result.stdout).packs[0]!.baseline).toMatchObject({ ref: "origin/HEAD", commit: sha });
    });

    test("main wins over master, and origin/main over a local master", async () => {
      const repo = GitRepo.create("master");
      repo.write("pack.json", packText(v1));
      repo.commit("publish on master");
      repo.git("branch", "main");
      const result = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(json(result.stdout).packs[0]!.baseline).toMatchObject({ ref: "main" });
    });

    test("unrelated histories: compared with the tip, and a warning says why", async () => {
      const repo = GitRepo.create();
      repo.write("pack.json", packText(v1));
      const tip = repo.commit("publish");
      repo.git("checkout", "-q", "--orphan", "other");
      repo.write("pack.json", packText(smallPack([role("editor")])));
      repo.commit("unrelated");
      const result = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(json(result.stdout).packs[0]!.baseline).toMatchObject({ ref: "main", commit: tip, merge_base: false });
      expect(result.stderr).toContain("warning: HEAD and main have no common commit here");
    });
  });
}
