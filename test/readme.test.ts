import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./helpers/cli-runner.ts";
import { replaceRulesSection } from "../scripts/readme-rules.ts";

const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");

describe("README", () => {
  test("its rule table is the one generated from the catalog (run `npm run docs`)", () => {
    expect(readme).toBe(replaceRulesSection(readme));
  });

  test("its CI example uses the Node version package.json's engines asks for (a dependency needs it)", () => {
    const engines = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")).engines.node as string;
    const major = /^>=(\d+)$/.exec(engines)?.[1];
    expect(major).toBeDefined();
    const versions = [...readme.matchAll(/node-version: (\d+)/g)].map((m) => m[1]);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.every((version) => version === major)).toBe(true);
    expect(readme).toContain(`Node.js ${major} or later`);
  });

  test("opens with the two set-up commands", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(firstBlock).toBe("npm ci && npm start   # check the bundled default pack\nnpm test              # run all tests\n");
  });
});
