/**
 * Git's object ids, computed and read as git does: the id of a blob of a text, and the entries
 * (mode, name, id) of a tree object — what tells a pack unchanged without reading its baseline
 * (baseline.ts for one pack, unchanged-packs.ts for a batch).
 *
 * @example
 * ```ts
 * treeEntries(tree.content, 20).get("pack.json")?.id === gitBlobId(text, 20); // the baseline is this very text
 * ```
 */

export interface TreeEntry {
  readonly mode: string;
  /** The object id, as hex. */
  readonly id: string;
}

/**
 * The entries of a tree object: `<mode> <name>\0<id>` one after another, the id raw
 * (20 bytes for SHA-1, 32 for SHA-256). Names are decoded as UTF-8.
 *
 * @example
 * ```ts
 * treeEntries(tree.content, 20).get("pack.json")?.mode; // "100644"
 * ```
 */
export function treeEntries(content: Uint8Array, idLength: number): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  const decoder = new TextDecoder();
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const nul = space === -1 ? -1 : content.indexOf(0x00, space + 1);
    if (nul === -1 || nul + 1 + idLength > content.length) break; // not a tree as expected: nothing more is trusted
    const mode = decoder.decode(content.subarray(at, space));
    const name = decoder.decode(content.subarray(space + 1, nul));
    entries.set(name, { mode, id: Buffer.from(content.subarray(nul + 1, nul + 1 + idLength)).toString("hex") });
    at = nul + 1 + idLength;
  }
  return entries;
}

/**
 * The id git gives a blob of `text`'s UTF-8 bytes: SHA-1 (or SHA-256 in a SHA-256 repository) of
 * `blob <length>\0` and the bytes.
 *
 * @example
 * ```ts
 * gitBlobId("", 20); // "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", as `git hash-object` says
 * ```
 */
export function gitBlobId(text: string, idLength: number): string {
  const hasher = new Bun.CryptoHasher(idLength === 32 ? "sha256" : "sha1");
  hasher.update(`blob ${Buffer.byteLength(text, "utf8")}\0`);
  hasher.update(text);
  return hasher.digest("hex");
}

/**
 * How cat-file names the tree of the folder holding `repoPath` in `commitish` (`commit:folder`,
 * or `commit^{tree}` for the root folder), and the name of the path's entry in it.
 *
 * @example
 * ```ts
 * folderTree("main^{commit}", "packs/a.json"); // { request: "main^{commit}:packs", name: "a.json" }
 * ```
 */
export function folderTree(commitish: string, repoPath: string): { request: string; name: string } {
  const slash = repoPath.lastIndexOf("/");
  return { request: slash === -1 ? `${commitish}^{tree}` : `${commitish}:${repoPath.slice(0, slash)}`, name: repoPath.slice(slash + 1) };
}

/** The length in bytes of the ids of a repository whose commit id (hex) is `commitId`: 32 for SHA-256, 20 for SHA-1. */
export function idLengthOf(commitId: string): number {
  return commitId.length === 64 ? 32 : 20;
}

/**
 * Whether a tree entry is a plain file (not a link, a folder or a submodule) whose blob is `text`,
 * by id: the text's UTF-8 is exactly the published bytes.
 *
 * @example
 * ```ts
 * holdsText(treeEntries(tree.content, 20).get("a.json"), text, 20); // true when unchanged
 * ```
 */
export function holdsText(entry: TreeEntry | undefined, text: string, idLength: number): boolean {
  return entry !== undefined && (entry.mode === "100644" || entry.mode === "100755") && entry.id === gitBlobId(text, idLength);
}
