/**
 * The baseline of a pack: the version at the base ref (main → origin/main, or `--base`) and, for
 * a commit, the version in the index — all through one cat-file.
 *
 * @example
 * ```ts
 * const { baseline } = await lookUpPack(root, "assets/pack.json", { base: "HEAD~1" }, env);
 * if (baseline.kind === "found") console.log(baseline.ref, baseline.commit);
 * ```
 */
import { blobContent, catFile, type EarlyCatFile } from "./cat-file.ts";
import type { Env } from "./process.ts";
import { RunError } from "./run-error.ts";

/** The refs tried, in order, when no `--base` is given. */
const DEFAULT_BASELINE_REFS = [
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

/** `text` itself, or a RunError when it holds a line break (cat-file reads one request per line). */
function refuseLineBreaks(text: string, what: string): string {
  if (/[\n\r]/.test(text)) throw new RunError(`${what} ${JSON.stringify(text)} contains a line break, which git cannot look up`);
  return text;
}
