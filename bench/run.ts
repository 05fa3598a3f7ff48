/**
 * `npm run bench`: generates the inputs, builds the checker and the floor program, runs every
 * scenario of issue #5 side by side (hyperfine when installed, else a repeated-run harness with
 * the same statistics) and writes BENCHMARKS.md. Not part of `npm test`.
 *
 * @example
 * ```sh
 * npm run bench            # all scenarios
 * RUNS=5 npm run bench     # fewer runs per scenario
 * ```
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { generate, PACK_PATH, REAL_PACK_PATH, WORK } from "./generate.ts";

const ROOT = join(import.meta.dir, "..");
const BINARY = join(ROOT, "dist", "rolepack-check");
const FLOOR = join(WORK, "floor");
const BUN = process.execPath;
const RUNS = Number(process.env.RUNS ?? 15);

interface Measured {
  median: number;
  min: number;
  max: number;
  runs: number;
  peakRss?: number | undefined;
}

function sh(args: string[], cwd = ROOT): string {
  const result = Bun.spawnSync(args, { cwd, stdout: "pipe", stderr: "pipe" });
  if (result.exitCode !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.toString().trim();
}

function hasHyperfine(): boolean {
  return Bun.which("hyperfine") !== null;
}

/** A command and the directory it runs in. */
interface Job {
  command: string[];
  cwd: string;
}

/** Wall-clock statistics of `command` run in `cwd`; exit codes are not judged (violations exit 1). */
async function time(command: string[], cwd: string, runs = RUNS): Promise<Measured> {
  const [measured] = await sideBySide([{ command, cwd }], runs);
  return measured!;
}

/**
 * Wall-clock statistics of jobs compared with each other, their runs interleaved: rounds of a
 * few runs of each in turn, so that a burst of load on this shared machine falls on all of them
 * and not on whichever happened to be running (a ratio of medians taken minutes apart moved by
 * 40 % between runs). Each job is warmed up twice first.
 */
async function sideBySide<const Jobs extends readonly Job[]>(jobs: Jobs, runs = RUNS): Promise<{ [K in keyof Jobs]: Measured }> {
  const samples: number[][] = jobs.map(() => []);
  const perRound = Math.min(3, runs);
  for (let round = 0; samples[0]!.length < runs; round++) {
    for (const [index, { command, cwd }] of jobs.entries()) {
      samples[index]!.push(...runsOf(command, cwd, Math.min(perRound, runs - samples[index]!.length), round === 0 ? 2 : 0));
    }
  }
  const measured: Measured[] = [];
  for (const [index, { command, cwd }] of jobs.entries()) {
    const sorted = samples[index]!.sort((a, b) => a - b);
    measured.push({ median: median(sorted), min: sorted[0]!, max: sorted.at(-1)!, runs, peakRss: await peakRss(command, cwd) });
  }
  return measured as { [K in keyof Jobs]: Measured };
}

