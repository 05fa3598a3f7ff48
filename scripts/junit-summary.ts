/**
 * Prints `N passed, N failed` — as the last line, exactly so, for CI tooling that reads it — from
 * bun's JUnit report, after a line with the skipped and to-do count when there are any. Exits 1
 * when the report is missing, empty or has failures.
 *
 * @example
 * ```sh
 * bun scripts/junit-summary.ts .ci/out/junit.xml
 * ```
 */
import { existsSync, readFileSync } from "node:fs";

const file = process.argv[2] ?? ".ci/out/junit.xml";
if (!existsSync(file)) {
  console.log(`no JUnit report at ${file}: the test run did not finish`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const root = /<testsuites\b([^>]*)>/.exec(readFileSync(file, "utf8"))?.[1] ?? "";
const count = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1] ?? 0);
const tests = count("tests");
const failed = count("failures") + count("errors");
const skipped = count("skipped");
const passed = tests - failed - skipped;
if (skipped > 0) console.log(`${skipped} skipped or still to do (test.skip, test.todo)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
