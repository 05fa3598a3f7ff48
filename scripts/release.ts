/**
 * `npm run release [TARGET...]`: the release binaries, cross-compiled into dist/release/ with
 * exactly the flags of `npm run build` (read from package.json, so the two cannot drift: no
 * runtime `.env` or `bunfig.toml` autoload, bytecode, the start-up JIT policy), plus SHA256SUMS
 * in the format `sha256sum -c` reads. Bun fetches each other platform's runtime from the npm
 * registry on first use. A target that cannot be built is named and the run exits 1; the others
 * are still built and summed.
 *
 * @example
 * ```sh
 * npm run release                       # all five
 * bun scripts/release.ts linux-x64      # one
 * cd dist/release && sha256sum -c SHA256SUMS --ignore-missing
 * ```
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..");
export const RELEASE_DIR = join(ROOT, "dist", "release");

/** Each release target: its file name's suffix and Bun's --target. */
export const TARGETS = {
  "linux-x64": "bun-linux-x64",
  "linux-arm64": "bun-linux-arm64",
  "darwin-x64": "bun-darwin-x64",
  "darwin-arm64": "bun-darwin-arm64",
  "windows-x64": "bun-windows-x64",
} as const;
export type Target = keyof typeof TARGETS;

/** The file a target's binary is written to, in dist/release/. */
export function releaseFile(target: Target): string {
  return `rolepack-check-${target}${target.startsWith("windows") ? ".exe" : ""}`;
}

/** The flags of `npm run build`, without its entry point and output: what every release target is built with. */
export function buildFlags(): string[] {
  const script: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.build;
  const words = script.split(/\s+/);
  if (words[0] !== "bun" || words[1] !== "build") throw new Error(`package.json's build script is not a bun build: ${script}`);
  const flags: string[] = [];
  for (let i = 2; i < words.length; i++) {
    if (words[i] === "--outfile") i++;
    else if (words[i]!.startsWith("--")) flags.push(words[i]!);
  }
  return flags;
}

/** Lowercase hex SHA-256 of a file. */
function sha256Of(path: string): string {
  return new Bun.CryptoHasher("sha256").update(readFileSync(path)).digest("hex");
}

if (import.meta.main) {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in TARGETS));
  if (unknown.length > 0) {
    console.error(`release: unknown target ${unknown.join(", ")}; the targets are ${Object.keys(TARGETS).join(", ")}`);
    process.exit(2);
  }
  const targets = (asked.length > 0 ? asked : Object.keys(TARGETS)) as Target[];
  mkdirSync(RELEASE_DIR, { recursive: true });
  const failed: string[] = [];
  for (const target of targets) {
    const outfile = join(RELEASE_DIR, releaseFile(target));
    rmSync(outfile, { force: true });
    const build = Bun.spawnSync([process.execPath, "build", ...buildFlags(), `--target=${TARGETS[target]}`, "check.ts", "--outfile", outfile], {
      cwd: ROOT,
      stdout: "pipe",
      stderr: "pipe",
    });
    if (build.exitCode === 0) {
      console.log(`built ${releaseFile(target)}`);
    } else {
      const why = `${build.stderr}${build.stdout}`.trim().split("\n").filter(Boolean).at(-1) ?? `exit ${build.exitCode}`;
      console.error(`release: ${target} could not be built: ${why}`);
      failed.push(target);
    }
  }
  // The sums of every binary in the folder, sorted by name: two spaces between, as sha256sum writes.
  const binaries = readdirSync(RELEASE_DIR).filter((name) => name.startsWith("rolepack-check-")).sort();
  writeFileSync(join(RELEASE_DIR, "SHA256SUMS"), binaries.map((name) => `${sha256Of(join(RELEASE_DIR, name))}  ${name}\n`).join(""));
  console.log(`wrote SHA256SUMS (${binaries.length} binaries) in ${RELEASE_DIR}`);
  if (failed.length > 0) process.exit(1);
}
