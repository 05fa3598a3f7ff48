/**
 * Every output format and record: golden files (stable across runs and between the in-process
 * CLI and the compiled binary), SARIF structure, GitHub escaping, flight-recorder events,
 * manifest determinism, the changelog and the JSON Schema.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import canonicalize from "canonicalize";
import type { DiagnosticRecord } from "../lib/report/diagnostic-record.ts";
import { escapeData, escapeProperty, renderGithub } from "../lib/report/render/github.ts";
import { markdownCell, markdownCode, markdownText } from "../lib/report/render/markdown.ts";
import type { CheckReport } from "../lib/report/report.ts";
import { schemaCheckSource } from "../lib/pack/schema-check-codegen.ts";
import { renderExactJsonSchema } from "../lib/pack/json-schema.ts";
import { RULE_CATALOG } from "../lib/rules/catalog.ts";
import { BINARY_PATH, CLI_RUNNERS, PROJECT_ROOT } from "./helpers/cli-runner.ts";
import { GIT_ENV, GitRepo, makeTempDir, removeTempDirs } from "./helpers/git-repo.ts";
import { expectGolden } from "./helpers/golden.ts";
import { contract, defaultPackText, packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

const PINNED = { ...GIT_ENV, SOURCE_DATE_EPOCH: "1767225600", HSK_WSID: "ws-golden", HSK_JOB_ID: "job-golden" };

/** main publishes three roles; the working tree removes one, drifts one contract, bumps and deprecates. */
function scenario(): GitRepo {
  const repo = GitRepo.create();
  repo.write("pack.json", packText(smallPack([role("editor", { aliases: ["cutter"] }), role("colorist"), role("composer")])));
  repo.commit("publish");
  const editor = role("editor", { aliases: ["cutter", "film_editor"], lifecycle: "deprecated" });
  editor.extract_contracts = [contract("ROLE:editor:X:1", { type: "object", widened: true })];
  const colorist = role("colorist");
  colorist.produce_contracts.push(contract("ROLE:colorist:C:2", { type: "object", v: 2 }));
  repo.write("pack.json", packText(smallPack([editor, colorist, role("sound_designer")])));
  return repo;
}

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: golden outputs`, () => {
    for (const format of ["text", "json", "github", "gitlab", "sarif", "junit"]) {
      test(`check --format ${format}`, async () => {
        const repo = scenario();
        const result = await cli.run(["pack.json", "--format", format], { cwd: repo.dir, env: PINNED });
        expect(result.exitCode).toBe(1);
        const golden = { text: "txt", junit: "xml", github: "github.txt", gitlab: "gitlab.json" }[format] ?? format;
        expectGolden(`check.${golden}`, result.stdout);
      });
    }

    test("diff --format markdown and json", async () => {
      const repo = scenario();
      const markdown = await cli.run(["diff", "pack.json"], { cwd: repo.dir, env: PINNED });
      expect(markdown.exitCode).toBe(1);
      expectGolden("diff.md", markdown.stdout);
      const json = await cli.run(["diff", "pack.json", "--format", "json"], { cwd: repo.dir, env: PINNED });
      expectGolden("diff.json", json.stdout);
    });

    test("manifest of the bundled default pack", async () => {
      const result = await cli.run(["manifest", join(PROJECT_ROOT, "assets", "atelier_rolepack_digital_production_studio_v1.json")], { cwd: makeTempDir() });
      expect(result.exitCode).toBe(0);
      expectGolden("manifest.json", result.stdout);
    });
  });

  describe(`${cli.name}: records and events`, () => {
    test("diagnostics carry ids, provenance and correlation; --events appends FR-EVT-003 lines without the diagnostic", async () => {
      const repo = scenario();
      const events = join(makeTempDir(), "events.jsonl");
      const result = await cli.run(["pack.json", "--format", "json", "--events", events, "--wsid", "ws-flag"], {
        cwd: repo.dir,
        env: { ...GIT_ENV, HSK_WSID: "ws-env", HSK_JOB_ID: "job-env" },
      });
      const report = JSON.parse(result.stdout);
      expect(report.wsid).toBe("ws-flag");
      expect(report.job_id).toBe("job-env");
      const lines = readFileSync(events, "utf8").split("\n");
      expect(lines.at(-1)).toBe("");
      const records = lines.slice(0, -1).map((line) => JSON.parse(line));
      expect(records).toHaveLength(report.diagnostics.length);
      for (const [index, event] of records.entries()) {
        const diagnostic = report.diagnostics[index];
        expect(diagnostic.diagnostic_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(diagnostic).toMatchObject({ source: "validator", tool: "role_registry_append_only", wsid: "ws-flag", job_id: "job-env" });
        expect(diagnostic.tags).toContain("rolepack");
        expect(Object.keys(event)).toEqual(["event_type", "event_code", "timestamp", "job_id", "payload"]);
        expect(event).toMatchObject({ event_type: "diagnostic", event_code: "FR-EVT-003", job_id: "job-env" });
        expect(event.payload).toEqual({ diagnostic_id: diagnostic.diagnostic_id, wsid: "ws-flag", severity: diagnostic.severity, source: "validator" });
        expect(Date.parse(event.timestamp)).toBeGreaterThan(Date.parse("2026-01-01"));
      }
      // A second run appends; it never truncates.
      await cli.run(["pack.json", "--events", events], { cwd: repo.dir });
      expect(readFileSync(events, "utf8").split("\n").length - 1).toBe(2 * records.length);
    });
  });
}

describe("flight recorder under concurrency", () => {
  test("two checkers appending to one file at once leave only whole lines", async () => {
    const repo = GitRepo.create();
    repo.write("pack.json", packText(smallPack(Array.from({ length: 60 }, (_, i) => role(`role_${i}`)))));
    repo.commit();
    // 60 roles removed → 60 × 3 diagnostics per run, several runs per process.
    repo.write("pack.json", packText(smallPack([], "2")));
    const events = join(makeTempDir(), "events.jsonl");
    const runs = 4;
    const writer = (wsid: string) =>
      Bun.spawn(["sh", "-c", `for i in $(seq ${runs}); do "$0" pack.json --events "$1" --wsid ${wsid} >/dev/null; done`, BINARY_PATH, events], {
        cwd: repo.dir,
        env: GIT_ENV,
      }).exited;
    await Promise.all([writer("a"), writer("b")]);
    const lines = readFileSync(events, "utf8").split("\n").slice(0, -1);
    expect(lines).toHaveLength(2 * runs * 180);
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed.filter((e) => e.payload.wsid === "a")).toHaveLength(runs * 180);
    expect(new Set(parsed.map((e) => e.payload.diagnostic_id)).size).toBe(lines.length);
  });
});

describe("SARIF", () => {
  test("has the structure SARIF 2.1.0 requires, every rule, and results with regions", async () => {
    const repo = scenario();
    const { stdout } = await CLI_RUNNERS[0]!.run(["pack.json", "--format", "sarif"], { cwd: repo.dir });
    const log = JSON.parse(stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toContain("sarif-2.1.0");
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe("rolepack-check");
    const rules = run.tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(RULE_CATALOG.map((r) => r.code));
    for (const rule of rules) {
      expect(rule.name).toMatch(/^[a-z-]+$/);
      for (const key of ["shortDescription", "fullDescription", "help"]) expect(rule[key].text.length).toBeGreaterThan(5);
    }
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) {
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(["none", "note", "warning", "error"]).toContain(result.level);
      expect(rules[result.ruleIndex].id).toBe(result.ruleId);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(artifactLocation).toEqual({ uri: "pack.json", uriBaseId: "%SRCROOT%" });
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      // The region spans the token the finding is at (a key, an id): same line, an exclusive end column.
      expect(region.endLine).toBe(region.startLine);
      expect(region.endColumn).toBeGreaterThan(region.startColumn);
    }
    const drift = run.results.find((r: { ruleId: string }) => r.ruleId === "HSK-RR-003");
    const { startColumn, endColumn } = drift.locations[0].physicalLocation.region;
    const line = readFileSync(join(repo.dir, "pack.json"), "utf8").split("\n")[drift.locations[0].physicalLocation.region.startLine - 1]!;
    expect(line.slice(startColumn - 1, endColumn - 1)).toMatch(/^("[^"]*"|true|false|null|-?\d[\d.eE+-]*)$/); // one whole JSON token
  });
});

describe("reports that consumers read right (issue #15)", () => {
  /** A repository whose pack has an awkward name and two findings on one line, plus a first-published pack (a run note). */
  function awkward(): GitRepo {
    const repo = GitRepo.create();
    const name = "packs/a#b?c d%.rolepack.json";
    repo.write(name, packText(smallPack([role("editor"), role("colorist"), role("composer")])));
    repo.commit("publish");
    // Both contracts of "composer" go with it: two HSK-RR-002 at the same place (where roles are).
    repo.write(name, packText(smallPack([role("editor"), role("colorist")], "2")));
    repo.write("new.rolepack.json", packText(smallPack([role("painter")])));
    repo.git("add", "new.rolepack.json");
    return repo;
  }

  test("SARIF: URIs are RFC 3986 references, two findings on one line keep two fingerprints, run notes are notifications", async () => {
    const repo = awkward();
    const { stdout, exitCode } = await CLI_RUNNERS[0]!.run(["--format", "sarif"], { cwd: repo.dir });
    expect(exitCode).toBe(1);
    const [run] = JSON.parse(stdout).runs;
    const uris = new Set(run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual(["new.rolepack.json", "packs/a%23b%3Fc%20d%25.rolepack.json"]);
    const removed = run.results.filter((r: { ruleId: string }) => r.ruleId === "HSK-RR-002");
    expect(removed).toHaveLength(2);
    expect(removed[0].locations[0].physicalLocation.region).toEqual(removed[1].locations[0].physicalLocation.region);
    expect(removed[0].partialFingerprints["rolepackFinding/v1"]).not.toBe(removed[1].partialFingerprints["rolepackFinding/v1"]);
    const [invocation] = run.invocations;
    expect(invocation.executionSuccessful).toBe(true);
    const firstPublish = invocation.toolExecutionNotifications.find((n: { message: { text: string } }) => n.message.text.includes("first publish"));
    expect(firstPublish.level).toBe("note");
    expect(firstPublish.message.text).not.toMatch(/^note: /);
    expect(firstPublish.locations[0].physicalLocation.artifactLocation.uri).toBe("new.rolepack.json");
  });

  test("JSON: each pack carries its run notes; GitHub: a note is ::notice, without a doubled prefix", async () => {
    const repo = awkward();
    const json = JSON.parse((await CLI_RUNNERS[0]!.run(["--format", "json"], { cwd: repo.dir })).stdout);
    const fresh = json.packs.find((pack: { path: string }) => pack.path === "new.rolepack.json");
    expect(fresh.notes).toHaveLength(1);
    expect(fresh.notes[0].level).toBe("note");
    expect(fresh.notes[0].message).toStartWith("new.rolepack.json: first publish");
    const github = (await CLI_RUNNERS[0]!.run(["--format", "github"], { cwd: repo.dir })).stdout;
    expect(github).toContain("::notice file=new.rolepack.json::new.rolepack.json: first publish");
    expect(github).not.toContain("note: ");
    expect(github).not.toContain("::warning file=new.rolepack.json::"); // findings have a line; the note has none
  });

  test("JUnit: a tab or a line break in a path survives an XML parser's attribute normalization", async () => {
    const repo = GitRepo.create();
    const name = "team\tone.rolepack.json";
    repo.write(name, packText(smallPack([role("editor"), role("colorist")])));
    repo.commit("publish");
    repo.write(name, packText(smallPack([role("editor")], "2")));
    const { stdout } = await CLI_RUNNERS[0]!.run(["--format", "junit"], { cwd: repo.dir });
    expect(stdout).toContain('classname="team&#9;one.rolepack.json"');
    expect(stdout).not.toContain("team\tone");
  });
});

describe("Markdown (diff, SARIF help, the rules table): text is never read as HTML or as table syntax", () => {
  test("entities outside code spans, code spans kept, fences longer than the backticks inside, | escaped in cells", () => {
    expect(markdownText("restore <version> & more (`a <b>` stays)")).toBe("restore &lt;version&gt; &amp; more (`a <b>` stays)");
    expect(markdownCode("pack.json")).toBe("`pack.json`");
    expect(markdownCode("a`b.json")).toBe("``a`b.json``");
    expect(markdownCode("`odd")).toBe("`` `odd ``");
    expect(markdownCell("ROLE:<role_id>:<X|C>")).toBe("ROLE:&lt;role_id&gt;:&lt;X\\|C&gt;");
  });

  test("SARIF help.markdown and the rules table keep ROLE:<role_id>:… visible; every table row has its six cells", async () => {
    const { stdout } = await CLI_RUNNERS[0]!.run(["rules"], { cwd: makeTempDir() });
    for (const row of stdout.split("\n").filter((line) => line.startsWith("| HSK-"))) {
      expect(row.split(/(?<!\\)\|/).length - 2).toBe(6);
    }
    expect(stdout).toContain("ROLE:&lt;role_id&gt;:&lt;X\\|C&gt;");
    const repo = scenario();
    const log = JSON.parse((await CLI_RUNNERS[0]!.run(["pack.json", "--format", "sarif"], { cwd: repo.dir })).stdout);
    const rule = log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === "HSK-RR-007");
    expect(rule.help.markdown).toContain("ROLE:&lt;role_id&gt;");
    expect(rule.help.text).toContain("ROLE:<role_id>"); // plain text stays plain
  });
});

describe("GitLab Code Quality", () => {
  test("each issue has the fields GitLab reads; fingerprints are unique and survive the findings moving down the file", async () => {
    const repo = scenario();
    const run = async () => JSON.parse((await CLI_RUNNERS[0]!.run(["pack.json", "--format", "gitlab"], { cwd: repo.dir })).stdout);
    const issues = await run();
    expect(issues.length).toBeGreaterThan(3);
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(["check_name", "description", "fingerprint", "location", "severity"]);
      expect(issue.check_name).toMatch(/^HSK-RR-\d{3}$/);
      expect(issue.description).toContain(issue.check_name);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(["info", "minor", "major", "critical", "blocker"]).toContain(issue.severity);
      expect(issue.location.path).toBe("pack.json");
      expect(issue.location.lines.begin).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(issues.map((issue: { fingerprint: string }) => issue.fingerprint)).size).toBe(issues.length);
    expect(issues.filter((issue: { severity: string }) => issue.severity === "blocker").length).toBeGreaterThan(0);
    // Ten lines more above every finding: the same findings, the same fingerprints, other lines.
    const text = readFileSync(join(repo.dir, "pack.json"), "utf8");
    repo.write("pack.json", text.replace("{", `{${"\n".repeat(10)}`));
    const moved = await run();
    const byPrint = (list: { fingerprint: string; location: { lines: { begin: number } } }[]) => new Map(list.map((issue) => [issue.fingerprint, issue.location.lines.begin]));
    const before = byPrint(issues);
    const after = byPrint(moved);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [print, line] of before) expect(after.get(print)).toBe(line + 10);
  });
});

describe("GitHub workflow commands", () => {
  test("escape % CR LF in messages, and also : and , in properties", () => {
    expect(escapeData("50% done\r\nnext: a,b")).toBe("50%25 done%0D%0Anext: a,b");
    expect(escapeProperty("dir,with:colons%\n")).toBe("dir%2Cwith%3Acolons%25%0A");
  });

  test("render one ::error line per diagnostic with escaped file, title and message", () => {
    const record: DiagnosticRecord = {
      code: "HSK-RR-003",
      severity: "error",
      title: "Contract surface drift",
      message: 'contract "ROLE:a:X:1" 100% changed,\nsee below',
      advice: "bump: ROLE:a:X:2",
      file: "packs/a,b:c.json",
      line: 3,
      column: 9,
      diagnostic_id: "0",
      source: "validator",
      tool: "role_registry_append_only",
      tags: [],
    };
    const report: CheckReport = {
      stamp: { now: 0, reproducible: true },
      packs: [
        {
          file: "packs/a,b:c.json",
          repoPath: "packs/a,b:c.json",
          roles: 1,
          contracts: 1,
          baseline: { ref: "main", tip: "0", commit: "0", found: true, file_found: true, tried: [] },
          changes: undefined,
          diagnostics: [record],
          warnings: [],
        },
      ],
    };
    expect(renderGithub(report)).toBe(
      "::error file=packs/a%2Cb%3Ac.json,line=3,col=9,title=HSK-RR-003::Contract surface drift: contract \"ROLE:a:X:1\" 100%25 changed,%0Asee below — fix: bump: ROLE:a:X:2\n",
    );
  });
});

describe("manifest", () => {
  test("is byte-identical for the same registry whatever the key order, formatting and role order", async () => {
    const dir = makeTempDir();
    const pack = smallPack([role("editor", { aliases: ["z_alias", "a_alias"] }), role("colorist")]);
    await Bun.write(join(dir, "a.json"), packText(pack));
    const reordered = { roles: [...(pack.roles as object[])].reverse().map((r) => Object.fromEntries(Object.entries(r).reverse())), spec_id: "spec", pack_version: "1", pack_id: "test_pack" };
    await Bun.write(join(dir, "b.json"), `// reordered\n${JSON.stringify(reordered)}`);
    const [a, b] = await Promise.all(["a.json", "b.json"].map((file) => CLI_RUNNERS[1]!.run(["manifest", file], { cwd: dir })));
    expect(a!.exitCode).toBe(0);
    expect(b!.stdout).toBe(a!.stdout);
    const manifest = JSON.parse(a!.stdout);
    // The digest as the README defines it, recomputed independently.
    const digestInput = canonicalize({ roles: manifest.roles, contracts: manifest.contracts })!;
    expect(manifest.registry_digest).toBe(new Bun.CryptoHasher("sha256").update(digestInput).digest("hex"));
    expect(manifest.roles[1]).toEqual({ role_id: "editor", lifecycle: "active", aliases: ["a_alias", "z_alias"] });
    const hash = await CLI_RUNNERS[0]!.run(["hash"], { cwd: dir, stdin: JSON.stringify({ type: "object", id: "ROLE:editor:X:1" }) });
    expect(manifest.contracts["ROLE:editor:X:1"]).toBe(hash.stdout.trim());
  });

  test("refuses an invalid pack with its diagnostics and exit 1", async () => {
    const dir = makeTempDir();
    await Bun.write(join(dir, "bad.json"), packText(smallPack([role("editor"), role("editor")])));
    const result = await CLI_RUNNERS[0]!.run(["manifest", "bad.json"], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("error HSK-RR-004");
    expect(result.stderr).toContain("no manifest");
  });
});

