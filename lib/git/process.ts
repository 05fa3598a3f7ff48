/**
 * git as a process, read-only by construction: started through `Bun.spawn` with no optional
 * locks and no prompts, its path variables made absolute, a missing git a one-line RunError.
 *
 * @example
 * ```ts
 * const { exitCode, stdout } = await git(["rev-parse", "--is-shallow-repository"], { cwd: root, env });
 * ```
 */
import { isAbsolute, resolve } from "node:path";
import { RunError } from "./run-error.ts";

/**
 * The environment git runs with.
 *
 * @example
 * ```ts
 * const env: Env = { ...process.env, GIT_DIR: "/repo/.git" };
 * ```
 */
export type Env = Record<string, string | undefined>;

/** Variables git sets for hooks that hold paths; relative ones are relative to the hook's directory. */
const GIT_PATH_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR"] as const;

/**
 * `env` with git's path variables made absolute against `cwd`. Inside a hook git may export
 * e.g. `GIT_INDEX_FILE=.git/index.lock`; a git process started in another directory (a pack in a
 * subdirectory) would otherwise resolve it wrongly and read the wrong index.
 *
 * @example
 * ```ts
 * const env = absoluteGitEnv(process.env, process.cwd()); // GIT_INDEX_FILE=.git/index.lock → /repo/.git/index.lock
 * ```
 *
 * @internal For the command line; it may change in any release.
 */
export function absoluteGitEnv(env: Env, cwd: string): Env {
  const result = { ...env };
  for (const name of GIT_PATH_VARIABLES) {
    const value = result[name];
    if (value !== undefined && value !== "" && !isAbsolute(value)) result[name] = resolve(cwd, value);
  }
  return result;
}

interface GitResult {
  exitCode: number;
  stdout: Uint8Array;
  stderr: string;
}

/** No optional index refresh (nothing is written), never a credential prompt, never a lazy fetch (git ≥ 2.44). */
function readOnlyGitEnv(env: Env): Env {
  return { ...env, GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0", GIT_NO_LAZY_FETCH: "1" };
}

/**
 * Settings fixed on every command line, over whatever the user's configuration says, so that
 * what git prints and does is the same on every machine (each was tried against a hostile
 * GIT_CONFIG_GLOBAL, see test/hostile/repositories.test.ts):
 * - no network at all: a partial clone's missing object is an error, never a fetch that hangs or
 *   writes (`protocol.allow=never` holds on every git; GIT_NO_LAZY_FETCH on newer ones);
 * - no program of the user's runs: no fsmonitor hook, no external diff, no signature checks;
 * - plain output: no colour, the root commit's diff shown, merges diffed against each parent,
 *   paths neither quoted nor relative nor renamed nor reordered.
 * Commands add what no setting covers (`--no-ext-diff`, `-O/dev/null`, `--diff-merges=separate`).
 */
const FIXED_CONFIG = [
  "protocol.allow=never",
  "core.fsmonitor=false",
  "core.untrackedCache=false",
  "core.quotePath=false",
  "color.ui=never",
  "log.showRoot=true",
  "log.showSignature=false",
  "log.follow=false",
  "diff.relative=false",
  "diff.renames=false",
  "diff.noprefix=false",
  "diff.mnemonicPrefix=false",
  "gc.auto=0",
  "maintenance.auto=false",
].flatMap((setting) => ["-c", setting]);

/**
 * Starts git, read-only by construction; a git that cannot be started is a one-line RunError.
 * `stdin`: "pipe" for a process that is written to (cat-file), else none.
 */
export function startGit<const In extends "ignore" | "pipe" = "ignore">(args: string[], options: { cwd: string; env: Env; stdin?: In }) {
  try {
    return Bun.spawn(["git", ...FIXED_CONFIG, ...args], {
      cwd: options.cwd,
      env: readOnlyGitEnv(options.env),
      stdin: options.stdin ?? ("ignore" as In),
      stdout: "pipe",
      stderr: "pipe",
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") throw new RunError("git is not installed or not on PATH; checking needs git for the baseline");
    throw new RunError(`could not start git: ${(error as Error).message}`);
  }
}

export async function git(args: string[], options: { cwd: string; env: Env }): Promise<GitResult> {
  const proc = startGit(args, options);
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(proc.stdout).bytes(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { exitCode, stdout, stderr };
}

/** The first line of git's stderr, for one-line messages. */
export function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}
