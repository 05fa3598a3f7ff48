#!/usr/bin/env bun
/**
 * rolepack-check: keeps a RolePack registry append-only. See README.md and `--help`.
 *
 * This file is the thin shell: process arguments, streams and exit code. Everything else
 * takes values and returns data (lib/).
 */
import { main } from "./lib/cli/main.ts";
import { absoluteGitEnv, EarlyCatFile, isStdoutTerminal } from "./lib/git/mod.ts";

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
const WITHOUT_GIT = new Set(["hash", "schema", "rules", "manifest", "install-hook", "help", "--help", "-h", "--version", "-V"]);

// git's start (a few ms) overlaps parsing the pack instead of following it: see EarlyCatFile.
const cwd = process.cwd();
const early = WITHOUT_GIT.has(process.argv[2] ?? "") ? undefined : EarlyCatFile.start(cwd, absoluteGitEnv(process.env, cwd));

try {
  process.exitCode = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    isStdoutTerminal,
    stdout: (text) => emit(Bun.stdout, text),
    stderr: (text) => emit(Bun.stderr, text),
    readStdin: async () => new Uint8Array(await Bun.stdin.arrayBuffer()),
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
