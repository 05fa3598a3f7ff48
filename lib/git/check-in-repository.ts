/**
 * A pack checked in its repository: the current version (working tree or index) and what was
 * published (the baseline, or every version in its history) read through git, handed to the core
 * check. What `rolepack-check check` and `diff` run for each pack.
 *
 * @example
 * ```ts
 * const [result] = await checkPacksInRepository({ cwd: process.cwd(), env: process.env, packs: [], staged: true });
 * result.diagnostics; // [] when the staged pack keeps every published promise
 * ```
 */
import { dirname, join, relative, resolve, sep } from "node:path";
import { type Config, CONFIG_FILE } from "../config/config.ts";
import { applyRuleLevels } from "../config/rule-levels.ts";
import { applyWaivers } from "../config/waivers.ts";
import { checkPack, findsNothingOnItsOwn } from "../check/check-pack.ts";
import { prepareCurrent } from "../check/fast-path.ts";
import { SourceText } from "../json/source-text.ts";
import { decodeUtf8 } from "../json/utf8.ts";
import { publishedSource } from "../published/version-reader.ts";
import type { PublishedVersion } from "../published/published-texts.ts";
import type { Diagnostic } from "../rules/diagnostic.ts";
import type { BaselineInfo, PackReport } from "../report/report.ts";
import { type BaseChoice, type Baseline, type BaseResolution, type LookupOptions, lookUpPack, type PrefetchedBaseline, prefetchBaselines, resolveBase, takeBytes } from "./baseline.ts";
import { loadConfig } from "./config-file.ts";
import { isGlob, isPackName, pathsAt, selectPacks, stagedChanges, workTreePaths } from "./pack-discovery.ts";
import { type BatchObject, EarlyCatFile } from "./cat-file.ts";
import { readPackHistory } from "./history.ts";
import { unchangedPacks } from "./unchanged-packs.ts";
import { absoluteGitEnv, type Env } from "./process.ts";
import { exists, isShallowRepository, workTreeOf } from "./repository.ts";
import { locateInRepository, type PackLocation, readPackText } from "./pack-file.ts";
import { RunError } from "./run-error.ts";
import { expectSustainedWork } from "../jit-policy.ts";

/**
 * The pack checked when none is named, relative to the repository root.
 *
 * @example
 * ```ts
 * resolve(root, DEFAULT_PACK_PATH); // the pack checked when none is named
 * ```
 */
export const DEFAULT_PACK_PATH = "assets/atelier_rolepack_digital_production_studio_v1.json";

/**
 * What to check, and against what.
 *
 * @example
 * ```ts
 * const options: RepositoryCheckOptions = { cwd: "/repo", env: process.env, packs: ["assets/pack.json"], base: "origin/main", history: true };
 * ```
 */
export interface RepositoryCheckOptions {
  /** The directory paths are relative to, and where the repository is looked for. */
  cwd: string;
  env: Env;
  /** Paths as the user wrote them, relative to `cwd`; empty: the configuration's `packs`, else every file named like a RolePack. */
  packs: readonly string[];
  /** Check the version in the index instead of the working tree. */
  staged?: boolean;
  /** A commit-ish to compare with, exactly (no merge-base): `--base`. */
  base?: string;
  /**
   * The base branch (`--base-branch`, or a configured `base`): compared with the merge-base of HEAD
   * and its tip, as the default branches are. `source` says where it was named, for messages.
   */
  baseBranch?: { name: string; source: string };
  /** Refuse (RunError) instead of treating a missing baseline ref as a first publish (undefined: as configured, else no). */
  requireBaseline?: boolean;
  /** Compare with every version reachable from the baseline, not only its tip (undefined: as configured, else no). */
  history?: boolean;
  /** Files and blobs larger than this are refused unread (bytes; default DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /**
   * Texts to check instead of the working-tree files, by absolute path: what `fix --dry-run` would
   * write, checked exactly as the file will be (configuration, baseline and history included).
   */
  texts?: ReadonlyMap<string, string>;
  /** A `git cat-file --batch` started in `cwd` at launch (see {@link EarlyCatFile}), for the first pack in that repository. */
  earlyCatFile?: EarlyCatFile;
}

