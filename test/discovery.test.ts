/**
 * Packs found without arguments: every file named like a RolePack (`*rolepack*.json(c)`, any
 * folder, any case) that git tracks, has staged, or has in the baseline — a deleted pack is checked
 * as deleted, never skipped — or the configuration's `packs`. With --staged and no PACK (the hook),
 * only what the commit changes, and one git call when it changes no pack. Real repositories,
 * in-process and compiled.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isPackName } from "../lib/git/pack-discovery.ts";
import { CLI_RUNNERS } from "./helpers/cli-runner.ts";
import { GIT_ENV, GitRepo, makeTempDir, removeTempDirs } from "./helpers/git-repo.ts";
import { packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

const pack = (...ids: string[]) => packText(smallPack(ids.map((id) => role(id))));

/** Packs in odd folders and names, and files that look like packs but are not. */
function registryRepo(): GitRepo {
  const repo = GitRepo.create("master");
  repo.write("registry/Studio.RolePack.jsonc", `// the studio\n${pack("editor", "colorist")}`);
  repo.write("teams/sound/sound_rolepack.json", pack("sound_mixer"));
  repo.write("assets/rolepack.schema.json", '{ "type": "object" }');
  repo.write("rolepack-check.jsonc", "{}");
  repo.write("notes/rolepack.md", "not json");
  repo.commit("publish");
  return repo;
}

const filesOf = (stdout: string) => (JSON.parse(stdout) as { packs: { file: string }[] }).packs.map((p) => p.file);

