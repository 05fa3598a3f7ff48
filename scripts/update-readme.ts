/**
 * Rewrites the rule table in README.md from the rule catalog (`npm run docs`).
 * test/readme.test.ts fails when the committed table is out of date.
 *
 * @example
 * ```sh
 * bun scripts/update-readme.ts
 * ```
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { replaceRulesSection } from "./readme-rules.ts";

const readme = join(import.meta.dir, "..", "README.md");
writeFileSync(readme, replaceRulesSection(readFileSync(readme, "utf8")));
