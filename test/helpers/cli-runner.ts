/**
 * Runs the real CLI two ways with one interface: in-process (`main` with captured streams) and
 * as the compiled `dist/rolepack-check` binary. End-to-end tests run every scenario with both.
 *
 * @example
 * ```ts
 * for (const cli of CLI_RUNNERS) test(`${cli.name}: clean pack`, async () => {
 *   const { exitCode } = await cli.run(["pack.json"], { cwd: repo.dir });
 * });
 * ```
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../lib/cli/main.ts";
import { GIT_ENV } from "./git-repo.ts";

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  stdin?: string | Uint8Array;
  /** In-process only: pretend standard output is a terminal. */
  tty?: boolean;
}

export interface CliRunner {
  readonly name: string;
  run(args: string[], options: RunOptions): Promise<CliResult>;
}

export const PROJECT_ROOT = join(import.meta.dir, "..", "..");
/**
 * The compiled program the "binary" runner runs: `dist/rolepack-check`, or another build of it
 * named by ROLEPACK_CHECK_BINARY (test/release.test.ts runs the end-to-end suite against a release
 * binary that way).
 */
export const BINARY_PATH = process.env.ROLEPACK_CHECK_BINARY ?? join(PROJECT_ROOT, "dist", "rolepack-check");

export const inProcess: CliRunner = {
  name: "in-process",
  async run(args, options) {
    let stdout = "";
    let stderr = "";
    const exitCode = await main(args, {
      cwd: options.cwd,
      env: options.env ?? GIT_ENV,
      isStdoutTerminal: () => options.tty === true,
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      readStdin: async () =>
        typeof options.stdin === "string" ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array()),
    });
    return { exitCode, stdout, stderr };
  },
};

export const compiledBinary: CliRunner = {
  name: "binary",
  async run(args, options) {
    if (!existsSync(BINARY_PATH)) {
      throw new Error(`${BINARY_PATH} is missing: run \`npm run build\` first (\`npm test\` does)`);
    }
    const proc = Bun.spawn([BINARY_PATH, ...args], {
      cwd: options.cwd,
      env: options.env ?? GIT_ENV,
      stdin: options.stdin === undefined ? "ignore" : typeof options.stdin === "string" ? new TextEncoder().encode(options.stdin) : options.stdin,
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr, exitCode] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    return { exitCode, stdout, stderr };
  },
};

export const CLI_RUNNERS: readonly CliRunner[] = [inProcess, compiledBinary];