/**
 * One pack's result: a {@link PackReport} whose diagnostics are not yet stamped as records.
 *
 * @example
 * ```ts
 * const [result]: PackResult[] = await checkPacksInRepository(options); // result.baseline, result.diagnostics
 * ```
 */
export type PackResult = Omit<PackReport, "diagnostics"> & { diagnostics: Diagnostic[] };

/**
 * A pack to check: the path as shown, the absolute path, and its work tree's root when known.
 *
 * @example
 * ```ts
 * const target: PackTarget = { shown: "assets/pack.json", absolute: "/repo/assets/pack.json" };
 * ```
 */
export interface PackTarget {
  /** The path as shown in diagnostics: as given, or relative to the current directory. */
  shown: string;
  absolute: string;
  root?: string;
  /**
   * How it was found when not named on the command line: by the configuration's `packs`, or by the
   * naming. Such a pack missing from the working tree is a deletion, not a mistake.
   */
  origin?: "configured" | "found";
}

/**
 * Checks every pack the options name, in order: the PACK arguments; else the configuration's
 * `packs`; else every file named like a RolePack that git tracks, has staged or has in the
 * baseline. With `staged` and no PACK (the pre-commit hook), only the packs the commit changes —
 * and a commit that changes none costs one git call. Failures to run as asked (no repository, no
 * file, an unknown --base, an invalid configuration) are a {@link RunError}.
 *
 * @example
 * ```ts
 * const results = await checkPacksInRepository({ cwd: process.cwd(), env: process.env, packs: [], staged: true });
 * ```
 */
export async function checkPacksInRepository(options: RepositoryCheckOptions): Promise<PackResult[]> {
  const env = absoluteGitEnv(options.env, options.cwd);
  // One claimer for the run: the early cat-file goes to the first request in its repository, whoever makes it.
  const claim = EarlyCatFile.claimer(options.earlyCatFile, env);
  const found = await findPacks(options, env, claim);
  const config = found.config;
  const effective: RepositoryCheckOptions = {
    ...options,
    history: options.history ?? config?.history ?? false,
    requireBaseline: options.requireBaseline ?? config?.require_baseline ?? false,
    ...(options.base === undefined && options.baseBranch === undefined && config?.base !== undefined && { baseBranch: { name: config.base, source: `"base" in ${CONFIG_FILE}` } }),
  };
  // The baseline commit is worked out once per repository (a merge-base costs a git process).
  const resolutions = new Map<string, BaseResolution>(found.resolution === undefined ? [] : [[found.root!, found.resolution]]);
  const results: PackResult[] = [];
  const waivers = config?.waivers ?? [];
  const used = new Set<string>();
  const prefetched = new Map<string, Prefetched>();
  const resolutionNotes: string[] = [];
  for (const [index, target] of found.targets.entries()) {
    // Many packs: their baselines are read by one cat-file per batch, not one process per pack.
    if (index % PREFETCH_BATCH === 0) resolutionNotes.push(...(await prefetch(found.targets.slice(index, index + PREFETCH_BATCH), effective, config, env, claim, resolutions, prefetched)));
    const result = await checkTarget(target, effective, env, claim, resolutions, prefetched.get(target.absolute));
    prefetched.delete(target.absolute);
    const waived = applyWaivers(applyRuleLevels(result.diagnostics, config?.rules), waivers);
    for (const id of waived.used) used.add(id);
    results.push({ ...result, diagnostics: waived.diagnostics });
  }
  // Notes about the run (a baseline resolved before any pack was looked up, files not checked) go with the first pack.
  const notes = [...(found.resolution?.kind === "found" ? found.resolution.warnings : []), ...resolutionNotes, ...found.notes];
  // A waiver is stale only if no pack it could be about was checked: said when every pack was (no PACK, not the hook's changed packs).
  if (options.packs.length === 0 && options.staged !== true) {
    for (const waiver of waivers) {
      if (used.has(waiver.id)) continue;
      notes.push(
        `warning: ${CONFIG_FILE}: waiver ${JSON.stringify(waiver.id)} (${waiver.code} ${JSON.stringify(waiver.subject)}) matches no finding: it is stale; ` +
          "remove it, or correct its code, subject or hash",
      );
    }
  }
  results[0]?.warnings.unshift(...notes);
  return results;
}