describe("diff over a multi-commit history", () => {
  test("names additions, deprecations, aliases and version bumps against any base", async () => {
    const repo = GitRepo.create();
    repo.write("pack.json", packText(smallPack([role("editor")])));
    repo.commit("v1");
    const editor = role("editor", { aliases: ["cutter"] });
    editor.extract_contracts.push(contract("ROLE:editor:X:2", { v: 2 }));
    repo.write("pack.json", packText(smallPack([editor, role("colorist")])));
    repo.commit("v2");
    repo.write("pack.json", packText(smallPack([{ ...editor, lifecycle: "deprecated" }, role("colorist"), role("composer")])));
    repo.commit("v3");
    const sinceV1 = await CLI_RUNNERS[0]!.run(["diff", "pack.json", "--base", "HEAD~2", "--format", "json"], { cwd: repo.dir });
    expect(sinceV1.exitCode).toBe(0);
    expect(JSON.parse(sinceV1.stdout).packs[0].changes).toEqual({
      roles_added: ["colorist", "composer"],
      contracts_added: ["ROLE:colorist:C:1", "ROLE:colorist:X:1", "ROLE:composer:C:1", "ROLE:composer:X:1", "ROLE:editor:X:2"],
      version_bumps: [{ contract_id: "ROLE:editor:X:2", supersedes: "ROLE:editor:X:1" }],
      aliases_added: ["cutter"],
      deprecated: ["editor"],
      reactivated: [],
      definitions_changed: [],
      display_names_changed: [],
      pack_version: null,
    });
    const markdown = await CLI_RUNNERS[0]!.run(["diff", "pack.json", "--base", "HEAD~1"], { cwd: repo.dir });
    expect(markdown.stdout).toContain("### Roles added (1)\n\n- `composer`\n");
    expect(markdown.stdout).toContain("### Roles deprecated (1)\n\n- `editor`\n");
    const none = await CLI_RUNNERS[0]!.run(["diff", "pack.json"], { cwd: repo.dir });
    expect(none.stdout).toContain("No changes to the registry.");
  });
});

