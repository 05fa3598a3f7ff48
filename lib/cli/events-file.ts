/**
 * `--events FILE`: appends a run's flight-recorder lines with one `write(2)` on a file opened
 * with O_APPEND, so that lines from checkers writing the same file at once never interleave.
 *
 * @example
 * ```ts
 * await appendEvents(".hsk/events.jsonl", flightRecorderLines(records, stamp));
 * ```
 */
import { RunError } from "../git/mod.ts";

/** Appends `text` to `path` (created if missing) in one write. */
export async function appendEvents(path: string, text: string): Promise<void> {
  if (text === "") return;
  const { closeSync, openSync, writeSync } = await import("node:fs"); // only runs that record events pay for it
  let fd: number | undefined;
  try {
    fd = openSync(path, "a", 0o644);
    const bytes = Buffer.from(text);
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
  } catch (error) {
    throw new RunError(`--events ${path}: cannot append (${(error as { code?: string }).code ?? (error as Error).message})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
