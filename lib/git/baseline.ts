/**
 * The baseline of a pack: what was published at the point the current work started from. With a
 * base branch (configured, or main → origin/main → origin/HEAD → master → origin/master), that is
 * the merge-base of HEAD and the branch's tip — what `git diff main...HEAD` compares with — so a
 * branch behind the base is not blamed for what the base gained since; on the base branch itself,
 * or in a pull request's merge commit, it is the tip. `--base REF` means exactly that commit.
 * The version in the index is read in the same `cat-file` (for a commit).
 *
 * @example
 * ```ts
 * const { baseline } = await lookUpPack(root, "assets/pack.json", { staged: true }, env);
 * if (baseline.kind === "found") console.log(baseline.ref, baseline.tip, baseline.commit);
 * ```
 */
import { type BatchObject, blobContent, catFile, type EarlyCatFile, streamCatFile } from "./cat-file.ts";
import { folderTree, holdsText, idLengthOf, treeEntries } from "./object-id.ts";
import { type Env, git } from "./process.ts";
import { RunError } from "./run-error.ts";

/** A ref tried for the base branch: how it is shown, and what git is asked for. */
interface Candidate {
  readonly name: string;
  readonly ref: string;
}

/** The base branches tried, in order, when neither `--base` nor a configured base is given. */
const DEFAULT_BASE_BRANCHES: readonly Candidate[] = [
  { name: "main", ref: "refs/heads/main" },
  { name: "origin/main", ref: "refs/remotes/origin/main" },
  { name: "origin/HEAD", ref: "refs/remotes/origin/HEAD" },
  { name: "master", ref: "refs/heads/master" },
  { name: "origin/master", ref: "refs/remotes/origin/master" },
];

/** Where the baseline comes from: an exact commit, a base branch by name, or the default branches. */
export type BaseChoice = { kind: "exact"; ref: string } | { kind: "branch"; name: string; source: string } | { kind: "default" };

/**
 * The commit a repository's packs are compared with, resolved once per run and repository.
 *
 * @example
 * ```ts
 * if (resolution.kind === "found") console.log(`${resolution.ref}@${resolution.commit.slice(0, 12)}`);
 * ```
 */
export type BaseResolution =
  | {
      kind: "found";
      /** The ref as shown (`main`, `origin/HEAD`, `HEAD~1`). */
      ref: string;
      /** The commit the ref points at. */
      tip: string;
      /** The commit compared with: the merge-base of HEAD and the tip, or the tip (on the branch, `--base`). */
      commit: string;
      /** Notes about the choice (a merge-base that could not be found), for the report. */
      warnings: string[];
    }
  | { kind: "no-ref"; tried: readonly string[] };

/**
 * The baseline's bytes, handed over once: the field is emptied so that a large pack's blob is not
 * kept alive beside its text for the rest of the check (36 MB less at the peak of a 42 MB pack).
 *
 * @example
 * ```ts
 * const source = publishedSource(takeBytes(baseline), name, warnings); // baseline.bytes is empty now
 * ```
 */
export function takeBytes(baseline: Extract<Baseline, { kind: "found" }>): Uint8Array {
  const { bytes } = baseline;
  baseline.bytes = new Uint8Array();
  return bytes;
}

export type Baseline =
  | {
      kind: "found";
      ref: string;
      tip: string;
      commit: string;
      /** The published blob; its reader empties it once it is text (see {@link takeBytes}). */
      bytes: Uint8Array;
    }
  | { kind: "file-missing"; ref: string; tip: string; commit: string }
  | { kind: "no-ref"; tried: readonly string[] };

export interface PackLookup {
  baseline: Baseline;
  /** How the baseline commit was found, to reuse for the repository's other packs. */
  resolution: BaseResolution;
  /** Notes about the baseline for the report (the first pack of a repository carries them). */
  warnings: string[];
  /** With `staged`: the bytes in the index, or null when the index has no such file. */
  staged?: Uint8Array | null;
  /**
   * The baseline's text, when git lists the baseline's blob with the very id of the working-tree
   * text (see `workingText`): the blob itself was not read, and `baseline.bytes` is empty.
   */
  unchangedText?: string;
}

/** A baseline read ahead: the blob (null: not in the commit), or the working-tree text git lists with that blob's id. */
export type PrefetchedBaseline = BatchObject | null | { readonly unchangedText: string };

