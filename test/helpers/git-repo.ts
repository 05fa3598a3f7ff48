/**
 * Real git repositories in temporary directories, for end-to-end tests.
 *
 * @example
 * ```ts
 * const repo = await GitRepo.create();
 * repo.write("pack.json", text);
 * repo.commit("publish");
 * ```
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A clean environment so that the machine's git config cannot change what tests see. */
export const GIT_ENV: Record<string, string> = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: tmpdir(),
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Test Author",
  GIT_AUTHOR_EMAIL: "author@example.test",
  GIT_COMMITTER_NAME: "Test Committer",
  GIT_COMMITTER_EMAIL: "committer@example.test",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
  LC_ALL: "C",
};

const created: string[] = [];

/** Removes every directory made by {@link makeTempDir}; call from `afterAll`. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function makeTempDir(prefix = "rolepack-check-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export class GitRepo {
  private constructor(readonly dir: string) {}

  /** `git init` on branch `branch` (default main) in a new temporary directory. */
  static create(branch = "main"): GitRepo {
    const repo = new GitRepo(makeTempDir());
    repo.git("init", "-q", `--initial-branch=${branch}`);
    return repo;
  }

  /** `git clone` of this repository (its `main` becomes the clone's `origin/main`). */
  clone(...options: string[]): GitRepo {
    const target = makeTempDir();
    runGit(["clone", "-q", ...options, `file://${this.dir}`, target], target);
    return new GitRepo(target);
  }

  git(...args: string[]): string {
    return runGit(args, this.dir);
  }

  write(path: string, content: string | Uint8Array): string {
    const absolute = join(this.dir, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
    return absolute;
  }

  /** Stages everything and commits; returns the new commit's sha. */
  commit(message = "change"): string {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD").trim();
  }
}

function runGit(args: string[], cwd: string): string {
  const result = Bun.spawnSync(["git", ...args], { cwd, env: GIT_ENV, stdout: "pipe", stderr: "pipe" });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr.toString()}`);
  return result.stdout.toString();
}
