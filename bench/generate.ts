/**
 * Generates the benchmark inputs under bench/.work/ (git-ignored): real git repositories for
 * every scenario of BENCHMARKS.md. Deterministic: the same inputs on every run and machine.
 *
 * @example
 * ```sh
 * bun bench/generate.ts   # prints the scenario directories
 * ```
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const WORK = join(import.meta.dir, ".work");
const PROJECT = join(import.meta.dir, "..");
export const PACK_PATH = "assets/atelier_rolepack_digital_production_studio_v1.json";

const GIT_ENV = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: WORK,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Bench",
  GIT_AUTHOR_EMAIL: "bench@example.test",
  GIT_COMMITTER_NAME: "Bench",
  GIT_COMMITTER_EMAIL: "bench@example.test",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
};

function git(cwd: string, args: string[], stdin?: string): void {
  const result = Bun.spawnSync(["git", ...args], { cwd, env: GIT_ENV, stdin: stdin === undefined ? "ignore" : Buffer.from(stdin), stderr: "pipe" });
  if (result.exitCode !== 0) throw new Error(`git ${args[0]} failed in ${cwd}: ${result.stderr}`);
}

function freshRepo(name: string): string {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ["init", "-q", "--initial-branch=main"]);
  return dir;
}

function commitFile(dir: string, path: string, text: string): void {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), text);
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "-m", "publish"]);
}

/** A role in the bundled pack's shape, with `extract` X contracts. */
export function syntheticRole(index: number, extract = 1): Record<string, unknown> {
  const id = `role_${index}`;
  const schema = (kind: string, version: number) => ({
    type: kind === "X" ? "role_extract_contract" : "role_produce_contract",
    contract_version: version,
    [kind === "X" ? "extraction_schema" : "deliverable_schema"]: {
      type: "object",
      required: ["summary", "confidence"],
      properties: { summary: { type: "string" }, confidence: { type: "number", minimum: 0, maximum: 1 } },
    },
    // What spec S4 asks each contract to declare (HSK-RR-018), as the real pack does.
    ...(kind === "X"
      ? { evidence_requirements: { required: true, kinds: ["quote", "block_ref"] }, fact_mapping_rules: [{ from: "extraction.summary", to: "facts[]" }] }
      : { deliverable_kinds: ["text"] }),
  });
  return {
    role_id: id,
    department_id: `department_${index % 12}`,
    display_name: `Role ${index}`,
    modes_supported: ["representational", "conceptual"],
    content_profiles_supported: ["default"],
    claim_features: ["docling.blocks", "image.frames", "ocr.text"],
    extract_contracts: Array.from({ length: extract }, (_, v) => ({ contract_id: `ROLE:${id}:X:${v + 1}`, schema_json: schema("X", v + 1) })),
    produce_contracts: [{ contract_id: `ROLE:${id}:C:1`, schema_json: schema("C", 1) }],
    allowed_models: ["llama3"],
    allowed_tools: ["validators", "mappers"],
    vocab_namespace: "",
    proposal_policy: "disabled",
    aliases: [],
    lifecycle: "active",
  };
}

function packText(roles: unknown[], packVersion = "1"): string {
  return `${JSON.stringify({ pack_id: "bench_pack", pack_version: packVersion, spec_id: "bench", roles }, null, 2)}\n`;
}

/** The bundled pack, clean against main. */
function defaultClean(): string {
  return defaultCleanAt("default-clean");
}

function defaultCleanAt(name: string): string {
  const dir = freshRepo(name);
  mkdirSync(join(dir, "assets"), { recursive: true });
  copyFileSync(join(PROJECT, PACK_PATH), join(dir, PACK_PATH));
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "-m", "publish"]);
  return dir;
}

/** The bundled pack with a removed role, a drifted contract and a misspelt key in the working tree. */
async function defaultViolations(): Promise<string> {
  const dir = freshRepo("default-violations");
  const text = await Bun.file(join(PROJECT, PACK_PATH)).text();
  commitFile(dir, PACK_PATH, text);
  const pack = JSON.parse(text);
  pack.roles.splice(3, 1);
  pack.roles[0].extract_contracts[0].schema_json.strict = true;
  pack.roles[1].lifecyle = pack.roles[1].lifecycle;
  delete pack.roles[1].lifecycle;
  writeFileSync(join(dir, PACK_PATH), `${JSON.stringify(pack, null, 2)}\n`);
  return dir;
}

/**
 * The bundled pack published, and the working tree changed by `change` (one problem each, as a
 * person fixing a pack meets them: issue #14's "a pack with problems answers as fast as a clean one").
 */
async function defaultWith(name: string, change: (text: string) => string): Promise<string> {
  const dir = freshRepo(name);
  const text = await Bun.file(join(PROJECT, PACK_PATH)).text();
  commitFile(dir, PACK_PATH, text);
  writeFileSync(join(dir, PACK_PATH), change(text));
  return dir;
}

function edited(text: string, edit: (pack: { roles: Record<string, any>[] }) => void): string {
  const pack = JSON.parse(text);
  edit(pack);
  return `${JSON.stringify(pack, null, 2)}\n`;
}

