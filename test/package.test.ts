/**
 * The library installs and imports as a package: `npm pack` the project, install the tarball
 * into a scratch project in a temp dir, and import it by name — from Bun (the TypeScript
 * sources, "bun" condition), from Node (the built JavaScript, "default" condition) and from
 * TypeScript (the declarations, "types" condition). What a service that accepts RolePacks does.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./helpers/cli-runner.ts";
import { GIT_ENV, GitRepo, makeTempDir, removeTempDirs } from "./helpers/git-repo.ts";
import { DEFAULT_PACK_FILE } from "./helpers/packs.ts";

const BUN = process.execPath;
const TSC = join(PROJECT_ROOT, "node_modules", ".bin", "tsc");
let app = "";

function run(command: string[], cwd: string, env: Record<string, string | undefined> = process.env) {
  const result = Bun.spawnSync(command, { cwd, env, stdout: "pipe", stderr: "pipe" });
  return { exitCode: result.exitCode, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

function mustRun(command: string[], cwd: string): string {
  const result = run(command, cwd);
  if (result.exitCode !== 0) throw new Error(`${command.join(" ")} failed (${result.exitCode}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** The consumer: the same code runs under Bun and under Node, and prints what it saw as JSON. */
const CONSUMER = `
import { readFileSync } from "node:fs";
import { checkRegistry, readPack, registryDigest, RULE_CATALOG } from "rolepack-check";

const published = readFileSync(process.argv[2], "utf8");
const pack = JSON.parse(published);
const removed = structuredClone(pack);
const gone = removed.roles.splice(1, 1)[0].role_id;
const drifted = structuredClone(pack);
drifted.roles[0].extract_contracts[0].schema_json.title = "changed";
drifted.pack_version = "2"; // a change under the published pack_version would also warn (HSK-RR-017)
const brief = (d) => ({ code: d.code, line: d.line, column: d.column, role_id: d.role_id, contract_id: d.contract_id, expected_hash: d.expected_hash, got_hash: d.got_hash, advice: d.advice });

const clean = await checkRegistry({ current: published, published });
const removal = await checkRegistry({ current: JSON.stringify(removed, null, 2), published });
const drift = await checkRegistry({ current: JSON.stringify(drifted, null, 2), published: [published] });
const read = await readPack(published);
console.log(JSON.stringify({
  gone,
  clean: { ok: clean.ok, diagnostics: clean.diagnostics.length, digest: registryDigest(clean.pack) },
  removal: { ok: removal.ok, diagnostics: removal.diagnostics.map(brief) },
  drift: { ok: drift.ok, diagnostics: drift.diagnostics.map(brief) },
  read: { roles: read.pack.roles.length, contracts: read.pack.contracts.length, digest: registryDigest(read.pack) },
  catalog: RULE_CATALOG.length,
}));
`;

/** A typed consumer, for the declarations: compiled with tsc, never run. */
const TYPED_CONSUMER = `
import { checkRegistry, type CheckRegistryResult, contractHash, type Diagnostic, type PackSnapshot, registryDigest, type RuleCode, ruleInfo } from "rolepack-check";

export async function accept(text: string, published: string[]): Promise<string> {
  const result: CheckRegistryResult = await checkRegistry({ current: text, published, file: "upload.json" });
  const first: Diagnostic | undefined = result.diagnostics[0];
  const code: RuleCode | undefined = first?.code;
  if (!result.ok) throw new Error(\`\${code} \${code === undefined ? "" : ruleInfo(code).title}: \${first?.message}\`);
  const pack: PackSnapshot = result.pack!;
  return \`\${registryDigest(pack)} \${contractHash({ type: "object" })} \${pack.contracts.map((c) => c.kind).join("")}\`;
}
`;

beforeAll(() => {
  const packDir = makeTempDir("rolepack-pack-");
  // As docs/library.md says: `npm run package` builds the Node JavaScript and the declarations, then packs.
  // (Not a prepack script: the pre-commit framework runs `npm pack` on a clone of this repository
  // and reads the tarball's name from its output, which any lifecycle script's banner would spoil.)
  const tarball = mustRun(["npm", "run", "--silent", "package", "--", "--pack-destination", packDir], PROJECT_ROOT).trim().split("\n").at(-1)!;
  app = makeTempDir("rolepack-app-");
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "registry-service", private: true, type: "module" }));
  mustRun(["npm", "install", "--no-audit", "--no-fund", "--prefer-offline", join(packDir, tarball)], app);
  writeFileSync(join(app, "consumer.mjs"), CONSUMER);
  writeFileSync(join(app, "typed-consumer.ts"), TYPED_CONSUMER);
}, 180_000);

