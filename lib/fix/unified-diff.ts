/**
 * A unified diff of two versions of a file, as `git diff` writes it (`--- a/PATH`, `+++ b/PATH`,
 * three lines of context), from jsdiff (the `diff` package): what `fix --dry-run` prints, ready
 * for `git apply`. Empty when the texts are equal.
 *
 * @example
 * ```ts
 * unifiedDiff("packs/studio.json", before, after); // "--- a/packs/studio.json\n+++ b/packs/studio.json\n@@ -12,6 +12,8 @@ …"
 * ```
 */
import { createTwoFilesPatch } from "diff";

export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return "";
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff opens with a line of "=" (its Index: format); git's own diffs do not.
  return patch.replace(/^=+\n/, "");
}
