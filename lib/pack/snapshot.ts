/**
 * A pack as a runtime keeps it: ids, lifecycles, aliases and each contract's hash — what a job
 * runner pins before a role job and what the registry digest is computed from. Built only from a
 * pack that passed every check, so every field is present and valid.
 *
 * @example
 * ```ts
 * const snapshot = snapshotOf(model, value);
 * snapshot.contracts.find((c) => c.contract_id === "ROLE:editor:X:1")?.hash; // "5f0c…"
 * ```
 */
import { parseContractId } from "./contract-id.ts";
import type { ContractKind } from "./format.ts";
import { contractSchemaHash, type PackModel } from "./model.ts";

/**
 * A role as a runtime keeps it.
 *
 * @example
 * ```ts
 * const active = pack.roles.filter((role: RoleSnapshot) => role.lifecycle === "active");
 * ```
 */
export interface RoleSnapshot {
  readonly role_id: string;
  readonly department_id: string;
  readonly lifecycle: "active" | "deprecated";
  readonly aliases: readonly string[];
}

/**
 * A contract as a runtime keeps it: its id, parsed, and its hash.
 *
 * @example
 * ```ts
 * const pinned = pack.contracts.map(({ contract_id, hash }: ContractSnapshot) => ({ contract_id, hash }));
 * ```
 */
export interface ContractSnapshot {
  readonly contract_id: string;
  readonly role_id: string;
  /** `X` extract, `C` produce. */
  readonly kind: ContractKind;
  readonly version: number;
  /** The contract hash: lowercase hex SHA-256 of the RFC 8785 form of its schema_json. */
  readonly hash: string;
}

/**
 * A valid pack, as a runtime keeps it.
 *
 * @example
 * ```ts
 * const { pack } = await readPack(text); if (pack) console.log(pack.pack_version, registryDigest(pack));
 * ```
 */
export interface PackSnapshot {
  readonly pack_id: string;
  readonly pack_version: string;
  readonly spec_id: string;
  /** In the pack's order. */
  readonly roles: readonly RoleSnapshot[];
  /** In the pack's order: each role's extract contracts, then its produce contracts. */
  readonly contracts: readonly ContractSnapshot[];
}

/** The snapshot of a valid pack: its model (for the hashes) and its parsed value (for the other fields). */
export function snapshotOf(model: PackModel, value: unknown): PackSnapshot {
  const pack = value as { pack_id: string; pack_version: string; spec_id: string; roles: { department_id: string }[] };
  return {
    pack_id: pack.pack_id,
    pack_version: pack.pack_version,
    spec_id: pack.spec_id,
    roles: model.roles.map((role, index) => ({
      role_id: role.role_id!,
      department_id: pack.roles[index]!.department_id,
      lifecycle: role.lifecycle as RoleSnapshot["lifecycle"],
      aliases: role.aliases.map(({ alias }) => alias),
    })),
    contracts: model.contracts.map((contract) => {
      const id = parseContractId(contract.contract_id);
      if (!id.ok) throw new TypeError(`snapshotOf: ${contract.contract_id} is not a valid contract_id`);
      return { contract_id: contract.contract_id, role_id: id.roleId, kind: id.kind, version: id.version, hash: contractSchemaHash(contract)! };
    }),
  };
}
