/**
 * `rolepack-check [check] [PACK...]`: the shell around {@link checkPack}. Finds each pack's
 * work tree, reads the current version (working tree or index) and what was published (the
 * baseline, or its whole history) through git, and prints the report.
 *
 * @example
 * ```ts
 * const exitCode = await runCheck({ packs: [], format: "text", staged: true, history: false, requireBaseline: false }, io);
 * ```
 */
import { dirname, resolve } from "node:path";
import { checkPack, prepareCurrent, type PublishedVersion } from "../../check/check-pack.ts";
import type { CliIO } from "../io.ts";
import { absoluteGitEnv, type Baseline, isShallowRepository, type LookupOptions, lookUpPack, readPackHistory, workTreeOf } from "../../git/git.ts";
import { pathInRepository, readPackBytes } from "../../git/pack-file.ts";
import { publishedSource } from "../../published/published-version.ts";
import type { Diagnostic } from "../../rules/diagnostic.ts";
import { runStamp, toRecord } from "../../report/diagnostic-record.ts";
import { appendEvents, flightRecorderLines } from "../../report/flight-recorder.ts";
import { renderGithub } from "../../report/render/github.ts";
import { renderJson } from "../../report/render/json.ts";
import { renderJunit } from "../../report/render/junit.ts";
import { renderSarif } from "../../report/render/sarif.ts";
import { renderText } from "../../report/render/text.ts";
import { allDiagnostics, type BaselineInfo, type CheckReport, exitCodeOf, type PackReport } from "../../report/report.ts";
import { VERSION } from "../../version.ts";
import { RunError } from "../../git/run-error.ts";
import { SourceText } from "../../json/source-text.ts";
import { decodeUtf8 } from "../../json/utf8.ts";

/** The pack checked when none is named, relative to the repository root. */
export const DEFAULT_PACK_PATH = "assets/atelier_rolepack_digital_production_studio_v1.json";