export interface LookupOptions {
  /** Where the baseline comes from (default: the default branches). */
  base?: BaseChoice;
  /** The resolution of an earlier pack in the same repository: only the blob is looked up then. */
  resolved?: BaseResolution;
  /**
   * The baseline at the resolved commit, already read for a batch of packs: the blob
   * ({@link prefetchBaselines}; null when the commit has no such file), or the working-tree text
   * itself when git lists the blob with its very id (unchanged-packs.ts). With it (and not
   * `staged`), no git runs at all.
   */
  prefetched?: PrefetchedBaseline;
  /** Also read the version in the index. */
  staged?: boolean;
  /** The path whose index entry is the current version, when not the pack's own (a symbolic link's target). */
  stagedPath?: string;
  /** Blobs larger than this are refused unread (default: DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /**
   * A cat-file already running in this repository, to ask instead of starting one. Its process is
   * taken only when the requests are written: if the lookup fails before, the owner releases it.
   */
  started?: EarlyCatFile | undefined;
  /**
   * The working-tree text being read (undefined when it cannot be, or is not valid UTF-8): git is
   * asked for the folder's tree before the blob, and a blob with this text's very id is not read.
   */
  workingText?: Promise<string | undefined>;
}

/**
 * The baseline of the pack at `repoPath` (relative to the root, `/`-separated) and, with
 * `staged`, its version in the index. One `git cat-file --batch` asks for HEAD, every candidate's
 * tip and the pack at each tip; a `git merge-base` follows only when HEAD is not on the tip, and a
 * second cat-file only when the merge-base is not the tip. User-supplied refs and paths reach git
 * only on cat-file's standard input.
 */
export async function lookUpPack(root: string, repoPath: string, options: LookupOptions, env: Env): Promise<PackLookup> {
  refuseLineBreaks(repoPath, "path");
  // The merged entry, and the three sides of a conflict: an unmerged pack is not a deleted one.
  const stagedPath = options.stagedPath ?? repoPath;
  refuseLineBreaks(stagedPath, "path");
  const staged = options.staged === true ? [0, 1, 2, 3].map((stage) => `:${stage}:${stagedPath}`) : [];
  const resolved = options.resolved;
  if (resolved !== undefined) {
    if (resolved.kind === "no-ref") {
      const objects = staged.length === 0 ? [] : await catFile(root, staged, env, options.maxBytes, options.started);
      return { baseline: resolved, resolution: resolved, warnings: [], ...stagedOf(objects.slice(-4), options, stagedPath) };
    }
    const prefetched = staged.length === 0 ? options.prefetched : undefined;
    if (prefetched != null && "unchangedText" in prefetched) {
      return { baseline: baselineAt(resolved, new Uint8Array()), resolution: resolved, warnings: [], unchangedText: prefetched.unchangedText };
    }
    const objects = prefetched !== undefined ? [prefetched ?? undefined] : await catFile(root, [`${resolved.commit}:${repoPath}`, ...staged], env, options.maxBytes, options.started);
    const bytes = blobContent(objects[0], `${resolved.ref}:${repoPath}`);
    if (bytes === null) await refuseMissingBlob(root, resolved, repoPath, env);
    const baseline = baselineAt(resolved, bytes);
    return { baseline, resolution: resolved, warnings: [], ...stagedOf(objects.slice(-4), options, stagedPath) };
  }
  const choice = options.base ?? { kind: "default" };
  const candidates = await candidatesOf(root, choice, env);
  const exact = choice.kind === "exact";
  if (options.workingText !== undefined && staged.length === 0 && options.stagedPath === undefined) {
    const unchanged = await lookUpUnchanged(root, repoPath, choice, candidates, options, env);
    if ("baseline" in unchanged) return unchanged;
    if (unchanged.objects !== undefined) return fromObjects(root, repoPath, choice, candidates, unchanged.objects, options, env);
  }
  const requests = [...(exact ? [] : ["HEAD^{commit}"]), ...candidates.flatMap(({ ref }) => [`${ref}^{commit}`, `${ref}^{commit}:${repoPath}`]), ...staged];
  const objects = await catFile(root, requests, env, options.maxBytes, options.started);
  return fromObjects(root, repoPath, choice, candidates, objects, options, env);
}

/**
 * The lookup from cat-file's answers to HEAD (unless `exact`), each candidate's tip and its blob,
 * then the staged entries: in that order, two per candidate.
 */