/** What {@link findPacks} found: the packs, the configuration that applies, and the baseline if it was needed to find them. */
interface FoundPacks {
  targets: PackTarget[];
  config: Config | undefined;
  root: string | undefined;
  resolution?: BaseResolution;
  /** About files that look like packs but are not checked (untracked). */
  notes: string[];
}

async function findPacks(
  options: RepositoryCheckOptions,
  env: Env,
  claim: (root: string) => Promise<EarlyCatFile | undefined> = async () => undefined,
): Promise<FoundPacks> {
  const named = options.packs.length > 0;
  const asNamed = () => options.packs.map((shown) => ({ shown, absolute: resolve(options.cwd, shown) }));
  // The configuration is the work tree's where the command runs; PACK arguments may name files elsewhere.
  const tree = await workTreeOf(options.cwd, env).catch((error: unknown) => {
    if (named) return undefined;
    throw error;
  });
  if (tree === undefined) return { targets: asNamed(), config: undefined, root: undefined, notes: [] };
  const { root } = tree;
  const shownFrom =
    (origin: "configured" | "found") =>
    (path: string): PackTarget => {
      const absolute = join(root, path);
      return { shown: relative(options.cwd, absolute).split(sep).join("/") || path, absolute, root, origin };
    };
  const staged = options.staged === true;
  if (staged && !named) return changedPacks(options, env, root, shownFrom);
  const config = await loadConfig(root, options.cwd, staged ? "index" : "working-tree", env);
  if (named) return { targets: asNamed(), config, root, notes: [] };
  const configured = config?.packs;
  const plain = plainPaths(configured);
  if (configured !== undefined && plain.length === configured.length) return { targets: plain.map(shownFrom("configured")), config, root, notes: [] };
  // Globs, or the naming: matched against what git tracks or has staged, and what the baseline has.
  const claimed = await claim(root);
  const [{ indexed, untracked }, resolution] = await Promise.all([workTreePaths(root, env), resolveBase(root, baseChoiceOf(options, config), env, claimed)]);
  const published = resolution.kind === "found" ? await pathsAt(root, resolution.commit, env) : [];
  const paths = new Set([...selectPacks([...indexed, ...published], configured), ...plain]);
  if (configured === undefined && (await exists(join(root, DEFAULT_PACK_PATH)))) paths.add(DEFAULT_PACK_PATH);
  // Named like a pack but unknown to git: said, not checked (a scratch copy, a file not yet added).
  const ignored = selectPacks(untracked, configured).filter((path) => !paths.has(path));
  const notYetAdded = ignored.length === 0 ? "" : ` (not tracked, so not checked: ${ignored.join(", ")} — git add to check)`;
  if (paths.size === 0) {
    throw new RunError(
      configured === undefined
        ? `no RolePack found: no file named *rolepack*.json or *rolepack*.jsonc is tracked, staged or in the baseline of ${root}${notYetAdded}; ` +
            `name the packs on the command line or in ${CONFIG_FILE} ("packs": ["path/to/pack.json"])`
        : `no RolePack found: the "packs" of ${CONFIG_FILE} (${configured.join(", ")}) match no file that is tracked, staged or in the baseline${notYetAdded}`,
    );
  }
  const shown = shownFrom(configured === undefined ? "found" : "configured");
  const notes = ignored.map((path) => `note: ${shown(path).shown}: named like a pack but not tracked, so not checked (git add it to check it)`);
  return { targets: [...paths].sort().map(shown), config, root, resolution, notes };
}