export const CHECK_FORMATS = ["text", "json", "github", "sarif", "junit"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckOptions {
  /** Paths as the user wrote them, relative to `io.cwd`; empty for the default pack. */
  packs: string[];
  format: CheckFormat;
  /** Check the version in the index instead of the working tree. */
  staged: boolean;
  /** A commit-ish to compare with instead of main → origin/main. */
  base?: string;
  /** Exit 2 instead of treating a missing baseline ref as a first publish. */
  requireBaseline: boolean;
  /** Compare with every version reachable from the baseline, not only its tip. */
  history: boolean;
  /** Files and blobs larger than this are refused unread (bytes; default DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /** Correlation ids for the records (fall back to HSK_WSID / HSK_JOB_ID). */
  wsid?: string;
  jobId?: string;
  /** A JSON-lines file to append one flight-recorder event per diagnostic to. */
  events?: string;
  /** ANSI colors in text output (a TTY, and NO_COLOR unset). */
  color: boolean;
}

export interface Target {
  /** The path as shown in diagnostics: as given, or relative to the current directory. */
  shown: string;
  absolute: string;
  /** The work tree's root, when already known. */
  root?: string;
}

export async function runCheck(options: CheckOptions, io: CliIO): Promise<number> {
  const report = await collectReport(options, io);
  if (options.events !== undefined) {
    await appendEvents(resolve(io.cwd, options.events), flightRecorderLines(allDiagnostics(report), report.stamp));
  }
  for (const pack of report.packs) for (const warning of pack.warnings) io.stderr(`${warning}\n`);
  io.stdout(renderReport(report, options));
  return exitCodeOf(report);
}

/** Checks every pack the options name and returns the report, diagnostics stamped as records. */
export async function collectReport(options: Omit<CheckOptions, "format" | "color" | "events">, io: CliIO): Promise<CheckReport> {
  const env = absoluteGitEnv(io.env, io.cwd);
  const targets = await resolveTargets(options.packs, io.cwd, env);
  // The shell's early cat-file serves a pack in the repository git found from the current directory.
  const early = io.earlyCatFile;
  let earlyRoot: Promise<string | undefined> | undefined;
  let claimed = false;
  const claimEarlyCatFile = async (root: string) => {
    if (early === undefined || claimed || env.GIT_DIR || env.GIT_WORK_TREE) return undefined;
    earlyRoot ??= workTreeOf(early.cwd, env).then(
      (tree) => tree.root,
      () => undefined,
    );
    if ((await earlyRoot) !== root) return undefined;
    claimed = true;
    return early;
  };
  const stamp = runStamp({
    env: io.env,
    ...(options.wsid !== undefined && { wsid: options.wsid }),
    ...(options.jobId !== undefined && { jobId: options.jobId }),
  });
  const report: CheckReport = { packs: [], stamp };
  let index = 0;
  for (const target of targets) {
    const pack = await checkTarget(target, options, env, claimEarlyCatFile);
    report.packs.push({ ...pack, diagnostics: pack.diagnostics.map((d) => toRecord(d, index++, stamp)) });
  }
  return report;
}

/** The packs as given (relative to `cwd`), or the default pack at the work tree's root. */
export async function resolveTargets(packs: readonly string[], cwd: string, env: CliIO["env"]): Promise<Target[]> {
  return packs.length > 0 ? packs.map((shown) => ({ shown, absolute: resolve(cwd, shown) })) : [await defaultTarget(cwd, env)];
}

function renderReport(report: CheckReport, options: CheckOptions): string {
  switch (options.format) {
    case "text":
      return renderText(report, { color: options.color });
    case "json":
      return renderJson(report);
    case "github":
      return renderGithub(report);
    case "sarif":
      return renderSarif(report, VERSION);
    case "junit":
      return renderJunit(report);
  }
}

async function defaultTarget(cwd: string, env: CliIO["env"]): Promise<Target> {
  const { root, up } = await workTreeOf(cwd, env);
  const shown = `${up}${DEFAULT_PACK_PATH}`;
  return { shown, absolute: resolve(cwd, shown), root };
}

async function checkTarget(
  target: Target,
  options: Pick<CheckOptions, "staged" | "base" | "requireBaseline" | "history" | "maxBytes">,
  env: CliIO["env"],
  claimEarlyCatFile: (root: string) => Promise<LookupOptions["started"]>,
): Promise<Omit<PackReport, "diagnostics"> & { diagnostics: Diagnostic[] }> {
  // The working-tree file is read first so that a missing file is reported as such, in or out of a repository.
  // Decoded at once: the bytes are garbage from here on (a large pack's bytes and text would both stay alive otherwise).
  const working = options.staged ? undefined : decodeUtf8(await readPackBytes(target.absolute, target.shown, options.maxBytes));
  const root = target.root ?? (await workTreeOf(dirname(target.absolute), env)).root;
  const repoPath = await pathInRepository(root, target.absolute);
  const started = await claimEarlyCatFile(root);
  const pending = lookUpPack(root, repoPath, { base: options.base, staged: options.staged, maxBytes: options.maxBytes, started }, env);
  pending.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
  // While git reads the baseline, read the working-tree pack on the fast path.
  const workingSource = working === undefined ? undefined : new SourceText(target.shown, working.text);
  const prepared = workingSource === undefined ? undefined : prepareCurrent(workingSource, working?.invalidAt);
  const lookup = await pending;
  const { baseline } = lookup;
  if (options.requireBaseline && baseline.kind === "no-ref") {
    throw new RunError(
      `${target.shown}: no baseline ref found (${baseline.tried.join(", ")} do not exist) and --require-baseline was given; ` +
        "fetch the base branch (e.g. fetch-depth: 0) or pass --base",
    );
  }
  const published = await publishedVersions(root, repoPath, baseline, options.history, env, options.maxBytes);
  if (options.staged && lookup.staged === null && published.versions.length === 0) {
    throw new RunError(`${target.shown}: not in the index and never published; nothing to check (git add it first)`);
  }
  const decoded = working ?? decodeUtf8(lookup.staged ?? new Uint8Array());
  const result = await checkPack({
    current: workingSource ?? new SourceText(target.shown, decoded.text),
    deleted: options.staged && lookup.staged === null,
    published: published.versions,
    ...(decoded.invalidAt !== undefined && { invalidUtf8At: decoded.invalidAt }),
    ...(prepared !== undefined && { prepared }),
  });
  const warnings = [
    ...baselineNotes(target.shown, baseline, published.versions.length),
    ...published.warnings,
    ...result.baselineWarnings.map((warning) => `warning: ${warning}`),
  ];
  if (options.staged && lookup.staged === null) {
    warnings.push(`note: ${target.shown}: staged for deletion; every published role and contract counts as removed`);
  }
  return {
    file: target.shown,
    repoPath,
    roles: result.roles,
    contracts: result.contracts,
    baseline: baselineInfo(baseline),
    ...(options.history && { history: { versions: published.versions.length } }),
    changes: result.changes,
    diagnostics: result.diagnostics,
    warnings,
  };
}

/** The published versions to compare with: the baseline's tip, or every version in its history. */
async function publishedVersions(
  root: string,
  repoPath: string,
  baseline: Baseline,
  history: boolean,
  env: CliIO["env"],
  maxBytes?: number,
): Promise<{ versions: PublishedVersion[]; warnings: string[] }> {
  const warnings: string[] = [];
  if (history && baseline.kind !== "no-ref") {
    // Each blob is read as it arrives (only what changed since the previous one) and named after
    // the first commit that published it.
    const shallow = isShallowRepository(root, env);
    // Loaded only for --history: a plain check never reads more than one version.
    const { PublishedHistoryReader } = await import("../../published/history-reader.ts");
    const reader = new PublishedHistoryReader();
    const { entries, blobs } = await readPackHistory(root, repoPath, baseline.commit, env, (bytes, first) =>
      reader.read(bytes, `${first.commit.slice(0, 12)}:${repoPath}`, warnings),
      maxBytes,
    );
    if (await shallow) {
      warnings.push(
        `warning: ${repoPath}: this clone is shallow, so --history sees only the commits fetched; ` +
          "roles and contracts removed before them are not known (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)",
      );
    }
    const versions = entries.flatMap(({ commit, blob }): PublishedVersion[] => {
      if (blob === null) return [{ commit, pack: undefined }]; // deleted in this commit
      const pack = blobs.get(blob);
      return pack === undefined ? [] : [{ commit, pack }]; // an unreadable version is skipped, never a deletion
    });
    return { versions, warnings };
  }
  if (baseline.kind !== "found") return { versions: [], warnings };
  const reading: string[] = [];
  const source = publishedSource(baseline.bytes, `${baseline.ref}:${repoPath}`, reading);
  return { versions: [{ commit: baseline.commit, source }], warnings: reading.map((warning) => `warning: ${warning}`) };
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

function baselineNotes(shown: string, baseline: Baseline, publishedVersions: number): string[] {
  const skipped = "append-only rules (HSK-RR-001..003, 013) were skipped";
  switch (baseline.kind) {
    case "found":
      return [];
    case "file-missing":
      return publishedVersions > 0
        ? []
        : [`note: ${shown}: first publish — the file is not in ${baseline.ref}@${baseline.commit.slice(0, 12)}; ${skipped}`];
    case "no-ref":
      return [`warning: ${shown}: no baseline found (${baseline.tried.join(", ")} do not exist); ${skipped}`];
  }
}
