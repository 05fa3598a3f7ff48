/**
 * Writes a file all at once: a temporary file in the same folder, flushed, then renamed over the
 * target — a reader sees the old file or the new one, never half of one, and a failure leaves the
 * old one as it was. Two uses: `fix` replacing a pack (refused when the pack no longer holds what
 * was read: an editor saved meanwhile, nothing is lost), and `--output` writing a report.
 *
 * @example
 * ```ts
 * const before = await readFile(path);
 * await replaceFileAtomically(path, "pack.json", before, fixedText);
 * await writeFileAtomically("/repo/rolepack.sarif", "rolepack.sarif", sarifText);
 * ```
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { RunError } from "./run-error.ts";

/**
 * Writes `text` over the file at `path` (through a symbolic link, to the file it names), keeping
 * its permissions, if the file still holds `expected`; `shown` names it in messages.
 */
export async function replaceFileAtomically(path: string, shown: string, expected: Uint8Array, text: string): Promise<void> {
  const target = await realpath(path).catch((error: NodeJS.ErrnoException) => {
    throw new RunError(`${shown}: cannot be written: ${error.code ?? error.message}`);
  });
  const { mode } = await stat(target);
  await writeThroughTemporary(target, shown, mode & 0o7777, text, async () => {
    const now = await readFile(target);
    if (!Buffer.from(now).equals(Buffer.from(expected))) {
      throw new RunError(`${shown}: changed while it was being fixed; nothing was written (run fix again)`);
    }
  });
}

/**
 * Writes `text` to the file at `path`, created or replaced (through a symbolic link, to the file
 * it names; an existing file keeps its permissions), its folders created if missing, as ESLint's
 * `--output-file` does (a CI job writes to `reports/`); `shown` names it in messages.
 */
export async function writeFileAtomically(path: string, shown: string, text: string): Promise<void> {
  const target = await realpath(path).catch(() => path); // not there yet: created as named
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new RunError(`${shown}: is a directory; name a file to write the report to`);
  if (existing === undefined) {
    await mkdir(dirname(target), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new RunError(`${shown}: cannot be written (its folder cannot be created: ${error.code ?? error.message}); nothing was changed`);
    });
  }
  await writeThroughTemporary(target, shown, existing === undefined ? 0o666 : existing.mode & 0o7777, text);
}

/** The temporary file, flushed, checked by `beforeRename`, then renamed over `target`; removed on any failure. */
async function writeThroughTemporary(target: string, shown: string, mode: number, text: string, beforeRename?: () => Promise<void>): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.rolepack-check.tmp`);
  let handle;
  try {
    handle = await open(temporary, "wx", mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? `its folder ${dirname(target)} does not exist` : (code ?? (error as Error).message);
    throw new RunError(`${shown}: cannot be written (${why}); nothing was changed`);
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await beforeRename?.();
    await rename(temporary, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    if (error instanceof RunError) throw error;
    throw new RunError(`${shown}: cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was changed`);
  }
}
