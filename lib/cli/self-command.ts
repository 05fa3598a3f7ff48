/**
 * The command that runs this very checker, as absolute paths: the compiled executable when
 * that is what runs, else the Bun binary and `check.ts`. Hooks written with it work whether or
 * not `bun` is on PATH.
 *
 * @example
 * ```ts
 * selfCommand(); // ["/usr/local/bin/rolepack-check"] or ["/repo/node_modules/bun/bin/bun.exe", "/repo/check.ts"]
 * ```
 */
import { join } from "node:path";

/** True inside a `bun build --compile` executable, whose modules live in Bun's embedded file system. */
export function isCompiled(): boolean {
  return import.meta.path.startsWith("/$bunfs/") || import.meta.path.includes("~BUN");
}

export function selfCommand(): string[] {
  if (isCompiled()) return [process.execPath];
  // The repository's .env and bunfig.toml must not reach the checker (the executable is built without them too).
  const root = join(import.meta.dir, "..", "..");
  return [process.execPath, "--no-env-file", `--config=${join(root, "bunfig.toml")}`, join(root, "check.ts")];
}
