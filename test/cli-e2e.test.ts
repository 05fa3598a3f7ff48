/**
 * End to end: real git repositories, the real CLI, run in-process and as the compiled binary.
 */
import { COMMANDS, OPTION_DOCS } from "../lib/cli/help.ts";
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_PACK_PATH } from "../lib/git/mod.ts";
import { CLI_RUNNERS } from "./helpers/cli-runner.ts";
import { GIT_ENV, GitRepo, makeTempDir, removeTempDirs } from "./helpers/git-repo.ts";
import { contract, defaultPackText, HANDSHAKE_FILE, HAS_SHARED, lineOf, packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

const published = smallPack([role("editor"), role("colorist")]);

/** A repo whose main has `pack.json` = `published`. */
function publishedRepo(): { repo: GitRepo; sha: string } {
  const repo = GitRepo.create();
  repo.write("pack.json", packText(published));
  const sha = repo.commit("publish");
  return { repo, sha };
}

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: check`, () => {
    test("an unchanged pack is clean and names its baseline", async () => {
      const { repo, sha } = publishedRepo();
      const result = await cli.run(["pack.json"], { cwd: repo.dir });
      expect(result).toEqual({
        exitCode: 0,
        stdout: `pack.json: 2 roles, 4 contracts; baseline main@${sha.slice(0, 12)}; no problems\nrolepack-check: ok, 1 pack checked\n`,
        stderr: "",
      });
    });

    test("additions pass: new role, new contract version", async () => {
      const { repo } = publishedRepo();
      const editor = role("editor");
      editor.produce_contracts.push(contract("ROLE:editor:C:2", { type: "object", v: 2 }));
      repo.write("pack.json", packText(smallPack([editor, role("colorist"), role("composer")])));
      expect((await cli.run(["pack.json"], { cwd: repo.dir })).exitCode).toBe(0);
    });

    test("a removed role is blocked with a located, fixable line", async () => {
      const { repo } = publishedRepo();
      repo.write("pack.json", packText(smallPack([role("editor")])));
      const result = await cli.run(["pack.json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      const line = lineOf(packText(published), '"role_id": "colorist"');
      expect(result.stdout).toContain(
        `pack.json:5:3: error HSK-RR-001 role "colorist" was removed; it is published at main:pack.json:${line} — fix: Restore role "colorist"; to retire it, keep it and set "lifecycle": "deprecated" (\`rolepack-check fix\` does this).\n`,
      );
      expect(result.stdout).toContain('error HSK-RR-002 contract "ROLE:colorist:X:1" was removed (with its role "colorist")');
      expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("rolepack-check: 3 errors in 1 pack");
    });

    test("schema drift reports expected and got hashes and the next version (json)", async () => {
      const { repo } = publishedRepo();
      const editor = role("editor", { extract_contracts: [contract("ROLE:editor:X:1", { type: "object", widened: true })] });
      const text = packText(smallPack([editor, role("colorist")], "2"));
      repo.write("pack.json", text);
      const result = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.version).toBe(1);
      expect(report.ok).toBe(false);
      expect(report.diagnostics).toHaveLength(1);
      const [drift] = report.diagnostics;
      expect(drift).toMatchObject({
        code: "HSK-RR-003",
        severity: "error",
        file: "pack.json",
        // At the first changed value in the file: the added "widened".
        line: lineOf(text, '"widened"'),
        column: 24,
        role_id: "editor",
        contract_id: "ROLE:editor:X:1",
      });
      const hash = await cli.run(["hash", "-"], { cwd: repo.dir, stdin: JSON.stringify({ id: "ROLE:editor:X:1", type: "object" }) });
      expect(drift.expected_hash).toBe(hash.stdout.trim());
      expect(drift.got_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(drift.advice).toContain('publish the change as "ROLE:editor:X:2"');
      expect(Object.keys(drift)).toEqual([
        "diagnostic_id", "code", "severity", "title", "message", "advice", "file", "line", "column",
        "role_id", "contract_id", "expected_hash", "got_hash", "source", "tool", "tags",
      ]);
    });

    test("every internal rule is reported in one run, in file/line/code order", async () => {
      const { repo } = publishedRepo();
      const editor = role("editor");
      editor.extract_contracts.push(contract("ROLE:editor:X:1"), contract("ROLE:colorist:X:7"), contract("ROLE:editor:X:007"));
      editor.produce_contracts.push(contract("ROLE:editor:X:9"));
      const text = packText(smallPack([editor, role("colorist"), role("colorist", { extract_contracts: [], produce_contracts: [] }), role("Bad-Id", { extract_contracts: [], produce_contracts: [] })], "2"));
      repo.write("pack.json", text);
      const result = await cli.run(["pack.json", "--format=json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      // The new contracts' plain schemas also warn (HSK-RR-018, spec S4): left out, tested on their own.
      const found = JSON.parse(result.stdout)
        .diagnostics.filter((d: { code: string }) => d.code !== "HSK-RR-018")
        .map((d: { code: string; line: number }) => `${d.line} ${d.code}`);
      expect(found).toEqual([
        `${lineOf(text, '"contract_id": "ROLE:editor:X:1"', text.indexOf('"contract_id": "ROLE:editor:X:1"') + 1)} HSK-RR-005`,
        `${lineOf(text, '"ROLE:colorist:X:7"')} HSK-RR-008`,
        `${lineOf(text, '"ROLE:editor:X:007"')} HSK-RR-007`,
        `${lineOf(text, '"ROLE:editor:X:9"')} HSK-RR-009`,
        `${lineOf(text, '"colorist"', text.indexOf('"colorist"', text.indexOf('"ROLE:colorist:C:1"')))} HSK-RR-004`,
        // Its empty contract lists: every role has an X and a C contract (S3).
        `${lineOf(text, '"extract_contracts"', text.indexOf('"colorist"', text.indexOf('"ROLE:colorist:C:1"')))} HSK-RR-016`,
        `${lineOf(text, '"produce_contracts"', text.indexOf('"colorist"', text.indexOf('"ROLE:colorist:C:1"')))} HSK-RR-016`,
        `${lineOf(text, '"Bad-Id"')} HSK-RR-006`,
        `${lineOf(text, '"extract_contracts"', text.indexOf('"Bad-Id"'))} HSK-RR-016`,
        `${lineOf(text, '"produce_contracts"', text.indexOf('"Bad-Id"'))} HSK-RR-016`,
      ]);
    });

    test("schema errors carry exact line and column", async () => {
      const { repo } = publishedRepo();
      const text = packText(smallPack([role("editor", { lifecyle: "active" } as never), role("colorist", { proposal_policy: "sometimes" })]));
      repo.write("pack.json", text);
      const result = await cli.run(["pack.json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(`pack.json:${lineOf(text, '"lifecyle"')}:7: error HSK-RR-010 unknown field "lifecyle" in role "editor" — fix: Did you mean "lifecycle"?\n`);
      expect(result.stdout).toContain(`pack.json:${lineOf(text, '"sometimes"')}:26: error HSK-RR-010 roles[1].proposal_policy must be`);
    });

    test("JSONC: comments and trailing commas are fine and do not change hashes", async () => {
      const { repo } = publishedRepo();
      const jsonc = packText(published).replace('"roles": [', '// the registry\n  "roles": [ /* keep append-only */').replace(/}\n]\n}\n$/, "},\n]\n}\n");
      repo.write("pack.json", jsonc);
      const result = await cli.run(["pack.json"], { cwd: repo.dir });
      expect(result.stdout).toContain("no problems");
      expect(result.exitCode).toBe(0);
    });

    test("duplicate keys and unsafe integers are HSK-RR-011 at their position", async () => {
      const { repo } = publishedRepo();
      const text = packText(published).replace('"pack_version": "1",', '"pack_version": "1",\n  "pack_version": "2",\n  "spec_id": 9007199254740993,');
      repo.write("pack.json", text);
      const result = await cli.run(["pack.json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('pack.json:4:3: error HSK-RR-011 duplicate key "pack_version" (first at line 3)');
      expect(result.stdout).toContain("pack.json:5:14: error HSK-RR-011 integer 9007199254740993 is beyond ±(2^53−1)");
    });

    test("falls back to origin/main when there is no local main", async () => {
      const { repo: upstream, sha } = publishedRepo();
      const clone = upstream.clone();
      clone.git("checkout", "-q", "-b", "feature");
      clone.git("branch", "-q", "-D", "main");
      clone.write("pack.json", packText(smallPack([role("editor")], "2")));
      const result = await cli.run(["pack.json", "--format", "json"], { cwd: clone.dir });
      expect(result.exitCode).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.packs[0].baseline).toEqual({ ref: "origin/main", tip: sha, commit: sha, merge_base: false, found: true, file_found: true });
      expect(report.diagnostics[0].message).toContain("published at origin/main:pack.json:");
    });

    test("warns on one line when no baseline exists, and still applies internal rules", async () => {
      const repo = GitRepo.create("trunk");
      repo.write("pack.json", packText(published));
      repo.commit();
      const clean = await cli.run(["pack.json"], { cwd: repo.dir });
      expect(clean.exitCode).toBe(0);
      expect(clean.stderr).toBe(
        "warning: pack.json: no baseline found (main, origin/main, origin/HEAD, master, origin/master do not exist); rules that compare with what was published (HSK-RR-001..003, 013..015, 017) were skipped\n",
      );
      expect(clean.stdout).toContain("no baseline (main, origin/main, origin/HEAD, master, origin/master not found)");
      repo.write("pack.json", packText(smallPack([role("editor"), role("editor")])));
      const json = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(json.exitCode).toBe(1);
      const report = JSON.parse(json.stdout);
      expect(report.packs[0].baseline).toEqual({ ref: null, tip: null, commit: null, merge_base: false, found: false, file_found: false });
      expect(report.diagnostics.map((d: { code: string }) => d.code).filter((code: string) => code !== "HSK-RR-018")).toEqual(["HSK-RR-004", "HSK-RR-005", "HSK-RR-005"]);
    });

    test("a file missing at main is a first publish, said as such", async () => {
      const repo = GitRepo.create();
      repo.write("README", "x");
      const sha = repo.commit();
      repo.write("pack.json", packText(published));
      const result = await cli.run(["pack.json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(0);
      expect(result.stderr).toBe(
        `note: pack.json: first publish — the file is not in main@${sha.slice(0, 12)}; rules that compare with what was published (HSK-RR-001..003, 013..015, 017) were skipped\n`,
      );
      expect(result.stdout).toContain(`first publish (not in main@${sha.slice(0, 12)})`);
    });

    test.skipIf(!HAS_SHARED)("a legacy baseline (no aliases/lifecycle) is read leniently", async () => {
      const repo = GitRepo.create();
      const legacy = readFileSync(HANDSHAKE_FILE, "utf8");
      repo.write("pack.json", legacy);
      repo.commit("legacy publish");
      // As a current pack, the legacy file fails the strict schema: 2 fields missing from all 38 roles, one finding each.
      const strict = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir });
      expect(strict.exitCode).toBe(1);
      const missing = JSON.parse(strict.stdout).diagnostics;
      expect(missing).toHaveLength(2);
      expect(new Set(missing.map((d: { code: string }) => d.code))).toEqual(new Set(["HSK-RR-010"]));
      // Upgraded to the current format, it compares cleanly against the legacy baseline...
      const upgraded = JSON.parse(legacy);
      for (const r of upgraded.roles) Object.assign(r, { aliases: [], lifecycle: "active" });
      repo.write("pack.json", packText(upgraded));
      expect(await cli.run(["pack.json"], { cwd: repo.dir })).toMatchObject({ exitCode: 0 });
      // ...and drift against it is caught.
      upgraded.roles[3].extract_contracts[0].schema_json.contract_version = 2;
      const text = packText(upgraded);
      repo.write("pack.json", text);
      const drift = await cli.run(["pack.json"], { cwd: repo.dir });
      expect(drift.exitCode).toBe(1);
      const id = upgraded.roles[3].extract_contracts[0].contract_id;
      expect(drift.stdout).toContain(`error HSK-RR-003 contract "${id}" changed its schema_json`);
    });

    test("works from a subdirectory: default pack from the root, given paths from the cwd", async () => {
      const repo = GitRepo.create();
      repo.write(DEFAULT_PACK_PATH, defaultPackText());
      repo.write("packs/extra.json", packText(published));
      repo.commit();
      mkdirSync(join(repo.dir, "docs", "deep"), { recursive: true });
      const cwd = join(repo.dir, "docs", "deep");
      const byDefault = await cli.run([], { cwd });
      expect(byDefault.exitCode).toBe(0);
      expect(byDefault.stdout).toStartWith(`../../${DEFAULT_PACK_PATH}: 36 roles, 74 contracts; baseline main@`);
      // Through a symlinked directory the shown path stays relative to where the user is.
      const link = join(makeTempDir(), "link");
      symlinkSync(repo.dir, link);
      const viaLink = await cli.run([], { cwd: join(link, "docs") });
      expect(viaLink.stdout).toStartWith(`../${DEFAULT_PACK_PATH}: 36 roles`);
      repo.write("packs/extra.json", packText(smallPack([role("editor")])));
      const given = await cli.run(["../../packs/extra.json"], { cwd });
      expect(given.exitCode).toBe(1);
      expect(given.stdout).toContain("../../packs/extra.json:5:3: error HSK-RR-001");
      expect(given.stdout).toContain("published at main:packs/extra.json:");
    });

    test("several packs: each against its own baseline, exit code is the worst", async () => {
      const { repo } = publishedRepo();
      repo.write("b.json", packText(published));
      repo.commit();
      repo.write("b.json", packText(smallPack([role("editor")])));
      const result = await cli.run(["pack.json", "b.json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain("pack.json: 2 roles, 4 contracts; baseline main@");
      expect(result.stdout).toContain("b.json:5:3: error HSK-RR-001");
    });

    test("a path that looks like an option is only ever a path", async () => {
      const { repo } = publishedRepo();
      repo.write("--output=x.json", packText(published));
      repo.commit();
      const result = await cli.run(["--", "--output=x.json"], { cwd: repo.dir });
      expect(result.exitCode).toBe(0);
      expect(new Set(readdirSync(repo.dir))).toEqual(new Set([".git", "--output=x.json", "pack.json"]));
    });

    test("output is byte-identical across runs, and the repository is left untouched", async () => {
      const { repo } = publishedRepo();
      repo.write("pack.json", packText(smallPack([role("Bad"), role("editor", { lifecyle: 1 } as never)])));
      const before = repo.git("status", "--porcelain");
      const gitFiles = readdirSync(join(repo.dir, ".git")).sort();
      const pinned = { ...GIT_ENV, SOURCE_DATE_EPOCH: "1767225600" };
      const first = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir, env: pinned });
      const second = await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir, env: pinned });
      expect(second.stdout).toBe(first.stdout);
      const text = await cli.run(["pack.json"], { cwd: repo.dir });
      expect((await cli.run(["pack.json"], { cwd: repo.dir })).stdout).toBe(text.stdout);
      // Unpinned, only the ids and the time differ: every run's diagnostics get fresh ids.
      const live = JSON.parse((await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir })).stdout);
      const again = JSON.parse((await cli.run(["pack.json", "--format", "json"], { cwd: repo.dir })).stdout);
      expect(live.diagnostics[0].diagnostic_id).not.toBe(again.diagnostics[0].diagnostic_id);
      const strip = (r: { generated_at?: string; diagnostics: { diagnostic_id?: string }[] }) => {
        delete r.generated_at;
        for (const d of r.diagnostics) delete d.diagnostic_id;
        return r;
      };
      expect(strip(live)).toEqual(strip(again));
      expect(repo.git("status", "--porcelain")).toBe(before);
      expect(readdirSync(join(repo.dir, ".git")).sort()).toEqual(gitFiles);
    });
  });

  describe(`${cli.name}: could not run (exit 2, one line)`, () => {
    const oneLineError = (stderr: string) => {
      expect(stderr.split("\n").filter(Boolean)).toHaveLength(1);
      expect(stderr).toStartWith("rolepack-check: error: ");
      expect(stderr).not.toContain("    at ");
    };

    test("outside a git repository", async () => {
      const dir = makeTempDir();
      const file = join(dir, "pack.json");
      await Bun.write(file, packText(published));
      const result = await cli.run(["pack.json"], { cwd: dir });
      expect(result.exitCode).toBe(2);
      oneLineError(result.stderr);
      expect(result.stderr).toContain("not inside a git work tree");
      expect(result.stdout).toBe("");
    });

    test("git is not on PATH", async () => {
      const { repo } = publishedRepo();
      const result = await cli.run(["pack.json"], { cwd: repo.dir, env: { ...GIT_ENV, PATH: makeTempDir() } });
      expect(result.exitCode).toBe(2);
      oneLineError(result.stderr);
      expect(result.stderr).toContain("git is not installed or not on PATH");
    });

    test("missing file, directory, dangling symlink", async () => {
      const { repo } = publishedRepo();
      mkdirSync(join(repo.dir, "adir"));
      symlinkSync(join(repo.dir, "nowhere.json"), join(repo.dir, "dangling.json"));
      for (const [path, reason] of [
        ["missing.json", "missing.json: no such file"],
        ["adir", "adir: is a directory, not a RolePack file"],
        ["dangling.json", "dangling.json: is a symbolic link to a file that does not exist"],
      ] as const) {
        const result = await cli.run([path], { cwd: repo.dir });
        expect(result.exitCode).toBe(2);
        oneLineError(result.stderr);
        expect(result.stderr).toBe(`rolepack-check: error: ${reason}\n`);
      }
    });

    test("usage errors", async () => {
      const dir = makeTempDir();
      for (const args of [["--bogus"], ["--format", "xml"], ["hash", "--format", "json"], ["check", "--canonical"], ["hash", "a", "b"]]) {
        const result = await cli.run(args, { cwd: dir });
        expect(result.exitCode).toBe(2);
        oneLineError(result.stderr);
        expect(result.stderr).toContain("(see --help)");
      }
    });
  });

  describe(`${cli.name}: hash, help, version`, () => {
    test("hash of a file, of stdin, and --canonical bytes without a newline; no repository needed", async () => {
      const dir = makeTempDir();
      await Bun.write(join(dir, "s.json"), '{ "b": [1.0, "é"], "a": null }');
      const fromFile = await cli.run(["hash", "s.json"], { cwd: dir });
      const fromStdin = await cli.run(["hash"], { cwd: dir, stdin: '{"a":null,"b":[1,"é"]}' });
      const expected = new Bun.CryptoHasher("sha256").update('{"a":null,"b":[1,"é"]}').digest("hex");
      expect(fromFile).toEqual({ exitCode: 0, stdout: `${expected}\n`, stderr: "" });
      expect(fromStdin.stdout).toBe(`${expected}\n`);
      const canonical = await cli.run(["hash", "--canonical", "s.json"], { cwd: dir });
      expect(canonical.stdout).toBe('{"a":null,"b":[1,"é"]}');
    });

    test("hash of non-I-JSON input is the 011 diagnostic and exit 1", async () => {
      const dir = makeTempDir();
      const result = await cli.run(["hash", "-"], { cwd: dir, stdin: '{"a": 1,\n "a": 2}' });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toBe('<stdin>:2:2: error HSK-RR-011 duplicate key "a" (first at line 1); I-JSON forbids duplicate keys — fix: Remove one of the two entries; JSON parsers disagree on which one wins.\n');
    });

    test("--help and --version", async () => {
      const dir = makeTempDir();
      const help = await cli.run(["--help"], { cwd: dir });
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toContain("Usage:");
      const version = await cli.run(["--version"], { cwd: dir });
      expect(version.stdout).toMatch(/^rolepack-check \d+\.\d+\.\d+\n$/);
    });

    test("COMMAND --help (and help COMMAND) shows that command's usage and exactly the options it takes", async () => {
      const dir = makeTempDir();
      for (const command of COMMANDS.filter((name) => name !== "help")) {
        const help = await cli.run([command, "--help"], { cwd: dir });
        expect(help.exitCode).toBe(0);
        expect(help.stdout).toStartWith(`Usage:\n  rolepack-check ${command === "check" ? "[check]" : command}`);
        for (const doc of Object.values(OPTION_DOCS)) {
          if (doc.label === "") continue;
          expect({ command, option: doc.label, shown: help.stdout.includes(`  ${doc.label} `) || help.stdout.includes(`  ${doc.label}\n`) }).toEqual({
            command,
            option: doc.label,
            shown: (doc.commands as readonly string[]).includes(command),
          });
        }
        expect((await cli.run(["help", command], { cwd: dir })).stdout).toBe(help.stdout);
      }
    });
  });
}