/**
 * The packs a commit changes (the pre-commit hook): one `git diff --cached`, and when it names no
 * file that could be a pack — by the naming, or by the `packs` of the configuration in the working
 * tree — nothing more. Otherwise the configuration is read from the index, as the commit has it.
 */
async function changedPacks(
  options: RepositoryCheckOptions,
  env: Env,
  root: string,
  shownFrom: (origin: "configured" | "found") => (path: string) => PackTarget,
): Promise<FoundPacks> {
  const changed = await stagedChanges(root, env);
  if (!changed.includes(CONFIG_FILE)) {
    const working = await loadConfig(root, options.cwd, "working-tree", env).then(
      (config) => ({ config }),
      () => undefined, // unreadable here: the index's copy decides below
    );
    if (working !== undefined && packsAmong(changed, working.config).length === 0 && !changed.some(isPackName)) {
      return { targets: [], config: working.config, root, notes: [] };
    }
  }
  const config = await loadConfig(root, options.cwd, "index", env);
  return { targets: packsAmong(changed, config).map(shownFrom(config?.packs === undefined ? "found" : "configured")), config, root, notes: [] };
}

/** The paths among `paths` that are packs by the configuration's `packs`, or by the naming (the bundled default path included). */
function packsAmong(paths: readonly string[], config: Config | undefined): string[] {
  const plain = plainPaths(config?.packs);
  const packs = new Set(selectPacks(paths, config?.packs));
  for (const path of paths) if (plain.includes(path) || (config?.packs === undefined && path === DEFAULT_PACK_PATH)) packs.add(path);
  return [...packs].sort();
}

