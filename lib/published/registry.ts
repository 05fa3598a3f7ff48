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
import { type Place, type PlacedRole, type PublishedPack, publishedSchemaHash, type RoleReading } from "./version-reader.ts";
import type { ContractListField } from "../pack/format.ts";

export interface PublishedRole {
  readonly role_id: string;
  /** Where it stands in the latest published version that has it. */
  readonly at: Place;
  /** Its lifecycle in the latest published version that has it. */
  readonly lifecycle: string | undefined;
  /** Its display_name in the latest published version that has it. */
  readonly display_name: string | undefined;
  /** Its definition in the latest published version that has it (HSK-RR-014), as `JSON.stringify` wrote it. */
  readonly definitionText: string;
  /** That definition as an object, when the current pack shares the role (the same object is the same definition). */
  readonly sharedDefinition?: object | undefined;
  /** The department_id it was last published with (stable: HSK-RR-015), and where. */
  readonly department: { readonly department_id: string; readonly at: Place } | undefined;
  /** The version that last removed it, as messages name it (`commit 1a2b3c4d5e6f`), when a later version lacks it (history mode). */
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
  /** That schema_json as an object, when the current pack shares its role (the same object is the same schema). */
  readonly sharedSchema?: unknown;
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
  /** The pack_version of the latest version that has one. */
  readonly pack_version?: string;
  /** The roles of the latest version, as published (undefined when the pack was deleted in it). */
  readonly latest?: VersionContent;
  /** Every version that has a pack_version, oldest first, by pack_version (HSK-RR-017 in history mode). */
  readonly byPackVersion: ReadonlyMap<string, readonly VersionContent[]>;
}

/** What one published version says: its pack_version and its roles (readings are shared between versions). */
export interface VersionContent {
  readonly pack_version: string | undefined;
  /** How messages name the version (`commit 1a2b3c4d5e6f`, or the baseline's name). */
  readonly label: string;
  readonly roles: readonly RoleReading[];
}

/** One version of the pack in history, oldest first; `pack` undefined where the file was deleted. */
export interface PackVersion {
  readonly commit: string;
  /** How messages name this version when something was removed in it (default: `commit <sha, 12 digits>`). */
  readonly label?: string;
  readonly pack: PublishedPack | undefined;
}

/**
 * The registry a history publishes (one version for a plain baseline): the union of every version,
 * each contract bound to the hash it was first published with, and the commits where things
 * were removed or drifted.
 *
 * Versions of a long history share most of their roles (the same {@link RoleReading} objects, see
 * history-reader.ts): a reading is folded in once, and what each version adds or removes is
 * worked out from the readings that came and went, not from every entry of every version.
 */
export function registryFromHistory(versions: Iterable<PackVersion>): PublishedRegistry {
  const roles = new Map<string, RoleOfRegistry>();
  const contracts = new Map<string, PublishedContract>();
  const aliases = new Map<string, PublishedAlias>();
  const folded = new Set<RoleReading>();
  const presence = new Presence();
  let firstReadings: Map<RoleReading, number> | undefined | null = null;
  let packVersion: string | undefined;
  let latest: VersionContent | undefined;
  const byPackVersion = new Map<string, VersionContent[]>();
  for (const { commit, label, pack } of versions) {
    const removedIn = label ?? `commit ${commit.slice(0, 12)}`;
    const versionLabel = label ?? (commit === "" ? "the published version" : `commit ${commit.slice(0, 12)}`);
    latest = pack === undefined ? undefined : { pack_version: pack.pack_version, label: versionLabel, roles: pack.roles.map((role) => role.reading) };
    if (pack?.pack_version !== undefined) {
      packVersion = pack.pack_version;
      const seen = byPackVersion.get(pack.pack_version);
      if (seen === undefined) byPackVersion.set(pack.pack_version, [latest!]);
      else seen.push(latest!);
    }
    const readings = new Map<RoleReading, number>();
    for (const role of pack?.roles ?? []) {
      const { reading } = role;
      readings.set(reading, (readings.get(reading) ?? 0) + 1);
      if (reading.role_id !== undefined) {
        const known = roles.get(reading.role_id);
        if (known === undefined) roles.set(reading.role_id, new RoleOfRegistry(reading.role_id, role));
        else {
          known.latest = role;
          known.noteDepartment(role);
        }
      }
      if (folded.has(reading)) continue; // an earlier version had this very role: nothing new in it
      folded.add(reading);
      for (const { alias, path } of reading.aliases) {
        if (!aliases.has(alias) && reading.role_id !== undefined) aliases.set(alias, { alias, role_id: reading.role_id, at: role.place(path) });
      }
      for (const contract of reading.contracts) {
        const known = contracts.get(contract.contract_id);
        if (known === undefined) contracts.set(contract.contract_id, new FirstPublication(contract, reading.role_id, role));
        else if (known.driftedAt === undefined && contract.schemaText !== known.schemaText) {
          // Different texts can still be the same value (key order): only a different hash is drift.
          const hash = publishedSchemaHash(contract.schemaText);
          if (hash !== known.hash) known.driftedAt = { at: role.place(contract.path), hash };
        }
      }
    }
    if (firstReadings === null) {
      // Nothing can be gone from a first version: its ids are counted only if a second one comes
      // (a plain check has one version, and counting 50,000 ids of a large pack costs ~25 ms).
      firstReadings = readings;
      continue;
    }
    if (firstReadings !== undefined) presence.update(firstReadings);
    firstReadings = undefined;
    const registry = { role: roles, contract: contracts, alias: aliases };
    for (const { kind, id } of presence.update(readings)) registry[kind].get(id)!.removedIn = removedIn;
  }
  return {
    roles,
    contracts,
    aliases,
    byPackVersion,
    ...(packVersion !== undefined && { pack_version: packVersion }),
    ...(latest !== undefined && { latest }),
  };
}