/** A PATH whose `git` logs each call before running the real git: counts calls without changing what git does. */
function countingGitPath(): { env: Record<string, string>; calls: () => string[] } {
  const dir = makeTempDir("git-counter-");
  const log = join(dir, "calls.log");
  const realGit = Bun.which("git")!;
  // Logs the subcommand: the first argument that is not a `-c name=value` pair.
  writeFileSync(
    join(dir, "git"),
    `#!/bin/sh\nskip=\nfor a in "$@"; do\n  if [ -n "$skip" ]; then skip=; continue; fi\n  if [ "$a" = -c ]; then skip=1; continue; fi\n  printf '%s\\n' "$a" >> '${log}'; break\ndone\nexec '${realGit}' "$@"\n`,
  );
  chmodSync(join(dir, "git"), 0o755);
  return {
    env: { ...GIT_ENV, PATH: `${dir}:${GIT_ENV.PATH}` },
    calls: () => {
      try {
        return readFileSync(log, "utf8").split("\n").filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}

test("the pre-commit framework's manifest names packs as rolepack-check finds them", () => {
  const manifest = readFileSync(join(import.meta.dir, "..", ".pre-commit-hooks.yaml"), "utf8");
  // Python's inline (?i) is JavaScript's "i" flag.
  const field = (key: string) => new RegExp(new RegExp(`^\\s*${key}: '(.*)'$`, "m").exec(manifest)![1]!.replace(/^\(\?i\)/, ""), "i");
  const [files, exclude] = [field("files"), field("exclude")];
  const samples = ["registry/Studio.RolePack.jsonc", "a/b/x_rolepack.json", "assets/rolepack.schema.json", "rolepack-check.jsonc", "sub/rolepack-check.jsonc", "notes/rolepack.md", "rolepacks/readme.json", "ROLEPACK.JSON"];
  expect(samples.map((path) => [path, files.test(path) && !exclude.test(path)])).toEqual(samples.map((path) => [path, isPackName(path)]));
});

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: packs found without arguments`, () => {
    test("every tracked file named like a RolePack, in any folder and case; schemas, the config and other files are not packs", async () => {
      const repo = registryRepo();
      repo.write("untracked.rolepack.json", pack("editor")); // neither tracked, staged nor published
      const result = await cli.run(["--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(0);
      expect(filesOf(result.stdout)).toEqual(["registry/Studio.RolePack.jsonc", "teams/sound/sound_rolepack.json"]);
      expect(result.stderr).toBe("note: untracked.rolepack.json: named like a pack but not tracked, so not checked (git add it to check it)\n");
      const below = await cli.run(["--format", "json"], { cwd: join(repo.dir, "teams") });
      expect(filesOf(below.stdout)).toEqual(["../registry/Studio.RolePack.jsonc", "sound/sound_rolepack.json"]);
    });

    test("a staged new pack is found; a removal in any pack fails the run", async () => {
      const repo = registryRepo();
      repo.write("new/extra_rolepack.json", pack("composer"));
      repo.git("add", "new/extra_rolepack.json");
      repo.write("teams/sound/sound_rolepack.json", pack("composer"));
      const result = await cli.run(["--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(filesOf(result.stdout)).toEqual(["new/extra_rolepack.json", "registry/Studio.RolePack.jsonc", "teams/sound/sound_rolepack.json"]);
      expect(JSON.parse(result.stdout).diagnostics.map((d: { code: string; role_id?: string }) => `${d.code} ${d.role_id}`)).toContain("HSK-RR-001 sound_mixer");
    });

    test("a pack deleted from the working tree, or from the index too, is checked as deleted — never skipped", async () => {
      const repo = registryRepo();
      repo.git("rm", "-q", "--cached", "teams/sound/sound_rolepack.json");
      repo.write("teams/sound/sound_rolepack.json", ""); // replaced below by a real deletion
      Bun.spawnSync(["rm", join(repo.dir, "teams/sound/sound_rolepack.json")]);
      const result = await cli.run(["--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(filesOf(result.stdout)).toContain("teams/sound/sound_rolepack.json");
      expect(result.stderr).toContain("note: teams/sound/sound_rolepack.json: deleted from the working tree; every published role and contract counts as removed");
      const staged = await cli.run(["--staged", "--format", "json"], { cwd: repo.dir });
      expect(staged.exitCode).toBe(1);
      expect(filesOf(staged.stdout)).toEqual(["teams/sound/sound_rolepack.json"]);
    });

    test("configured packs (globs and paths) replace the naming", async () => {
      const repo = registryRepo();
      repo.write("rolepack-check.jsonc", '{ "packs": ["teams/**/*.json"] }');
      repo.commit("config");
      const result = await cli.run(["--format", "json"], { cwd: repo.dir });
      expect(filesOf(result.stdout)).toEqual(["teams/sound/sound_rolepack.json"]);
      repo.write("rolepack-check.jsonc", '{ "packs": ["nowhere/*.json"] }');
      const none = await cli.run([], { cwd: repo.dir });
      expect(none.exitCode).toBe(2);
      expect(none.stderr).toContain('no RolePack found: the "packs" of rolepack-check.jsonc (nowhere/*.json) match no file');
    });

    test("nothing found is exit 2, one line saying what was searched and how to name a pack", async () => {
      const repo = GitRepo.create();
      repo.write("README.md", "hello");
      repo.commit();
      const result = await cli.run([], { cwd: repo.dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain("no RolePack found: no file named *rolepack*.json or *rolepack*.jsonc is tracked, staged or in the baseline");
      expect(result.stderr).toContain('("packs": ["path/to/pack.json"])');
    });
  });

  describe(`${cli.name}: --staged without PACK checks what the commit changes`, () => {
    test("a commit that touches no pack exits 0 after one git call", async () => {
      const repo = registryRepo();
      repo.write("README.md", "docs");
      repo.git("add", "README.md");
      const { env, calls } = countingGitPath();
      const result = await cli.run(["--staged"], { cwd: repo.dir, env });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain("0 packs checked");
      expect(calls()).toEqual(["diff"]);
    });

    test("only the changed pack is checked; a staged deletion is a deletion", async () => {
      const repo = registryRepo();
      repo.write("teams/sound/sound_rolepack.json", pack("sound_mixer", "foley"));
      repo.git("add", "-A");
      const changed = await cli.run(["--staged", "--format", "json"], { cwd: repo.dir });
      expect([changed.exitCode, filesOf(changed.stdout)]).toEqual([0, ["teams/sound/sound_rolepack.json"]]);
      repo.git("rm", "-q", "registry/Studio.RolePack.jsonc");
      const deleted = await cli.run(["--staged", "--format", "json"], { cwd: repo.dir });
      expect(deleted.exitCode).toBe(1);
      expect(filesOf(deleted.stdout)).toEqual(["registry/Studio.RolePack.jsonc", "teams/sound/sound_rolepack.json"]);
    });

    test("a pack changed by the commit and matched only by the configured globs is checked", async () => {
      const repo = registryRepo();
      mkdirSync(join(repo.dir, "roles"), { recursive: true });
      repo.write("roles/studio.json", pack("editor"));
      repo.write("rolepack-check.jsonc", '{ "packs": ["roles/*.json"] }');
      repo.commit("configure");
      repo.write("roles/studio.json", pack("colorist"));
      repo.git("add", "roles/studio.json");
      const result = await cli.run(["--staged", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(filesOf(result.stdout)).toEqual(["roles/studio.json"]);
    });
  });
}
