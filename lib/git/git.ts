/**
 * The git edge: finds the repository and reads the baseline blob, through `Bun.spawn`.
 *
 * User-supplied refs and paths reach git only on `cat-file --batch`'s standard input, or after
 * `--` as a literal pathspec, never where they could be read as an option.
 *
 * @example
 * ```ts
 * const { root } = await workTreeOf(process.cwd(), process.env);
 * const { baseline } = await lookUpPack(root, "assets/pack.json", { base: "HEAD~1" }, process.env);
 * if (baseline.kind === "found") console.log(baseline.ref, baseline.commit);
 * ```
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { pathExists } from "./libc.ts";
import { DEFAULT_MAX_BYTES, tooLarge } from "./size-limit.ts";
import { RunError } from "./run-error.ts";

/** The environment git runs with. */
export type Env = Record<string, string | undefined>;

/** The refs tried, in order, when no `--base` is given. */
export const DEFAULT_BASELINE_REFS = [
  { name: "main", ref: "refs/heads/main" },
  { name: "origin/main", ref: "refs/remotes/origin/main" },
] as const;

export type Baseline =
  | { kind: "found"; ref: string; commit: string; bytes: Uint8Array }
  | { kind: "file-missing"; ref: string; commit: string }
  | { kind: "no-ref"; tried: readonly string[] };

export interface PackLookup {
  baseline: Baseline;
  /** With `staged`: the bytes in the index, or null when the index has no such file. */
  staged?: Uint8Array | null;
}

export interface LookupOptions {
  /** A commit-ish to compare with instead of main → origin/main. */
  base?: string;
  /** Also read the version in the index. */
  staged?: boolean;
  /** Blobs larger than this are refused unread (default: DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /**
   * A cat-file already running in this repository, to ask instead of starting one. Its process is
   * taken only when the requests are written: if the lookup fails before, the owner releases it.
   */
  started?: EarlyCatFile | undefined;
}

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

