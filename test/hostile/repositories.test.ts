/**
 * Hostile repositories, round 2: repositories built the way users and attackers build them. No
 * silent pass (a removal that exits 0), no hang, no write — each class tried in several variants,
 * in-process and compiled, with the repository snapshotted before and after.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BINARY_PATH, CLI_RUNNERS } from "../helpers/cli-runner.ts";
import { GIT_ENV, GitRepo, makeTempDir, removeTempDirs } from "../helpers/git-repo.ts";
import { packText, role, smallPack } from "../helpers/packs.ts";
import { expectRun, snapshot } from "./helpers.ts";

afterAll(removeTempDirs);

const PUBLISHED = packText(smallPack([role("editor"), role("colorist")]));
const WITHOUT_COLORIST = packText(smallPack([role("editor")]));
const removal = /error HSK-RR-001 role "colorist" was removed/;

/** main publishes `packs/studio.rolepack.json` with two roles. */
function published(path = "packs/studio.rolepack.json"): GitRepo {
  const repo = GitRepo.create();
  repo.write(path, PUBLISHED);
  repo.commit("publish");
  return repo;
}

describe("1. a pack that is a symbolic link is held to what was published at its own path", () => {
  test("a published pack replaced by a link to a new file: the removal is caught (working tree, --staged, CI)", async () => {
    const repo = published();
    repo.write("packs/new.json", WITHOUT_COLORIST);
    rmSync(join(repo.dir, "packs/studio.rolepack.json"));
    symlinkSync("new.json", join(repo.dir, "packs/studio.rolepack.json"));
    const link = /note: packs\/studio\.rolepack\.json: is a symbolic link to packs\/new\.json/;
    await expectRun(["packs/studio.rolepack.json"], repo.dir, { exit: 1, shows: [removal, link] });
    repo.git("add", "-A");
    await expectRun(["--staged", "packs/studio.rolepack.json"], repo.dir, { exit: 1, shows: [removal, link] });
    await expectRun(["--base", "main", "--require-baseline", "packs/studio.rolepack.json"], repo.dir, { exit: 1, shows: [removal] });
    // Found without arguments, as the hook and CI find it.
    await expectRun(["--staged"], repo.dir, { exit: 1, shows: [removal] });
  });

  test("a link into a linked folder, and a link whose target keeps the content: clean", async () => {
    const repo = published();
    repo.write("real/studio.json", PUBLISHED);
    rmSync(join(repo.dir, "packs/studio.rolepack.json"));
    symlinkSync("../real/studio.json", join(repo.dir, "packs/studio.rolepack.json"));
    // Compared with what was published at the link's path (a baseline, not a first publish).
    await expectRun(["packs/studio.rolepack.json"], repo.dir, { exit: 0, shows: ["note: packs/studio.rolepack.json: is a symbolic link to real/studio.json", /baseline main@/] });
    symlinkSync("packs", join(repo.dir, "via"));
    await expectRun(["via/studio.rolepack.json"], repo.dir, { exit: 0, shows: [/baseline main@/] });
    for (const cli of CLI_RUNNERS) expect((await cli.run(["packs/studio.rolepack.json"], { cwd: repo.dir })).stderr).not.toContain("first publish");
  });
});

describe("2. git decides which repository: a stray .git does not", () => {
  for (const [what, make] of [
    ["an empty .git folder", (dir: string) => mkdirSync(join(dir, ".git"))],
    ["a .git folder with only a HEAD", (dir: string) => (mkdirSync(join(dir, ".git")), writeFileSync(join(dir, ".git", "HEAD"), "ref: refs/heads/main\n"))],
  ] as const) {
    test(`${what} inside the work tree is passed over: the removal is still caught`, async () => {
      const repo = published();
      make(join(repo.dir, "packs"));
      repo.write("packs/studio.rolepack.json", WITHOUT_COLORIST);
      await expectRun(["studio.rolepack.json"], join(repo.dir, "packs"), { exit: 1, shows: [removal] }, repo.dir);
      await expectRun([], join(repo.dir, "packs"), { exit: 1, shows: [removal] }, repo.dir);
    });
  }
});