/** The configured packs that are paths, not globs, relative to the root. */
function plainPaths(configured: readonly string[] | undefined): string[] {
  return (configured ?? []).filter((pattern) => !isGlob(pattern)).map((path) => path.replace(/^\.\//, ""));
}

/** What the baseline is compared with: `--base` exactly, else a named base branch (a flag, then the configuration), else the defaults. */
function baseChoiceOf(options: RepositoryCheckOptions, config: Config | undefined): BaseChoice {
  if (options.base !== undefined) return { kind: "exact", ref: options.base };
  if (options.baseBranch !== undefined) return { kind: "branch", ...options.baseBranch };
  if (config?.base !== undefined) return { kind: "branch", name: config.base, source: `"base" in ${CONFIG_FILE}` };
  return { kind: "default" };
}

/**
 * The packs as given (relative to `cwd`), or those found in the work tree (see {@link checkPacksInRepository}).
 *
 * @example
 * ```ts
 * const [target] = await resolveTargets([], "/repo/sub", process.env); // { shown: "../assets/…rolepack….json", … }
 * ```
 */
export async function resolveTargets(packs: readonly string[], cwd: string, env: Env): Promise<PackTarget[]> {
  return (await findPacks({ cwd, env, packs }, absoluteGitEnv(env, cwd))).targets;
}

/**
 * A pack's place in its repository and its baseline, read ahead for a batch (see
 * {@link PrefetchedBaseline}), with its working-tree text when that was read ahead too (to compare
 * with git's ids): the pack is not read twice.
 */
interface Prefetched {
  readonly location: PackLocation;
  readonly baseline: PrefetchedBaseline;
  readonly text?: string;
}

/** How many packs' baselines one cat-file reads at a time: enough to save the processes, few enough to hold in memory. */
const PREFETCH_BATCH = 64;

/**
 * Reads the baselines of `targets` (packs found in their work tree, as the configuration or the
 * naming found them) with one `git cat-file --batch` per repository, into `prefetched` by absolute
 * path. Only for plain checks of several packs: a named pack, `--staged` and `--history` read their
 * own way. Returns the notes of the baselines it resolved (a pack looked up later no longer carries them).
 */
async function prefetch(
  targets: readonly PackTarget[],
  options: RepositoryCheckOptions,
  config: Config | undefined,
  env: Env,
  claim: (root: string) => Promise<EarlyCatFile | undefined>,
  resolutions: Map<string, BaseResolution>,
  prefetched: Map<string, Prefetched>,
): Promise<string[]> {
  const notes: string[] = [];
  if (targets.length < 2 || options.staged === true || options.history === true || options.texts !== undefined) return notes;
  const byRoot = new Map<string, PackTarget[]>();
  for (const target of targets) if (target.root !== undefined) byRoot.set(target.root, [...(byRoot.get(target.root) ?? []), target]);
  for (const [root, group] of byRoot) {
    if (group.length < 2) continue;
    let resolution = resolutions.get(root);
    if (resolution === undefined) {
      resolution = await resolveBase(root, baseChoiceOf(options, config), env, await claim(root));
      resolutions.set(root, resolution);
      if (resolution.kind === "found") notes.push(...resolution.warnings);
    }
    if (resolution.kind !== "found") continue;
    const locations = await Promise.all(group.map((target) => locateInRepository(root, target.absolute)));
    const texts = await workingTexts(group, locations, options.maxBytes);
    const unchanged = await unchangedPacks(root, resolution, [...texts].map(([repoPath, text]) => ({ repoPath, text })), env);
    const changed = locations.map((location) => location.repoPath).filter((repoPath) => !unchanged.has(repoPath));
    const blobs = changed.length === 0 ? new Map<string, BatchObject | null>() : await prefetchBaselines(root, resolution, changed, env, options.maxBytes);
    for (const [index, target] of group.entries()) {
      const location = locations[index]!;
      const text = texts.get(location.repoPath);
      const baseline = text !== undefined && unchanged.has(location.repoPath) ? { unchangedText: text } : (blobs.get(location.repoPath) ?? null);
      prefetched.set(target.absolute, { location, baseline, ...(text !== undefined && { text }) });
    }
  }
  return notes;
}

/**
 * The working-tree texts of a batch's plain pack files up to {@link EARLY_VERDICT_MAX_LENGTH}
 * (read ahead, to compare with git's ids), by repository path. A file that cannot be read, or is
 * not valid UTF-8, or is a link, is left out: its own check reads it and says what is wrong.
 */
async function workingTexts(targets: readonly PackTarget[], locations: readonly PackLocation[], maxBytes?: number): Promise<Map<string, string>> {
  const texts = await Promise.all(
    targets.map(async (target, index) => {
      if (locations[index]!.linkTarget !== undefined) return undefined;
      const size = Bun.file(target.absolute).size;
      if (!(size > 0 && size <= EARLY_VERDICT_MAX_LENGTH)) return undefined;
      const read = await readPackText(target.absolute, target.shown, maxBytes).catch(() => undefined);
      return read === undefined || read.invalidAt !== undefined ? undefined : read.text;
    }),
  );
  const byPath = new Map<string, string>();
  for (const [index, text] of texts.entries()) if (text !== undefined) byPath.set(locations[index]!.repoPath, text);
  return byPath;
}

/**
 * Packs up to this length (1 Mi code units) are parsed while git reads the baseline, and have
 * their own rules run then; a larger pack waits for git's answer while it is read.
 */
const EARLY_VERDICT_MAX_LENGTH = 1024 * 1024;

async function checkTarget(
  target: PackTarget,
  options: RepositoryCheckOptions,
  env: Env,
  claimEarlyCatFile: (root: string) => Promise<EarlyCatFile | undefined>,
  resolutions: Map<string, BaseResolution>,
  prefetched?: Prefetched,
): Promise<PackResult> {
  // The working-tree file is read first so that a missing file is reported as such, in or out of a repository.
  // Decoded at once: the bytes are garbage from here on (a large pack's bytes and text would both stay alive otherwise).
  // A pack found in the index or the baseline but gone from the working tree is checked as deleted;
  // a path named on the command line that does not exist is a mistake (exit 2).
  const goneFromWorkingTree = !options.staged && target.origin !== undefined && !(await exists(target.absolute));
  // Read ahead with its batch, to compare with git's ids (see unchanged-packs.ts): not read again.
  const given = options.texts?.get(target.absolute) ?? prefetched?.text;
  const reading =
    options.staged || goneFromWorkingTree
      ? undefined
      : given !== undefined
        ? Promise.resolve({ text: given, invalidAt: undefined })
        : readPackText(target.absolute, target.shown, options.maxBytes);
  reading?.catch(() => undefined); // awaited below, before any other failure is reported
  const large = reading !== undefined && (given?.length ?? Bun.file(target.absolute).size) >= EARLY_VERDICT_MAX_LENGTH;
  // The text once read: git's tree then tells whether the baseline is this very text (baseline.ts).
  // Not for a large pack: hashing it costs as much as reading its baseline.
  const workingText = large ? undefined : reading?.then(
    (read) => (read.invalidAt === undefined ? read.text : undefined),
    () => undefined,
  );
  // git is asked while the file is read: its answer, not the read, is what the check waits for.
  let root: string;
  let location: PackLocation;
  let pending: ReturnType<typeof lookUpPack>;
  try {
    root = target.root ?? (await workTreeOf(dirname(target.absolute), env)).root;
    location = prefetched?.location ?? (await locateInRepository(root, target.absolute));
    const started = await claimEarlyCatFile(root);
    const resolved = resolutions.get(root);
    const lookupOptions: LookupOptions = {
      ...(workingText !== undefined && location.linkTarget === undefined && { workingText }),
      base: baseChoiceOf(options, undefined),
      staged: options.staged === true,
      ...(location.linkTarget !== undefined && { stagedPath: location.linkTarget }),
      ...(resolved !== undefined && { resolved }),
      ...(resolved !== undefined && prefetched !== undefined && { prefetched: prefetched.baseline }),
      ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }),
      started,
    };
    pending = lookUpPack(root, location.repoPath, lookupOptions, env);
  } catch (error) {
    await reading; // a file that cannot be read is said first, in a repository or out of one
    throw error;
  }
  pending.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
  // A large pack: git's answer is taken in while the file is read. git writes into a pipe that only
  // this thread drains, so while the pack is parsed below git would wait, blocked, for all of it.
  if (large) await pending.catch(() => undefined);
  const working = await reading;
  const { repoPath, linkTarget } = location;
  // While git reads the baseline (a small pack's), read the working-tree pack on the fast path.
  const workingSource = working === undefined ? undefined : new SourceText(target.shown, working.text);
  const prepared = workingSource === undefined ? undefined : prepareCurrent(workingSource, working?.invalidAt);
  // Still waiting for git: what an unchanged pack needs is worked out now, not after the answer.
  // Not for a large pack (its rules take long, and a large pack is seldom byte-identical), nor
  // with a baseline already read for many packs (no wait to fill), nor for a history (never one version).
  if (prepared !== undefined && prefetched === undefined && !options.history && workingSource!.text.length <= EARLY_VERDICT_MAX_LENGTH) findsNothingOnItsOwn(prepared);
  const lookup = await pending;
  resolutions.set(root, lookup.resolution);
  const { baseline } = lookup;
  if (options.requireBaseline && baseline.kind === "no-ref") {
    throw new RunError(
      `${target.shown}: no baseline ref found (${baseline.tried.join(", ")} do not exist) and --require-baseline was given; ` +
        "fetch the base branch (e.g. fetch-depth: 0) or pass --base",
    );
  }
  const published = await publishedVersions(root, repoPath, baseline, options.history === true, env, options.maxBytes, lookup.unchangedText);
  if (goneFromWorkingTree && published.versions.length === 0) {
    throw new RunError(
      target.origin === "configured"
        ? `${target.shown}: no such file, and never published; fix "packs" in ${CONFIG_FILE}, or restore the file`
        : `${target.shown}: gone from the working tree and never published; restore it, or take it out of the index (git rm --cached)`,
    );
  }
  if (options.staged === true && lookup.staged === null && published.versions.length === 0) {
    throw new RunError(`${target.shown}: not in the index and never published; nothing to check (git add it first)`);
  }
  const decoded = working ?? decodeUtf8(lookup.staged ?? new Uint8Array());
  const result = await checkPack({
    current: workingSource ?? new SourceText(target.shown, decoded.text),
    deleted: goneFromWorkingTree || (options.staged === true && lookup.staged === null),
    published: published.versions,
    ...(decoded.invalidAt !== undefined && { invalidUtf8At: decoded.invalidAt }),
    ...(prepared !== undefined && { prepared }),
  });
  if (result.publishedUnreadable) {
    // What was published cannot be read, so nothing it published can be held: stop, never pass.
    const why = ([...published.warnings, ...result.baselineWarnings][0] ?? "it cannot be read").replace(/^warning: /, "").replace(/; it was skipped$/, "");
    throw new RunError(
      `${target.shown}: what was published cannot be read, so nothing it published can be held to — ${why}; ` +
        "fix it where it was published, or compare with another commit (--base)",
    );
  }
  const warnings = [
    ...lookup.warnings,
    ...baselineNotes(target.shown, baseline, published.versions.length),
    ...published.warnings,
    ...result.baselineWarnings.map((warning) => `warning: ${warning}`),
  ];
  if (linkTarget !== undefined) {
    warnings.push(`note: ${target.shown}: is a symbolic link to ${linkTarget}; its content is held to what was published at ${repoPath}`);
  }
  if (goneFromWorkingTree) {
    warnings.push(`note: ${target.shown}: deleted from the working tree; every published role and contract counts as removed`);
  }
  if (options.staged === true && lookup.staged === null) {
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
  env: Env,
  maxBytes?: number,
  /** The baseline's text when it is known to be the working-tree text (its blob was not read). */
  unchangedText?: string,
): Promise<{ versions: PublishedVersion[]; warnings: string[] }> {
  const warnings: string[] = [];
  if (history && baseline.kind !== "no-ref") {
    // Each blob is read as it arrives (only what changed since the previous one) and named after
    // the first commit that published it.
    expectSustainedWork(); // a history is read for every version: long enough for compiled code to pay off
    const shallow = isShallowRepository(root, env);
    // Loaded only for --history: a plain check never reads more than one version.
    const { PublishedHistoryReader } = await import("../published/history-reader.ts");
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
  // Places read `main:path:line` — a name `git show` takes — and the commit itself when the merge-base is not main's tip.
  const at = baseline.commit === baseline.tip ? baseline.ref : baseline.commit.slice(0, 12);
  const name = `${at}:${repoPath}`;
  const source = unchangedText !== undefined ? new SourceText(name, unchangedText) : publishedSource(takeBytes(baseline), name, reading);
  return { versions: [{ commit: baseline.commit, source }], warnings: reading.map((warning) => `warning: ${warning}`) };
}

function baselineInfo(baseline: Baseline): BaselineInfo {
  switch (baseline.kind) {
    case "found":
      return { ref: baseline.ref, tip: baseline.tip, commit: baseline.commit, found: true, file_found: true, tried: [] };
    case "file-missing":
      return { ref: baseline.ref, tip: baseline.tip, commit: baseline.commit, found: true, file_found: false, tried: [] };
    case "no-ref":
      return { ref: null, tip: null, commit: null, found: false, file_found: false, tried: baseline.tried };
  }
}

function baselineNotes(shown: string, baseline: Baseline, publishedVersions: number): string[] {
  const skipped = "rules that compare with what was published (HSK-RR-001..003, 013..015, 017) were skipped";
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
