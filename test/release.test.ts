/**
 * `npm run release` (issue #15): the release binaries are built like `npm run build`, the one for
 * this machine passes the whole end-to-end suite, the others have their platform's executable
 * header, and SHA256SUMS is what `sha256sum -c` checks. A target whose runtime cannot be fetched
 * from the npm registry is skipped with a message, never failed silently.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildFlags, RELEASE_DIR, releaseFile, type Target, TARGETS } from "../scripts/release.ts";
import { PROJECT_ROOT } from "./helpers/cli-runner.ts";

const HOST: Target | undefined = process.platform === "linux" ? (process.arch === "arm64" ? "linux-arm64" : "linux-x64") : undefined;
const log: { stdout: string; stderr: string; exitCode: number } = { stdout: "", stderr: "", exitCode: -1 };

beforeAll(() => {
  const release = Bun.spawnSync([process.execPath, join(PROJECT_ROOT, "scripts", "release.ts")], { cwd: PROJECT_ROOT, stdout: "pipe", stderr: "pipe" });
  Object.assign(log, { stdout: release.stdout.toString(), stderr: release.stderr.toString(), exitCode: release.exitCode });
}, 600_000);

/** The platform and CPU an executable's header says it is for. */
function headerOf(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) === 0x7f454c46) return `ELF ${({ 0x3e: "x86-64", 0xb7: "aarch64" } as Record<number, string>)[view.getUint16(18, true)] ?? "other"}`;
  if (view.getUint32(0, true) === 0xfeedfacf) return `Mach-O ${({ 0x01000007: "x86-64", 0x0100000c: "arm64" } as Record<number, string>)[view.getUint32(4, true)] ?? "other"}`;
  if (view.getUint16(0, true) === 0x5a4d) {
    const pe = view.getUint32(0x3c, true);
    if (view.getUint32(pe) === 0x50450000) return `PE ${view.getUint16(pe + 4, true) === 0x8664 ? "x86-64" : "other"}`;
  }
  return "unknown";
}

const EXPECTED_HEADER: Record<Target, string> = {
  "linux-x64": "ELF x86-64",
  "linux-arm64": "ELF aarch64",
  "darwin-x64": "Mach-O x86-64",
  "darwin-arm64": "Mach-O arm64",
  "windows-x64": "PE x86-64",
};

describe("npm run release", () => {
  test("builds with exactly the flags of npm run build (no .env or bunfig.toml read at run time, the JIT policy)", () => {
    const flags = buildFlags();
    for (const flag of ["--compile", "--no-compile-autoload-dotenv", "--no-compile-autoload-bunfig", "--bytecode", "--minify"]) expect(flags).toContain(flag);
    expect(flags.some((flag) => flag.startsWith("--compile-jit-policy="))).toBe(true);
  });

  for (const target of Object.keys(TARGETS) as Target[]) {
    test(`${releaseFile(target)}: ${EXPECTED_HEADER[target]}`, () => {
      const file = join(RELEASE_DIR, releaseFile(target));
      if (!existsSync(file)) {
        // The runtime for this platform could not be fetched (no network to the npm registry, say).
        console.warn(`skipped: ${releaseFile(target)} was not built — ${log.stderr.split("\n").find((line) => line.includes(target)) ?? "see npm run release"}`);
        expect(target).not.toBe(HOST); // this machine's own target never needs a download
        return;
      }
      expect(headerOf(readFileSync(file).subarray(0, 4096))).toBe(EXPECTED_HEADER[target]);
    });
  }

  test("SHA256SUMS lists every binary built, in the format sha256sum -c checks", () => {
    const sums = readFileSync(join(RELEASE_DIR, "SHA256SUMS"), "utf8");
    const built = (Object.keys(TARGETS) as Target[]).map(releaseFile).filter((name) => existsSync(join(RELEASE_DIR, name)));
    expect(sums.split("\n").filter(Boolean).map((line) => line.replace(/^[0-9a-f]{64} {2}/, ""))).toEqual([...built].sort());
    if (Bun.which("sha256sum") === null) return console.warn("skipped: sha256sum is not installed; the format alone was checked");
    const check = Bun.spawnSync(["sha256sum", "-c", "SHA256SUMS"], { cwd: RELEASE_DIR, stdout: "pipe", stderr: "pipe" });
    expect({ exitCode: check.exitCode, out: check.stdout.toString() }).toEqual({ exitCode: 0, out: [...built].sort().map((name) => `${name}: OK\n`).join("") });
  });

  test.skipIf(HOST === undefined)("this machine's release binary passes the whole end-to-end suite (every test file that runs the CLI)", () => {
    const binary = join(RELEASE_DIR, releaseFile(HOST!));
    const files = [...new Bun.Glob("test/**/*.test.ts").scanSync(PROJECT_ROOT)].filter((file) => file !== "test/release.test.ts" && readFileSync(join(PROJECT_ROOT, file), "utf8").includes("CLI_RUNNERS"))
      .sort();
    expect(files.length).toBeGreaterThan(10);
    const suite = Bun.spawnSync([process.execPath, "test", "--timeout", "60000", ...files], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ROLEPACK_CHECK_BINARY: binary },
      stdout: "pipe",
      stderr: "pipe",
    });
    const output = `${suite.stdout}${suite.stderr}`;
    expect(output).toMatch(/\n 0 fail\n/);
    expect(Number(/\n (\d+) pass\n/.exec(output)?.[1])).toBeGreaterThan(300);
    expect(suite.exitCode).toBe(0);
  }, 600_000);
});