test("2. a .git file that is not gitdir: stops the run, as it stops git — never a different repository", async () => {
  const repo = published();
  writeFileSync(join(repo.dir, "packs", ".git"), "not a gitdir line\n");
  repo.write("packs/studio.rolepack.json", WITHOUT_COLORIST);
  await expectRun(["studio.rolepack.json"], join(repo.dir, "packs"), { exit: 2, shows: [/packs\/\.git: is not a valid \.git file \(it does not start with "gitdir: "\), and git refuses it/] }, repo.dir);
});

describe("3. the user's git configuration does not change what is read", () => {
  test("under a hostile global config (every setting that shapes log, diff and ls-files output), --history, the hook and discovery still see the removal", async () => {
    // The root commit publishes colorist and the next removes it: with log.showRoot=false a
    // careless `git log` never sees the root's version, and the removal would pass.
    const repo = GitRepo.create();
    repo.write("packs/studio.rolepack.json", PUBLISHED);
    repo.commit("root: colorist published");
    repo.write("packs/studio.rolepack.json", packText(smallPack([role("editor")])));
    repo.commit("colorist removed in history (already a breach)");
    const dir = makeTempDir("hostile-config-");
    const marker = join(dir, "fsmonitor-ran");
    writeFileSync(join(dir, "monitor.sh"), `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(join(dir, "monitor.sh"), 0o755);
    writeFileSync(join(dir, "order"), "zzz\n");
    const config = [
      "[log]\n  showRoot = false\n  diffMerges = first-parent\n  showSignature = true\n  follow = true\n  decorate = full\n  abbrevCommit = true",
      "[diff]\n  orderFile = " + join(dir, "order") + "\n  relative = true\n  renames = copies\n  external = /bin/false\n  noprefix = true\n  mnemonicPrefix = true\n  algorithm = histogram",
      "[color]\n  ui = always\n  diff = always",
      "[core]\n  quotePath = true\n  abbrev = 4\n  fsmonitor = " + join(dir, "monitor.sh") + "\n  untrackedCache = true",
      "[format]\n  pretty = oneline",
      "[status]\n  showUntrackedFiles = no",
    ].join("\n");
    writeFileSync(join(dir, "gitconfig"), `${config}\n`);
    const env = { ...GIT_ENV, GIT_CONFIG_GLOBAL: join(dir, "gitconfig") };
    await expectRun(["--history", "packs/studio.rolepack.json"], repo.dir, { exit: 1, env, shows: [/HSK-RR-001 role "colorist" was removed in commit [0-9a-f]{12}/] });
    await expectRun(["--history"], repo.dir, { exit: 1, env, shows: [/HSK-RR-001 role "colorist"/] });
    repo.write("packs/studio.rolepack.json", packText(smallPack([])));
    repo.git("add", "-A");
    await expectRun(["--staged"], repo.dir, { exit: 1, env, shows: [/HSK-RR-001 role "editor" was removed/] });
    expect(() => readFileSync(marker)).toThrow(); // the user's fsmonitor program never ran
  });
});

describe("4 and 7. objects git cannot produce: exit 2 with one line, never 'no baseline', never a fetch", () => {
  test("a clone whose alternates are gone", async () => {
    const origin = published();
    const clone = GitRepo.create();
    rmSync(clone.dir, { recursive: true, force: true });
    Bun.spawnSync(["git", "clone", "-q", "--shared", origin.dir, clone.dir], { env: GIT_ENV });
    rmSync(origin.dir, { recursive: true, force: true }); // its objects were the clone's
    writeFileSync(join(clone.dir, "packs/studio.rolepack.json"), WITHOUT_COLORIST);
    await expectRun(["packs/studio.rolepack.json"], clone.dir, { exit: 2, shows: [/main exists, but its commit cannot be read from this repository/] });
  });

  /** A blob-less clone of a repository whose main moved on: origin/main's pack blob was never fetched. */
  function blobLessClone(): { clone: GitRepo; notFetched: RegExp } {
    const origin = published();
    origin.git("config", "uploadpack.allowFilter", "true");
    origin.git("checkout", "-q", "-b", "old");
    origin.git("checkout", "-q", "main");
    origin.write("packs/studio.rolepack.json", packText(smallPack([role("editor"), role("colorist"), role("composer")])));
    origin.commit("main moves on");
    const clone = GitRepo.create();
    rmSync(clone.dir, { recursive: true, force: true });
    Bun.spawnSync(["git", "clone", "-q", "--filter=blob:none", "--branch", "old", `file://${origin.dir}`, clone.dir], { env: GIT_ENV });
    return { clone, notFetched: /is not in this clone \(a partial clone(, or missing objects)?\), and rolepack-check never fetches/ };
  }

  test("a blob-less partial clone: a missing published version is exit 2 saying what to fetch; nothing is fetched or written, even with the remote gone", async () => {
    const { clone, notFetched } = blobLessClone();
    clone.git("remote", "set-url", "origin", "file:///nonexistent/remote.git");
    await expectRun(["--base", "origin/main", "packs/studio.rolepack.json"], clone.dir, { exit: 2, shows: [notFetched] });
    await expectRun(["--history", "--base", "origin/main", "packs/studio.rolepack.json"], clone.dir, { exit: 2, shows: [notFetched] });
  });

  test("a blob-less clone whose remote accepts connections and never answers: no hang — git is not even allowed to connect", async () => {
    const { clone, notFetched } = blobLessClone();
    let connections = 0;
    const silent = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { open: () => void connections++, data: () => undefined } });
    try {
      clone.git("remote", "set-url", "origin", `git://127.0.0.1:${silent.port}/studio.git`);
      const started = performance.now();
      await expectRun(["--base", "origin/main", "packs/studio.rolepack.json"], clone.dir, { exit: 2, shows: [notFetched] });
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(connections).toBe(0);
    } finally {
      silent.stop(true);
    }
  });
});

