/**
 * `rolepack-check [check] [PACK...]`: the shell around {@link checkPack}. Finds each pack's
 * repository, reads the file and its baseline through git, and prints the report.
 *
 * @example
 * ```ts
 * const exitCode = await runCheck({ packs: [], format: "text" }, io);
 * ```
 */
import { dirname, resolve } from "node:path";
import { checkPack } from "../check-pack.ts";
import type { CliIO } from "../cli-io.ts";
import { type Baseline, readBaseline, workTreeOf } from "../git.ts";
import { pathInRepository, readPackBytes } from "../pack-file.ts";
import { renderJson } from "../render/json.ts";
import { renderText } from "../render/text.ts";
import { type BaselineInfo, type CheckReport, exitCodeOf, type PackReport } from "../report.ts";
import { SourceText } from "../source-text.ts";
import { decodeUtf8 } from "../utf8.ts";

/** The pack checked when none is named, relative to the repository root. */
export const DEFAULT_PACK_PATH = "assets/atelier_rolepack_digital_production_studio_v1.json";

export type CheckFormat = "text" | "json";

export interface CheckOptions {
  /** Paths as the user wrote them, relative to `io.cwd`; empty for the default pack. */
  packs: string[];
  format: CheckFormat;
}

export async function runCheck(options: CheckOptions, io: CliIO): Promise<number> {
  const targets =
    options.packs.length > 0
      ? options.packs.map((shown): Target => ({ shown, absolute: resolve(io.cwd, shown) }))
      : [await defaultTarget(io)];
  const report: CheckReport = { packs: [] };
  for (const target of targets) report.packs.push(await checkTarget(target, io));
  for (const pack of report.packs) for (const warning of pack.warnings) io.stderr(`${warning}\n`);
  io.stdout(options.format === "json" ? renderJson(report) : renderText(report));
  return exitCodeOf(report);
}

interface Target {
  /** The path as shown in diagnostics: as given, or relative to the current directory. */
  shown: string;
  absolute: string;
  /** The work tree's root, when already known. */
  root?: string;
}

async function defaultTarget(io: CliIO): Promise<Target> {
  const { root, up } = await workTreeOf(io.cwd, io.env);
  const shown = `${up}${DEFAULT_PACK_PATH}`;
  return { shown, absolute: resolve(io.cwd, shown), root };
}

async function checkTarget(target: Target, io: CliIO): Promise<PackReport> {
  const bytes = await readPackBytes(target.absolute, target.shown);
  const root = target.root ?? (await workTreeOf(dirname(target.absolute), io.env)).root;
  const repoPath = await pathInRepository(root, target.absolute);
  const baseline = await readBaseline(root, repoPath, io.env);
  const decoded = decodeUtf8(bytes);
  const warnings = baselineWarnings(target.shown, baseline);
  let baselineSource: SourceText | undefined;
  if (baseline.kind === "found") {
    const published = decodeUtf8(baseline.bytes);
    if (published.invalidAt !== undefined) {
      warnings.push(`warning: ${baseline.ref}:${repoPath}: the baseline is not valid UTF-8; it was compared as far as it could be read`);
    }
    baselineSource = new SourceText(`${baseline.ref}:${repoPath}`, published.text);
  }
  const result = checkPack({
    current: new SourceText(target.shown, decoded.text),
    baseline: baselineSource,
    ...(decoded.invalidAt !== undefined && { invalidUtf8At: decoded.invalidAt }),
  });
  warnings.push(...result.baselineWarnings.map((warning) => `warning: ${warning}`));
  return {
    file: target.shown,
    roles: result.roles,
    contracts: result.contracts,
    baseline: baselineInfo(baseline),
    diagnostics: result.diagnostics,
    warnings,
  };
}

function baselineInfo(baseline: Baseline): BaselineInfo {
  switch (baseline.kind) {
    case "found":
      return { ref: baseline.ref, commit: baseline.commit, found: true, file_found: true, tried: [] };
    case "file-missing":
      return { ref: baseline.ref, commit: baseline.commit, found: true, file_found: false, tried: [] };
    case "no-ref":
      return { ref: null, commit: null, found: false, file_found: false, tried: baseline.tried };
  }
}

function baselineWarnings(shown: string, baseline: Baseline): string[] {
  switch (baseline.kind) {
    case "found":
      return [];
    case "file-missing":
      return [
        `note: ${shown}: first publish — the file is not in ${baseline.ref}@${baseline.commit.slice(0, 12)}; append-only rules (HSK-RR-001..003) were skipped`,
      ];
    case "no-ref":
      return [
        `warning: ${shown}: no baseline found (${baseline.tried.join(", ")} do not exist); append-only rules (HSK-RR-001..003) were skipped`,
      ];
  }
}
