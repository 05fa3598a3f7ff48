/**
 * The repository around a path: its work tree's root, the hooks directory, whether the clone is
 * shallow.
 *
 * @example
 * ```ts
 * const { root } = await workTreeOf(process.cwd(), process.env);
 * ```
 */
import { dirname, join, relative, resolve, sep } from "node:path";
import { pathExists } from "./libc.ts";
import { type Env, firstLine, git } from "./process.ts";
import { RunError } from "./run-error.ts";

/**
 * A work tree, as seen from a directory inside it.
 *
 * @example
 * ```ts
 * const { root, up }: WorkTree = await workTreeOf(process.cwd(), process.env);
 * ```
 */
export interface WorkTree {
  /** Absolute path of the work tree's top-level directory. */
  root: string;
  /** The way up from the directory asked about to the root (`../../`, or empty at the root). */
  up: string;
}

/**
 * The work tree that contains `dir`. Found by looking for `.git` upwards (no process: this is on
 * every hook's path); `git rev-parse` decides instead when the environment points git elsewhere
 * (GIT_DIR, GIT_WORK_TREE) or no `.git` is found, and words the error then.
 *
 * @example
 * ```ts
 * const { root, up } = await workTreeOf("/repo/packs", process.env); // { root: "/repo", up: "../" }
 * ```
 */
export async function workTreeOf(dir: string, env: Env): Promise<WorkTree> {
  if (!env.GIT_DIR && !env.GIT_WORK_TREE && !env.GIT_CEILING_DIRECTORIES && !env.GIT_DISCOVERY_ACROSS_FILESYSTEM) {
    for (let candidate = dir; ; candidate = dirname(candidate)) {
      if (await isRepositoryMarker(join(candidate, ".git"))) {
        const up = relative(dir, candidate);
        return { root: candidate, up: up === "" ? "" : `${up.split(sep).join("/")}/` };
      }
      if (dirname(candidate) === candidate) break;
    }
  }
  const result = await git(["rev-parse", "--show-toplevel", "--show-cdup"], { cwd: dir, env });
  if (result.exitCode !== 0) {
    const reason = firstLine(result.stderr).replace(/^fatal: /, "");
    throw new RunError(`${dir}: not inside a git work tree (${reason}); the baseline is read from git`);
  }
  const [root = "", up = ""] = new TextDecoder().decode(result.stdout).split("\n");
  return { root, up };
}

/**
 * Whether `path` is a `.git` git itself would take: a folder with HEAD and objects and refs (or a
 * linked worktree's commondir), or a file that starts `gitdir: ` (worktrees, submodules). An empty
 * or stray `.git` folder is passed over, as git passes over it.
 */
async function isRepositoryMarker(path: string): Promise<boolean> {
  if (await exists(join(path, "HEAD"))) {
    return ((await exists(join(path, "objects"))) && (await exists(join(path, "refs")))) || (await exists(join(path, "commondir")));
  }
  if (!(await exists(path))) return false;
  let text: string;
  try {
    text = await Bun.file(path).text();
  } catch {
    return false; // a folder without HEAD: git passes over it too
  }
  // A .git file must say where the repository is; git stops at one that does not, and so does this.
  if (!text.startsWith("gitdir: ")) throw new RunError(`${path}: is not a valid .git file (it does not start with "gitdir: "), and git refuses it; remove or repair it`);
  return true;
}

/**
 * Whether `path` exists: libc's access(2) where it can be called, else a stat (node:fs/promises loads slowly).
 *
 * @example
 * ```ts
 * await exists("/repo/rolepack-check.jsonc"); // false when there is no configuration
 * ```
 */
export async function exists(path: string): Promise<boolean> {
  const known = pathExists(path);
  if (known !== undefined) return known;
  const { stat } = await import("node:fs/promises");
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The directory git runs hooks from (honours linked worktrees and core.hooksPath).
 *
 * @example
 * ```ts
 * join(await hooksDirectory(process.cwd(), process.env), "pre-commit");
 * ```
 *
 * @internal For the command line; it may change in any release.
 */
export async function hooksDirectory(dir: string, env: Env): Promise<string> {
  const result = await git(["rev-parse", "--git-path", "hooks"], { cwd: dir, env });
  if (result.exitCode !== 0) {
    throw new RunError(`${dir}: not inside a git repository (${firstLine(result.stderr).replace(/^fatal: /, "")})`);
  }
  return resolve(dir, new TextDecoder().decode(result.stdout).trim());
}

/**
 * The repository's own folder (shared by linked worktrees: `git rev-parse --git-common-dir`), as an
 * absolute path: what lives there is this machine's, never versioned.
 *
 * @example
 * ```ts
 * await gitDirectory("/repo/sub", process.env); // "/repo/.git"
 * ```
 *
 * @internal For the command line; it may change in any release.
 */
export async function gitDirectory(dir: string, env: Env): Promise<string> {
  const result = await git(["rev-parse", "--git-common-dir"], { cwd: dir, env });
  if (result.exitCode !== 0) {
    throw new RunError(`${dir}: not inside a git repository (${firstLine(result.stderr).replace(/^fatal: /, "")})`);
  }
  return resolve(dir, new TextDecoder().decode(result.stdout).trim());
}

/**
 * Whether the repository is a shallow clone (CI checkouts often are): its history stops at the
 * commits fetched.
 */
export async function isShallowRepository(root: string, env: Env): Promise<boolean> {
  const result = await git(["rev-parse", "--is-shallow-repository"], { cwd: root, env });
  return result.exitCode === 0 && new TextDecoder().decode(result.stdout).trim() === "true";
}
