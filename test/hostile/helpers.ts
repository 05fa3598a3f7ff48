/**
 * What every hostile case must show, whatever the input: the expected exit code, each problem
 * as one readable line (no stack trace, no "internal error"), and a repository left exactly as
 * it was found.
 *
 * @example
 * ```ts
 * const before = snapshot(repo.dir);
 * const result = await cli.run(["pack.json"], { cwd: repo.dir });
 * expectOneLineFailures(result);
 * expect(snapshot(repo.dir)).toEqual(before);
 * ```
 */
import { expect } from "bun:test";
import { lstatSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { CLI_RUNNERS, type CliResult } from "../helpers/cli-runner.ts";

/** Every file and directory under `dir` (the .git directory included) with its size and mtime. */
export function snapshot(dir: string): string[] {
  const entries: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      const info = lstatSync(path);
      entries.push(`${relative(dir, path)} ${info.isDirectory() ? "dir" : info.size} ${info.mtimeMs}`);
      if (info.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return entries;
}

/** Diagnostics are `path:line:col: severity CODE message`; a run that cannot happen says so in one line. */
const DIAGNOSTIC_LINE = /^.+:\d+:\d+: (error|warning) HSK-RR-\d{3} \S/;
const RUN_ERROR_LINE = /^rolepack-check: error: \S.*$/;

export function expectOneLineFailures(result: CliResult): void {
  const all = `${result.stdout}\n${result.stderr}`;
  expect(all).not.toContain("internal error");
  expect(all).not.toMatch(/^\s+at .+[:(]\d+/m); // a stack frame
  expect(all).not.toMatch(/RangeError|TypeError|SyntaxError:/);
  for (const line of result.stdout.split("\n")) {
    if (/ (error|warning) HSK-/.test(line)) expect(line).toMatch(DIAGNOSTIC_LINE);
  }
  if (result.exitCode === 2) {
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(RUN_ERROR_LINE);
  }
}

export interface Expectation {
  exit: 0 | 1 | 2;
  shows?: (string | RegExp)[];
  env?: Record<string, string>;
}

/** Runs `args` in `cwd` with both runners; checks exit code, one-line output, and that nothing under `watched` changed. */
export async function expectRun(args: string[], cwd: string, expected: Expectation, watched = cwd): Promise<void> {
  for (const cli of CLI_RUNNERS) {
    const before = snapshot(watched);
    const result = await cli.run(args, { cwd, ...(expected.env !== undefined && { env: expected.env }) });
    expect({ runner: cli.name, exitCode: result.exitCode, stderr: result.stderr }).toMatchObject({ runner: cli.name, exitCode: expected.exit });
    expectOneLineFailures(result);
    for (const shown of expected.shows ?? []) expect(`${result.stdout}${result.stderr}`).toMatch(shown);
    expect(snapshot(watched)).toEqual(before);
  }
}
