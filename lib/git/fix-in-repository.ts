/**
 * `rolepack-check fix` in a repository: each pack's mechanical problems repaired against its
 * baseline (lib/fix), the result checked exactly as `check` would check the file (configuration,
 * baseline and history), and written atomically — or, with `dryRun`, only shown as a diff.
 *
 * @example
 * ```ts
 * const [pack] = await fixPacksInRepository({ cwd: "/repo", env: process.env, packs: [], dryRun: true });
 * console.log(pack.diff); // the unified diff fix would write
 * pack.after.diagnostics; // what would still need a person
 * ```
 */
import { dirname, resolve } from "node:path";
import { SourceText } from "../json/source-text.ts";
import { decodeUtf8 } from "../json/utf8.ts";
import { checkPacksInRepository, type PackResult } from "./check-in-repository.ts";
import { readPackBytes } from "./pack-file.ts";
import { absoluteGitEnv, type Env, git } from "./process.ts";
import { exists, workTreeOf } from "./repository.ts";

/**
 * Which packs to fix, against what, and whether to write.
 *
 * @example
 * ```ts
 * const options: RepositoryFixOptions = { cwd: "/repo", env: process.env, packs: ["packs/studio.rolepack.json"], dryRun: false };
 * ```
 */
export interface RepositoryFixOptions {
  cwd: string;
  env: Env;
  /** As for check: the PACK arguments, else the configuration's `packs`, else the packs found. */
  packs: readonly string[];
  /** A commit-ish to restore from and compare with, exactly (as check's --base). */
  base?: string;
  /** Show what would be written; write nothing. */
  dryRun: boolean;
  maxBytes?: number;
}

/**
 * One pack's fix.
 *
 * @example
 * ```ts
 * const { file, fixes, written, after }: PackFix = pack;
 * ```
 */
export interface PackFix {
  readonly file: string;
  /** What was (or would be) done, one line each. */
  readonly fixes: readonly string[];
  /** Why nothing could be done to this pack (it cannot be read as a pack, it is gone). */
  readonly refused?: string;
  /** The unified diff of the change (empty when there is none). */
  readonly diff: string;
  /** True when the file was rewritten. */
  readonly written: boolean;
  /** The check of the fixed pack: what still needs a person. */
  readonly after: PackResult;
}

/**
 * Fixes every pack the options name (see {@link RepositoryFixOptions}); nothing is written when
 * `dryRun`, and a file that changed while it was being fixed is left as it is (RunError).
 *
 * @example
 * ```ts
 * const fixed = await fixPacksInRepository({ cwd: "/repo", env: process.env, packs: ["packs/studio.rolepack.json"], dryRun: false });
 * const clean = fixed.every((pack) => pack.after.diagnostics.every((d) => d.severity !== "error"));
 * ```
 */
export async function fixPacksInRepository(options: RepositoryFixOptions): Promise<PackFix[]> {
  const env = absoluteGitEnv(options.env, options.cwd);
  const checkOptions = {
    cwd: options.cwd,
    env: options.env,
    packs: options.packs,
    ...(options.base !== undefined && { base: options.base }),
    ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }),
  };
  const before = await checkPacksInRepository(checkOptions);
  // Loaded only here: jsonc-parser and jsdiff are not on any check path.
  const [{ fixPack }, { unifiedDiff }] = await Promise.all([import("../fix/fix-pack.ts"), import("../fix/unified-diff.ts")]);
  const planned: { file: string; absolute: string; bytes?: Uint8Array; text?: string; fixed?: string; fixes: readonly string[]; refused?: string; repoPath: string }[] = [];
  for (const result of before) {
    const absolute = resolve(options.cwd, result.file);
    if (!(await exists(absolute))) {
      planned.push({ file: result.file, absolute, fixes: [], refused: "the file is gone; restore it from git first", repoPath: result.repoPath });
      continue;
    }
    const bytes = await readPackBytes(absolute, result.file, options.maxBytes);
    const decoded = decodeUtf8(bytes);
    if (decoded.invalidAt !== undefined) {
      planned.push({ file: result.file, absolute, fixes: [], refused: "the file is not valid UTF-8", repoPath: result.repoPath });
      continue;
    }
    // A byte order mark is kept, and left out of what is edited.
    const bom = decoded.text.startsWith("\uFEFF") ? "\uFEFF" : "";
    const published = await publishedText(result, absolute, env);
    const fixed = fixPack(new SourceText(result.file, decoded.text.slice(bom.length)), published);
    planned.push({
      file: result.file,
      absolute,
      bytes,
      text: decoded.text,
      fixed: bom + fixed.text,
      fixes: fixed.fixes,
      ...(fixed.refused !== undefined && { refused: fixed.refused }),
      repoPath: result.repoPath,
    });
  }
  const texts = new Map(planned.flatMap((plan) => (plan.fixed === undefined ? [] : [[plan.absolute, plan.fixed] as const])));
  const after = await checkPacksInRepository({ ...checkOptions, texts });
  const fixes: PackFix[] = [];
  for (const [index, plan] of planned.entries()) {
    const changed = plan.fixed !== undefined && plan.fixed !== plan.text;
    if (changed && !options.dryRun) {
      // Loaded here: node:fs/promises costs ~1.5 ms, and this module is reachable from every run's entry.
      const { replaceFileAtomically } = await import("./atomic-write.ts");
      await replaceFileAtomically(plan.absolute, plan.file, plan.bytes!, plan.fixed!);
    }
    fixes.push({
      file: plan.file,
      fixes: plan.fixes,
      ...(plan.refused !== undefined && { refused: plan.refused }),
      diff: changed ? unifiedDiff(plan.repoPath, plan.text!, plan.fixed!) : "",
      written: changed && !options.dryRun,
      after: after[index]!,
    });
  }
  return fixes;
}

/** The pack as its baseline published it (undefined on first publish, or when it cannot be read). */
async function publishedText(result: PackResult, absolute: string, env: Env): Promise<SourceText | undefined> {
  const { commit, ref, file_found: found } = result.baseline;
  if (commit === null || !found) return undefined;
  const { root } = await workTreeOf(dirname(absolute), env);
  const blob = await git(["cat-file", "blob", `${commit}:${result.repoPath}`], { cwd: root, env });
  if (blob.exitCode !== 0) return undefined;
  const decoded = decodeUtf8(blob.stdout);
  return new SourceText(`${ref ?? commit.slice(0, 12)}:${result.repoPath}`, decoded.text.replace(/^\uFEFF/, ""));
}
