/**
 * An error that means "the tool could not run as asked" (exit code 2): bad usage, a missing
 * or unreadable file, no git, no repository. Its message is one line, shown as is.
 *
 * @example
 * ```ts
 * throw new RunError("assets/pack.json: no such file");
 * ```
 */
export class RunError extends Error {
  override readonly name = "RunError";
}