describe("JSON Schema for editors", () => {
  const committed = readFileSync(join(PROJECT_ROOT, "assets", "rolepack.schema.json"), "utf8");

  test("the committed assets/rolepack.schema.json is what `schema` prints (run `npm run generate`)", async () => {
    const result = await CLI_RUNNERS[0]!.run(["schema"], { cwd: makeTempDir() });
    expect(result.stdout).toBe(committed);
  });

  test("the exact schema the checker explains with, and the fast path's check generated from it, are up to date (run `npm run generate`)", () => {
    const exact = readFileSync(join(PROJECT_ROOT, "lib", "pack", "generated", "pack-schema.json"), "utf8");
    expect(exact).toBe(renderExactJsonSchema());
    const generated = readFileSync(join(PROJECT_ROOT, "lib", "pack", "generated", "pack-schema-check.ts"), "utf8");
    expect(generated).toBe(schemaCheckSource(JSON.parse(exact)));
  });

  test("the default pack references it, and it accepts the default pack and rejects a typo", () => {
    const pack = JSON.parse(defaultPackText());
    expect(pack.$schema).toBe("./rolepack.schema.json");
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(committed));
    expect(validate(pack)).toBe(true);
    const typo = structuredClone(pack);
    typo.roles[0].lifecyle = typo.roles[0].lifecycle;
    delete typo.roles[0].lifecycle;
    expect(validate(typo)).toBe(false);
    const repeated = structuredClone(pack);
    repeated.roles[0].modes_supported = ["conceptual", "conceptual"];
    expect(validate(repeated)).toBe(false);
  });
});

