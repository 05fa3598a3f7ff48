/**
 * Hostile pack contents: each ends in the right exit code (1: the pack breaks a rule or is not
 * I-JSON; 2: the run cannot happen as asked; 0 only where the input is valid), one-line
 * diagnostics, bounded time and memory, and nothing written — in-process and compiled.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_PACK_PATH } from "../../lib/git/mod.ts";
import { CLI_RUNNERS } from "../helpers/cli-runner.ts";
import { GitRepo, makeTempDir, removeTempDirs } from "../helpers/git-repo.ts";
import { defaultPackText } from "../helpers/packs.ts";
import { expectOneLineFailures, snapshot } from "./helpers.ts";

afterAll(removeTempDirs);

type Pack = { roles: { role_id: string; extract_contracts: { contract_id: string; schema_json: unknown }[] }[] } & Record<string, unknown>;

/** The default pack, changed by `mutate`, pretty-printed. */
function pack(mutate: (pack: Pack) => void): string {
  const value = JSON.parse(defaultPackText()) as Pack;
  mutate(value);
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The default pack with one new extract contract whose schema_json is `raw` text (numbers kept as written). */
function withNewContract(raw: string): string {
  const text = pack((value) => {
    const role = value.roles[0]!;
    const next = Math.max(...role.extract_contracts.map((c) => Number(c.contract_id.split(":").at(-1)))) + 1;
    role.extract_contracts.push({ contract_id: `ROLE:${role.role_id}:X:${next}`, schema_json: "__RAW__" });
  });
  return text.replace('"__RAW__"', raw);
}

/** The default pack with `member` text added to the first published schema_json. */
function inPublishedSchema(member: string): string {
  const text = defaultPackText();
  const at = text.indexOf('"schema_json": {') + '"schema_json": {'.length;
  return `${text.slice(0, at)}${member}, ${text.slice(at)}`;
}

function withRoleId(id: string): string {
  return pack((value) => {
    value.roles.push({ ...structuredClone(value.roles[0]!), role_id: id, extract_contracts: [], produce_contracts: [], aliases: [] } as never);
  });
}

function withContractId(version: string): string {
  return pack((value) => {
    const role = value.roles[0]!;
    role.extract_contracts.push({ contract_id: `ROLE:${role.role_id}:X:${version}`, schema_json: { type: "object" } });
  });
}

interface HostileCase {
  name: string;
  content: () => string | Uint8Array;
  args?: string[];
  exit: 0 | 1 | 2;
  /** Must appear in stdout + stderr. */
  shows?: (string | RegExp)[];
}

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part) : Buffer.from(part))));

