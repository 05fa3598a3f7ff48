/**
 * What the current pack adds and retires relative to what was published: the lines of a
 * summary, not findings (adding and deprecating are how a registry is meant to change).
 *
 * @example
 * ```ts
 * registryChanges(current, published).deprecated; // ["showrunner"]
 * ```
 */
import { formatContractId, parseContractId } from "../pack/contract-id.ts";
import { definitionChanges } from "../rules/definition-changes.ts";
import type { PackModel } from "../pack/model.ts";
import type { PublishedRegistry } from "../published/registry.ts";
import { writtenOnce } from "../json/written-once.ts";

/**
 * RegistryChanges
 *
 * @example
 * ```ts
 * const { roles_added, version_bumps }: RegistryChanges = pack.changes!;
 * ```
 */
export interface RegistryChanges {
  roles_added: string[];
  contracts_added: string[];
  /** Added contracts that are a new version of an existing one: `ROLE:editor:X:2` supersedes `ROLE:editor:X:1`. */
  version_bumps: { contract_id: string; supersedes: string }[];
  aliases_added: string[];
  /** Roles published as active (or without a lifecycle) that are now deprecated. */
  deprecated: string[];
  /** Roles published as deprecated that are active again. */
  reactivated: string[];
  /** Published roles whose definition changed (with a new contract version, or HSK-RR-014 says so), field by field. */
  definitions_changed: { role_id: string; changes: string[] }[];
  /** Published roles shown under another display_name (allowed, and logged). */
  display_names_changed: { role_id: string; from: string; to: string }[];
  /** The pack_version, when it differs from the one published last. */
  pack_version: { from: string; to: string } | null;
}

/** Changes with every list empty: a pack identical to what was published. */
export function noChanges(): RegistryChanges {
  return {
    roles_added: [],
    contracts_added: [],
    version_bumps: [],
    aliases_added: [],
    deprecated: [],
    reactivated: [],
    definitions_changed: [],
    display_names_changed: [],
    pack_version: null,
  };
}

export function registryChanges(current: PackModel, published: PublishedRegistry | undefined): RegistryChanges {
  const changes = noChanges();
  for (const role of current.roles) {
    if (role.role_id === undefined) continue;
    const before = published?.roles.get(role.role_id);
    if (before === undefined) changes.roles_added.push(role.role_id);
    else if (role.lifecycle === "deprecated" && before.lifecycle !== "deprecated") changes.deprecated.push(role.role_id);
    else if (role.lifecycle === "active" && before.lifecycle === "deprecated") changes.reactivated.push(role.role_id);
    for (const { alias } of role.aliases) if (!published?.aliases.has(alias)) changes.aliases_added.push(alias);
    if (before === undefined) continue;
    if (before.sharedDefinition !== role.definition && before.definitionText !== writtenOnce(role.definition)) {
      const changed = definitionChanges(JSON.parse(before.definitionText) as Record<string, unknown>, role.definition);
      if (changed.length > 0) changes.definitions_changed.push({ role_id: role.role_id, changes: changed.map((change) => change.text) });
    }
    if (before.display_name !== undefined && role.display_name !== undefined && before.display_name !== role.display_name) {
      changes.display_names_changed.push({ role_id: role.role_id, from: before.display_name, to: role.display_name });
    }
  }
  const publishedVersion = published?.pack_version;
  if (publishedVersion !== undefined && current.pack_version !== undefined && publishedVersion !== current.pack_version) {
    changes.pack_version = { from: publishedVersion, to: current.pack_version };
  }
  for (const contract of current.contracts) {
    if (!published?.contracts.has(contract.contract_id)) changes.contracts_added.push(contract.contract_id);
  }
  changes.version_bumps = versionBumps(changes.contracts_added, current, published);
  for (const list of [changes.roles_added, changes.contracts_added, changes.aliases_added, changes.deprecated, changes.reactivated]) {
    list.sort(byCodeUnits);
  }
  changes.version_bumps.sort((a, b) => byCodeUnits(a.contract_id, b.contract_id));
  changes.definitions_changed.sort((a, b) => byCodeUnits(a.role_id, b.role_id));
  changes.display_names_changed.sort((a, b) => byCodeUnits(a.role_id, b.role_id));
  return changes;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Each added contract that supersedes an existing one: the highest version of the same role and
 * kind below its own, among every id of the pack and of the registry. One pass over the ids, for
 * the roles and kinds that gained a contract only (a large pack adds a few among tens of thousands).
 */
function versionBumps(added: readonly string[], current: PackModel, published: PublishedRegistry | undefined): RegistryChanges["version_bumps"] {
  const versionsOf = new Map<string, number[]>();
  const keyOf = (roleId: string, kind: string) => `${kind}:${roleId}`;
  for (const id of added) {
    const parsed = parseContractId(id);
    if (parsed.ok) versionsOf.set(keyOf(parsed.roleId, parsed.kind), []);
  }
  if (versionsOf.size === 0) return [];
  const collect = (id: string) => {
    const parsed = parseContractId(id);
    if (parsed.ok) versionsOf.get(keyOf(parsed.roleId, parsed.kind))?.push(parsed.version);
  };
  for (const contract of current.contracts) collect(contract.contract_id);
  for (const id of published?.contracts.keys() ?? []) collect(id);
  const bumps: RegistryChanges["version_bumps"] = [];
  for (const id of added) {
    const parsed = parseContractId(id);
    if (!parsed.ok) continue;
    let best: number | undefined;
    for (const version of versionsOf.get(keyOf(parsed.roleId, parsed.kind))!) {
      if (version < parsed.version && (best === undefined || version > best)) best = version;
    }
    if (best !== undefined) bumps.push({ contract_id: id, supersedes: formatContractId(parsed.roleId, parsed.kind, best) });
  }
  return bumps;
}
