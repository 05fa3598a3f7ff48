/**
 * `git cat-file --batch`: the one process that reads every blob a check needs, its output parsed
 * as it streams in. Requests go on its standard input, never on its command line, so a
 * user-supplied ref or path can never be read as an option.
 *
 * @example
 * ```ts
 * const [commit, blob] = await catFile(root, ["main^{commit}", "main^{commit}:assets/pack.json"], env);
 * ```
 */
import { workTreeOf } from "./repository.ts";
import { type Env, firstLine, startGit } from "./process.ts";
import { RunError } from "./run-error.ts";
import { DEFAULT_MAX_BYTES, tooLarge } from "./size-limit.ts";
import { noteBytesRead } from "../jit-policy.ts";

/** A `git cat-file --batch` whose requests are written to it once known (see {@link endInput}). */
function startCatFile(cwd: string, env: Env) {
  return startGit(["cat-file", "--batch"], { cwd, env, stdin: "pipe" });
}

type CatFileProcess = ReturnType<typeof startCatFile>;

/**
 * Writes `input` (if any) to a started cat-file and closes its input. A git that already exited
 * (not a repository, a refused directory) has closed the pipe: that failure is not reported here —
 * its exit status and stderr say what went wrong.
 */
function endInput(proc: CatFileProcess, input?: string): void {
  try {
    if (input !== undefined) proc.stdin.write(input);
    Promise.resolve(proc.stdin.end()).catch(() => undefined);
  } catch {
    // see above
  }
}

/**
 * A `git cat-file --batch` started in `cwd` before the checker knows what to ask it: git's own
 * start (a few milliseconds) then overlaps the checker's instead of following it. It serves the
 * first pack whose repository is the one git found from `cwd` (see {@link lookUpPack}).
 *
 * @example
 * ```ts
 * const early = EarlyCatFile.start(process.cwd(), env);
 * // … later, for a pack in that repository:
 * await lookUpPack(root, "assets/pack.json", { started: early }, env);
 * early?.release(); // if nobody took it
 * ```
 *
 * @internal For the command line; it may change in any release.
 */
export class EarlyCatFile {
  #process: CatFileProcess | undefined;

  private constructor(
    readonly cwd: string,
    process: CatFileProcess,
  ) {
    this.#process = process;
  }

  /** Undefined when git cannot be started at all (the normal path then says why). */
  static start(cwd: string, env: Env): EarlyCatFile | undefined {
    try {
      return new EarlyCatFile(cwd, startCatFile(cwd, env));
    } catch {
      return undefined;
    }
  }

  /** The process, handed out once. */
  take(): CatFileProcess | undefined {
    const taken = this.#process;
    this.#process = undefined;
    return taken;
  }

  /**
   * The function that hands `early` to the first pack whose work tree is the one git finds from
   * `early.cwd`, and nothing to any other (nor at all when GIT_DIR or GIT_WORK_TREE point git
   * elsewhere: the early process may then be looking at another repository).
   */
  static claimer(early: EarlyCatFile | undefined, env: Env): (root: string) => Promise<EarlyCatFile | undefined> {
    let earlyRoot: Promise<string | undefined> | undefined;
    let claimed = false;
    return async (root) => {
      if (early === undefined || claimed || env.GIT_DIR || env.GIT_WORK_TREE) return undefined;
      earlyRoot ??= workTreeOf(early.cwd, env).then(
        (tree) => tree.root,
        () => undefined,
      );
      if ((await earlyRoot) !== root) return undefined;
      claimed = true;
      return early;
    };
  }

  /** Lets an untaken process go: its input ends (cat-file then exits) and nobody waits for it. */
  release(): void {
    const untaken = this.take();
    if (untaken === undefined) return;
    untaken.unref();
    endInput(untaken);
  }
}

/**
 * `git cat-file --batch`, its output parsed as it streams in: each object is handed over as soon
 * as it is complete, in request order (undefined for a missing one).
 */
