/**
 * Replaces a file's content all at once: a temporary file in the same folder, flushed, then
 * renamed over the original — a reader sees the old file or the new one, never half of one, and
 * a failure leaves the original as it was. Refused when the file no longer holds what was read
 * (an editor saved meanwhile): nothing is lost.
 *
 * @example
 * ```ts
 * const before = await readFile(path);
 * await replaceFileAtomically(path, "pack.json", before, fixedText);
 * ```
 */
import { randomBytes } from "node:crypto";
import { open, readFile, realpath, rename, stat, unlink } from "node:fs/promises";
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
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.rolepack-check.tmp`);
  let handle;
  try {
    handle = await open(temporary, "wx", mode & 0o7777);
  } catch (error) {
    throw new RunError(`${shown}: cannot write beside it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was changed`);
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
    await handle.close();
    handle = undefined;
    const now = await readFile(target);
    if (!Buffer.from(now).equals(Buffer.from(expected))) {
      throw new RunError(`${shown}: changed while it was being fixed; nothing was written (run fix again)`);
    }
    await rename(temporary, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    if (error instanceof RunError) throw error;
    throw new RunError(`${shown}: cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was changed`);
  }
}