describe("5. arguments that are not valid UTF-8 are refused, never replaced by another name", () => {
  test("a path with a byte that is not UTF-8 (compiled: a real 0xFF byte on the command line) is refused, not read as the file named with U+FFFD", () => {
    const repo = published();
    // The file the mangled argument would name, clean: checking it in the argument's place would pass.
    repo.write("packs/studio\uFFFD.rolepack.json", PUBLISHED);
    repo.write("packs/studio.rolepack.json", WITHOUT_COLORIST);
    const result = Bun.spawnSync(["sh", "-c", `exec '${BINARY_PATH}' "$(printf 'packs/studio\\377.rolepack.json')"`], { cwd: repo.dir, env: GIT_ENV, stdout: "pipe", stderr: "pipe" });
    expect(result.exitCode).toBe(2);
    expect(result.stdout.toString()).toBe("");
    expect(result.stderr.toString()).toMatch(/^rolepack-check: error: argument 1 \(.*\) is not valid UTF-8, or holds U\+FFFD/);
  });

  for (const cli of CLI_RUNNERS) {
    test(`${cli.name}: an argument holding U+FFFD is refused in one line`, async () => {
      const repo = published();
      const before = snapshot(repo.dir);
      const result = await cli.run(["packs/studio\uFFFD.rolepack.json"], { cwd: repo.dir });
      expect([result.exitCode, result.stdout]).toEqual([2, ""]);
      expect(result.stderr).toMatch(/^rolepack-check: error: argument 1 \(.*\) is not valid UTF-8, or holds U\+FFFD/);
      expect(snapshot(repo.dir)).toEqual(before);
    });
  }
});

describe("6. a published version that cannot be read is never an empty registry", () => {
  for (const [what, text] of [
    ["roles is a string", '{ "pack_id": "p", "roles": "none" }'],
    ["roles is an object", '{ "pack_id": "p", "roles": { "editor": {} } }'],
    ["no roles at all", '{ "pack_id": "p" }'],
    ["a top-level array", "[1, 2]"],
    ["not JSON", "{ roles: [ }"],
  ] as const) {
    test(`${what}: exit 2 naming the published version`, async () => {
      const repo = GitRepo.create();
      repo.write("packs/studio.rolepack.json", text);
      repo.commit("a broken publish");
      repo.write("packs/studio.rolepack.json", WITHOUT_COLORIST);
      await expectRun(["packs/studio.rolepack.json"], repo.dir, { exit: 2, shows: [/what was published cannot be read, so nothing it published can be held to — main:packs\/studio\.rolepack\.json/] });
    });
  }
});