afterAll(removeTempDirs);

function expectConsumerVerdicts(stdout: string): void {
  const seen = JSON.parse(stdout);
  expect(seen.clean).toEqual({ ok: true, diagnostics: 0, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(seen.read).toEqual({ roles: 36, contracts: 74, digest: seen.clean.digest });
  expect(seen.removal.ok).toBe(false);
  expect(seen.removal.diagnostics).toContainEqual(expect.objectContaining({ code: "HSK-RR-001", role_id: seen.gone, line: expect.any(Number), column: expect.any(Number) }));
  expect(seen.drift.ok).toBe(false);
  const [drift] = seen.drift.diagnostics;
  expect(seen.drift.diagnostics).toHaveLength(1);
  expect(drift).toMatchObject({ code: "HSK-RR-003", expected_hash: expect.stringMatching(/^[0-9a-f]{64}$/), got_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(drift.expected_hash).not.toBe(drift.got_hash);
  expect(seen.catalog).toBeGreaterThanOrEqual(13);
}

describe("installed from its npm tarball and imported by name", () => {
  test("Bun imports rolepack-check: a removed role is HSK-RR-001, a drift HSK-RR-003 with both hashes, a clean pack is ok", () => {
    expectConsumerVerdicts(mustRun([BUN, "consumer.mjs", DEFAULT_PACK_FILE], app));
  });

  test("Node imports rolepack-check (the built JavaScript) with the same verdicts", () => {
    expectConsumerVerdicts(mustRun(["node", "consumer.mjs", DEFAULT_PACK_FILE], app));
  });

  test("Node is told that rolepack-check/git needs Bun, in one line", () => {
    const result = run(["node", "--input-type=module", "-e", 'await import("rolepack-check/git")'], app);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("rolepack-check/git runs on Bun only");
  });

  test("TypeScript type-checks a consumer against the shipped declarations", () => {
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["typed-consumer.ts"] }),
    );
    const result = run([TSC, "-p", "."], app);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
  });

  test("Bun imports rolepack-check/git and checks a pack in a real repository", () => {
    const repo = GitRepo.create();
    const text = readFileSync(DEFAULT_PACK_FILE, "utf8");
    repo.write("packs/studio.rolepack.json", text);
    repo.commit("publish");
    const pack = JSON.parse(text);
    pack.roles.pop();
    repo.write("packs/studio.rolepack.json", JSON.stringify(pack, null, 2));
    writeFileSync(
      join(app, "in-repo.ts"),
      `import { checkPacksInRepository } from "rolepack-check/git";
const [result] = await checkPacksInRepository({ cwd: process.argv[2]!, env: process.env, packs: ["packs/studio.rolepack.json"] });
console.log(JSON.stringify({ baseline: result!.baseline.ref, codes: [...new Set(result!.diagnostics.map((d) => d.code))] }));`,
    );
    const result = run([BUN, "in-repo.ts", repo.dir], app, GIT_ENV);
    expect(result.stderr).toBe("");
    // The pack_version was not bumped: HSK-RR-017 warns beside the errors.
    expect(JSON.parse(result.stdout)).toEqual({ baseline: "main", codes: ["HSK-RR-017", "HSK-RR-001", "HSK-RR-002"] });
  });
});

/** The Library page's examples (docs/library.md): each ```ts block that starts with a `// name.ts` line, by name. */
function libraryExamples(): Map<string, string> {
  const section = readFileSync(join(PROJECT_ROOT, "docs", "library.md"), "utf8");
  const examples = new Map<string, string>();
  for (const [, name, code] of section.matchAll(/```ts\n\/\/ ([\w-]+\.ts)\n([\s\S]*?)```/g)) examples.set(name!, code!);
  return examples;
}

describe("the Library examples (docs/library.md), run against the installed package", () => {
  const examples = libraryExamples();

  test("there are two: the endpoint and the job runner", () => {
    expect([...examples.keys()]).toEqual(["server.ts", "record-job.ts"]);
  });

  test("they type-check against the shipped declarations and Bun's types", () => {
    for (const [name, code] of examples) writeFileSync(join(app, name), code);
    writeFileSync(
      join(app, "tsconfig.examples.json"),
      JSON.stringify({
        compilerOptions: { target: "ESNext", module: "Preserve", moduleResolution: "bundler", strict: true, noEmit: true, skipLibCheck: true, types: ["bun"], typeRoots: [join(PROJECT_ROOT, "node_modules", "@types")] },
        files: [...examples.keys()],
      }),
    );
    const result = run([TSC, "-p", "tsconfig.examples.json"], app);
    expect(result.stdout + result.stderr).toBe("");
  });

  test("the endpoint accepts the published pack and refuses one that removes a role, with HSK-RR-001", async () => {
    const dir = makeTempDir("rolepack-server-");
    const text = readFileSync(DEFAULT_PACK_FILE, "utf8");
    Bun.spawnSync(["mkdir", "-p", join(dir, "registry")]);
    writeFileSync(join(dir, "registry", "pack.json"), text);
    writeFileSync(join(app, "server.ts"), examples.get("server.ts")!);
    const server = Bun.spawn([BUN, join(app, "server.ts")], { cwd: dir, env: { ...process.env, PORT: "0" }, stdout: "pipe", stderr: "pipe" });
    try {
      const reader = server.stdout.getReader();
      let banner = "";
      while (!banner.includes("\n")) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the server stopped: ${await new Response(server.stderr).text()}`);
        banner += new TextDecoder().decode(value);
      }
      const url = new URL("packs", /listening on (\S+)/.exec(banner)![1]!);
      const accepted = await fetch(url, { method: "POST", body: text });
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toEqual({ registry_digest: JSON.parse(readFileSync(join(PROJECT_ROOT, "test", "golden", "manifest.json"), "utf8")).registry_digest });
      const pack = JSON.parse(text);
      const removed = pack.roles.pop().role_id;
      const refused = await fetch(url, { method: "POST", body: JSON.stringify(pack, null, 2) });
      expect(refused.status).toBe(422);
      const { diagnostics } = (await refused.json()) as { diagnostics: unknown[] };
      expect(diagnostics).toContainEqual(expect.objectContaining({ code: "HSK-RR-001", role_id: removed, file: "upload.json" }));
    } finally {
      server.kill();
      await server.exited;
    }
  });

  test("the job runner records the registry digest and the role's contract hashes", () => {
    const dir = makeTempDir("rolepack-jobs-");
    Bun.spawnSync(["mkdir", "-p", join(dir, "registry"), join(dir, "jobs")]);
    writeFileSync(join(dir, "registry", "pack.json"), readFileSync(DEFAULT_PACK_FILE));
    writeFileSync(join(app, "record-job.ts"), examples.get("record-job.ts")!);
    mustRun([BUN, join(app, "record-job.ts"), "job-42", "editor"], dir);
    const golden = JSON.parse(readFileSync(join(PROJECT_ROOT, "test", "golden", "manifest.json"), "utf8"));
    const record = JSON.parse(readFileSync(join(dir, "jobs", "job-42.json"), "utf8"));
    expect(record.registry_digest).toBe(golden.registry_digest);
    expect(record.contracts.length).toBeGreaterThan(0);
    for (const { contract_id, hash } of record.contracts) expect(golden.contracts[contract_id]).toBe(hash);
  });
});

describe("the package manifest", () => {
  test("ships what its entries need, and nothing of the development tree", () => {
    const files: string[] = JSON.parse(mustRun(["npm", "pack", "--dry-run", "--json", "--ignore-scripts"], PROJECT_ROOT))[0].files.map((f: { path: string }) => f.path);
    for (const needed of ["lib/mod.ts", "lib/git/mod.ts", "dist/node/mod.js", "dist/types/mod.d.ts", "dist/types/git/mod.d.ts", "assets/rolepack.schema.json", "assets/rolepack-check.schema.json", "package.json"]) {
      expect(files).toContain(needed);
    }
    expect(files.filter((path) => path.startsWith("test/") || path.startsWith("bench/") || path === "dist/rolepack-check")).toEqual([]);
  });
});
