/**
 * The file edge of `check`: where a pack lives (on disk, in its repository) and its bytes.
 * Every way a path can fail to be a readable file is a one-line RunError (exit 2).
 *
 * @example
 * ```ts
 * const bytes = await readPackBytes("/repo/assets/pack.json", "assets/pack.json");
 * const repoPath = await pathInRepository("/repo", "/repo/assets/pack.json"); // "assets/pack.json"
 * ```
 */
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { realPath } from "./libc.ts";
import { DEFAULT_MAX_BYTES, tooLarge } from "./size-limit.ts";
import { RunError } from "./run-error.ts";

/**
 * Reads a pack file; `shown` is the path as the user wrote it, for messages. A file larger than
 * `maxBytes` is refused by its size, before a byte of it is read.
 *
 * @example
 * ```ts
 * const bytes = await readPackBytes("/repo/assets/pack.json", "assets/pack.json");
 * ```
 */
export async function readPackBytes(absolutePath: string, shown: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Uint8Array> {
  try {
    const file = Bun.file(absolutePath);
    if (file.size > maxBytes) throw new RunError(tooLarge(shown, file.size, maxBytes));
    // One open and read; what a failure means is worked out only when there is one.
    return await file.bytes();
  } catch (error) {
    if (error instanceof RunError) throw error;
    const { stat } = await import("node:fs/promises"); // only a failure pays for loading it
    const info = await stat(absolutePath).catch(() => undefined);
    if (info?.isDirectory()) throw new RunError(`${shown}: is a directory, not a RolePack file`);
    if (info !== undefined && !info.isFile()) throw new RunError(`${shown}: is not a regular file`);
    throw new RunError(`${shown}: ${await describeFsError(error, absolutePath)}`);
  }
}

/**
 * The `/`-separated path of the pack relative to the repository root, symbolic links resolved:
 * git tracks a link as a link, so the baseline of a linked pack is the file it points to — which
 * must then be in the repository too.
 */
export async function pathInRepository(root: string, absolutePath: string): Promise<string> {
  const realRoot = await resolvedPath(root);
  const realDir = () => resolvedPath(dirname(absolutePath)).catch(() => dirname(absolutePath));
  // A pack staged for deletion has no file left: its directory is resolved instead.
  const realFile = await resolvedPath(absolutePath).catch(async () => join(await realDir(), basename(absolutePath)));
  const inside = relative(realRoot, realFile);
  if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    const linked = realFile !== join(await realDir(), basename(absolutePath));
    throw new RunError(
      linked
        ? `${absolutePath}: is a symbolic link to ${realFile}, outside the git repository at ${root}; git does not track what it points to`
        : `${absolutePath}: is outside the git repository at ${root}`,
    );
  }
  return inside.split(sep).join("/");
}

/** realpath(3): libc's where it can be called (node:fs/promises loads slowly), else Node's; rejects when it does not resolve. */
async function resolvedPath(path: string): Promise<string> {
  const resolved = realPath(path);
  if (resolved === null) throw new Error(`${path} does not resolve`);
  if (resolved !== undefined) return resolved;
  const { realpath } = await import("node:fs/promises");
  return realpath(path);
}

async function describeFsError(error: unknown, path: string): Promise<string> {
  switch ((error as { code?: string }).code) {
    case "ENOENT": {
      const { lstat } = await import("node:fs/promises");
      const isLink = await lstat(path).then(
        (info) => info.isSymbolicLink(),
        () => false,
      );
      return isLink ? "is a symbolic link to a file that does not exist" : "no such file";
    }
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a parent of this path is not a directory";
    case "ELOOP":
      return "too many levels of symbolic links";
    default:
      return `cannot read (${(error as Error).message})`;
  }
}
