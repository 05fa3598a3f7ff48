/**
 * The file edge of `check`: where a pack lives (on disk, in its repository) and its bytes.
 * Every way a path can fail to be a readable file is a one-line RunError (exit 2).
 *
 * @example
 * ```ts
 * const bytes = await readPackBytes("/repo/assets/pack.json", "assets/pack.json");
 * const { repoPath } = await locateInRepository("/repo", "/repo/assets/pack.json"); // "assets/pack.json"
 * ```
 */
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { realPath } from "./libc.ts";
import { DEFAULT_MAX_BYTES, formatSize, tooLarge } from "./size-limit.ts";
import { RunError } from "./run-error.ts";
import { noteBytesRead } from "../jit-policy.ts";
import { type DecodedText, decodeUtf8 } from "../json/utf8.ts";

/**
 * Reads a pack file as text (UTF-8; a byte order mark dropped): {@link readPackBytes} decoded,
 * with the first invalid byte's offset when there is one. A regular file is read and decoded in
 * one native step, which for a large pack is half the time and no second copy of its bytes; only
 * a text with U+FFFD in it — where a byte was not UTF-8, or the character itself — is read again
 * as bytes and decoded strictly, to say where.
 *
 * @example
 * ```ts
 * const { text, invalidAt } = await readPackText("/repo/assets/pack.json", "assets/pack.json");
 * ```
 */
export async function readPackText(absolutePath: string, shown: string, maxBytes = DEFAULT_MAX_BYTES): Promise<DecodedText> {
  const file = Bun.file(absolutePath);
  const size = file.size;
  if (size !== Number.POSITIVE_INFINITY && size <= maxBytes) {
    try {
      const text = await file.text();
      if (!text.includes("\uFFFD")) {
        noteBytesRead(size);
        return { text };
      }
    } catch {
      // Not readable as it stands: the byte reader below says why, in one line.
    }
  }
  return decodeUtf8(await readPackBytes(absolutePath, shown, maxBytes));
}

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
    // Not a regular file (a FIFO, a device, `<(…)`): its size is unknown, so the limit is kept as it is read.
    if (file.size === Number.POSITIVE_INFINITY) {
      // Node's stream: Bun's cannot read a character device (epoll refuses it).
      const { createReadStream } = await import("node:fs");
      return await readStreamBounded(createReadStream(absolutePath), shown, maxBytes);
    }
    if (file.size > maxBytes) throw new RunError(tooLarge(shown, file.size, maxBytes));
    // One open and read; what a failure means is worked out only when there is one.
    const bytes = await file.bytes();
    noteBytesRead(bytes.length);
    return bytes;
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
 * All of a stream (standard input, a FIFO, a device), but never more than `maxBytes`: reading stops,
 * and the run with it, as soon as the limit is passed — an endless input costs the limit, not forever.
 *
 * @example
 * ```ts
 * const bytes = await readStreamBounded(Bun.stdin.stream(), "<stdin>", 64 * 1024 * 1024);
 * ```
 */
export async function readStreamBounded(stream: AsyncIterable<Uint8Array>, shown: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooMuch = false;
  for await (const chunk of stream) {
    total += chunk.length;
    // Leaving the loop closes the stream: nothing more is read.
    if (total > maxBytes) {
      tooMuch = true;
      break;
    }
    chunks.push(chunk);
  }
  if (tooMuch) throw new RunError(`${shown}: more than --max-size ${formatSize(maxBytes)}; reading stopped there (raise --max-size to check it)`);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** Where a pack stands in its repository. */
export interface PackLocation {
  /**
   * The `/`-separated path git tracks, from the root: the pack's own path — for a symbolic link,
   * the link's. What was published at this path is what the pack must keep.
   */
  readonly repoPath: string;
  /** For a symbolic link inside the repository: the path of the file it points to, whose content is checked. */
  readonly linkTarget?: string;
}

/**
 * Where the pack at `absolutePath` stands in the repository at `root`. Directories on the way are
 * resolved (a repository reached through a linked folder), the pack itself is not: git tracks a
 * link as a link, at the link's path, so a published pack replaced by a link to a new file is still
 * compared with what was published at that path. The link's target must be in the repository too.
 *
 * @example
 * ```ts
 * await locateInRepository("/repo", "/repo/assets/pack.json"); // { repoPath: "assets/pack.json" }
 * ```
 */
export async function locateInRepository(root: string, absolutePath: string): Promise<PackLocation> {
  const realRoot = await resolvedPath(root);
  const realDir = await resolvedPath(dirname(absolutePath)).catch(() => dirname(absolutePath));
  const ownPath = join(realDir, basename(absolutePath));
  const repoPath = insideRepository(realRoot, ownPath);
  if (repoPath === undefined) throw new RunError(`${absolutePath}: is outside the git repository at ${root}`);
  // A pack staged for deletion has no file left: it is no link.
  const realFile = await resolvedPath(absolutePath).catch(() => ownPath);
  if (realFile === ownPath) return { repoPath };
  const linkTarget = insideRepository(realRoot, realFile);
  if (linkTarget === undefined) {
    throw new RunError(`${absolutePath}: is a symbolic link to ${realFile}, outside the git repository at ${root}; git does not track what it points to`);
  }
  return { repoPath, linkTarget };
}

function insideRepository(realRoot: string, path: string): string | undefined {
  const inside = relative(realRoot, path);
  if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
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