describe("8. every read is bounded while it happens; non-regular files are read with the limit", () => {
  test("hash of an endless standard input stops at --max-size (compiled, a real pipe from /dev/zero)", () => {
    const started = performance.now();
    // exec, and a timeout: a checker that reads on must not be left running (it grew to 15 GB before the fix).
    const result = Bun.spawnSync(["sh", "-c", `exec '${BINARY_PATH}' hash --max-size 1MiB - < /dev/zero`], { env: GIT_ENV, stdout: "pipe", stderr: "pipe", timeout: 20_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.toString()).toBe("rolepack-check: error: <stdin>: more than --max-size 1 MiB; reading stopped there (raise --max-size to check it)\n");
    expect(performance.now() - started).toBeLessThan(20_000); // not the 2 GB of the report
  });

  for (const cli of CLI_RUNNERS) {
    test(`${cli.name}: a character device is read with the limit (/dev/zero), /dev/null is an empty file, not "Infinity GiB"`, async () => {
      const zero = await cli.run(["hash", "--max-size", "64KiB", "/dev/zero"], { cwd: makeTempDir() });
      expect([zero.exitCode, zero.stderr]).toEqual([2, "rolepack-check: error: /dev/zero: more than --max-size 64 KiB; reading stopped there (raise --max-size to check it)\n"]);
      const empty = await cli.run(["hash", "/dev/null"], { cwd: makeTempDir() });
      expect(empty.exitCode).toBe(1);
      expect(empty.stdout).toContain("the file is empty");
    });
  }

  test("hash <(cat pack.json) works: a FIFO is read as it streams (compiled, through bash)", () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, "schema.json"), '{ "b": 1, "a": 2 }');
    const viaFifo = Bun.spawnSync(["bash", "-c", `'${BINARY_PATH}' hash <(cat schema.json)`], { cwd: dir, env: GIT_ENV, stdout: "pipe", stderr: "pipe" });
    const direct = Bun.spawnSync([BINARY_PATH, "hash", "schema.json"], { cwd: dir, env: GIT_ENV, stdout: "pipe" });
    expect(viaFifo.exitCode).toBe(0);
    expect(viaFifo.stdout.toString()).toBe(direct.stdout.toString());
  });
});

describe("9. install-hook never writes through a link it did not write; what is missing is created", () => {
  for (const cli of CLI_RUNNERS) {
    test(`${cli.name}: a dangling link at .git/hooks/pre-commit is refused, nothing is created outside`, async () => {
      const repo = published();
      const outside = join(makeTempDir("outside-"), "created-by-hook");
      symlinkSync(outside, join(repo.dir, ".git", "hooks", "pre-commit"));
      for (const command of ["install-hook", "uninstall-hook"]) {
        const result = await cli.run([command], { cwd: repo.dir });
        expect(result.exitCode).toBe(2);
        expect(result.stderr).toMatch(/^rolepack-check: error: \.git\/hooks\/pre-commit is a symbolic link \(to .*\), which rolepack-check did not write/);
        expect(() => readFileSync(outside)).toThrow();
      }
    });

    test(`${cli.name}: with no hooks folder at all, it is created`, async () => {
      const repo = published();
      rmSync(join(repo.dir, ".git", "hooks"), { recursive: true, force: true });
      const result = await cli.run(["install-hook"], { cwd: repo.dir });
      expect(result.exitCode).toBe(0);
      expect(readFileSync(join(repo.dir, ".git", "hooks", "pre-commit"), "utf8")).toContain("rolepack-check");
    });
  }
});

describe("10. the compiled binary reads neither .env nor bunfig.toml from the current directory", () => {
  test("a .env pointing GIT_DIR elsewhere and a bunfig.toml with a preload change nothing", () => {
    const repo = published();
    repo.write("packs/studio.rolepack.json", WITHOUT_COLORIST);
    writeFileSync(join(repo.dir, ".env"), "GIT_DIR=/nonexistent\nGIT_WORK_TREE=/\n");
    writeFileSync(join(repo.dir, "preload.ts"), 'console.log("bunfig preload ran");\n');
    writeFileSync(join(repo.dir, "bunfig.toml"), 'preload = ["./preload.ts"]\n');
    const result = Bun.spawnSync([BINARY_PATH, "packs/studio.rolepack.json"], { cwd: repo.dir, env: GIT_ENV, stdout: "pipe", stderr: "pipe" });
    expect(result.exitCode).toBe(1);
    expect(result.stdout.toString()).toMatch(removal);
    expect(result.stdout.toString()).not.toContain("preload ran");
  });
});

