/**
 * The provenance manifest of a pack: which registry, and which contract (by hash), a role job
 * ran against. Deterministic: the same pack gives byte-identical output on every machine,
 * whatever its key order, formatting or role order.
 *
 * registry_digest = lowercase hex SHA-256 of the RFC 8785 form of
 * `{ "roles": [ { "role_id", "lifecycle", "aliases": [sorted] } sorted by role_id ],
 *    "contracts": { contract_id: schema_hash } }`.
 *
 * @example
 * ```ts
 * const manifest = buildManifest(model, value);
 * manifest.registry_digest; // "9b1d…"
 * ```
 */
import { canonicalJson, sha256Hex } from "../json/canonical-hash.ts";
import { contractSchemaHash, type PackModel } from "../pack/pack-model.ts";

export interface Manifest {
  manifest_version: 1;
  pack_id: string;
  pack_version: string;
  spec_id: string;
  registry_digest: string;
  roles: { role_id: string; lifecycle: string; aliases: string[] }[];
  contracts: Record<string, string>;
}

/** Code-unit order, as RFC 8785 sorts keys. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The manifest of a pack that has passed the checks (every field present and valid). */
export function buildManifest(pack: PackModel, value: { pack_id: string; pack_version: string; spec_id: string }): Manifest {
  const roles = pack.roles
    .map((role) => ({
      role_id: role.role_id!,
      lifecycle: role.lifecycle!,
      aliases: role.aliases.map(({ alias }) => alias).sort(byCodeUnits),
    }))
    .sort((a, b) => byCodeUnits(a.role_id, b.role_id));
  const contracts: Record<string, string> = {};
  for (const contract of [...pack.contracts].sort((a, b) => byCodeUnits(a.contract_id, b.contract_id))) {
    contracts[contract.contract_id] = contractSchemaHash(contract)!;
  }
  return {
    manifest_version: 1,
    pack_id: value.pack_id,
    pack_version: value.pack_version,
    spec_id: value.spec_id,
    registry_digest: sha256Hex(canonicalJson({ roles, contracts })),
    roles,
    contracts,
  };
}

export function renderManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
