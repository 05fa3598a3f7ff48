/**
 * Environment faults: odd repositories, odd paths, missing tools, a reader that goes away. Each
 * run ends with the right exit code and one-line messages, and writes nothing — in-process and
 * compiled (the closed-pipe case needs a real process: compiled only).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BINARY_PATH } from "../helpers/cli-runner.ts";
import { GIT_ENV, GitRepo, makeTempDir, removeTempDirs } from "../helpers/git-repo.ts";
import { packText, role, smallPack } from "../helpers/packs.ts";
import { expectRun } from "./helpers.ts";

afterAll(removeTempDirs);

const PUBLISHED = packText(smallPack([role("editor"), role("colorist")]));
const WITHOUT_COLORIST = packText(smallPack([role("editor")]));

/** A repository whose main publishes `pack.json` with two roles. */
function published(): GitRepo {
  const repo = GitRepo.create();
  repo.write("pack.json", PUBLISHED);
  repo.commit("publish");
  return repo;
}

describe("environment faults", () => {
  test("not a git repository: exit 2, says so", async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, "pack.json"), PUBLISHED);
    await expectRun(["pack.json"], dir, { exit: 2, shows: [/^rolepack-check: error: .*not inside a git work tree/m] });
  });

  test("git not on PATH: exit 2, says so", async () => {
    const repo = published();
    await expectRun(["pack.json"], repo.dir, {
      exit: 2,
      env: { ...GIT_ENV, PATH: "/nonexistent" },
      shows: ["rolepack-check: error: git is not installed or not on PATH"],
    });
  });

  test("a bare repository has no work tree: exit 2", async () => {
    const bare = makeTempDir();
    Bun.spawnSync(["git", "init", "-q", "--bare", bare], { env: GIT_ENV });
    await expectRun([], bare, { exit: 2, shows: [/not inside a git work tree \(this operation must be run in a work tree\)/] });
  });

  test("a shallow clone: the tip is the baseline; --history warns that older commits are not visible", async () => {
    const origin = published();
    origin.write("pack.json", packText(smallPack([role("editor"), role("colorist"), role("composer")])));
    origin.commit("add composer");
    const clone = origin.clone("--depth", "1");
    clone.write("pack.json", WITHOUT_COLORIST);
    await expectRun(["pack.json"], clone.dir, { exit: 1, shows: ['error HSK-RR-001 role "colorist" was removed', "baseline main@"] });
    await expectRun(["pack.json", "--history"], clone.dir, { exit: 1, shows: ["warning: pack.json: this clone is shallow, so --history sees only the commits fetched"] });
  });

  test("a detached HEAD checks against main as usual", async () => {
    const repo = published();
    repo.git("checkout", "-q", "--detach", "HEAD");
    repo.write("pack.json", WITHOUT_COLORIST);
    repo.commit("drop colorist, on no branch");
    await expectRun(["pack.json"], repo.dir, { exit: 1, shows: ['role "colorist" was removed'] });
  });

  test("a linked worktree finds its repository and main", async () => {
    const repo = published();
    const tree = join(makeTempDir(), "linked tree");
    repo.git("worktree", "add", "-q", "-b", "feature", tree);
    writeFileSync(join(tree, "pack.json"), WITHOUT_COLORIST);
    await expectRun(["pack.json"], tree, { exit: 1, shows: ['role "colorist" was removed', "baseline main@"] }, tree);
  });

  test("a pack inside a submodule is checked against the submodule's own main", async () => {
    const inner = published();
    const outer = GitRepo.create();
    outer.write("README", "superproject\n");
    outer.commit("init");
    outer.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", `file://${inner.dir}`, "sub");
    outer.commit("add submodule");
    writeFileSync(join(outer.dir, "sub", "pack.json"), WITHOUT_COLORIST);
    await expectRun(["sub/pack.json"], outer.dir, { exit: 1, shows: ["sub/pack.json:5:3: error HSK-RR-001", 'role "colorist" was removed', "baseline main@"] });
  });

  test("the pack path is a directory: exit 2", async () => {
    const repo = published();
    mkdirSync(join(repo.dir, "packdir.json"));
    await expectRun(["packdir.json"], repo.dir, { exit: 2, shows: ["rolepack-check: error: packdir.json: is a directory, not a RolePack file"] });
  });

  test("a dangling symbolic link: exit 2", async () => {
    const repo = published();
    symlinkSync(join(repo.dir, "nowhere.json"), join(repo.dir, "dangling.json"));
    await expectRun(["dangling.json"], repo.dir, { exit: 2, shows: ["dangling.json: is a symbolic link to a file that does not exist"] });
  });

  test("a symbolic link to a file outside the repository: exit 2, git does not track the target", async () => {
    const repo = published();
    const outside = join(makeTempDir(), "pack.json");
    writeFileSync(outside, PUBLISHED);
    symlinkSync(outside, join(repo.dir, "linked.json"));
    await expectRun(["linked.json"], repo.dir, { exit: 2, shows: [/is a symbolic link to .*pack\.json, outside the git repository/] });
  });

  test("a symbolic link is held to what was published at its own path (git tracks the link), and said to be a link", async () => {
    const repo = published();
    symlinkSync("pack.json", join(repo.dir, "alias.json"));
    repo.write("pack.json", WITHOUT_COLORIST);
    // Nothing was ever published at alias.json: a first publish of the target's content.
    await expectRun(["alias.json"], repo.dir, { exit: 0, shows: ["note: alias.json: is a symbolic link to pack.json", "first publish"] });
  });

  const isRoot = process.getuid?.() === 0;
  const setpriv = Bun.which("setpriv");
  test.skipIf(isRoot && setpriv === null)("an unreadable pack (chmod 000): exit 2, permission denied", async () => {
    const repo = published();
    chmodSync(join(repo.dir, "pack.json"), 0o000);
    try {
      if (!isRoot) {
        await expectRun(["pack.json"], repo.dir, { exit: 2, shows: ["pack.json: permission denied"] });
        return;
      }
      // Root reads every file: the compiled binary runs as nobody instead (setpriv, util-linux),
      // from a copy in a directory nobody can reach. (In-process cannot change its user.)
      const bin = makeTempDir();
      copyFileSync(BINARY_PATH, join(bin, "rolepack-check"));
      for (const dir of [bin, repo.dir]) chmodSync(dir, 0o755);
      const result = Bun.spawnSync([setpriv!, "--reuid=nobody", "--regid=nogroup", "--clear-groups", join(bin, "rolepack-check"), "pack.json"], {
        cwd: repo.dir,
        env: GIT_ENV,
      });
      expect(result.exitCode).toBe(2);
      expect(result.stderr.toString()).toBe("rolepack-check: error: pack.json: permission denied\n");
    } finally {
      chmodSync(join(repo.dir, "pack.json"), 0o644);
    }
  });
  if (isRoot && setpriv === null) console.warn("SKIPPING the chmod 000 case: running as root without setpriv, every file is readable");

  test("a path with spaces and non-ASCII letters", async () => {
    const repo = GitRepo.create();
    repo.write("packs and more/pâck ü.json", PUBLISHED);
    repo.commit("publish");
    repo.write("packs and more/pâck ü.json", WITHOUT_COLORIST);
    await expectRun(["packs and more/pâck ü.json"], repo.dir, { exit: 1, shows: ['packs and more/pâck ü.json:5:3: error HSK-RR-001 role "colorist" was removed'] });
  });

  test("a published version that is not JSON stops the check: an unreadable baseline is never an empty one (exit 2)", async () => {
    const repo = GitRepo.create();
    repo.write("pack.json", "{ this is not json");
    repo.commit("broken publish");
    repo.write("pack.json", packText(smallPack([role("Editor")])));
    await expectRun(["pack.json"], repo.dir, {
      exit: 2,
      shows: [/pack\.json: what was published cannot be read, so nothing it published can be held to — main:pack\.json:1:3: the published pack cannot be read \(.*\); fix it where it was published/],
    });
  });

  test("a published version nested 100,000 levels deep stops the check at its bracket (exit 2)", async () => {
    const repo = GitRepo.create();
    repo.write("pack.json", PUBLISHED.replace('"type": "object"', `"deep": ${"[".repeat(100_000)}${"]".repeat(100_000)}, "type": "object"`));
    repo.commit("deep publish");
    repo.write("pack.json", packText(smallPack([role("Editor")])));
    await expectRun(["pack.json"], repo.dir, {
      exit: 2,
      shows: [/what was published cannot be read, so nothing it published can be held to — main:pack\.json:\d+:\d+: the published pack cannot be read \(nesting deeper than 1000 levels/],
    });
  });

  test("main that is both a tag and a branch: the branch is the baseline", async () => {
    const repo = GitRepo.create();
    repo.write("pack.json", WITHOUT_COLORIST);
    repo.commit("old");
    repo.git("tag", "main");
    repo.write("pack.json", PUBLISHED);
    repo.commit("publish colorist");
    repo.write("pack.json", WITHOUT_COLORIST);
    await expectRun(["pack.json"], repo.dir, { exit: 1, shows: ['role "colorist" was removed'] });
  });

  test("a ref named like an option is a ref, never an option: exit 2, nothing written", async () => {
    const repo = published();
    const target = join(repo.dir, "written-by-git.txt");
    await expectRun([`--base=--output=${target}`, "pack.json"], repo.dir, { exit: 2, shows: [/--base "--output=.*" does not name a commit/] });
    await expectRun(["--base", "-p", "pack.json"], repo.dir, { exit: 2 });
    expect(existsSync(target)).toBe(false);
  });

  test("compiled: a reader that closes the pipe early (| head -1) ends it quietly with the verdict's exit code", () => {
    // 400 removed roles: ~1,200 lines, far more than a pipe buffer, so the writes after head exits fail.
    const repo = GitRepo.create();
    repo.write("pack.json", packText(smallPack(Array.from({ length: 400 }, (_, i) => role(`role_${i}`)))));
    repo.commit("publish");
    repo.write("pack.json", packText(smallPack([], "2")));
    const shell = Bun.spawnSync(["bash", "-c", `'${BINARY_PATH}' pack.json 2>stderr.txt | head -1; echo "exit=\${PIPESTATUS[0]}"`], {
      cwd: repo.dir,
      env: GIT_ENV,
    });
    const [first, status] = shell.stdout.toString().trimEnd().split("\n");
    expect(first).toMatch(/^pack\.json:\d+:\d+: error HSK-RR-001 /);
    expect(status).toBe("exit=1");
    expect(Bun.file(join(repo.dir, "stderr.txt")).size).toBe(0);
  });
});
