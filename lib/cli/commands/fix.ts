/**
 * `rolepack-check fix [PACK...] [--dry-run] [--base REF]`: repairs what is mechanical in each
 * pack, in place, keeping its formatting and comments, then lists what still needs a person.
 * With `--dry-run` the unified diff goes to stdout (ready for `git apply`) and nothing is written.
 * Exit 0 when the packs are clean afterwards, 1 when problems remain, 2 when it could not run.
 *
 * @example
 * ```ts
 * const exitCode = await runFix({ packs: [], dryRun: true }, io);
 * ```
 */
import { fixPacksInRepository } from "../../git/mod.ts";
import { isFailing, renderDiagnosticLine } from "../../mod.ts";
import type { CliIO } from "../io.ts";

export interface FixOptions {
  packs: string[];
  dryRun: boolean;
  base?: string;
  maxBytes?: number;
}

export async function runFix(options: FixOptions, io: CliIO): Promise<number> {
  const packs = await fixPacksInRepository({
    cwd: io.cwd,
    env: io.env,
    packs: options.packs,
    dryRun: options.dryRun,
    ...(options.base !== undefined && { base: options.base }),
    ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }),
  });
  // With --dry-run stdout is the patch alone; what was done and what remains go to stderr.
  const say = options.dryRun ? io.stderr : io.stdout;
  let remaining = 0;
  for (const pack of packs) {
    if (options.dryRun) io.stdout(pack.diff);
    for (const warning of pack.after.warnings) io.stderr(`${warning}\n`);
    if (pack.refused !== undefined) say(`${pack.file}: not fixed: ${pack.refused}\n`);
    for (const fix of pack.fixes) say(`${pack.file}: ${options.dryRun ? "would fix" : "fixed"}: ${fix}\n`);
    const errors = pack.after.diagnostics.filter(isFailing);
    remaining += errors.length;
    for (const diagnostic of pack.after.diagnostics) say(`${renderDiagnosticLine(diagnostic)}\n`);
  }
  const changed = packs.filter((pack) => pack.diff !== "").length;
  const what = options.dryRun
    ? `${changed} of ${counted(packs.length, "pack")} would change (nothing written)`
    : `${changed} of ${counted(packs.length, "pack")} fixed`;
  const verdict = remaining === 0 ? "clean" : `${counted(remaining, "problem")} left that need a person (listed above)`;
  say(`rolepack-check fix: ${what}; ${verdict}\n`);
  return remaining === 0 ? 0 : 1;
}

function counted(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}
