/**
 * `--output FILE`: a report written to a file all at once (atomic-write.ts), loaded only when a
 * run asks for it — node:fs/promises stays off the path of a plain check.
 *
 * @example
 * ```ts
 * await writeReportFile("/repo/rolepack.sarif", "rolepack.sarif", sarifText);
 * ```
 *
 * @internal For the command line; it may change in any release.
 */
export async function writeReportFile(path: string, shown: string, text: string): Promise<void> {
  const { writeFileAtomically } = await import("./atomic-write.ts");
  await writeFileAtomically(path, shown, text);
}