/** The wall-clock times (ms) of `count` runs after `warmup` unmeasured ones: hyperfine `-N` when installed, else `Bun.spawnSync`. */
function runsOf(command: string[], cwd: string, count: number, warmup: number): number[] {
  if (hasHyperfine()) {
    const out = join(WORK, "hyperfine.json");
    sh(["hyperfine", "-N", "-i", "--warmup", String(warmup), "--runs", String(count), "--export-json", out, "--", command.map(quote).join(" ")], cwd);
    const [result] = JSON.parse(readFileSync(out, "utf8")).results;
    return (result.times as number[]).map((seconds) => seconds * 1000);
  }
  const times: number[] = [];
  for (let i = 0; i < count + warmup; i++) {
    const start = performance.now();
    Bun.spawnSync(command, { cwd, stdout: "ignore", stderr: "ignore" });
    if (i >= warmup) times.push(performance.now() - start);
  }
  return times;
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Peak resident memory, the median of three runs, from GNU time (`/usr/bin/time -f %M`, in KiB):
 * when the garbage collector runs varies from run to run. Bun's `resourceUsage().maxRSS` is not
 * used: it reports the largest child so far, not this one.
 */
async function peakRss(command: string[], cwd: string): Promise<number | undefined> {
  if (!(await Bun.file("/usr/bin/time").exists())) return undefined;
  const peaks: number[] = [];
  for (let run = 0; run < 3; run++) {
    const proc = Bun.spawn(["/usr/bin/time", "-f", "%M", ...command], { cwd, stdout: "ignore", stderr: "pipe" });
    const [stderr] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    const kib = Number(stderr.trim().split("\n").at(-1));
    if (!Number.isFinite(kib)) return undefined;
    peaks.push(kib * 1024);
  }
  return median(peaks.sort((a, b) => a - b));
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
const mb = (bytes: number | undefined) => (bytes === undefined ? "—" : `${(bytes / 1048576).toFixed(0)} MB`);

const dirs = await generate();
sh(["npm", "run", "--silent", "build"]);
sh([BUN, "build", "--compile", "--minify", "--bytecode", "--format=esm", join(ROOT, "bench", "floor.ts"), "--outfile", FLOOR]);
// The least a compiled program costs here: start the runtime, evaluate nothing, exit.
const EMPTY = join(WORK, "empty");
writeFileSync(`${EMPTY}.ts`, "export {};\n");
sh([BUN, "build", "--compile", "--minify", "--bytecode", "--format=esm", `${EMPTY}.ts`, "--outfile", EMPTY]);

const rows: string[] = [];
const row = (scenario: string, command: string, m: Measured, note: string) =>
  rows.push(`| ${scenario} | \`${command}\` | ${ms(m.median)} | ${ms(m.min)} – ${ms(m.max)} | ${mb(m.peakRss)} | ${note} |`);

// What a clean check asks git (lib/git/baseline.ts lookUpPack): HEAD, and each default base branch's tip and pack.
const CANDIDATES = ["refs/heads/main", "refs/remotes/origin/main", "refs/remotes/origin/HEAD", "refs/heads/master", "refs/remotes/origin/master"];
const REQUESTS = join(WORK, "clean-requests.txt");
writeFileSync(REQUESTS, ["HEAD^{commit}", ...CANDIDATES.flatMap((ref) => [`${ref}^{commit}`, `${ref}^{commit}:${PACK_PATH}`])].join("\n") + "\n");
const GIT_ALONE = `exec git cat-file --batch < ${quote(REQUESTS)} > /dev/null`;
const [clean, reference, empty, gitAlone] = await sideBySide([
  { command: [BINARY, PACK_PATH], cwd: dirs.defaultClean },
  { command: ["node", join(ROOT, "bench", "reference-check.mjs"), PACK_PATH], cwd: dirs.defaultClean },
  { command: [EMPTY], cwd: dirs.defaultClean },
  { command: ["sh", "-c", GIT_ALONE], cwd: dirs.defaultClean },
]);
row(
  "1. default pack, clean",
  "rolepack-check",
  clean,
  `target ≤ 15 ms; ${(reference.median / clean.median).toFixed(1)}× faster than the reference (target ≥ 10×, i.e. ≤ ${ms(reference.median / 10)} here, of which the runtime's start and git's answer alone take ${ms(empty.median + gitAlone.median)})`,
);
row("1. default pack, clean", "node bench/reference-check.mjs", reference, "the yardstick: plain Node, original behaviour");
row("1. default pack, clean", "an empty compiled Bun program", empty, `the start-up floor: the check costs ${ms(clean.median - empty.median)} more`);
row("1. default pack, clean", "git cat-file --batch < requests (through sh)", gitAlone, "git alone answering the check's requests (its baseline lookup), on an idle core");

const violations = await time([BINARY], dirs.defaultViolations);
row("2. default pack, violations", "rolepack-check", violations, "a removed role, a drift and a misspelt key at once");
for (const [name, dir] of [
  ["one role removed", dirs.removedRole],
  ["a drift", dirs.drift],
  ["a typo'd key", dirs.typo],
  ["a JSONC pack with an error", dirs.jsoncError],
] as const) {
  const measured = await time([BINARY, PACK_PATH], dir);
  row(`2. default pack, ${name}`, "rolepack-check", measured, `target ≤ 50 ms; ${(measured.median / clean.median).toFixed(1)}× the clean check`);
}

if (dirs.realAsIs !== undefined && dirs.realFixed !== undefined) {
  const fixed = Bun.spawnSync([BINARY, "fix", REAL_PACK_PATH], { cwd: dirs.realFixed, stdout: "ignore", stderr: "pipe" });
  if (fixed.exitCode !== 0) throw new Error(`rolepack-check fix failed on the real pack: ${fixed.stderr}`);
  const asIs = await time([BINARY, REAL_PACK_PATH], dirs.realAsIs);
  row("7. the real pack (../shared), as is", "rolepack-check", asIs, "schema errors (it predates aliases/lifecycle); target ≤ 50 ms");
  const [afterFix, realReference] = await sideBySide([
    { command: [BINARY, REAL_PACK_PATH], cwd: dirs.realFixed },
    { command: ["node", join(ROOT, "bench", "reference-check.mjs"), REAL_PACK_PATH], cwd: dirs.realFixed },
  ]);
  row(
    "7. the real pack, after `fix`",
    "rolepack-check",
    afterFix,
    `clean; ${(realReference.median / afterFix.median).toFixed(1)}× faster than the reference (target ≥ 10×, i.e. ≤ ${ms(realReference.median / 10)} here); ` +
      "changed since its baseline (fix added two fields to every role), so unlike row 1 the baseline is read and the registry built",
  );
  row("7. the real pack, after `fix`", "node bench/reference-check.mjs", realReference, "the yardstick on the same pack");
} else {
  rows.push("| 7. the real pack | — | — | — | — | skipped: ../shared is absent |");
}

sh([BINARY, "install-hook"], dirs.hookNoPack);
const hook = await time([join(dirs.hookNoPack, ".git", "hooks", "pre-commit")], dirs.hookNoPack);
row("8. pre-commit hook, a commit touching no pack", ".git/hooks/pre-commit", hook, "the installed hook (sh, then `check --staged`); target ≤ 12 ms");

const [large, floor] = await sideBySide(
  [
    { command: [BINARY, "pack.json"], cwd: dirs.large },
    { command: [FLOOR, "pack.json"], cwd: dirs.large },
  ],
  Math.max(3, Math.floor((RUNS * 3) / 5)), // nine of each: the ratio of two long runs moves with every burst of load
);
row(
  "3. large pack (10,000 roles / 40,000 contracts)",
  "rolepack-check",
  large,
  `${(large.median / floor.median).toFixed(2)}× the floor (target ≤ 1.6×); peak ${floor.peakRss === undefined || large.peakRss === undefined ? "—" : `${(large.peakRss / floor.peakRss).toFixed(2)}×`} the floor's (target ≤ 1.5×)`,
);
row("3. large pack", "floor (read, JSON.parse, SHA-256 every schema)", floor, "the floor program");

const many100 = await time([BINARY], dirs.many100, Math.max(3, Math.floor(RUNS / 3)));
row("6. 100 packs × 40 roles, clean", "rolepack-check (no PACK: every pack found)", many100, "target ≤ 0.3 s");
const many2000 = await time([BINARY], dirs.many2000, 3);
row("6. 2,000 packs × 40 roles, clean", "rolepack-check (no PACK: every pack found)", many2000, "target ≤ 3 s");

/** Bytes of the distinct versions of pack.json in a history: what git has to hand over. */
function historyBytes(dir: string): number {
  const log = sh(["git", "log", "--format=", "--raw", "--no-abbrev", "--full-history", "-m", "HEAD", "--", "pack.json"], dir);
  const blobs = [...new Set([...log.matchAll(/^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) /gm)].map((match) => match[1]!))];
  const sizes = Bun.spawnSync(["git", "cat-file", "--batch-check=%(objectsize)"], { cwd: dir, stdin: new TextEncoder().encode(`${blobs.join("\n")}\n`) });
  return sizes.stdout.toString().trim().split("\n").reduce((sum, size) => sum + Number(size), 0);
}

/**
 * What git hands over for a history, read to the end by another process: the log the checker
 * runs, then every distinct version through one `cat-file --batch` into `wc -c`. The bytes cross
 * a pipe as they do into the checker (into /dev/null git would not write them at all).
 */
const TRANSFER =
  "git log --format=%H --raw --no-abbrev --no-renames --root --full-history --diff-merges=separate --topo-order --reverse HEAD -- pack.json" +
  " | awk '/^:/ { print $4 }' | git cat-file --batch | wc -c > /dev/null";

const history: Record<string, Measured> = {};
for (const [name, dir] of [["100", dirs.history100], ["1,000", dirs.history1000], ["3,000", dirs.history3000]] as const) {
  const [checked, transfer] = await sideBySide(
    [
      { command: [BINARY, "pack.json", "--history"], cwd: dir },
      { command: ["sh", "-c", TRANSFER], cwd: dir },
    ],
    3,
  );
  history[name] = checked;
  const ratio = `${(history[name]!.median / transfer.median).toFixed(2)}× the transfer`;
  row(`4. --history, ${name} revisions of a 200-role pack`, "rolepack-check --history", history[name]!, name === "1,000" ? `${ratio} (target ≤ 2×)` : `${ratio}; linearity`);
  row(`4. --history, ${name} revisions`, "git log | git cat-file --batch | wc -c", transfer, "the raw transfer: every version through a pipe");
}

const dev = await time([BUN, join(ROOT, "check.ts"), PACK_PATH], dirs.defaultClean);
row("5. default pack, clean, uncompiled", "bun check.ts", dev, "development; no target");

const version = (args: string[]): string => {
  try {
    return sh(args).split("\n")[0] ?? "";
  } catch {
    return "not installed";
  }
};
const markdown = `# Benchmarks

Generated by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}. Each scenario runs the compiled
\`dist/rolepack-check\` in a real git repository generated by bench/generate.ts; figures are medians of
${RUNS} runs (large pack and histories: fewer), measured side by side in one run. Peak memory is the
process's maximum resident set size (GNU time; "—" where it is not installed).

| scenario | command | median | range | peak RSS | note |
|---|---|---|---|---|---|
${rows.join("\n")}

History scaling (the versions grow with the history, so the bytes git hands over grow faster than the count):
${[["100", dirs.history100], ["1,000", dirs.history1000], ["3,000", dirs.history3000]].map(([n, dir]) => {
  const bytes = historyBytes(dir!);
  return `- ${n} revisions: ${ms(history[n!]!.median)} for ${mb(bytes)} of distinct versions (${(history[n!]!.median / (bytes / 1048576)).toFixed(2)} ms per MB)`;
}).join("\n")}

## Machine and versions

- CPU: ${cpus()[0]?.model ?? "unknown"}, ${cpus().length} cores; memory ${(totalmem() / 2 ** 30).toFixed(0)} GiB
- ${version([BUN, "--version"]).replace(/^/, "bun ")}; node ${version(["node", "--version"])}; ${version(["git", "--version"])}; ${hasHyperfine() ? version(["hyperfine", "--version"]) : "hyperfine not installed (built-in harness)"}
- Noise: the empty compiled program, a fixed workload, took ${ms(empty.min)} – ${ms(empty.max)} (median ${ms(empty.median)}; 3.2 ms on a quiet run); the hypervisor's "steal" figure reads ~0 % here even while timings swing 40 %, so it is not given
- Inputs: the bundled pack (${(Bun.file(join(ROOT, PACK_PATH)).size / 1024).toFixed(0)} KB); a generated pack of ${(Bun.file(join(dirs.large, "pack.json")).size / 1048576).toFixed(0)} MB; histories of a 200-role pack (${(Bun.file(join(dirs.history1000, "pack.json")).size / 1024).toFixed(0)} KB at revision 1,000)

## Method

hyperfine \`-N\` (no shell), 2 warm-up runs, then the runs above; without hyperfine, the same
count of runs timed with \`performance.now()\` around \`Bun.spawnSync\`. Rows compared with each
other (the check and the reference, the empty program, the floor, the transfer) are measured
interleaved: rounds of three runs of each in turn, so that a burst of load falls on all of them.
Peak memory is the median of three runs. Machines here are noisy (2 cores, shared): compare rows of
one run, not runs of different days.
`;
writeFileSync(join(ROOT, "BENCHMARKS.md"), markdown);
console.log(markdown);

