/**
 * rolepack-check.jsonc: found at the work tree's root from any subdirectory, validated (exit 2 with
 * `rolepack-check.jsonc:LINE:COL: error …` and a did-you-mean), read from the index for a commit,
 * overridden by flags. Real repositories, in-process and compiled.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { readConfig } from "../lib/config/config.ts";
import { configJsonSchema } from "../lib/config/json-schema.ts";
import { CONFIG_CHECK } from "../lib/config/generated-check.ts";
import { type SchemaNode, schemaCheckSource } from "../lib/pack/schema-check-codegen.ts";
import { CLI_RUNNERS, PROJECT_ROOT } from "./helpers/cli-runner.ts";
import { GitRepo, removeTempDirs } from "./helpers/git-repo.ts";
import { packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

const published = smallPack([role("editor"), role("colorist")]);

function repoWith(config: string | undefined, branch = "main"): GitRepo {
  const repo = GitRepo.create(branch);
  repo.write("packs/studio.rolepack.json", packText(published));
  if (config !== undefined) repo.write("rolepack-check.jsonc", config);
  repo.commit("publish");
  return repo;
}

const json = (stdout: string) => JSON.parse(stdout) as { packs: { file: string; baseline: Record<string, unknown>; history?: unknown }[]; diagnostics: { code: string; severity: string }[] };

describe("the configuration's schema", () => {
  test("the README's example configuration is valid", async () => {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    const example = /## Configuration[\s\S]*?```jsonc\n([\s\S]*?)```/.exec(readme)![1]!;
    const read = await readConfig(example, "README.md");
    expect(read).toEqual({ config: expect.objectContaining({ base: "develop", rules: { "HSK-RR-012": "warning", "HSK-RR-017": "error" } }) });
    expect((read as { config: { waivers: unknown[] } }).config.waivers).toHaveLength(1);
  });

  test("the committed JSON Schema and the generated fast check are up to date (run `npm run generate`)", () => {
    const committed = readFileSync(join(PROJECT_ROOT, "assets", "rolepack-check.schema.json"), "utf8");
    expect(JSON.parse(committed)).toEqual(configJsonSchema());
    const generated = readFileSync(join(PROJECT_ROOT, "lib", "config", "generated", "config-check.ts"), "utf8");
    expect(generated).toBe(schemaCheckSource(JSON.parse(committed) as SchemaNode, CONFIG_CHECK));
  });

  test("an editor's validator (ajv) accepts a full configuration and rejects a typo and a lowered append-only rule", () => {
    const validate = new Ajv2020({ strict: false }).compile(configJsonSchema());
    const full = { $schema: "./rolepack-check.schema.json", packs: ["registry/*.rolepack.json"], base: "develop", history: true, require_baseline: true, rules: { "HSK-RR-012": "warning", "HSK-RR-001": "error" }, waivers: [] };
    expect(validate(full)).toBe(true);
    expect(validate({ histroy: true })).toBe(false);
    expect(validate({ rules: { "HSK-RR-003": "off" } })).toBe(false);
  });
});

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: rolepack-check.jsonc`, () => {
    test("schema --config prints the configuration's JSON Schema", async () => {
      const result = await cli.run(["schema", "--config"], { cwd: PROJECT_ROOT });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toBe(readFileSync(join(PROJECT_ROOT, "assets", "rolepack-check.schema.json"), "utf8"));
    });

    test("an unknown key is exit 2 at its line and column, with a did-you-mean, from any subdirectory", async () => {
      const repo = repoWith('{\n  // where the registry lives\n  "histroy": true\n}\n');
      const atRoot = await cli.run([], { cwd: repo.dir });
      expect(atRoot.exitCode).toBe(2);
      expect(atRoot.stderr).toBe('rolepack-check.jsonc:3:3: error unknown key "histroy"; did you mean "history"?\n');
      expect(atRoot.stdout).toBe("");
      const below = await cli.run([], { cwd: join(repo.dir, "packs") });
      expect(below.stderr).toBe('../rolepack-check.jsonc:3:3: error unknown key "histroy"; did you mean "history"?\n');
    });

    test("every problem is one line: syntax, wrong values, unknown rules, append-only rules set below error", async () => {
      const repo = repoWith('{\n  "history": "yes",\n  "rules": { "HSK-RR-099": "off", "HSK-RR-002": "warning" }\n}\n');
      const result = await cli.run([], { cwd: repo.dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr.split("\n").filter(Boolean)).toEqual([
        'rolepack-check.jsonc:2:14: error history must be boolean (was "yes")',
        'rolepack-check.jsonc:3:14: error unknown rule "HSK-RR-099" in "rules"; did you mean "HSK-RR-009"?',
        expect.stringMatching(/^rolepack-check\.jsonc:3:49: error HSK-RR-002 cannot be set to "warning": the append-only rules .* are always errors/),
      ]);
      const broken = repoWith('{ "base": "main", }\n{');
      expect((await cli.run([], { cwd: broken.dir })).stderr).toBe("rolepack-check.jsonc:2:1: error syntax error: expected end of file after the top-level value\n");
    });

    test("HSK-RR-011 cannot be lowered: a pack that cannot be read must not pass as one with nothing to compare", async () => {
      const repo = repoWith('{ "rules": { "HSK-RR-011": "off" } }');
      repo.write("packs/studio.rolepack.json", "garbage{");
      const result = await cli.run([], { cwd: repo.dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('error HSK-RR-011 cannot be set to "off": a pack that cannot be read is not compared with what was published, so it must fail');
    });

    test("rules: a rule set to warning is shown and does not fail the run; off is not reported", async () => {
      const collision = packText(smallPack([role("editor", { aliases: ["colorist"] }), role("colorist")], "2"));
      const warning = repoWith('{ "rules": { "HSK-RR-012": "warning" } }');
      warning.write("packs/studio.rolepack.json", collision);
      const shown = await cli.run(["--format", "json"], { cwd: warning.dir });
      expect(shown.exitCode).toBe(0);
      expect(json(shown.stdout).diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(["HSK-RR-012 warning"]);
      const off = repoWith('{ "rules": { "HSK-RR-012": "off" } }');
      off.write("packs/studio.rolepack.json", collision);
      const hidden = await cli.run(["--format", "json"], { cwd: off.dir });
      expect([hidden.exitCode, json(hidden.stdout).diagnostics]).toEqual([0, []]);
    });

    test("base: the configured branch, with merge-base semantics; a base that does not exist is exit 2", async () => {
      const repo = repoWith('{ "base": "develop" }', "develop");
      repo.git("checkout", "-q", "-b", "topic");
      repo.write("packs/studio.rolepack.json", packText(smallPack([role("editor")])));
      const result = await cli.run(["--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(json(result.stdout).packs[0]!.baseline).toMatchObject({ ref: "develop", merge_base: false });
      const missing = repoWith('{ "base": "trunk" }');
      const refused = await cli.run([], { cwd: missing.dir });
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toContain('the base branch "trunk" ("base" in rolepack-check.jsonc) does not exist here');
    });

    test("history and require_baseline apply; flags and PACK arguments override the file", async () => {
      const repo = repoWith('{ "history": true, "packs": ["elsewhere/*.json"] }');
      const byConfig = await cli.run(["packs/studio.rolepack.json", "--format", "json"], { cwd: repo.dir });
      expect(json(byConfig.stdout).packs[0]!.history).toEqual({ versions: 1 });
      const strict = GitRepo.create("trunk");
      strict.write("rolepack-check.jsonc", '{ "require_baseline": true }');
      strict.write("x.rolepack.json", packText(published));
      strict.commit();
      const refused = await cli.run([], { cwd: strict.dir });
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toContain("no baseline ref found");
      expect((await cli.run(["--base", "HEAD"], { cwd: strict.dir })).exitCode).toBe(0);
    });

    test("with --staged the configuration is read from the index, as the commit will have it", async () => {
      const repo = repoWith('{ "history": true }');
      repo.write("rolepack-check.jsonc", '{ "histroy": true }'); // a broken edit, not staged
      const staged = await cli.run(["--staged", "packs/studio.rolepack.json"], { cwd: repo.dir });
      expect(staged.exitCode).toBe(0);
      const working = await cli.run(["packs/studio.rolepack.json"], { cwd: repo.dir });
      expect(working.exitCode).toBe(2);
      repo.git("add", "rolepack-check.jsonc");
      const stagedNow = await cli.run(["--staged"], { cwd: repo.dir });
      expect(stagedNow.exitCode).toBe(2);
      expect(stagedNow.stderr).toContain('rolepack-check.jsonc:1:3: error unknown key "histroy"');
    });
  });
}
