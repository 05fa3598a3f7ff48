/**
 * The SARIF rolepack-check writes passes the official validators: the SARIF 2.1.0 JSON schema and
 * the SARIF Multitool (@microsoft/sarif-multitool from npm, which ships both), with its SARIF rules
 * and its GitHub code scanning ingestion rules (`--rule-kind Sarif;Ghas`): a report with findings, notes and an awkward file
 * name, and the log of a run that could not happen. One warning is expected while package.json
 * names no `homepage`: SARIF2005, a tool without `informationUri` (there is no public address to
 * give yet, and a made-up one would be worse).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { CLI_RUNNERS, PROJECT_ROOT } from "./helpers/cli-runner.ts";
import { GitRepo, makeTempDir, removeTempDirs } from "./helpers/git-repo.ts";
import { packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

/** The validator for this platform: the native program its npm package points at (the .bin wrapper runs it through a shell, which splits `Sarif;Ghas`). */
function multitool(): string | undefined {
  try {
    const path = require("@microsoft/sarif-multitool") as string;
    return Bun.spawnSync([path, "--version"], { stdout: "ignore", stderr: "ignore" }).exitCode === 0 ? path : undefined;
  } catch {
    return undefined; // no package for this platform
  }
}
const MULTITOOL = multitool();
if (MULTITOOL === undefined) console.warn("SKIPPING the SARIF Multitool test: @microsoft/sarif-multitool has no program for this platform (or npm ci was not run)");
const HOMEPAGE = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")).homepage as string | undefined;

/**
 * The official SARIF 2.1.0 schema, as the Multitool's package ships it. The Multitool passes over a
 * log that does not match it without a word, so ajv holds our logs to it (formats aside).
 */
function officialSchemaCheck(): ((log: unknown) => boolean) & { errors?: unknown } {
  const schema = JSON.parse(readFileSync(join(dirname(MULTITOOL!), "sarif-2.1.0.json"), "utf8"));
  return new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
}

/** The validators' findings about `sarif`: the schema's errors, then the Multitool's lines (minus the one expected while there is no homepage). */
function validate(sarif: string): string[] {
  const check = officialSchemaCheck();
  if (!check(JSON.parse(sarif))) return [JSON.stringify(check.errors)];
  const dir = makeTempDir();
  writeFileSync(join(dir, "report.sarif"), sarif);
  const run = Bun.spawnSync([MULTITOOL!, "validate", "report.sarif", "--output", "validation.sarif", "--rule-kind", "Sarif;Ghas"], { cwd: dir, stdout: "pipe", stderr: "pipe" });
  const console = `${run.stdout}${run.stderr}`;
  expect(console).toContain("Analysis completed successfully.");
  return console
    .split("\n")
    .filter((line) => /: (error|warning|note) [A-Z]+\d+:/.test(line))
    .filter((line) => HOMEPAGE !== undefined || !line.includes("SARIF2005"));
}

describe.skipIf(MULTITOOL === undefined)("SARIF against the SARIF Multitool (SARIF and GitHub ingestion rules)", () => {
  test("a report with findings, run notes and a file name that needs percent-encoding", async () => {
    const repo = GitRepo.create();
    const name = "packs/a#b?c d%.rolepack.json";
    repo.write(name, packText(smallPack([role("editor", { aliases: ["cutter"] }), role("colorist"), role("composer")])));
    repo.commit("publish");
    repo.write(name, packText(smallPack([role("editor"), role("colorist")])));
    repo.write("new.rolepack.json", packText(smallPack([role("painter")])));
    repo.git("add", "-A");
    const { stdout, exitCode } = await CLI_RUNNERS[0]!.run(["--format", "sarif"], { cwd: repo.dir });
    expect(exitCode).toBe(1);
    expect(JSON.parse(stdout).runs[0].results.length).toBeGreaterThan(3);
    expect(validate(stdout)).toEqual([]);
  }, 120_000);

  test("the validators do catch a broken log (a level SARIF does not have)", () => {
    const log = JSON.parse(readFileSync(join(PROJECT_ROOT, "test", "golden", "check.sarif"), "utf8"));
    log.runs[0].results[0].level = "fatal";
    expect(validate(JSON.stringify(log))).not.toEqual([]);
  });

  test("the log of a run that could not happen", async () => {
    const { stdout, exitCode } = await CLI_RUNNERS[0]!.run(["missing.json", "--format", "sarif"], { cwd: makeTempDir() });
    expect(exitCode).toBe(2);
    expect(validate(stdout)).toEqual([]);
  }, 120_000);
});