describe("11-14. messages that used to be wrong or lost", () => {
  test("11. a merge in progress: an unmerged pack names the conflict, not a deletion", async () => {
    const repo = published();
    repo.git("checkout", "-q", "-b", "other");
    repo.write("packs/studio.rolepack.json", packText(smallPack([role("editor"), role("colorist"), role("composer")])));
    repo.commit("other adds composer");
    repo.git("checkout", "-q", "main");
    repo.write("packs/studio.rolepack.json", packText(smallPack([role("editor"), role("colorist"), role("gaffer")])));
    repo.commit("main adds gaffer");
    Bun.spawnSync(["git", "merge", "-q", "other"], { cwd: repo.dir, env: GIT_ENV }); // conflicts
    const conflict = /packs\/studio\.rolepack\.json: has unresolved merge conflicts in the index; resolve them and git add it/;
    await expectRun(["--staged", "packs/studio.rolepack.json"], repo.dir, { exit: 2, shows: [conflict] });
    await expectRun(["--staged"], repo.dir, { exit: 2, shows: [conflict] });
  });

  for (const cli of CLI_RUNNERS) {
    test(`${cli.name}: 12. --events that cannot be written: the verdict is printed, then exit 2 with the events error`, async () => {
      const repo = published();
      repo.write("packs/studio.rolepack.json", WITHOUT_COLORIST);
      const result = await cli.run(["packs/studio.rolepack.json", "--events", "no/such/dir/events.jsonl"], { cwd: repo.dir });
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toMatch(removal);
      expect(result.stderr).toMatch(/^rolepack-check: error: --events .*no\/such\/dir\/events\.jsonl: cannot append \(ENOENT\)\n$/);
    });
  }

  test("13. GIT_DIR and GIT_WORK_TREE absolute, no PACK, run from outside the tree: the path is joined right", async () => {
    const repo = published();
    repo.write("packs/studio.rolepack.json", WITHOUT_COLORIST);
    const elsewhere = makeTempDir("elsewhere-");
    const env = { ...GIT_ENV, GIT_DIR: join(repo.dir, ".git"), GIT_WORK_TREE: repo.dir };
    await expectRun([], elsewhere, { exit: 1, env, shows: [removal] }, repo.dir);
  });

  test("14. --base ':/message' (a commit found by its message) is a commit-ish like any other", async () => {
    const repo = published();
    repo.write("packs/studio.rolepack.json", WITHOUT_COLORIST);
    repo.commit("drop colorist");
    await expectRun(["--base", ":/publish", "packs/studio.rolepack.json"], repo.dir, { exit: 1, shows: [removal] });
    await expectRun(["--base", ":/no commit says this", "packs/studio.rolepack.json"], repo.dir, { exit: 2, shows: [/--base ":\/no commit says this" does not name a commit/] });
  });
});

describe("a moved checker stays one line (the compiled binary, copied and made unexecutable)", () => {
  test("a checker that is there but not executable blocks the commit with the reinstall line", () => {
    const repo = published();
    const folder = makeTempDir("checker-");
    const checker = join(folder, "rolepack-check");
    copyFileSync(BINARY_PATH, checker);
    chmodSync(checker, 0o755);
    expect(Bun.spawnSync([checker, "install-hook"], { cwd: repo.dir, env: GIT_ENV }).exitCode).toBe(0);
    chmodSync(checker, 0o644);
    repo.write("packs/studio.rolepack.json", WITHOUT_COLORIST);
    repo.git("add", "-A");
    const commit = Bun.spawnSync(["git", "commit", "-q", "-m", "x"], { cwd: repo.dir, env: GIT_ENV, stdout: "pipe", stderr: "pipe" });
    expect(commit.exitCode).not.toBe(0);
    expect(commit.stderr.toString()).toContain("which is gone (moved, deleted or no longer executable)");
  });
});
