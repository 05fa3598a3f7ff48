/**
 * The provenance manifest of a pack: which registry, and which contract (by hash), a role job
 * ran against. Deterministic: the same pack gives byte-identical output on every machine,
 * whatever its key order, formatting or role order.
 *
 * registry_digest = lowercase hex SHA-256 of the RFC 8785 form of
 * `{ "roles": [ { "role_id", "lifecycle", "aliases": [sorted] } sorted by role_id ],
 *    "contracts": { contract_id: contract_hash } }`.
 *
 * @example
 * ```ts
 * const { pack } = await readPack(text);
 * if (pack) packManifest(pack).registry_digest; // "9b1d…", the same as registryDigest(pack)
 * ```
 */
import { canonicalJson, sha256Hex } from "../json/canonical-hash.ts";
import type { PackSnapshot } from "../pack/snapshot.ts";

/**
 * The provenance record of a pack (see the module header for the digest).
 *
 * @example
 * ```ts
 * const { registry_digest, contracts }: Manifest = packManifest(pack);
 * ```
 */
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

/**
 * The manifest of a pack snapshot.
 *
 * @example
 * ```ts
 * const manifest = packManifest(pack); // { manifest_version: 1, pack_id, …, registry_digest, roles, contracts }
 * ```
 */
export function packManifest(pack: PackSnapshot): Manifest {
  const { roles, contracts } = digestInput(pack);
  return {
    manifest_version: 1,
    pack_id: pack.pack_id,
    pack_version: pack.pack_version,
    spec_id: pack.spec_id,
    registry_digest: sha256Hex(canonicalJson({ roles, contracts })),
    roles,
    contracts,
  };
}

/**
 * The registry digest of a pack snapshot: it changes exactly when a role_id, lifecycle, alias,
 * contract_id or contract hash does — not with formatting, key order or role order.
 *
 * @example
 * ```ts
 * registryDigest(pack); // "9b1d…" (64 hex digits)
 * ```
 */
export function registryDigest(pack: PackSnapshot): string {
  return sha256Hex(canonicalJson(digestInput(pack)));
}

function digestInput(pack: PackSnapshot): Pick<Manifest, "roles" | "contracts"> {
  const roles = pack.roles
    .map((role) => ({ role_id: role.role_id, lifecycle: role.lifecycle, aliases: [...role.aliases].sort(byCodeUnits) }))
    .sort((a, b) => byCodeUnits(a.role_id, b.role_id));
  const contracts: Record<string, string> = {};
  for (const contract of [...pack.contracts].sort((a, b) => byCodeUnits(a.contract_id, b.contract_id))) {
    contracts[contract.contract_id] = contract.hash;
  }
  return { roles, contracts };
}

/**
 * The manifest as the `manifest` command prints it.
 *
 * @example
 * ```ts
 * process.stdout.write(renderManifest(packManifest(pack)));
 * ```
 */
export function renderManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
