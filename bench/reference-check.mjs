#!/usr/bin/env node
// The yardstick: the original behaviour as a plain Node script (no Bun, no dependencies), the way
// the registry was checked before rolepack-check. It reads the baseline with `git show`, parses
// with JSON.parse, hashes sorted-key compact JSON with SHA-256 and applies the same registry rules
// (removed roles/contracts, drift, duplicates, id formats, owner, kind). No positions, no schema.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";

const packArg = process.argv[2] ?? "assets/atelier_rolepack_digital_production_studio_v1.json";
const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
const file = resolve(packArg);
const repoPath = relative(root, file);
const current = JSON.parse(readFileSync(file, "utf8"));

function show(ref) {
  try {
    return execFileSync("git", ["show", `${ref}:${repoPath}`], { cwd: root, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
}
const baselineText = show("main") ?? show("origin/main");
const baseline = baselineText === undefined ? { roles: [] } : JSON.parse(baselineText);

function sortedJson(value) {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${sortedJson(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
const hash = (schema) => createHash("sha256").update(sortedJson(schema)).digest("hex");

function contracts(pack) {
  const out = [];
  for (const role of pack.roles ?? []) {
    for (const [list, kind] of [["extract_contracts", "X"], ["produce_contracts", "C"]]) {
      for (const contract of role[list] ?? []) out.push({ role, kind, contract });
    }
  }
  return out;
}

const errors = [];
const roleIds = new Set();
for (const role of current.roles) {
  if (roleIds.has(role.role_id)) errors.push(`HSK-RR-004 duplicate role_id ${role.role_id}`);
  roleIds.add(role.role_id);
  if (!/^[a-z0-9_]{1,64}$/.test(role.role_id)) errors.push(`HSK-RR-006 invalid role_id ${role.role_id}`);
}
const currentContracts = new Map();
for (const { role, kind, contract } of contracts(current)) {
  const id = contract.contract_id;
  if (currentContracts.has(id)) errors.push(`HSK-RR-005 duplicate contract_id ${id}`);
  currentContracts.set(id, contract);
  const match = /^ROLE:([a-z0-9_]{1,64}):([XC]):([1-9][0-9]*)$/.exec(id);
  if (match === null || Number(match[3]) > 0xffffffff) errors.push(`HSK-RR-007 invalid contract_id ${id}`);
  else {
    if (match[1] !== role.role_id) errors.push(`HSK-RR-008 ${id} listed under ${role.role_id}`);
    if (match[2] !== kind) errors.push(`HSK-RR-009 ${id} in the wrong list`);
  }
}
for (const role of baseline.roles ?? []) if (!roleIds.has(role.role_id)) errors.push(`HSK-RR-001 role ${role.role_id} removed`);
for (const { contract } of contracts(baseline)) {
  const now = currentContracts.get(contract.contract_id);
  if (now === undefined) errors.push(`HSK-RR-002 contract ${contract.contract_id} removed`);
  else if (hash(now.schema_json) !== hash(contract.schema_json)) errors.push(`HSK-RR-003 contract ${contract.contract_id} changed`);
}
for (const error of errors) console.log(error);
console.log(errors.length === 0 ? "ok" : `${errors.length} errors`);
process.exitCode = errors.length === 0 ? 0 : 1;
