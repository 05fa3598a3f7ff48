/**
 * What has been published: every role_id, contract_id (with the hash it was first published
 * with) and alias that the append-only rules must find again in the current pack. Built from one
 * baseline pack, or from every version of the pack in the baseline's history.
 *
 * @example
 * ```ts
 * const published = registryFromPack(readPackModel(baselineDoc));
 * published.contracts.get("ROLE:editor:X:1")?.hash; // "5f0c…"
 * ```
 */
import { type ContractEntry, contractSchemaHash, type PackModel } from "./pack-model.ts";
import type { ContractListField } from "./schema.ts";

export interface PublishedRole {
  readonly role_id: string;
  /** Where it stands in the latest published version that has it: `main:path:line`. */
  at: string;
  lifecycle: string | undefined;
  /** The commit that last removed it, when a later version lacks it (history mode). */
  removedIn?: string;
}

export interface PublishedContract {
  readonly contract_id: string;
  readonly role_id: string | undefined;
  readonly list: ContractListField;
  /** Where it was first published: `main:path:line` or `<commit>:path:line`. */
  readonly at: string;
  /** The first published hash, which is the contract (undefined when it had no usable schema). */
  readonly hash: string | undefined;
  /** The first later version whose hash differs: drift that is already in the history. */
  driftedAt?: { at: string; hash: string | undefined };
  removedIn?: string;
}

export interface PublishedAlias {
  readonly alias: string;
  readonly role_id: string;
  readonly at: string;
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
  readonly pack: PackModel | undefined;
}

/** The registry one baseline pack publishes. */
export function registryFromPack(pack: PackModel): PublishedRegistry {
  return registryFromHistory([{ commit: "", pack }]);
}

/**
 * The registry a whole history publishes: the union of every version, each contract bound to
 * the hash it was first published with, and the commits where things were removed or drifted.
 */
export function registryFromHistory(versions: readonly PackVersion[]): PublishedRegistry {
  const roles = new Map<string, PublishedRole>();
  const contracts = new Map<string, PublishedContract>();
  const aliases = new Map<string, PublishedAlias>();
  let previous: { roles: Set<string>; contracts: Set<string>; aliases: Set<string> } = emptySets();
  for (const { commit, pack } of versions) {
    const present = emptySets();
    for (const role of pack?.roles ?? []) {
      if (role.role_id === undefined) continue;
      present.roles.add(role.role_id);
      const known = roles.get(role.role_id);
      const at = where(pack!, role.idOffset);
      if (known === undefined) roles.set(role.role_id, { role_id: role.role_id, at, lifecycle: role.lifecycle });
      else Object.assign(known, { at, lifecycle: role.lifecycle });
      for (const { alias, offset } of role.aliases) {
        present.aliases.add(alias);
        if (!aliases.has(alias)) aliases.set(alias, { alias, role_id: role.role_id, at: where(pack!, offset) });
      }
    }
    for (const contract of pack?.contracts ?? []) {
      present.contracts.add(contract.contract_id);
      const known = contracts.get(contract.contract_id);
      if (known === undefined) {
        contracts.set(contract.contract_id, publishedContract(contract, pack!));
      } else if (known.driftedAt === undefined && contractSchemaHash(contract) !== known.hash) {
        known.driftedAt = { at: `${where(pack!, contract.idOffset)}`, hash: contractSchemaHash(contract) };
      }
    }
    markRemoved(roles, previous.roles, present.roles, commit);
    markRemoved(contracts, previous.contracts, present.contracts, commit);
    markRemoved(aliases, previous.aliases, present.aliases, commit);
    previous = present;
  }
  return { roles, contracts, aliases };
}

function publishedContract(contract: ContractEntry, pack: PackModel): PublishedContract {
  return {
    contract_id: contract.contract_id,
    role_id: contract.role.role_id,
    list: contract.list,
    at: where(pack, contract.idOffset),
    hash: contractSchemaHash(contract),
  };
}

function emptySets() {
  return { roles: new Set<string>(), contracts: new Set<string>(), aliases: new Set<string>() };
}

/** Records `commit` as the latest removal of whatever was in `before` and is not in `after`. */
function markRemoved(entries: Map<string, { removedIn?: string }>, before: Set<string>, after: Set<string>, commit: string) {
  if (commit === "") return;
  for (const key of before) if (!after.has(key)) entries.get(key)!.removedIn = commit;
}

/** `name:line`, where the name is the source's (`main:assets/pack.json`, `1a2b3c4d5e6f:assets/pack.json`). */
function where(pack: PackModel, offset: number): string {
  return `${pack.source.name}:${pack.source.positionAt(offset).line}`;
}