async function fromObjects(
  root: string,
  repoPath: string,
  choice: BaseChoice,
  candidates: readonly Candidate[],
  objects: readonly (BatchObject | undefined)[],
  options: LookupOptions,
  env: Env,
): Promise<PackLookup> {
  const stagedPath = options.stagedPath ?? repoPath;
  const exact = choice.kind === "exact";
  const offset = exact ? 0 : 1;
  const tips = candidates.map((_, index) => objects[offset + index * 2]?.sha);
  const resolution = await resolutionOf(root, choice, candidates, exact ? undefined : objects[0]?.sha, tips, env);
  const stagedPart = stagedOf(objects.slice(-4), options, stagedPath);
  if (resolution.kind === "no-ref") return { baseline: resolution, resolution, warnings: [], ...stagedPart };
  const found = tips.indexOf(resolution.tip);
  const bytes =
    resolution.commit === resolution.tip
      ? blobContent(objects[offset + found * 2 + 1], `${resolution.ref}:${repoPath}`)
      : blobContent((await catFile(root, [`${resolution.commit}:${repoPath}`], env, options.maxBytes))[0], `${resolution.ref}:${repoPath}`);
  if (bytes === null) await refuseMissingBlob(root, resolution, repoPath, env);
  return { baseline: baselineAt(resolution, bytes), resolution, warnings: resolution.warnings, ...stagedPart };
}

/**
 * One cat-file asked for HEAD, each candidate's tip and the tree of the pack's folder, then each
 * candidate's blob. When the first candidate that exists is HEAD's own tip (no merge-base to work
 * out) and its tree lists the pack as a plain file with the very id of the working-tree text, the
 * reading stops there: the baseline is that text, and its blob never crosses the pipe. Otherwise
 * the answers are read on, and handed back in the usual order ({@link fromObjects}).
 */
async function lookUpUnchanged(
  root: string,
  repoPath: string,
  choice: BaseChoice,
  candidates: readonly Candidate[],
  options: LookupOptions,
  env: Env,
): Promise<PackLookup | { objects: (BatchObject | undefined)[] | undefined }> {
  const exact = choice.kind === "exact";
  const head = exact ? 0 : 1;
  const trees = candidates.map(({ ref }) => folderTree(`${ref}^{commit}`, repoPath));
  const requests = [...(exact ? [] : ["HEAD^{commit}"]), ...candidates.flatMap(({ ref }, index) => [`${ref}^{commit}`, trees[index]!.request]), ...candidates.map(({ ref }) => `${ref}^{commit}:${repoPath}`)];
  const received: (BatchObject | undefined)[] = [];
  let text: string | undefined;
  const lastTree = head + candidates.length * 2 - 1;
  await streamCatFile(
    root,
    requests,
    env,
    (index, object) => {
      received[index] = object;
      if (index !== lastTree) return false;
      const found = candidates.findIndex((_, candidate) => received[head + candidate * 2] !== undefined);
      const tip = received[head + found * 2]?.sha;
      if (found === -1 || tip === undefined || (!exact && received[0]?.sha !== tip)) return false;
      const tree = received[head + found * 2 + 1];
      if (tree?.type !== "tree") return false;
      const entry = treeEntries(tree.content, idLengthOf(tip)).get(trees[found]!.name);
      if (entry === undefined) return false;
      // The file is read by now, or nearly: waiting for it costs less than reading the blob.
      return options.workingText!.then((current) => {
        if (current === undefined || !holdsText(entry, current, idLengthOf(tip))) return false;
        text = current;
        return true;
      });
    },
    options.maxBytes,
    options.started,
  );
  const tips = candidates.map((_, index) => received[head + index * 2]?.sha);
  if (text !== undefined) {
    const resolution = await resolutionOf(root, choice, candidates, exact ? undefined : received[0]?.sha, tips, env);
    if (resolution.kind === "found" && resolution.commit === resolution.tip) {
      return { baseline: baselineAt(resolution, new Uint8Array()), resolution, warnings: resolution.warnings, unchangedText: text };
    }
    return { objects: undefined }; // cannot happen (the tip was HEAD's): asked again the usual way
  }
  // Not known to be unchanged: the answers in the usual order — HEAD, then each candidate's tip and blob.
  const blobs = head + candidates.length * 2;
  return { objects: [...(exact ? [] : [received[0]]), ...candidates.flatMap((_, index) => [received[head + index * 2], received[blobs + index]])] };
}

