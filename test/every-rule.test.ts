/**
 * Every rule of the catalog, found in one real repository and reported in every output format,
 * in-process and compiled (issue #13: "every rule … has real-repository tests in every output
 * format"); and a role re-added after a removal is held to what it last was (#13 point 5).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { RULE_CODES } from "../lib/rules/catalog.ts";
import { CLI_RUNNERS } from "./helpers/cli-runner.ts";
import { GitRepo, removeTempDirs } from "./helpers/git-repo.ts";
import { contract, packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

const published = smallPack([
  role("editor", { aliases: ["cutter"] }),
  role("colorist"),
  role("composer", { department_id: "music" }),
  role("grader"),
]);

/** A pack that breaks every rule once at least; the duplicate key (HSK-RR-011) sits in a new contract's schema. */
function everyRuleBroken(): string {
  const current = smallPack([
    // 003 (X:1 edited), 013 (cutter gone), 014 (allowed_models changed without a new version)
    role("editor", { aliases: [], allowed_models: ["llama3", "m2"], extract_contracts: [contract("ROLE:editor:X:1", { type: "object", edited: true })] }),
    // 015 (department changed, even with a new version)
    role("composer", { department_id: "sound", produce_contracts: [contract("ROLE:composer:C:1"), contract("ROLE:composer:C:2", { type: "object", v: 2 })] }),
    // 012 (an alias equal to a role_id), 010 (an unknown key)
    role("grader", { aliases: ["editor"], colour: "teal" } as never),
    // 006
    role("Bad-Id", { extract_contracts: [], produce_contracts: [] }),
    // 004
    role("twin"),
    role("twin", { extract_contracts: [contract("ROLE:twin:X:2")], produce_contracts: [contract("ROLE:twin:C:2")] }),
    // 005, 007, 008, 009, 016 (no produce contract)
    role("mixer", {
      extract_contracts: [contract("ROLE:mixer:X:1"), contract("ROLE:mixer:X:1"), contract("ROLE:mixer:X:01"), contract("ROLE:editor:X:9")],
      produce_contracts: [contract("ROLE:mixer:X:2")],
    }),
    role("scorer", { extract_contracts: [contract("ROLE:scorer:X:1", { type: "object", dup: 1 })] }),
  ]); // colorist gone: 001, 002; pack_version still "1": 017
  return packText(current).replace('"dup": 1', '"dup": 1,\n            "dup": 2');
}

const FORMATS: Record<string, (stdout: string) => string[]> = {
  text: (stdout) => [...stdout.matchAll(/ (?:error|warning) (HSK-RR-\d{3}) /g)].map((m) => m[1]!),
  json: (stdout) => JSON.parse(stdout).diagnostics.map((d: { code: string }) => d.code),
  github: (stdout) => [...stdout.matchAll(/title=(HSK-RR-\d{3})::/g)].map((m) => m[1]!),
  sarif: (stdout) => JSON.parse(stdout).runs[0].results.map((r: { ruleId: string }) => r.ruleId),
  junit: (stdout) => [...stdout.matchAll(/: (?:error|warning) (HSK-RR-\d{3}) /g)].map((m) => m[1]!),
};

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: every rule, every format`, () => {
    test("one repository breaking every rule: each code is reported in text, JSON, GitHub, SARIF and JUnit", async () => {
      const repo = GitRepo.create();
      repo.write("studio.rolepack.json", packText(published));
      repo.commit("publish");
      repo.write("studio.rolepack.json", everyRuleBroken());
      const seen: Record<string, string[]> = {};
      for (const [format, codesOf] of Object.entries(FORMATS)) {
        const result = await cli.run(["--format", format], { cwd: repo.dir });
        expect(result.exitCode).toBe(1);
        seen[format] = [...new Set(codesOf(result.stdout))].sort();
      }
      for (const format of Object.keys(FORMATS)) expect({ format, codes: seen[format] }).toEqual({ format, codes: [...RULE_CODES] });
    });
  });

  describe(`${cli.name}: a role re-added after a removal (--history)`, () => {
    test("is held to its last published department (HSK-RR-015) and definition (HSK-RR-014)", async () => {
      const repo = GitRepo.create();
      repo.write("studio.rolepack.json", packText(published));
      repo.commit("publish");
      repo.write("studio.rolepack.json", packText(smallPack([role("editor", { aliases: ["cutter"] }), role("colorist"), role("grader")], "2")));
      repo.commit("composer removed (a breach that slipped in)");
      const readded = role("composer", { department_id: "sound", proposal_policy: "queue_only" });
      repo.write("studio.rolepack.json", packText(smallPack([role("editor", { aliases: ["cutter"] }), role("colorist"), role("grader"), readded], "3")));
      const tip = await cli.run(["--format", "json"], { cwd: repo.dir });
      // The tip alone no longer knows composer: nothing fails (its plain schemas only warn, HSK-RR-018).
      expect(JSON.parse(tip.stdout).diagnostics.filter((d: { severity: string }) => d.severity === "error")).toEqual([]);
      const history = await cli.run(["--history", "--format", "json"], { cwd: repo.dir });
      expect(history.exitCode).toBe(1);
      const errors = JSON.parse(history.stdout).diagnostics.filter((d: { severity: string }) => d.severity === "error");
      expect(errors.map((d: { code: string; message: string }) => `${d.code} ${d.message.split(";")[0]}`)).toEqual([
        'HSK-RR-015 department_id of role "composer" changed: "music" → "sound"',
        'HSK-RR-014 role "composer" changed its definition without a new contract version: proposal_policy: "disabled" → "queue_only"',
      ]);
    });
  });
}
