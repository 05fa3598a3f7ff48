/**
 * What has been published: every role_id, contract_id (with the hash it was first published
 * with) and alias that the append-only rules must find again in the current pack. Built from one
 * baseline, or from every version of the pack in the baseline's history.
 *
 * @example
 * ```ts
 * const published = registryFromHistory([{ commit: sha, pack: readPublishedPack(source, warnings) }]);
 * published.contracts.get("ROLE:editor:X:1")?.hash; // "5f0c…"
 * ```
 */
import { type Place, type PublishedContractEntry, type PublishedPack, publishedSchemaHash } from "./published-pack.ts";
import type { ContractListField } from "./registry-format.ts";

export interface PublishedRole {
  readonly role_id: string;
  /** Where it stands in the latest published version that has it. */
  at: Place;
  lifecycle: string | undefined;
  /** The commit that last removed it, when a later version lacks it (history mode). */
  removedIn?: string;
}

export interface PublishedContract {
  readonly contract_id: string;
  readonly role_id: string | undefined;
  readonly list: ContractListField;
  /** Where it was first published. */
  readonly at: Place;
  /** The first published hash, which is the contract (undefined when it had no usable schema). */
  readonly hash: string | undefined;
  /** The first published schema_json as `JSON.stringify` wrote it: an equal text needs no hashing. */
  readonly schemaText: string | undefined;
  /** The first later version whose hash differs: drift that is already in the history. */
  driftedAt?: { at: Place; hash: string | undefined };
  removedIn?: string;
}

export interface PublishedAlias {
  readonly alias: string;
  readonly role_id: string;
  readonly at: Place;
  removedIn?: string;
}

export interface PublishedRegistry {
  readonly roles: ReadonlyMap<string, PublishedRole>;
  readonly contracts: ReadonlyMap<string, PublishedContract>;
  readonly aliases: ReadonlyMap<string, PublishedAlias>;
}

/** One version of the pack in history, oldest first; `pack` undefined where the file was deleted. */
export interface PackVersion {
  readonly commit: string;
  readonly pack: PublishedPack | undefined;
}

/**
 * The registry a history publishes (one version for a plain baseline): the union of every version,
 * each contract bound to the hash it was first published with, and the commits where things
 * were removed or drifted.
 */
export function registryFromHistory(versions: Iterable<PackVersion>): PublishedRegistry {
  const roles = new Map<string, PublishedRole>();
  const contracts = new Map<string, PublishedContract>();
  const aliases = new Map<string, PublishedAlias>();
  let previous = emptySets();
  for (const { commit, pack } of versions) {
    const present = emptySets();
    for (const role of pack?.roles ?? []) {
      present.roles.add(role.role_id);
      const known = roles.get(role.role_id);
      if (known === undefined) roles.set(role.role_id, { role_id: role.role_id, at: role.place, lifecycle: role.lifecycle });
      else Object.assign(known, { at: role.place, lifecycle: role.lifecycle });
      for (const { alias, place } of role.aliases) {
        present.aliases.add(alias);
        if (!aliases.has(alias)) aliases.set(alias, { alias, role_id: role.role_id, at: place });
      }
    }
    for (const contract of pack?.contracts ?? []) {
      present.contracts.add(contract.contract_id);
      const known = contracts.get(contract.contract_id);
      if (known === undefined) contracts.set(contract.contract_id, firstPublication(contract));
      else if (known.driftedAt === undefined && contract.schemaText !== known.schemaText) {
        // Different texts can still be the same value (key order): only a different hash is drift.
        const hash = publishedSchemaHash(contract);
        if (hash !== known.hash) known.driftedAt = { at: contract.place, hash };
      }
    }
    markRemoved(roles, previous.roles, present.roles, commit);
    markRemoved(contracts, previous.contracts, present.contracts, commit);
    markRemoved(aliases, previous.aliases, present.aliases, commit);
    previous = present;
  }
  return { roles, contracts, aliases };
}

function firstPublication(contract: PublishedContractEntry): PublishedContract {
  return {
    contract_id: contract.contract_id,
    role_id: contract.role_id,
    list: contract.list,
    at: contract.place,
    // Hashed only when asked: a current contract with the same text never asks.
    get hash() {
      return publishedSchemaHash(contract);
    },
    schemaText: contract.schemaText,
  };
}

function emptySets() {
  return { roles: new Set<string>(), contracts: new Set<string>(), aliases: new Set<string>() };
}

/** Records `commit` as the latest removal of whatever was in `before` and is not in `after`. */
function markRemoved(entries: Map<string, { removedIn?: string }>, before: Set<string>, after: Set<string>, commit: string) {
  for (const key of before) if (!after.has(key)) entries.get(key)!.removedIn = commit;
}
