/**
 * What a command may touch of the outside world, passed in so that tests can run the CLI
 * in-process with their own working directory, environment and captured output.
 *
 * @example
 * ```ts
 * const io: CliIO = { cwd: "/repo", env: {}, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => new Uint8Array() };
 * ```
 */
import type { EarlyCatFile } from "../git/mod.ts";

export interface CliIO {
  readonly cwd: string;
  readonly env: Record<string, string | undefined>;
  /** Whether standard output is a terminal (text output is colored there unless NO_COLOR is set); asked only for text output. */
  isStdoutTerminal?(): boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard input, read no further than `maxBytes` (a RunError past it: an endless input must not run forever). */
  readStdin(maxBytes: number): Promise<Uint8Array>;
  /** A `git cat-file --batch` the shell started in `cwd` at launch, for the first pack in that repository. */
  readonly earlyCatFile?: EarlyCatFile;
}
