/**
 * What the current pack adds and retires relative to what was published: the lines of a
 * summary, not findings (adding and deprecating are how a registry is meant to change).
 *
 * @example
 * ```ts
 * registryChanges(current, published).deprecated; // ["showrunner"]
 * ```
 */
import type { PackModel } from "./pack-model.ts";
import type { PublishedRegistry } from "./published-registry.ts";

export interface RegistryChanges {
  roles_added: string[];
  contracts_added: string[];
  aliases_added: string[];
  /** Roles published as active (or without a lifecycle) that are now deprecated. */
  deprecated: string[];
  /** Roles published as deprecated that are active again. */
  reactivated: string[];
}

export function registryChanges(current: PackModel, published: PublishedRegistry | undefined): RegistryChanges {
  const changes: RegistryChanges = { roles_added: [], contracts_added: [], aliases_added: [], deprecated: [], reactivated: [] };
  for (const role of current.roles) {
    if (role.role_id === undefined) continue;
    const before = published?.roles.get(role.role_id);
    if (before === undefined) changes.roles_added.push(role.role_id);
    else if (role.lifecycle === "deprecated" && before.lifecycle !== "deprecated") changes.deprecated.push(role.role_id);
    else if (role.lifecycle === "active" && before.lifecycle === "deprecated") changes.reactivated.push(role.role_id);
    for (const { alias } of role.aliases) if (!published?.aliases.has(alias)) changes.aliases_added.push(alias);
  }
  for (const contract of current.contracts) {
    if (!published?.contracts.has(contract.contract_id)) changes.contracts_added.push(contract.contract_id);
  }
  for (const list of Object.values(changes)) list.sort();
  return changes;
}
