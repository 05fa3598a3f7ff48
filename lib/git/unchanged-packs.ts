/**
 * Which packs of a batch are byte-identical to their baseline, told by git's object ids instead of
 * their bytes: the baseline commit's trees list each file's blob id, and the working-tree text is
 * hashed as git hashes a blob. A monorepo check reads hundreds of unchanged packs; their baselines
 * then never cross the pipe from git, nor are they decoded (a quarter of a 2,000-pack check).
 *
 * Only a plain file can match (mode 100644 or 100755, not a link or a submodule), and only a text
 * that is exactly its file's bytes (valid UTF-8 and no byte order mark: the hash is over the text's
 * UTF-8). Anything else — a filter or line-ending conversion, an unreadable tree — is "not known
 * to be unchanged", and the pack's baseline is read as before.
 *
 * @example
 * ```ts
 * const same = await unchangedPacks(root, resolution, [{ repoPath: "packs/a.rolepack.json", text }], env);
 * same.has("packs/a.rolepack.json"); // true when the baseline holds exactly this text
 * ```
 */
import { catFile } from "./cat-file.ts";
import { folderTree, holdsText, idLengthOf, type TreeEntry, treeEntries } from "./object-id.ts";
import type { BaseResolution } from "./baseline.ts";
import type { Env } from "./process.ts";

/** A pack in the working tree: its path in the repository and the text read from it. */
export interface WorkingPack {
  readonly repoPath: string;
  readonly text: string;
}

/**
 * The repository paths among `packs` whose blob in the baseline commit is the one their text
 * hashes to. One `git cat-file --batch` reads the trees of their folders.
 */
export async function unchangedPacks(
  root: string,
  resolution: Extract<BaseResolution, { kind: "found" }>,
  packs: readonly WorkingPack[],
  env: Env,
): Promise<Set<string>> {
  const same = new Set<string>();
  // A path with a line break cannot be asked of cat-file (one request per line): not known.
  const askable = packs.filter(({ repoPath }) => !/[\n\r]/.test(repoPath));
  if (askable.length === 0) return same;
  const located = askable.map((pack) => ({ ...pack, ...folderTree(resolution.commit, pack.repoPath) }));
  const requests = [...new Set(located.map(({ request }) => request))];
  let trees: Awaited<ReturnType<typeof catFile>>;
  try {
    trees = await catFile(root, requests, env);
  } catch {
    return same; // trees that cannot be read (a partial clone): the baselines are read, and that says why
  }
  const idLength = idLengthOf(resolution.commit);
  const entries = new Map<string, Map<string, TreeEntry>>();
  for (const [index, request] of requests.entries()) {
    const tree = trees[index];
    if (tree?.type === "tree") entries.set(request, treeEntries(tree.content, idLength));
  }
  for (const { repoPath, text, request, name } of located) {
    if (holdsText(entries.get(request)?.get(name), text, idLength)) same.add(repoPath);
  }
  return same;
}