/** The real pack from ../shared (predating aliases/lifecycle: schema errors as it is), published; undefined without ../shared. */
function realPack(name: string): string | undefined {
  const real = join(PROJECT, "..", "shared", "fixtures", "handshake", "atelier_rolepack_digital_production_studio_v1.json");
  if (!existsSync(real)) return undefined;
  const dir = freshRepo(name);
  mkdirSync(join(dir, "packs"), { recursive: true });
  copyFileSync(real, join(dir, REAL_PACK_PATH));
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "-m", "publish"]);
  return dir;
}

/** Where the real pack stands in its scenario repositories. */
export const REAL_PACK_PATH = "packs/handshake.rolepack.json";

/** The bundled pack published with a README beside it; the hook is installed by bench/run.ts (it needs the build). */
function hookNoPack(): string {
  const dir = defaultCleanAt("hook-no-pack");
  writeFileSync(join(dir, "README.md"), "# notes\n");
  git(dir, ["add", "README.md"]);
  return dir;
}

/** 10,000 roles / 40,000 contracts, published; the working tree adds one role (a typical change). */
function large(): string {
  const dir = freshRepo("large");
  const roles = Array.from({ length: 10_000 }, (_, i) => syntheticRole(i, 3));
  commitFile(dir, "pack.json", packText(roles));
  roles.push(syntheticRole(10_000, 3));
  // A new role under a new pack_version: a clean change (HSK-RR-017 would warn without the bump).
  writeFileSync(join(dir, "pack.json"), packText(roles, "2"));
  return dir;
}

/** `count` packs of 40 roles each, committed and unchanged: a monorepo of team registries (issue #14). */
function manyPacks(count: number): string {
  const dir = freshRepo(`many-${count}`);
  const roles = Array.from({ length: 40 }, (_, i) => syntheticRole(i, 1));
  const text = packText(roles);
  for (let p = 0; p < count; p++) {
    const path = join(dir, "packs", `team_${String(p).padStart(4, "0")}.rolepack.json`);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text.replace('"pack_id": "bench_pack"', `"pack_id": "team_${p}"`));
  }
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "-m", "publish"]);
  return dir;
}

/** `revisions` commits of a 200-role pack, each adding a contract version to one role (streamed into git fast-import). */
async function history(revisions: number): Promise<string> {
  const dir = freshRepo(`history-${revisions}`);
  const roles = Array.from({ length: 200 }, (_, i) => syntheticRole(i, 1));
  const importer = Bun.spawn(["git", "fast-import", "--quiet"], { cwd: dir, env: GIT_ENV, stdin: "pipe", stderr: "inherit" });
  for (let rev = 1; rev <= revisions; rev++) {
    if (rev > 1) {
      const role = roles[rev % roles.length] as { role_id: string; extract_contracts: unknown[] };
      const version = role.extract_contracts.length + 1;
      role.extract_contracts.push({ contract_id: `ROLE:${role.role_id}:X:${version}`, schema_json: { type: "role_extract_contract", contract_version: version } });
    }
    const text = packText(roles);
    const message = `revision ${rev}`;
    importer.stdin.write(
      `commit refs/heads/main\ncommitter Bench <bench@example.test> ${1_767_225_600 + rev} +0000\ndata ${message.length}\n${message}\n` +
        `M 100644 inline pack.json\ndata ${Buffer.byteLength(text)}\n${text}\n`,
    );
    await importer.stdin.flush();
  }
  await importer.stdin.end();
  if ((await importer.exited) !== 0) throw new Error("git fast-import failed");
  git(dir, ["checkout", "-q", "main"]);
  return dir;
}

export interface BenchInputs {
  defaultClean: string;
  defaultViolations: string;
  removedRole: string;
  drift: string;
  typo: string;
  jsoncError: string;
  /** The real pack as it is, and a copy that bench/run.ts fixes; undefined without ../shared. */
  realAsIs: string | undefined;
  realFixed: string | undefined;
  hookNoPack: string;
  large: string;
  many100: string;
  many2000: string;
  history100: string;
  history1000: string;
  history3000: string;
}

export async function generate(): Promise<BenchInputs> {
  mkdirSync(WORK, { recursive: true });
  return {
    defaultClean: defaultClean(),
    defaultViolations: await defaultViolations(),
    removedRole: await defaultWith("removed-role", (text) => edited(text, (pack) => pack.roles.splice(3, 1))),
    drift: await defaultWith("drift", (text) => edited(text, (pack) => (pack.roles[0]!.extract_contracts[0].schema_json.strict = true))),
    typo: await defaultWith("typo", (text) =>
      edited(text, (pack) => {
        pack.roles[1]!.lifecyle = pack.roles[1]!.lifecycle;
        delete pack.roles[1]!.lifecycle;
      }),
    ),
    // JSONC (a comment) with a contract removed: the positioned parser's path.
    jsoncError: await defaultWith("jsonc-error", (text) => `// the studio's roles\n${edited(text, (pack) => pack.roles[2]!.produce_contracts.pop())}`),
    realAsIs: realPack("real-as-is"),
    realFixed: realPack("real-fixed"),
    hookNoPack: hookNoPack(),
    large: large(),
    many100: manyPacks(100),
    many2000: manyPacks(2000),
    history100: await history(100),
    history1000: await history(1000),
    history3000: await history(3000),
  };
}

if (import.meta.main) {
  const dirs = await generate();
  for (const [name, dir] of Object.entries(dirs)) console.log(`${name}\t${dir ?? "(skipped: ../shared is absent)"}`);
}
