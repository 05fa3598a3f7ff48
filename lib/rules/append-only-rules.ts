/**
 * The append-only rules: what the baseline published must still be there, unchanged.
 * Each returns no findings when there is no baseline (first publish).
 *
 * @example
 * ```ts
 * roleIdRemoved.check({ current, baseline }); // one finding per published role_id now missing
 * ```
 */
import { formatContractId, parseContractId } from "../contract-id.ts";
import type { Finding } from "../diagnostic.ts";
import { type ContractEntry, contractSchemaHash, contractSubject, type PackModel } from "../pack-model.ts";
import type { Rule } from "./rule.ts";

const quote = JSON.stringify;

export const roleIdRemoved: Rule = {
  code: "HSK-RR-001",
  check({ current, baseline }) {
    if (baseline === undefined) return [];
    const present = new Set(current.roles.map((role) => role.role_id));
    const reported = new Set<string>();
    const findings: Finding[] = [];
    for (const role of baseline.roles) {
      const id = role.role_id;
      if (id === undefined || present.has(id) || reported.has(id)) continue;
      reported.add(id);
      findings.push({
        code: "HSK-RR-001",
        offset: current.rolesOffset,
        message: `role ${quote(id)} was removed; it is published at ${where(baseline, role.idOffset)}`,
        advice: `Restore role ${quote(id)}; to retire it, keep it and set "lifecycle": "deprecated".`,
        role_id: id,
      });
    }
    return findings;
  },
};

export const contractIdRemoved: Rule = {
  code: "HSK-RR-002",
  check({ current, baseline }) {
    if (baseline === undefined) return [];
    const present = new Set(current.contracts.map((contract) => contract.contract_id));
    const reported = new Set<string>();
    const findings: Finding[] = [];
    for (const contract of baseline.contracts) {
      const id = contract.contract_id;
      if (present.has(id) || reported.has(id)) continue;
      reported.add(id);
      const ownerId = contract.role.role_id;
      const owner = current.roles.find((role) => role.role_id !== undefined && role.role_id === ownerId);
      findings.push({
        code: "HSK-RR-002",
        offset: owner === undefined ? current.rolesOffset : (owner.listOffsets[contract.list] ?? owner.idOffset),
        message:
          `contract ${quote(id)} was removed` +
          (owner === undefined && ownerId !== undefined ? ` (with its role ${quote(ownerId)})` : "") +
          `; it is published at ${where(baseline, contract.idOffset)}`,
        advice: `Restore ${quote(id)} in ${contract.list} exactly as published; add new versions beside it.`,
        ...contractSubject(contract),
      });
    }
    return findings;
  },
};

export const contractSurfaceDrift: Rule = {
  code: "HSK-RR-003",
  check({ current, baseline }) {
    if (baseline === undefined) return [];
    const published = new Map<string, ContractEntry>();
    for (const contract of baseline.contracts) {
      if (!published.has(contract.contract_id)) published.set(contract.contract_id, contract);
    }
    const findings: Finding[] = [];
    for (const contract of current.contracts) {
      const before = published.get(contract.contract_id);
      if (before === undefined) continue;
      const expected = contractSchemaHash(before);
      const got = contractSchemaHash(contract);
      if (expected === undefined || got === undefined || expected === got) continue;
      const next = nextFreeContractId(contract.contract_id, baseline, current);
      findings.push({
        code: "HSK-RR-003",
        offset: contract.schema?.offset ?? contract.idOffset,
        message: `contract ${quote(contract.contract_id)} changed its schema_json: published hash ${expected}, now ${got}`,
        advice:
          `Restore the schema_json published at ${where(baseline, before.idOffset)}` +
          (next === undefined ? " and publish the change under a new contract_id." : ` and publish the change as ${quote(next)}.`),
        ...contractSubject(contract),
        expected_hash: expected,
        got_hash: got,
      });
    }
    return findings;
  },
};

/** `baselineName:line`, e.g. `main:assets/pack.json:120`. */
function where(model: PackModel, offset: number): string {
  return `${model.source.name}:${model.source.positionAt(offset).line}`;
}

/** The next version of `id` that neither the baseline nor the current pack uses. */
function nextFreeContractId(id: string, ...packs: PackModel[]): string | undefined {
  const parsed = parseContractId(id);
  if (!parsed.ok) return undefined;
  let highest = parsed.version;
  for (const pack of packs) {
    for (const contract of pack.contracts) {
      const other = parseContractId(contract.contract_id);
      if (other.ok && other.roleId === parsed.roleId && other.kind === parsed.kind) {
        highest = Math.max(highest, other.version);
      }
    }
  }
  return formatContractId(parsed.roleId, parsed.kind, highest + 1);
}
