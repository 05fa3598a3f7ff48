/**
 * Whether standard output is a terminal, asked of libc's isatty(3) through bun:ffi. The obvious
 * `process.stdout.isTTY` sets up Node's stdout stream and costs ~17 ms in a compiled binary —
 * more than a whole clean check — and `node:tty` ~6 ms; this costs ~0.4 ms. Where libc cannot be
 * opened (another platform), it falls back to `process.stdout.isTTY`.
 *
 * @example
 * ```ts
 * const color = isStdoutTerminal() && !process.env.NO_COLOR;
 * ```
 */
import { isatty } from "./libc.ts";

/**
 * Whether standard output is a terminal (colored text output there).
 *
 * @example
 * ```ts
 * const color = isStdoutTerminal() && !process.env.NO_COLOR;
 * ```
 *
 * @internal For the command line; it may change in any release.
 */
export function isStdoutTerminal(): boolean {
  return isatty(1) ?? process.stdout.isTTY === true;
}
