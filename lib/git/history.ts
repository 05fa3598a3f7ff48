/**
 * Every version of a pack reachable from a commit, oldest first: one `git log` and one streamed
 * `git cat-file --batch`, each blob handed over as it arrives.
 *
 * @example
 * ```ts
 * const { entries, blobs } = await readPackHistory(root, "assets/pack.json", commit, env, (bytes) => bytes.length);
 * ```
 */
import { blobContent, streamCatFile } from "./cat-file.ts";
import { type Env, firstLine, git } from "./process.ts";
import { RunError } from "./run-error.ts";
import { DEFAULT_MAX_BYTES } from "./size-limit.ts";

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
    [
      "log",
      "--format=%H",
      "--raw",
      "--no-abbrev",
      "--no-renames",
      "--no-ext-diff",
      "--no-textconv",
      "--no-color",
      "--no-relative",
      "--root",
      "--full-history",
      "--diff-merges=separate", // not -m, whose meaning log.diffMerges changes
      "-O/dev/null", // no diff.orderFile
      "--topo-order",
      "--reverse",
      "--end-of-options",
      commit,
      "--",
      repoPath,
    ],
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
        // git log listed it, so it was published: a blob this clone lacks is not an empty version.
        if (content === null) {
          throw new RunError(`${repoPath}: the version published in ${firstEntry.get(sha)!.commit.slice(0, 12)} (blob ${sha}) is not in this clone (a partial clone, or missing objects), and rolepack-check never fetches; fetch the history first (git fetch --refetch, or a full clone)`);
        }
        blobs.set(sha, read(content, firstEntry.get(sha)!));
      },
      maxBytes,
    );
  }
  return { entries, blobs };
}
