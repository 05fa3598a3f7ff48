/**
 * `rolepack-check diff [PACK...] [--base REF] [--history] [--format markdown|json]`: what changed
 * against the baseline, as a changelog. Exit 1 when the changes break a rule, as `check` would.
 *
 * @example
 * ```ts
 * await runDiff({ packs: [], format: "markdown", history: false }, io);
 * ```
 */
import { type ChangelogFormat, exitCodeOf, renderChangelog } from "../../mod.ts";
import type { CliIO } from "../io.ts";
import { collectReport } from "./check.ts";

export interface DiffOptions {
  packs: string[];
  format: ChangelogFormat;
  base?: string;
  history: boolean;
  /** Size limit for the pack and its published versions (bytes). */
  maxBytes?: number;
}

export async function runDiff(options: DiffOptions, io: CliIO): Promise<number> {
  const report = await collectReport(
    { packs: options.packs, staged: false, requireBaseline: false, history: options.history, ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }), ...(options.base !== undefined && { base: options.base }) },
    io,
  );
  for (const pack of report.packs) for (const warning of pack.warnings) io.stderr(`${warning}\n`);
  io.stdout(renderChangelog(report, options.format));
  return exitCodeOf(report);
}