const CASES: HostileCase[] = [
  { name: "an empty file", content: () => "", exit: 1, shows: [":1:1: error HSK-RR-011 syntax error: the file is empty"] },
  { name: "only whitespace", content: () => " \n\t\n ", exit: 1, shows: ["error HSK-RR-011 syntax error: the file is empty"] },
  { name: "a UTF-8 byte order mark before valid JSON is accepted", content: () => bytes([0xef, 0xbb, 0xbf], defaultPackText()), exit: 0 },
  { name: "invalid UTF-8 bytes", content: () => {
      const [before, after] = inPublishedSchema('"bad": "@@"').split("@@");
      return bytes(before!, [0xff, 0xfe], after!);
    }, exit: 1, shows: [/error HSK-RR-011 .*UTF-8/] },
  { name: "U+FFFD written in the file (valid UTF-8) is accepted as the character it is", content: () => withNewContract('{"title": "\uFFFD replacement"}'), exit: 0 },
  { name: "a byte order mark, then invalid UTF-8 bytes", content: () => {
      const [before, after] = inPublishedSchema('"bad": "@@"').split("@@");
      return bytes([0xef, 0xbb, 0xbf], before!, [0xc3, 0x28], after!);
    }, exit: 1, shows: [/error HSK-RR-011 .*UTF-8/] },
  { name: "a NUL byte between tokens", content: () => `\u0000${defaultPackText()}`, exit: 1, shows: [":1:1: error HSK-RR-011 syntax error"] },
  { name: "a NUL byte inside a string", content: () => inPublishedSchema('"nul": "a\u0000b"'), exit: 1, shows: ["error HSK-RR-011 syntax error: control character in string"] },
  { name: "a top-level array", content: () => "[]\n", exit: 1, shows: ["error HSK-RR-010"] },
  { name: "a top-level string", content: () => '"roles"\n', exit: 1, shows: [":1:1: error HSK-RR-010 the pack must be an object (was a string)"] },
  { name: "a top-level number", content: () => "42\n", exit: 1, shows: [":1:1: error HSK-RR-010 the pack must be an object (was a number)"] },
  { name: "roles that is not an array", content: () => pack((value) => void (value.roles = {} as never)), exit: 1, shows: ["error HSK-RR-010"] },
  { name: "a role that is null", content: () => pack((value) => void value.roles.push(null as never)), exit: 1, shows: ["error HSK-RR-010"] },
  {
    name: "nesting 100,000 levels deep inside schema_json (no stack overflow)",
    content: () => inPublishedSchema(`"deep": ${"[".repeat(100_000)}${"]".repeat(100_000)}`),
    exit: 1,
    shows: ["error HSK-RR-011 nesting deeper than 1000 levels"],
  },
  // A schema_json sits at level 6 of the pack; 1 + 994 levels of its own reach exactly 1,000.
  { name: "nesting exactly at the limit of 1,000 levels passes", content: () => withNewContract(`{"d": ${"[".repeat(994)}${"]".repeat(994)}}`), exit: 0 },
  {
    name: "nesting one level past the limit is HSK-RR-011 at the opening bracket",
    content: () => withNewContract(`{"d": ${"[".repeat(995)}${"]".repeat(995)}}`),
    exit: 1,
    shows: [/:\d+:\d+: error HSK-RR-011 nesting deeper than 1000 levels/],
  },
  { name: "a 50 MB string in a new contract", content: () => withNewContract(`{"type": "object", "blob": "${"x".repeat(50_000_000)}"}`), exit: 0 },
  { name: "a 1,000,000-element array in a new contract", content: () => withNewContract(`{"enum": [${Array(1_000_000).fill(7).join(",")}]}`), exit: 0 },
  {
    name: "__proto__, constructor and prototype keys in schema_json are ordinary keys",
    content: () => withNewContract('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}, "prototype": null}'),
    exit: 0,
  },
  { name: "a lone surrogate in a string", content: () => inPublishedSchema('"s": "\\ud800"'), exit: 1, shows: [/error HSK-RR-011 .*surrogate/] },
  { name: "a lone surrogate in a key", content: () => inPublishedSchema('"\\udc00": 1'), exit: 1, shows: [/error HSK-RR-011 .*surrogate/] },
  { name: "a duplicate key at the top level", content: () => defaultPackText().replace("{", '{"pack_id": "x",'), exit: 1, shows: [/error HSK-RR-011 .*duplicate/] },
  {
    name: "a duplicate key in a role",
    content: () => defaultPackText().replace(/"role_id": "([a-z_]+)",/, '"role_id": "$1", "role_id": "$1",'),
    exit: 1,
    shows: [/error HSK-RR-011 .*duplicate/],
  },
  {
    name: "a duplicate key in a contract",
    content: () => defaultPackText().replace(/"contract_id": "([^"]+)",/, '"contract_id": "$1", "contract_id": "$1",'),
    exit: 1,
    shows: [/error HSK-RR-011 .*duplicate/],
  },
  { name: "a duplicate key inside schema_json", content: () => inPublishedSchema('"k": {"a": 1, "a": 1}'), exit: 1, shows: [/error HSK-RR-011 .*duplicate/] },
  { name: "1e400 (overflows)", content: () => withNewContract('{"max": 1e400}'), exit: 1, shows: ["error HSK-RR-011"] },
  { name: "9007199254740993 (beyond 2^53)", content: () => withNewContract('{"max": 9007199254740993}'), exit: 1, shows: ["error HSK-RR-011"] },
  { name: "-0 and 0.1e1 are valid numbers", content: () => withNewContract('{"min": -0, "max": 0.1e1}'), exit: 0 },
  { name: "a contract version in Arabic-Indic digits", content: () => withContractId("\u0661"), exit: 1, shows: ['error HSK-RR-007 contract_id "ROLE:producer:X:\u0661" is not valid'] },
  { name: "a contract version +1", content: () => withContractId("+1"), exit: 1, shows: ["error HSK-RR-007"] },
  { name: "a contract version 01", content: () => withContractId("01"), exit: 1, shows: ["error HSK-RR-007"] },
  // Versions are unsigned 32-bit numbers: replay and audit systems store them as such.
  { name: "a contract version of 4294967295 (the 32-bit maximum) is valid", content: () => withContractId("4294967295"), exit: 0 },
  {
    name: "a contract version of 4294967296 is one past the 32-bit maximum",
    content: () => withContractId("4294967296"),
    exit: 1,
    shows: ['error HSK-RR-007 contract_id "ROLE:producer:X:4294967296" is not valid: its version 4294967296 exceeds the 32-bit maximum 4294967295'],
  },
  { name: "a contract version of 11 digits", content: () => withContractId("12345678901"), exit: 1, shows: ["error HSK-RR-007"] },
  { name: "a role_id in uppercase", content: () => withRoleId("Editor_Two"), exit: 1, shows: ['error HSK-RR-006 role_id "Editor_Two" is not valid', 'fix: Use "editor_two"'] },
  { name: "a role_id with dashes", content: () => withRoleId("editor-two"), exit: 1, shows: ['fix: Use "editor_two"'] },
  { name: "a role_id of 65 characters", content: () => withRoleId("r".repeat(65)), exit: 1, shows: [`fix: Use "${"r".repeat(64)}"`] },
  { name: "a role_id with a Cyrillic look-alike letter", content: () => withRoleId("\u0435ditor_two"),
    exit: 1,
    shows: [/error HSK-RR-006 role_id "\u0435ditor_two" is not valid: .*; "\u0435" \(U\+0435\) is not an ASCII letter/],
  },
  {
    name: "a file over --max-size is refused unread",
    content: () => defaultPackText(),
    args: ["--max-size", "1KiB"],
    exit: 2,
    shows: [/^rolepack-check: error: .*: 9\d\.\d KiB is larger than --max-size 1 KiB; it was not read/m],
  },
];

