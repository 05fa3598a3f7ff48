/**
 * rolepack-check in a git repository (Bun only: it spawns git and reads files): a pack's current
 * version — working tree or index — checked against what its baseline and history published.
 * The command line is a client of this entry and of the library entry (`rolepack-check`).
 *
 * @example
 * ```ts
 * import { checkPacksInRepository } from "rolepack-check/git";
 *
 * const results = await checkPacksInRepository({ cwd: "/srv/registry", env: process.env, packs: ["packs/studio.rolepack.json"], history: true });
 * for (const { file, diagnostics } of results) console.log(file, diagnostics.length);
 * ```
 *
 * @module
 */
export {
  checkPacksInRepository,
  DEFAULT_PACK_PATH,
  type PackResult,
  type PackTarget,
  type RepositoryCheckOptions,
  resolveTargets,
} from "./check-in-repository.ts";
export { fixPacksInRepository, type PackFix, type RepositoryFixOptions } from "./fix-in-repository.ts";
export { type Env } from "./process.ts";
export { type WorkTree, workTreeOf } from "./repository.ts";
export { CONFIG_FILE, configJsonSchemaText, loadConfig } from "./config-file.ts";
export { readPackBytes, readStreamBounded } from "./pack-file.ts";
export { RunError } from "./run-error.ts";
export { DEFAULT_MAX_BYTES } from "./size-limit.ts";

// For the command line (marked @internal: they may change in any release).
export { EarlyCatFile } from "./cat-file.ts";
export { absoluteGitEnv } from "./process.ts";
export { gitDirectory, hooksDirectory } from "./repository.ts";
export { formatSize, parseSize, tooLarge } from "./size-limit.ts";
export { isStdoutTerminal } from "./terminal.ts";
export { writeReportFile } from "./report-file.ts";