export async function streamCatFile(
  root: string,
  requests: string[],
  env: Env,
  /**
   * Called with each object in turn; `true` (or a promise of it, awaited before reading on) stops
   * the reading there: git is stopped, what it still had to say unread.
   */
  onObject: (index: number, object: BatchObject | undefined) => boolean | void | Promise<boolean>,
  maxBytes = DEFAULT_MAX_BYTES,
  early?: EarlyCatFile,
): Promise<void> {
  const proc = early?.take() ?? startCatFile(root, env);
  endInput(proc, `${requests.join("\n")}\n`);
  const decoder = new TextDecoder();
  let index = 0;
  let header: number[] = [];
  let pending: { sha: string; type: string; content: Uint8Array; filled: number } | undefined;
  let skipNewline = false;
  for await (const chunk of proc.stdout) {
    let at = 0;
    while (at < chunk.length) {
      if (skipNewline) {
        at++; // the line feed after each object's content
        skipNewline = false;
      } else if (pending !== undefined) {
        const take = Math.min(pending.content.length - pending.filled, chunk.length - at);
        pending.content.set(chunk.subarray(at, at + take), pending.filled);
        pending.filled += take;
        at += take;
        if (pending.filled === pending.content.length) {
          const stop = onObject(index++, { sha: pending.sha, type: pending.type, content: pending.content });
          pending = undefined;
          skipNewline = true;
          if (stop === true || (stop instanceof Promise && (await stop))) return stopReading(proc);
        }
      } else {
        const end = chunk.indexOf(0x0a, at);
        const stop = end === -1 ? chunk.length : end;
        for (let i = at; i < stop; i++) header.push(chunk[i]!);
        at = stop;
        if (end === -1) continue;
        at++;
        const match = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(decoder.decode(new Uint8Array(header)));
        header = [];
        if (match === null) {
          const stop = onObject(index++, undefined); // "<request> missing"
          if (stop === true || (stop instanceof Promise && (await stop))) return stopReading(proc);
          continue;
        }
        const size = Number(match[3]);
        if (size > maxBytes) {
          proc.kill();
          throw new RunError(tooLarge(`${requests[index]!.replace("^{commit}", "")} (git object ${match[1]})`, size, maxBytes));
        }
        noteBytesRead(size);
        pending = { sha: match[1]!, type: match[2]!, content: new Uint8Array(size), filled: 0 };
        if (pending.content.length === 0) {
          const stop = onObject(index++, { sha: pending.sha, type: pending.type, content: pending.content });
          pending = undefined;
          skipNewline = true;
          if (stop === true || (stop instanceof Promise && (await stop))) return stopReading(proc);
        }
      }
    }
    if (index === requests.length) {
      // Every request answered: git has nothing left to say, and its exit adds nothing — not
      // waiting for it saves a round of the event loop on every check.
      proc.unref();
      return;
    }
  }
  const [stderr, exitCode] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
  if (exitCode !== 0) throw new RunError(catFileFailure(stderr));
}

/** Stops a cat-file whose remaining answers are not wanted: it may be blocked writing them. */
function stopReading(proc: CatFileProcess): void {
  proc.unref();
  proc.kill();
}

/** What a cat-file that died says, in one line: a partial clone's missing object as such, else git's fatal line. */
function catFileFailure(stderr: string): string {
  const promised = /could not fetch ([0-9a-f]{40,64}) from promisor remote/.exec(stderr);
  if (promised !== null) {
    return (
      `object ${promised[1]} is not in this clone (a partial clone), and rolepack-check never fetches; ` +
      "fetch what the check needs first (git fetch, or git fetch --refetch for everything)"
    );
  }
  const fatal = stderr.split("\n").find((line) => line.startsWith("fatal: "));
  return `git cat-file failed: ${fatal ?? firstLine(stderr)}`;
}

/** `git cat-file --batch` for a few requests, collected: one entry per request (undefined when missing). */
export async function catFile(
  root: string,
  requests: string[],
  env: Env,
  maxBytes?: number,
  started?: EarlyCatFile,
): Promise<(BatchObject | undefined)[]> {
  const objects: (BatchObject | undefined)[] = [];
  await streamCatFile(
    root,
    requests,
    env,
    (index, object) => {
      objects[index] = object;
    },
    maxBytes,
    started,
  );
  return Array.from({ length: requests.length }, (_, index) => objects[index]);
}

/** The content of a blob answered by cat-file, null when missing; any other kind of object is a RunError. */
export function blobContent(object: BatchObject | undefined, what: string): Uint8Array | null {
  if (object === undefined) return null;
  if (object.type !== "blob") throw new RunError(`${what} is a ${object.type}, not a file`);
  return object.content;
}

/** One object as cat-file hands it over. */
export interface BatchObject {
  sha: string;
  type: string;
  content: Uint8Array;
}
