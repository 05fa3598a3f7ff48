#!/usr/bin/env bun
/**
 * rolepack-check: keeps a RolePack registry append-only. See README.md and `--help`.
 *
 * This file is the thin shell: process arguments, streams and exit code. Everything else
 * takes values and returns data (lib/).
 */
import { main } from "./lib/cli/main.ts";
import { absoluteGitEnv, EarlyCatFile, isStdoutTerminal, readStreamBounded } from "./lib/git/mod.ts";

/**
 * Output goes through `Bun.write` in order: the first `process.stdout.write` of a process costs
 * ~17 ms (the Node stream is set up lazily), more than the whole check of a clean pack. A reader
 * that went away (`| head -1`) is not an error worth a word.
 */
let output: Promise<unknown> = Promise.resolve();
const emit = (sink: typeof Bun.stdout, text: string) => {
  output = output.then(() => Bun.write(sink, text)).catch(() => undefined);
};

/** Commands that never read a baseline: no point in starting git for them. */
const WITHOUT_GIT = new Set(["hash", "schema", "rules", "manifest", "install-hook", "uninstall-hook", "help", "--help", "-h", "--version", "-V"]);

/**
 * Whether a cat-file started now would likely be used. Not for the commands above, and not for the
 * pre-commit hook's `check --staged` without PACK: most commits change no pack, and then one
 * `git diff --cached` is all the run does.
 */
function wantsEarlyCatFile(argv: readonly string[]): boolean {
  if (WITHOUT_GIT.has(argv[0] ?? "")) return false;
  const operands = argv.filter((arg, index) => !arg.startsWith("-") && !(index === 0 && arg === "check") && !["--format", "--base", "--events", "--wsid", "--job-id", "--max-size"].includes(argv[index - 1] ?? ""));
  return !(argv.includes("--staged") && operands.length === 0);
}

// git's start (a few ms) overlaps parsing the pack instead of following it: see EarlyCatFile.
const cwd = process.cwd();
const early = wantsEarlyCatFile(process.argv.slice(2)) ? EarlyCatFile.start(cwd, absoluteGitEnv(process.env, cwd)) : undefined;

try {
  process.exitCode = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    isStdoutTerminal,
    stdout: (text) => emit(Bun.stdout, text),
    stderr: (text) => emit(Bun.stderr, text),
    readStdin: (maxBytes) => readStreamBounded(Bun.stdin.stream() as unknown as AsyncIterable<Uint8Array>, "<stdin>", maxBytes),
    ...(early !== undefined && { earlyCatFile: early }),
  });
} catch (error) {
  // A bug, not a user error: still one line and exit 2, never a stack trace in a hook.
  const message = error instanceof Error ? error.message : String(error);
  emit(Bun.stderr, `rolepack-check: internal error: ${message.split("\n")[0]} (please report it)\n`);
  process.exitCode = 2;
}
early?.release();
await output;

// Exit at once: the work is done and written; letting the runtime wind down costs ~0.5 ms more.
process.exit(process.exitCode ?? 0);