/**
 * The commit a repository's packs are compared with, without looking up any pack (for finding the
 * packs first: one of the places they are looked for is the baseline commit).
 *
 * @example
 * ```ts
 * const resolution = await resolveBase("/repo", { kind: "default" }, env);
 * ```
 */
export async function resolveBase(root: string, choice: BaseChoice, env: Env, started?: EarlyCatFile): Promise<BaseResolution> {
  const candidates = await candidatesOf(root, choice, env);
  const exact = choice.kind === "exact";
  const objects = await catFile(root, [...(exact ? [] : ["HEAD^{commit}"]), ...candidates.map(({ ref }) => `${ref}^{commit}`)], env, undefined, started);
  const offset = exact ? 0 : 1;
  return resolutionOf(root, choice, candidates, exact ? undefined : objects[0]?.sha, candidates.map((_, index) => objects[offset + index]?.sha), env);
}

/** The first candidate that exists, and the commit to compare with: its merge-base with HEAD, or its tip. */
async function resolutionOf(
  root: string,
  choice: BaseChoice,
  candidates: readonly Candidate[],
  head: string | undefined,
  tips: readonly (string | undefined)[],
  env: Env,
): Promise<BaseResolution> {
  const found = tips.findIndex((tip) => tip !== undefined);
  if (found === -1) await refuseMissingCommits(root, candidates, env);
  if (found === -1) {
    if (choice.kind === "exact") throw new RunError(`--base ${JSON.stringify(choice.ref)} does not name a commit in this repository`);
    if (choice.kind === "branch") {
      const tried = [...new Set(candidates.map((c) => c.name))].join(", ");
      throw new RunError(`the base branch ${JSON.stringify(choice.name)} (${choice.source}) does not exist here (tried ${tried}); fetch it, or fix the name`);
    }
    return { kind: "no-ref", tried: candidates.map(({ name }) => name) };
  }
  const { name } = candidates[found]!;
  const tip = tips[found]!;
  const warnings: string[] = [];
  let commit = tip;
  if (head !== undefined && head !== tip) {
    const base = await mergeBase(root, head, tip, env);
    if (base !== undefined) commit = base;
    else {
      warnings.push(
        `warning: HEAD and ${name} have no common commit here (a shallow clone, or unrelated histories), so the pack is compared with ${name}'s tip; ` +
          "fetch the full history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)",
      );
    }
  }
  return { kind: "found", ref: name, tip, commit, warnings };
}

async function candidatesOf(root: string, choice: BaseChoice, env: Env): Promise<readonly Candidate[]> {
  switch (choice.kind) {
    case "exact": {
      // Any commit-ish git takes, `:/message` included (which no suffix may follow): git names the
      // object, after --end-of-options so that a ref can never be read as an option.
      const name = refuseLineBreaks(choice.ref, "--base");
      const result = await git(["rev-parse", "--verify", "--quiet", "--end-of-options", name], { cwd: root, env });
      const sha = new TextDecoder().decode(result.stdout).trim();
      if (result.exitCode !== 0 || !/^[0-9a-f]{40,64}$/.test(sha)) throw new RunError(`--base ${JSON.stringify(choice.ref)} does not name a commit in this repository`);
      return [{ name, ref: sha }];
    }
    case "branch": {
      const name = refuseLineBreaks(choice.name, "the base branch");
      // A branch name, as a local branch, then as origin's (a CI clone has only that), then as any ref.
      return [
        { name, ref: `refs/heads/${name}` },
        { name: `origin/${name}`, ref: `refs/remotes/origin/${name}` },
        { name, ref: name },
      ];
    }
    case "default":
      return DEFAULT_BASE_BRANCHES;
  }
}

function baselineAt(resolution: Extract<BaseResolution, { kind: "found" }>, bytes: Uint8Array | null): Baseline {
  const { ref, tip, commit } = resolution;
  return bytes === null ? { kind: "file-missing", ref, tip, commit } : { kind: "found", ref, tip, commit, bytes };
}

/** The index entry of the pack (stage 0), from the last four answers; a conflict (stages 1–3) is a RunError. */
function stagedOf(objects: readonly (Parameters<typeof blobContent>[0])[], options: LookupOptions, repoPath: string): { staged?: Uint8Array | null } {
  if (options.staged !== true) return {};
  const [merged, ...sides] = objects;
  if (merged === undefined && sides.some((side) => side !== undefined)) {
    throw new RunError(`${repoPath}: has unresolved merge conflicts in the index; resolve them and git add it, then commit`);
  }
  return { staged: blobContent(merged, `the index entry of ${repoPath}`) };
}