describe("hostile pack contents", () => {
  for (const hostile of CASES) {
    test(`${hostile.name}: exit ${hostile.exit}, one-line diagnostics, nothing written`, async () => {
      const repo = GitRepo.create();
      repo.write(DEFAULT_PACK_PATH, defaultPackText());
      repo.commit("publish");
      repo.write(DEFAULT_PACK_PATH, hostile.content());
      for (const cli of CLI_RUNNERS) {
        const before = snapshot(repo.dir);
        const result = await cli.run([DEFAULT_PACK_PATH, ...(hostile.args ?? [])], { cwd: repo.dir });
        expect({ runner: cli.name, exitCode: result.exitCode }).toEqual({ runner: cli.name, exitCode: hostile.exit });
        expectOneLineFailures(result);
        for (const shown of hostile.shows ?? []) expect(`${result.stdout}${result.stderr}`).toMatch(shown);
        expect(snapshot(repo.dir)).toEqual(before);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  test("__proto__, constructor and prototype are hashed as ordinary keys, from JSON and from JSONC", async () => {
    const dir = makeTempDir();
    const canonical = '{"__proto__":{"polluted":true},"constructor":{"prototype":1},"prototype":null}';
    writeFileSync(join(dir, "schema.json"), '{"prototype": null, "constructor": {"prototype": 1}, "__proto__": {"polluted": true}}');
    writeFileSync(join(dir, "schema.jsonc"), '{"prototype": null, // JSONC: read by the positioned parser\n "constructor": {"prototype": 1}, "__proto__": {"polluted": true}}');
    const expectedHash = new Bun.CryptoHasher("sha256").update(canonical).digest("hex");
    for (const cli of CLI_RUNNERS) {
      for (const file of ["schema.json", "schema.jsonc"]) {
        expect(await cli.run(["hash", "--canonical", file], { cwd: dir })).toEqual({ exitCode: 0, stdout: canonical, stderr: "" });
        expect((await cli.run(["hash", file], { cwd: dir })).stdout.trim()).toBe(expectedHash);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("a 2 GB sparse file is refused by its size before it is read", async () => {
    const repo = GitRepo.create();
    repo.write(DEFAULT_PACK_PATH, defaultPackText());
    repo.commit("publish");
    const { truncateSync } = await import("node:fs");
    truncateSync(repo.write(DEFAULT_PACK_PATH, ""), 2 * 1024 ** 3);
    for (const cli of CLI_RUNNERS) {
      const result = await cli.run([DEFAULT_PACK_PATH], { cwd: repo.dir });
      expect(result.exitCode).toBe(2);
      expectOneLineFailures(result);
      expect(result.stderr).toContain(`${DEFAULT_PACK_PATH}: 2 GiB is larger than --max-size 64 MiB; it was not read`);
    }
  });
});