/** No optional index refresh (nothing is written), never a credential prompt. */
function readOnlyGitEnv(env: Env): Env {
  return { ...env, GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0" };
}

/**
 * Starts git, read-only by construction; a git that cannot be started is a one-line RunError.
 * `stdin`: "pipe" for a process that is written to (cat-file), else none.
 */
function startGit<const In extends "ignore" | "pipe" = "ignore">(args: string[], options: { cwd: string; env: Env; stdin?: In }) {
  try {
    return Bun.spawn(["git", ...args], {
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

/** A `git cat-file --batch` whose requests are written to it once known (see {@link endInput}). */
function startCatFile(cwd: string, env: Env) {
  return startGit(["cat-file", "--batch"], { cwd, env, stdin: "pipe" });
}

type CatFileProcess = ReturnType<typeof startCatFile>;

/**
 * Writes `input` (if any) to a started cat-file and closes its input. A git that already exited
 * (not a repository, a refused directory) has closed the pipe: that failure is not reported here —
 * its exit status and stderr say what went wrong.
 */
function endInput(proc: CatFileProcess, input?: string): void {
  try {
    if (input !== undefined) proc.stdin.write(input);
    Promise.resolve(proc.stdin.end()).catch(() => undefined);
  } catch {
    // see above
  }
}

/**
 * A `git cat-file --batch` started in `cwd` before the checker knows what to ask it: git's own
 * start (a few milliseconds) then overlaps the checker's instead of following it. It serves the
 * first pack whose repository is the one git found from `cwd` (see {@link lookUpPack}).
 *
 * @example
 * ```ts
 * const early = EarlyCatFile.start(process.cwd(), env);
 * // … later, for a pack in that repository:
 * await lookUpPack(root, "assets/pack.json", { started: early }, env);
 * early?.release(); // if nobody took it
 * ```
 */
export class EarlyCatFile {
  #process: CatFileProcess | undefined;

  private constructor(
    readonly cwd: string,
    process: CatFileProcess,
  ) {
    this.#process = process;
  }

  /** Undefined when git cannot be started at all (the normal path then says why). */
  static start(cwd: string, env: Env): EarlyCatFile | undefined {
    try {
      return new EarlyCatFile(cwd, startCatFile(cwd, env));
    } catch {
      return undefined;
    }
  }

  /** The process, handed out once. */
  take(): CatFileProcess | undefined {
    const taken = this.#process;
    this.#process = undefined;
    return taken;
  }

  /**
   * The function that hands `early` to the first pack whose work tree is the one git finds from
   * `early.cwd`, and nothing to any other (nor at all when GIT_DIR or GIT_WORK_TREE point git
   * elsewhere: the early process may then be looking at another repository).
   */
  static claimer(early: EarlyCatFile | undefined, env: Env): (root: string) => Promise<EarlyCatFile | undefined> {
    let earlyRoot: Promise<string | undefined> | undefined;
    let claimed = false;
    return async (root) => {
      if (early === undefined || claimed || env.GIT_DIR || env.GIT_WORK_TREE) return undefined;
      earlyRoot ??= workTreeOf(early.cwd, env).then(
        (tree) => tree.root,
        () => undefined,
      );
      if ((await earlyRoot) !== root) return undefined;
      claimed = true;
      return early;
    };
  }

  /** Lets an untaken process go: its input ends (cat-file then exits) and nobody waits for it. */
  release(): void {
    const untaken = this.take();
    if (untaken === undefined) return;
    untaken.unref();
    endInput(untaken);
  }
}

async function git(args: string[], options: { cwd: string; env: Env }): Promise<GitResult> {
  const proc = startGit(args, options);
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(proc.stdout).bytes(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { exitCode, stdout, stderr };
}

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
  if (!env.GIT_DIR && !env.GIT_WORK_TREE) {
    for (let candidate = dir; ; candidate = dirname(candidate)) {
      if (await exists(join(candidate, ".git"))) {
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

/** Whether `path` exists: libc's access(2) where it can be called, else a stat (node:fs/promises loads slowly). */
async function exists(path: string): Promise<boolean> {
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
 */
export async function hooksDirectory(dir: string, env: Env): Promise<string> {
  const result = await git(["rev-parse", "--git-path", "hooks"], { cwd: dir, env });
  if (result.exitCode !== 0) {
    throw new RunError(`${dir}: not inside a git repository (${firstLine(result.stderr).replace(/^fatal: /, "")})`);
  }
  return resolve(dir, new TextDecoder().decode(result.stdout).trim());
}

/**
 * The baseline of the pack at `repoPath` (relative to the root, `/`-separated) and, with
 * `staged`, its version in the index — all through one `git cat-file --batch` process, whose
 * standard input is the only place user-supplied refs and paths go.
 */
export async function lookUpPack(root: string, repoPath: string, options: LookupOptions, env: Env): Promise<PackLookup> {
  refuseLineBreaks(repoPath, "path");
  const candidates =
    options.base === undefined
      ? DEFAULT_BASELINE_REFS
      : [{ name: refuseLineBreaks(options.base, "--base"), ref: options.base }];
  const requests = candidates.flatMap(({ ref }) => [`${ref}^{commit}`, `${ref}^{commit}:${repoPath}`]);
  if (options.staged) requests.push(`:0:${repoPath}`);
  const objects = await catFile(root, requests, env, options.maxBytes, options.started);
  const lookup: PackLookup = { baseline: { kind: "no-ref", tried: candidates.map(({ name }) => name) } };
  if (options.staged) lookup.staged = blobContent(objects.at(-1), `the index entry of ${repoPath}`);
  for (const [index, { name }] of candidates.entries()) {
    const commit = objects[index * 2];
    const blob = objects[index * 2 + 1];
    if (commit === undefined) continue;
    const bytes = blobContent(blob, `${name}:${repoPath}`);
    lookup.baseline =
      bytes === null ? { kind: "file-missing", ref: name, commit: commit.sha } : { kind: "found", ref: name, commit: commit.sha, bytes };
    break;
  }
  if (options.base !== undefined && lookup.baseline.kind === "no-ref") {
    throw new RunError(`--base ${JSON.stringify(options.base)} does not name a commit in this repository`);
  }
  return lookup;
}

/**
 * Whether the repository is a shallow clone (CI checkouts often are): its history stops at the
 * commits fetched.
 */
export async function isShallowRepository(root: string, env: Env): Promise<boolean> {
  const result = await git(["rev-parse", "--is-shallow-repository"], { cwd: root, env });
  return result.exitCode === 0 && new TextDecoder().decode(result.stdout).trim() === "true";
}

/** One version of the pack file in history: the commit and the blob it introduced (null: deleted). */
export interface HistoryEntry {
  commit: string;
  blob: string | null;
}

export interface PackHistory<T> {
  /** Oldest first. */
  entries: HistoryEntry[];
  /** What `read` made of each distinct blob, read once. */
  blobs: Map<string, T>;
}

/**
 * Every version of `repoPath` reachable from `commit`, oldest first, with every side branch
 * (`--full-history`) and merge results (`-m`): one `git log` and one `git cat-file --batch`.
 * Each blob is handed to `read` as it arrives, so that only what `read` keeps stays in memory
 * (a long history's raw output would not fit beside its decoded texts).
 */
export async function readPackHistory<T>(
  root: string,
  repoPath: string,
  commit: string,
  env: Env,
  read: (bytes: Uint8Array, entry: HistoryEntry) => T,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<PackHistory<T>> {
  const log = await git(
    ["log", "--format=%H", "--raw", "--no-abbrev", "--no-renames", "--full-history", "-m", "--topo-order", "--reverse", commit, "--", repoPath],
    { cwd: root, env: { ...env, GIT_LITERAL_PATHSPECS: "1" } },
  );
  if (log.exitCode !== 0) throw new RunError(`git log failed: ${firstLine(log.stderr)}`);
  const entries: HistoryEntry[] = [];
  let current = "";
  for (const line of new TextDecoder().decode(log.stdout).split("\n")) {
    if (/^[0-9a-f]{40,64}$/.test(line)) {
      current = line;
      continue;
    }
    const raw = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) ([A-Z])/.exec(line);
    if (raw === null || current === "") continue;
    const blob = raw[2] === "D" || /^0+$/.test(raw[1]!) ? null : raw[1]!;
    const last = entries.at(-1);
    if (last?.commit !== current || last.blob !== blob) entries.push({ commit: current, blob });
  }
  const firstEntry = new Map<string, HistoryEntry>();
  for (const entry of entries) if (entry.blob !== null && !firstEntry.has(entry.blob)) firstEntry.set(entry.blob, entry);
  const distinct = [...firstEntry.keys()];
  const blobs = new Map<string, T>();
  if (distinct.length > 0) {
    await streamCatFile(
      root,
      distinct,
      env,
      (index, object) => {
        const sha = distinct[index]!;
        const content = blobContent(object, `blob ${sha}`);
        if (content !== null) blobs.set(sha, read(content, firstEntry.get(sha)!));
      },
      maxBytes,
    );
  }
  return { entries, blobs };
}

/**
 * `git cat-file --batch`, its output parsed as it streams in: each object is handed over as soon
 * as it is complete, in request order (undefined for a missing one).
 */
async function streamCatFile(
  root: string,
  requests: string[],
  env: Env,
  onObject: (index: number, object: BatchObject | undefined) => void,
  maxBytes = DEFAULT_MAX_BYTES,
  early?: EarlyCatFile,
): Promise<void> {
  const proc = early?.take() ?? startCatFile(root, env);
  endInput(proc, `${requests.join("\n")}\n`);
  const decoder = new TextDecoder();
  let index = 0;
  let header: number[] = [];
  let pending: { sha: string; type: string; content: Uint8Array; filled: number } | undefined;
  let skipNewline = false;
  for await (const chunk of proc.stdout) {
    let at = 0;
    while (at < chunk.length) {
      if (skipNewline) {
        at++; // the line feed after each object's content
        skipNewline = false;
      } else if (pending !== undefined) {
        const take = Math.min(pending.content.length - pending.filled, chunk.length - at);
        pending.content.set(chunk.subarray(at, at + take), pending.filled);
        pending.filled += take;
        at += take;
        if (pending.filled === pending.content.length) {
          onObject(index++, { sha: pending.sha, type: pending.type, content: pending.content });
          pending = undefined;
          skipNewline = true;
        }
      } else {
        const end = chunk.indexOf(0x0a, at);
        const stop = end === -1 ? chunk.length : end;
        for (let i = at; i < stop; i++) header.push(chunk[i]!);
        at = stop;
        if (end === -1) continue;
        at++;
        const match = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(decoder.decode(new Uint8Array(header)));
        header = [];
        if (match === null) {
          onObject(index++, undefined); // "<request> missing"
          continue;
        }
        const size = Number(match[3]);
        if (size > maxBytes) {
          proc.kill();
          throw new RunError(tooLarge(`${requests[index]!.replace("^{commit}", "")} (git object ${match[1]})`, size, maxBytes));
        }
        pending = { sha: match[1]!, type: match[2]!, content: new Uint8Array(size), filled: 0 };
        if (pending.content.length === 0) {
          onObject(index++, { sha: pending.sha, type: pending.type, content: pending.content });
          pending = undefined;
          skipNewline = true;
        }
      }
    }
    if (index === requests.length) {
      // Every request answered: git has nothing left to say, and its exit adds nothing — not
      // waiting for it saves a round of the event loop on every check.
      proc.unref();
      return;
    }
  }
  const [stderr, exitCode] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
  if (exitCode !== 0) throw new RunError(`git cat-file failed: ${firstLine(stderr)}`);
}

/** `git cat-file --batch` for a few requests, collected: one entry per request (undefined when missing). */
async function catFile(
  root: string,
  requests: string[],
  env: Env,
  maxBytes?: number,
  started?: EarlyCatFile,
): Promise<(BatchObject | undefined)[]> {
  const objects: (BatchObject | undefined)[] = [];
  await streamCatFile(
    root,
    requests,
    env,
    (index, object) => {
      objects[index] = object;
    },
    maxBytes,
    started,
  );
  return Array.from({ length: requests.length }, (_, index) => objects[index]);
}

function blobContent(object: BatchObject | undefined, what: string): Uint8Array | null {
  if (object === undefined) return null;
  if (object.type !== "blob") throw new RunError(`${what} is a ${object.type}, not a file`);
  return object.content;
}

function refuseLineBreaks(text: string, what: string): string {
  if (/[\n\r]/.test(text)) throw new RunError(`${what} ${JSON.stringify(text)} contains a line break, which git cannot look up`);
  return text;
}

interface BatchObject {
  sha: string;
  type: string;
  content: Uint8Array;
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}