describe("colors", () => {
  test("text is colored on a terminal unless NO_COLOR is set, and plain otherwise", async () => {
    const repo = scenario();
    const tty = await CLI_RUNNERS[0]!.run(["pack.json"], { cwd: repo.dir, tty: true });
    expect(tty.stdout).toContain("\x1b[31m");
    const noColor = await CLI_RUNNERS[0]!.run(["pack.json"], { cwd: repo.dir, tty: true, env: { ...GIT_ENV, NO_COLOR: "1" } });
    expect(noColor.stdout).not.toContain("\x1b[");
    const piped = await CLI_RUNNERS[0]!.run(["pack.json"], { cwd: repo.dir });
    expect(piped.stdout).toBe(noColor.stdout);
  });

  test("--color always|never wins over the terminal and the environment; FORCE_COLOR colors a pipe; a wrong value is exit 2", async () => {
    const repo = scenario();
    const always = await CLI_RUNNERS[0]!.run(["pack.json", "--color", "always"], { cwd: repo.dir, env: { ...GIT_ENV, NO_COLOR: "1" } });
    expect(always.stdout).toContain("\x1b[31m");
    const never = await CLI_RUNNERS[0]!.run(["pack.json", "--color=never"], { cwd: repo.dir, tty: true });
    expect(never.stdout).not.toContain("\x1b[");
    const forced = await CLI_RUNNERS[0]!.run(["pack.json"], { cwd: repo.dir, env: { ...GIT_ENV, FORCE_COLOR: "1" } });
    expect(forced.stdout).toContain("\x1b[31m");
    const forcedOff = await CLI_RUNNERS[0]!.run(["pack.json"], { cwd: repo.dir, tty: true, env: { ...GIT_ENV, FORCE_COLOR: "0", NO_COLOR: "1" } });
    expect(forcedOff.stdout).not.toContain("\x1b[");
    const wrong = await CLI_RUNNERS[0]!.run(["pack.json", "--color", "yes"], { cwd: repo.dir });
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toBe('rolepack-check: error: --color "yes" is not one of auto, always, never (see --help)\n');
  });
});

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: -o, --output FILE`, () => {
    test("the report goes to the file, all of it and nothing on stdout; the exit code is the check's; no colors in it", async () => {
      const repo = scenario();
      const piped = await cli.run(["pack.json", "--format", "sarif"], { cwd: repo.dir, env: PINNED });
      const written = await cli.run(["pack.json", "--format", "sarif", "-o", "reports/ci/rolepack.sarif"], { cwd: repo.dir, env: PINNED, tty: true });
      expect(written.exitCode).toBe(1); // its folders are created
      expect(readFileSync(join(repo.dir, "reports", "ci", "rolepack.sarif"), "utf8")).toBe(piped.stdout);
      const blocked = await cli.run(["pack.json", "-o", "pack.json/report.txt"], { cwd: repo.dir });
      expect(blocked.exitCode).toBe(2); // a file stands where a folder would have to be
      expect(blocked.stderr).toStartWith("rolepack-check: error: pack.json/report.txt: cannot be written (");
      const again = await cli.run(["pack.json", "--format", "sarif", "--output=rolepack.sarif"], { cwd: repo.dir, env: PINNED, tty: true });
      expect(again.exitCode).toBe(1);
      expect(again.stdout).toBe("");
      expect(readFileSync(join(repo.dir, "rolepack.sarif"), "utf8")).toBe(piped.stdout);
      const text = await cli.run(["pack.json", "-orolepack.txt"], { cwd: repo.dir, env: PINNED, tty: true });
      expect(text.exitCode).toBe(1);
      expect(readFileSync(join(repo.dir, "rolepack.txt"), "utf8")).not.toContain("\x1b[");
      expect(readdirSync(repo.dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    });

    test("a run that cannot happen still leaves a valid SARIF log that says so (exit 2), for the upload step", async () => {
      const dir = makeTempDir();
      const result = await cli.run(["missing.json", "--format", "sarif", "-o", "out.sarif"], { cwd: dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^rolepack-check: error: .*missing\.json/);
      const log = JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8"));
      expect(log.version).toBe("2.1.0");
      const [run] = log.runs;
      expect(run.results).toEqual([]);
      expect(run.invocations[0].executionSuccessful).toBe(false);
      expect(run.invocations[0].toolExecutionNotifications[0].message.text).toContain("missing.json");
    });
  });
}
