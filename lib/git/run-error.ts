/**
 * An error that means "the tool could not run as asked" (exit code 2): bad usage, a missing
 * or unreadable file, no git, no repository, an invalid configuration. Its message is one line —
 * or, when `located`, lines that each start with `file:line:col:` and are shown exactly as they are.
 *
 * @example
 * ```ts
 * throw new RunError("assets/pack.json: no such file");
 * throw new RunError('rolepack-check.jsonc:2:3: error unknown key "histroy"; did you mean "history"?', { located: true });
 * ```
 */
export class RunError extends Error {
  override readonly name = "RunError";
  /** True when the message is `file:line:col: error …` lines, printed without a prefix. */
  readonly located: boolean;

  constructor(message: string, options: { located?: boolean } = {}) {
    super(message);
    this.located = options.located === true;
  }
}
