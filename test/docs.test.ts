/**
 * The README and docs/ show commands that work (issue #15 point 7): the README's example output is
 * what the checker prints for the scenario it describes, and every `rolepack-check …` command shown
 * in a shell block, after a `$ ` prompt or in inline code is accepted as written — run in a scratch
 * clone with a pack, none of them is a usage error. (`npm ci`, `npm start` and `npm test` are what
 * .ci/run runs; `sha256sum -c SHA256SUMS` is run by test/release.test.ts.)
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BINARY_PATH, PROJECT_ROOT } from "./helpers/cli-runner.ts";
import { GIT_ENV, GitRepo, removeTempDirs } from "./helpers/git-repo.ts";
import { defaultPackText } from "./helpers/packs.ts";

afterAll(removeTempDirs);

const DOCS = ["README.md", ...readdirSync(join(PROJECT_ROOT, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];

/** The `rolepack-check …` commands a page shows, as written (placeholders and synopses left out). */
function commandsIn(page: string): string[] {
  const commands: string[] = [];
  for (const block of page.matchAll(/```(\w*)\n([\s\S]*?)```/g)) {
    for (const line of block[2]!.split("\n")) {
      const command = block[1] === "sh" ? line.replace(/\s+#.*$/, "") : /^\$ (.*?)(\s+#.*)?$/.exec(line)?.[1];
      if (command !== undefined && /^rolepack-check( |$)/.test(command)) commands.push(command);
    }
  }
  for (const inline of page.replace(/```[\s\S]*?```/g, "").matchAll(/`(rolepack-check(?: [^`]*)?)`/g)) commands.push(inline[1]!);
  return [...new Set(commands)].filter((command) => !/[<>…|]|\.\.\.|\bCOMMAND\b|\[/.test(command));
}

/** A clone whose origin has the bundled pack as registry/studio.rolepack.json on main. */
function scratch(): GitRepo {
  const origin = GitRepo.create();
  origin.write("registry/studio.rolepack.json", defaultPackText());
  origin.commit("publish");
  return origin.clone();
}

function run(args: string[], cwd: string) {
  const proc = Bun.spawnSync([BINARY_PATH, ...args], { cwd, env: GIT_ENV, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  return { exitCode: proc.exitCode, stdout: proc.stdout.toString(), stderr: proc.stderr.toString() };
}

/** A command line split as a POSIX shell would split this simple kind: words, and quoted strings. */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe("the README and docs/", () => {
  test("the README's example output is what rolepack-check prints for the scenario it describes", () => {
    const repo = scratch();
    const pack = JSON.parse(defaultPackText());
    pack.pack_version = "2";
    pack.roles = pack.roles.filter((role: { role_id: string }) => role.role_id !== "screenwriter");
    pack.roles[0].lifecyle = pack.roles[0].lifecycle;
    delete pack.roles[0].lifecycle;
    repo.write("registry/studio.rolepack.json", `${JSON.stringify(pack, null, 2)}\n`);
    const shown = /```text\n\$ rolepack-check {3}# a role deleted, a key misspelt\n([\s\S]*?)```/.exec(readFileSync(join(PROJECT_ROOT, "README.md"), "utf8"))?.[1];
    expect(shown).toBeDefined();
    const printed = run([], repo.dir);
    expect(printed.exitCode).toBe(1);
    const commitless = (text: string) => text.replace(/main@[0-9a-f]{12}/g, "main@<commit>");
    expect(commitless(printed.stdout)).toBe(commitless(shown!));
  });

  test("every rolepack-check command they show is accepted as written (no usage error)", () => {
    const repo = scratch();
    let checked = 0;
    for (const page of DOCS) {
      for (const command of commandsIn(readFileSync(join(PROJECT_ROOT, page), "utf8"))) {
        const result = run(words(command).slice(1), repo.dir);
        expect({ page, command, usageError: result.exitCode === 2 && result.stderr.includes("(see --help)") }).toEqual({ page, command, usageError: false });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(12);
  }, 120_000);
});
