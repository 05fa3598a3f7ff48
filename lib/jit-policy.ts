/**
 * When the compiled program lets JavaScriptCore's JIT work at its normal pace. `npm run build`
 * starts the executable with the JIT reluctant (`--compile-jit-policy`): a clean check of an
 * ordinary pack runs each function a few times, and compiling it costs more than interpreting it
 * (on 2 cores the compiler threads also compete with git). Work that turns out to be large — many
 * bytes, a pack to explain with the positioned parser, a history — runs long enough for compiled
 * code to pay off, so the normal policy comes back for it. Measured side by side, compiled: clean
 * default pack 15.7 → 13.1 ms; without the way back, 100 packs 147 → 214 ms and the 10k-role pack
 * 705 → 845 ms.
 *
 * Outside a compiled Bun program (Node, `bun check.ts`) both functions change nothing that matters.
 *
 * @example
 * ```ts
 * noteBytesRead(bytes.length); // past 1 MB in all, the JIT works normally again
 * expectSustainedWork();       // at once: e.g. before the positioned parser runs
 * ```
 */

/** Bytes read in all before the run counts as sustained work. */
const SUSTAINED_BYTES = 1024 * 1024;

let bytesRead = 0;
let normal = false;

/** Restores the normal JIT policy (once; later calls do nothing). */
export function expectSustainedWork(): void {
  if (normal) return;
  normal = true;
  (globalThis as { Bun?: { unsafe?: { setJITPolicy?: (scale: number) => void } } }).Bun?.unsafe?.setJITPolicy?.(1);
}

/** Counts bytes read from files and git; past {@link SUSTAINED_BYTES} in all, the work is sustained. */
export function noteBytesRead(count: number): void {
  if (normal) return;
  bytesRead += count;
  if (bytesRead > SUSTAINED_BYTES) expectSustainedWork();
}