/**
 * cat-file says "missing" both for a ref that does not exist and for an object this clone lacks
 * (alternates gone, a partial clone, a damaged repository). Only the first may be taken for "no
 * baseline": a base branch whose ref exists but whose commit cannot be read is a RunError.
 */
async function refuseMissingCommits(root: string, candidates: readonly Candidate[], env: Env): Promise<void> {
  const refs = candidates.map(({ ref }) => ref).filter((ref) => ref.startsWith("refs/"));
  if (refs.length === 0) return;
  const listed = await git(["for-each-ref", "--format=%(refname)", "--end-of-options", ...refs], { cwd: root, env });
  const existing = new TextDecoder().decode(listed.stdout).split("\n").filter(Boolean);
  const named = candidates.find(({ ref }) => existing.includes(ref));
  if (named !== undefined) {
    throw new RunError(
      `${named.name} exists, but its commit cannot be read from this repository (objects missing: alternates gone, a partial or damaged clone); ` +
        "repair or re-fetch the repository (git fetch, git fsck) — the check cannot tell what was published",
    );
  }
}

/**
 * A pack absent at the baseline commit is a first publish — unless the commit's tree does list it
 * and only its content is missing from this clone (a partial clone): then the check cannot run.
 */
async function refuseMissingBlob(root: string, resolution: Extract<BaseResolution, { kind: "found" }>, repoPath: string, env: Env): Promise<void> {
  const listed = await git(["ls-tree", "-z", "--full-tree", "--end-of-options", resolution.commit, "--", repoPath], { cwd: root, env: { ...env, GIT_LITERAL_PATHSPECS: "1" } });
  if (listed.exitCode !== 0) {
    throw new RunError(`${resolution.ref}@${resolution.commit.slice(0, 12)}: its tree cannot be read from this repository (objects missing); repair or re-fetch it (git fetch, git fsck)`);
  }
  const entry = /^\d+ blob ([0-9a-f]+)\t/.exec(new TextDecoder().decode(listed.stdout));
  if (entry !== null) {
    throw new RunError(
      `${resolution.ref}:${repoPath} (blob ${entry[1]}) is not in this clone (a partial clone, or missing objects), and rolepack-check never fetches; ` +
        `fetch it first, e.g. git fetch origin, or git -c fetch.negotiationAlgorithm=noop fetch origin ${resolution.commit}`,
    );
  }
}

/** The best common ancestor of two commits (both shas from git), or undefined when they have none here. */
async function mergeBase(root: string, a: string, b: string, env: Env): Promise<string | undefined> {
  const result = await git(["merge-base", a, b], { cwd: root, env });
  const sha = new TextDecoder().decode(result.stdout).trim();
  return result.exitCode === 0 && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}

/** `text` itself, or a RunError when it holds a line break (cat-file reads one request per line). */
function refuseLineBreaks(text: string, what: string): string {
  if (/[\n\r]/.test(text)) throw new RunError(`${what} ${JSON.stringify(text)} contains a line break, which git cannot look up`);
  return text;
}

/**
 * The blobs of many packs at one resolved baseline commit, read by one `git cat-file --batch`
 * instead of one process per pack (a repository of hundreds of packs): by path, null where the
 * commit has no such file. What is missing is explained later, pack by pack, by {@link lookUpPack}.
 *
 * @example
 * ```ts
 * const blobs = await prefetchBaselines(root, resolution, ["packs/a.rolepack.json", "packs/b.rolepack.json"], env);
 * await lookUpPack(root, "packs/a.rolepack.json", { resolved: resolution, prefetched: blobs.get("packs/a.rolepack.json") }, env);
 * ```
 */
export async function prefetchBaselines(
  root: string,
  resolution: Extract<BaseResolution, { kind: "found" }>,
  repoPaths: readonly string[],
  env: Env,
  maxBytes?: number,
  started?: EarlyCatFile,
): Promise<Map<string, BatchObject | null>> {
  for (const path of repoPaths) refuseLineBreaks(path, "path");
  const objects = await catFile(root, repoPaths.map((path) => `${resolution.commit}:${path}`), env, maxBytes, started);
  return new Map(repoPaths.map((path, index) => [path, objects[index] ?? null]));
}
