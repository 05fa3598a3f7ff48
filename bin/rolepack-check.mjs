#!/usr/bin/env node
// The npm `bin` of rolepack-check: runs check.ts with the Bun that npm installed beside this
// package, so that a machine with only Node (e.g. the pre-commit framework's `language: node`)
// needs no global Bun. Plain Node, no dependencies: it only finds Bun and hands over.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const checkScript = join(dirname(fileURLToPath(import.meta.url)), "..", "check.ts");

/** Bun's npm package ships a placeholder `bin/bun.exe` that its postinstall replaces; an unreplaced one is tiny. */
function isRealBinary(path) {
  return existsSync(path) && statSync(path).size > 1_000_000;
}

function bunCandidates() {
  const candidates = [];
  try {
    const require = createRequire(import.meta.url);
    const bunPackage = require.resolve("bun/package.json");
    candidates.push(join(dirname(bunPackage), "bin", "bun.exe"));
    // Where the postinstall did not run (npm may skip install scripts), the platform package still holds the binary.
    const fromBun = createRequire(bunPackage);
    const { optionalDependencies = {} } = JSON.parse(readFileSync(bunPackage, "utf8"));
    const prefix = `@oven/bun-${process.platform}-${process.arch}`;
    for (const name of Object.keys(optionalDependencies).filter((n) => n === prefix || n.startsWith(`${prefix}-`))) {
      try {
        candidates.push(join(dirname(fromBun.resolve(`${name}/package.json`)), "bin", process.platform === "win32" ? "bun.exe" : "bun"));
      } catch {
        // not installed for this platform variant
      }
    }
  } catch {
    // bun is not installed beside this package: fall back to PATH
  }
  return candidates;
}

const bun = bunCandidates().find(isRealBinary) ?? "bun";
// The user's .env and bunfig.toml in the current directory must not reach the checker (a GIT_DIR
// there would change which repository is read): no .env, and this package's own bunfig.toml.
const bunOptions = ["--no-env-file", `--config=${join(dirname(checkScript), "bunfig.toml")}`];
const result = spawnSync(bun, [...bunOptions, checkScript, ...process.argv.slice(2)], { stdio: "inherit" });
if (result.error) {
  console.error(`rolepack-check: error: cannot start Bun (${result.error.message}); install the package's dependencies or put bun on PATH`);
  process.exit(2);
}
if (result.signal) process.kill(process.pid, result.signal);
process.exit(result.status ?? 2);