/** A role of the registry: where and how it stands is taken from the latest version that has it. */
class RoleOfRegistry implements PublishedRole {
  removedIn?: string;
  /** The latest version of the role that has a department_id (its place is worked out only when a message needs it). */
  #departmentRole: PlacedRole | undefined;

  constructor(
    readonly role_id: string,
    public latest: PlacedRole,
  ) {
    this.noteDepartment(latest);
  }

  /**
   * The department_id the role was last published with is the one it must keep (a department
   * already changed inside the history is that history's breach, reported when it was made; a role
   * re-added after a removal is held to what it last was).
   */
  noteDepartment(role: PlacedRole): void {
    if (role.reading.department_id !== undefined) this.#departmentRole = role;
  }

  get department(): PublishedRole["department"] {
    const role = this.#departmentRole;
    return role === undefined ? undefined : { department_id: role.reading.department_id!, at: role.place(["department_id"]) };
  }

  get at(): Place {
    return this.latest.place(["role_id"]);
  }

  get lifecycle(): string | undefined {
    return this.latest.reading.lifecycle;
  }

  get display_name(): string | undefined {
    return this.latest.reading.display_name;
  }

  get definitionText(): string {
    return this.latest.reading.definitionText;
  }

  get sharedDefinition(): object | undefined {
    return this.latest.reading.sharedDefinition;
  }
}

/**
 * A contract as first published. Its place, text and hash are worked out only when asked: a
 * large pack's 40,000 contracts are looked up by id, and the few that changed are the ones asked.
 */
class FirstPublication implements PublishedContract {
  readonly contract_id: string;
  readonly list: ContractListField;
  readonly sharedSchema: unknown;
  driftedAt?: { at: Place; hash: string | undefined };
  removedIn?: string;
  #at: Place | undefined;

  constructor(
    private readonly contract: RoleReading["contracts"][number],
    readonly role_id: string | undefined,
    private readonly role: PlacedRole,
  ) {
    this.contract_id = contract.contract_id;
    this.list = contract.list;
    // A shared schema is compared as an object (see RoleReading); undefined otherwise.
    this.sharedSchema = contract.sharedSchema;
  }

  get at(): Place {
    this.#at ??= this.role.place(this.contract.path);
    return this.#at;
  }

  /** Hashed only when asked: a current contract with the same text never asks. */
  get hash(): string | undefined {
    return publishedSchemaHash(this.contract.schemaText);
  }

  /** Written only when asked: a shared schema is compared as an object. */
  get schemaText(): string | undefined {
    return this.contract.schemaText;
  }
}

interface PresenceKey {
  readonly kind: "role" | "contract" | "alias";
  readonly id: string;
}

/**
 * Which role_ids, contract_ids and aliases the latest version has, kept as counts of the readings
 * that name them: moving to the next version touches only the readings that came or went.
 */
class Presence {
  #readings = new Map<RoleReading, number>();
  readonly #counts = { role: new Map<string, number>(), contract: new Map<string, number>(), alias: new Map<string, number>() };

  /** Moves to a version with these readings (each with how often it occurs); returns what it no longer has. */
  update(readings: Map<RoleReading, number>): PresenceKey[] {
    const touched: PresenceKey[] = [];
    // Additions first, so that an id moving from one role text to another never counts as gone.
    for (const [reading, count] of readings) this.#add(reading, count - (this.#readings.get(reading) ?? 0), touched);
    for (const [reading, count] of this.#readings) if (!readings.has(reading)) this.#add(reading, -count, touched);
    this.#readings = readings;
    return touched.filter(({ kind, id }) => this.#counts[kind].get(id) === 0);
  }

  #add(reading: RoleReading, delta: number, touched: PresenceKey[]): void {
    if (delta === 0) return;
    const keys = keysOf(reading);
    for (const key of keys) {
      const counts = this.#counts[key.kind];
      const before = counts.get(key.id) ?? 0;
      counts.set(key.id, before + delta);
      if (delta < 0 && before > 0 && before + delta === 0) touched.push(key);
    }
  }
}

const keysByReading = new WeakMap<RoleReading, PresenceKey[]>();

function keysOf(reading: RoleReading): PresenceKey[] {
  let keys = keysByReading.get(reading);
  if (keys === undefined) {
    keys = [
      ...(reading.role_id === undefined ? [] : [{ kind: "role", id: reading.role_id } as const]),
      ...reading.contracts.map(({ contract_id }) => ({ kind: "contract", id: contract_id }) as const),
      ...(reading.role_id === undefined ? [] : reading.aliases.map(({ alias }) => ({ kind: "alias", id: alias }) as const)),
    ];
    keysByReading.set(reading, keys);
  }
  return keys;
}
