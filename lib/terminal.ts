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
import { dlopen, FFIType } from "bun:ffi";

const LIBC_NAMES = ["libc.so.6", "libSystem.B.dylib", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1"];

export function isStdoutTerminal(): boolean {
  for (const name of LIBC_NAMES) {
    try {
      const libc = dlopen(name, { isatty: { args: [FFIType.i32], returns: FFIType.i32 } });
      try {
        return libc.symbols.isatty(1) === 1;
      } finally {
        libc.close();
      }
    } catch {
      // not this platform's libc: try the next name
    }
  }
  return process.stdout.isTTY === true;
}
