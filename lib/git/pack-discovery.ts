/**
 * Which files are packs when none is named: every file named like a RolePack — `*rolepack*.json`
 * or `*rolepack*.jsonc`, in any folder, any case (the naming `.pre-commit-hooks.yaml` uses) — that
 * git tracks, has staged, or has in the baseline commit: a pack deleted from the working tree or the
 * index is still found there, and checked as deleted. JSON Schemas (`*.schema.json`) and the
 * configuration file are not packs. A configuration's `packs` (paths and globs) replace the naming.
 *
 * @example
 * ```ts
 * isPackName("registry/Studio.RolePack.jsonc"); // true
 * isPackName("assets/rolepack.schema.json");   // false
 * selectPacks(["a/x.rolepack.json", "README.md"], undefined); // ["a/x.rolepack.json"]
 * ```
 */
import { CONFIG_FILE } from "../config/config.ts";
import { type Env, firstLine, git } from "./process.ts";
import { RunError } from "./run-error.ts";

/** Whether a repository path is named like a RolePack. */
export function isPackName(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return name.includes("rolepack") && /\.jsonc?$/.test(name) && !/\.schema\.jsonc?$/.test(name) && name !== CONFIG_FILE;
}

/** Whether a configured pack is a glob rather than a path. */
export function isGlob(pattern: string): boolean {
  return /[*?[\]{}]/.test(pattern);
}

/**
 * The paths among `paths` that are packs: those the configured globs match, or, with no
 * configured packs, those named like a RolePack. Sorted, without repeats.
 */
export function selectPacks(paths: Iterable<string>, configured: readonly string[] | undefined): string[] {
  const globs = configured?.filter(isGlob).map((pattern) => new Bun.Glob(pattern.replace(/^\.\//, "")));
  const selected = new Set<string>();
  for (const path of paths) {
    if (globs === undefined ? isPackName(path) : globs.some((glob) => glob.match(path))) selected.add(path);
  }
  return [...selected].sort();
}

/**
 * Every path in the index (tracked or staged), and every file in the working tree that git neither
 * tracks nor ignores — `/`-separated from the root, from one `git ls-files`.
 */
export async function workTreePaths(root: string, env: Env): Promise<{ indexed: string[]; untracked: string[] }> {
  const indexed: string[] = [];
  const untracked: string[] = [];
  // -t tags each entry: "? " for untracked files, another letter for index entries.
  for (const entry of nulSeparated(await gitOutput(["ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard"], root, env))) {
    (entry.startsWith("? ") ? untracked : indexed).push(entry.slice(2));
  }
  return { indexed, untracked };
}

/** Every file path in `commit`'s tree. */
export async function pathsAt(root: string, commit: string, env: Env): Promise<string[]> {
  return nulSeparated(await gitOutput(["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit], root, env));
}

/** The paths a commit would change: staged additions, modifications and deletions against HEAD. */
export async function stagedChanges(root: string, env: Env): Promise<string[]> {
  return nulSeparated(await gitOutput(["diff", "--cached", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", "--no-color", "--no-relative"], root, env));
}

async function gitOutput(args: string[], root: string, env: Env): Promise<string> {
  const result = await git(args, { cwd: root, env });
  if (result.exitCode !== 0) throw new RunError(`git ${args[0]} failed: ${firstLine(result.stderr)}`);
  return new TextDecoder().decode(result.stdout);
}

function nulSeparated(text: string): string[] {
  return text.split("\0").filter((path) => path !== "");
}
