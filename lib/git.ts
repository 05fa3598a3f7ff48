/**
 * The git edge: finds the repository and reads the baseline blob, through `Bun.spawn`.
 *
 * User-supplied paths only ever reach git after a fixed `<ref>:` prefix on `cat-file --batch`'s
 * standard input, never as an argument, so nothing the user types can be read as a git option.
 *
 * @example
 * ```ts
 * const { root } = await workTreeOf(process.cwd(), process.env);
 * const baseline = await readBaseline(root, "assets/pack.json", process.env);
 * if (baseline.kind === "found") console.log(baseline.ref, baseline.commit);
 * ```
 */
import { RunError } from "./run-error.ts";

type Env = Record<string, string | undefined>;

/** The refs tried, in order, for the default baseline. */
export const DEFAULT_BASELINE_REFS = [
  { name: "main", ref: "refs/heads/main" },
  { name: "origin/main", ref: "refs/remotes/origin/main" },
] as const;

export type Baseline =
  | { kind: "found"; ref: string; commit: string; bytes: Uint8Array }
  | { kind: "file-missing"; ref: string; commit: string }
  | { kind: "no-ref"; tried: readonly string[] };

interface GitResult {
  exitCode: number;
  stdout: Uint8Array;
  stderr: string;
}

async function git(args: string[], options: { cwd: string; env: Env; stdin?: string }): Promise<GitResult> {
  let proc;
  try {
    proc = Bun.spawn(["git", ...args], {
      cwd: options.cwd,
      // Read-only by construction: no optional index refresh, never prompt for credentials.
      env: { ...options.env, GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0" },
      stdin: options.stdin === undefined ? "ignore" : new TextEncoder().encode(options.stdin),
      stdout: "pipe",
      stderr: "pipe",
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") throw new RunError("git is not installed or not on PATH; checking needs git for the baseline");
    throw new RunError(`could not start git: ${(error as Error).message}`);
  }
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

/** The work tree that contains `dir`. */
export async function workTreeOf(dir: string, env: Env): Promise<WorkTree> {
  const result = await git(["rev-parse", "--show-toplevel", "--show-cdup"], { cwd: dir, env });
  if (result.exitCode !== 0) {
    const reason = firstLine(result.stderr).replace(/^fatal: /, "");
    throw new RunError(`${dir}: not inside a git work tree (${reason}); the baseline is read from git`);
  }
  const [root = "", up = ""] = new TextDecoder().decode(result.stdout).split("\n");
  return { root, up };
}

/**
 * The pack at `repoPath` (relative to the repository root, `/`-separated) in the first
 * default baseline ref that exists — one git process for all lookups.
 */
export async function readBaseline(root: string, repoPath: string, env: Env): Promise<Baseline> {
  if (/[\n\r]/.test(repoPath)) throw new RunError(`${JSON.stringify(repoPath)}: a path with a line break cannot be looked up in git`);
  const requests = DEFAULT_BASELINE_REFS.flatMap(({ ref }) => [`${ref}^{commit}`, `${ref}:${repoPath}`]);
  const result = await git(["cat-file", "--batch"], { cwd: root, env, stdin: `${requests.join("\n")}\n` });
  if (result.exitCode !== 0) throw new RunError(`git cat-file failed: ${firstLine(result.stderr)}`);
  const objects = parseBatchOutput(result.stdout);
  for (const [index, { name }] of DEFAULT_BASELINE_REFS.entries()) {
    const commit = objects[index * 2];
    const blob = objects[index * 2 + 1];
    if (commit === undefined) continue;
    if (blob === undefined) return { kind: "file-missing", ref: name, commit: commit.sha };
    if (blob.type !== "blob") throw new RunError(`${name}:${repoPath} is a ${blob.type}, not a file`);
    return { kind: "found", ref: name, commit: commit.sha, bytes: blob.content };
  }
  return { kind: "no-ref", tried: DEFAULT_BASELINE_REFS.map(({ name }) => name) };
}

interface BatchObject {
  sha: string;
  type: string;
  content: Uint8Array;
}

/** Splits `git cat-file --batch` output into one entry per request (undefined when missing). */
function parseBatchOutput(bytes: Uint8Array): (BatchObject | undefined)[] {
  const objects: (BatchObject | undefined)[] = [];
  const decoder = new TextDecoder();
  let at = 0;
  while (at < bytes.length) {
    const end = bytes.indexOf(0x0a, at);
    if (end === -1) break;
    const header = decoder.decode(bytes.subarray(at, end));
    at = end + 1;
    const match = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(header);
    if (match === null) {
      objects.push(undefined); // "<request> missing" or "<request> ambiguous"
      continue;
    }
    const size = Number(match[3]);
    objects.push({ sha: match[1]!, type: match[2]!, content: bytes.slice(at, at + size) });
    at += size + 1;
  }
  return objects;
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}
