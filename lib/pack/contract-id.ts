/**
 * contract_id syntax: `ROLE:<role_id>:<X|C>:<version>`, the version a u32 ≥ 1 written
 * in ASCII digits without leading zeros.
 *
 * @example
 * ```ts
 * parseContractId("ROLE:editor:X:2"); // { ok: true, roleId: "editor", kind: "X", version: 2 }
 * parseContractId("ROLE:editor:X:02").ok; // false
 * formatContractId("editor", "C", 3); // "ROLE:editor:C:3"
 * ```
 */
import { BoundedMemo } from "../json/bounded-memo.ts";
import { type ContractKind, ID_SOURCE, ROLE_ID_PATTERN } from "./format.ts";

export type ParsedContractId =
  | { ok: true; roleId: string; kind: ContractKind; version: number }
  | { ok: false; reason: string };

const MAX_VERSION = 0xffff_ffff;

/** Several rules parse the same ids: each distinct id is parsed once (results are immutable), within a budget. */
const parsedIds = new BoundedMemo<ParsedContractId>(8 * 1024 * 1024);

export function parseContractId(id: string): ParsedContractId {
  let parsed = parsedIds.get(id);
  if (parsed === undefined) {
    parsed = Object.freeze(parse(id));
    parsedIds.set(id, parsed);
  }
  return parsed;
}

/** A valid contract_id, matched at once (most are): the parts are then read without splitting. */
const VALID_ID = new RegExp(`^ROLE:(${ID_SOURCE}):([XC]):([1-9][0-9]{0,9})$`);

function parse(id: string): ParsedContractId {
  const valid = VALID_ID.exec(id);
  if (valid !== null) {
    const version = Number(valid[3]);
    if (version <= MAX_VERSION) return { ok: true, roleId: valid[1]!, kind: valid[2] as ContractKind, version };
  }
  // Not valid: the long way, which says why.
  const parts = id.split(":");
  if (parts.length !== 4 || parts[0] !== "ROLE") {
    return { ok: false, reason: "expected four ':'-separated parts, ROLE:<role_id>:<X|C>:<version>" };
  }
  const [, roleId = "", kind = "", versionText = ""] = parts;
  if (!ROLE_ID_PATTERN.test(roleId)) {
    return { ok: false, reason: `its role part ${JSON.stringify(roleId)} is not a valid role_id (^[a-z0-9_]{1,64}$)` };
  }
  if (kind !== "X" && kind !== "C") {
    return { ok: false, reason: `its kind ${JSON.stringify(kind)} must be X (extract) or C (produce)` };
  }
  if (!/^[1-9][0-9]*$/.test(versionText)) {
    return {
      ok: false,
      reason: `its version ${JSON.stringify(versionText)} must be a whole number ≥ 1 in ASCII digits without leading zeros or sign`,
    };
  }
  const version = Number(versionText);
  if (version > MAX_VERSION) {
    return { ok: false, reason: `its version ${versionText} exceeds the 32-bit maximum ${MAX_VERSION}` };
  }
  return { ok: true, roleId, kind, version };
}

export function formatContractId(roleId: string, kind: ContractKind, version: number): string {
  return `ROLE:${roleId}:${kind}:${version}`;
}

/**
 * The contract_id of a role's next version of one kind: one above the highest version among `ids`
 * (1 when there is none). What the drift and definition advice suggest, and what `fix` gives out.
 *
 * @example
 * ```ts
 * nextContractId("editor", "X", ["ROLE:editor:X:1", "ROLE:editor:X:3", "ROLE:colorist:X:9"]); // "ROLE:editor:X:4"
 * ```
 */
export function nextContractId(roleId: string, kind: ContractKind, ids: Iterable<string>): string {
  let highest = 0;
  for (const id of ids) {
    const parsed = parseContractId(id);
    if (parsed.ok && parsed.roleId === roleId && parsed.kind === kind) highest = Math.max(highest, parsed.version);
  }
  return formatContractId(roleId, kind, highest + 1);
}
