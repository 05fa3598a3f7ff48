/**
 * Golden files: expected outputs committed under test/golden/. `UPDATE_GOLDEN=1 bun test`
 * rewrites them; review the diff before committing.
 *
 * @example
 * ```ts
 * expectGolden("check.sarif", result.stdout);
 * ```
 */
import { expect } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const GOLDEN_DIR = join(import.meta.dir, "..", "golden");

export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file test/golden/${name} is missing: run UPDATE_GOLDEN=1 bun test`);
  expect(actual).toBe(readFileSync(file, "utf8"));
}
