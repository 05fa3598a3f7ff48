/**
 * HSK-RR-017, the registry version is pinned: jobs pin `pack_version` (spec S5), so a version's
 * roles never change under the same pack_version. A warning by default (see the catalog).
 *
 * Roles are compared as content, not text: role order, key order and layout are no change, and a
 * legacy version without `aliases`/`lifecycle` reads as `[]` and `"active"`, so adding those
 * defaults is no change either. Texts are compared first; the canonical comparison (RFC 8785
 * definitions, contract hashes) runs only when the texts differ.
 *
 * @example
 * ```ts
 * registryVersionPinned.check({ current, published });
 * // [{ code: "HSK-RR-017", message: 'pack_version "1.0.0" is the published one, but the roles changed: 1 added ("critic")', … }]
 * ```
 */
import { canonicalJson } from "../json/canonical-hash.ts";
import { contractSchemaHash, type PackModel, type RoleEntry } from "../pack/model.ts";
import type { PublishedRegistry, VersionContent } from "../published/registry.ts";
import { publishedSchemaHash, type RoleReading } from "../published/version-reader.ts";
import type { Finding } from "./diagnostic.ts";
import type { Rule } from "./rule.ts";
import { writtenOnce } from "../json/written-once.ts";

const quote = JSON.stringify;

export const registryVersionPinned: Rule = {
  code: "HSK-RR-017",
  check({ current, published }) {
    const packVersion = current.pack_version;
    if (published === undefined || packVersion === undefined) return [];
    const latest = published.latest;
    if (latest?.pack_version === packVersion) {
      const change = rolesChange(latest, current);
      if (change === undefined) return [];
      return [
        finding(current, `pack_version ${quote(packVersion)} is the published one (${latest.label}), but the roles changed: ${change}`, published),
      ];
    }
    const earlier = published.byPackVersion.get(packVersion) ?? [];
    if (earlier.length === 0 || earlier.some((version) => rolesChange(version, current) === undefined)) return [];
    const last = earlier[earlier.length - 1]!;
    return [finding(current, `pack_version ${quote(packVersion)} was published before with other roles (${last.label}): ${rolesChange(last, current)}`, published)];
  },
};

function finding(current: PackModel, message: string, published: PublishedRegistry): Finding {
  const next = nextPackVersion(current.pack_version!, published);
  return {
    code: "HSK-RR-017",
    offset: current.packVersionOffset,
    message,
    advice:
      `Give the pack a pack_version never published before${next === undefined ? "" : ` (e.g. ${quote(next)})`}; ` +
      "jobs pinned to the published one must keep getting the roles they were pinned to.",
  };
}

/**
 * The next pack_version after `version` that was never published: its last number counted up
 * ("1.0.0" → "1.0.1", "v7" → "v8"); undefined when it has no number.
 */
function nextPackVersion(version: string, published: PublishedRegistry): string | undefined {
  const match = /(\d+)(\D*)$/.exec(version);
  if (match === null) return undefined;
  const head = version.slice(0, match.index);
  for (let n = BigInt(match[1]!) + 1n; ; n++) {
    const candidate = `${head}${n}${match[2]}`;
    if (!published.byPackVersion.has(candidate)) return candidate;
  }
}

/**
 * How the current roles differ from a version's, in a few words; undefined when they are the same
 * content. Role by role: texts first, the canonical comparison only for a role whose text differs.
 */
function rolesChange(version: VersionContent, current: PackModel): string | undefined {
  // Equal texts are equal content: the common case costs one string comparison.
  if (versionKey(version) === currentKey(current)) return undefined;
  const before = groupById(version.roles, (role) => role.role_id);
  const after = groupById(current.roles, (role) => role.role_id);
  const added = [...after.keys()].filter((id) => !before.has(id));
  const removed = [...before.keys()].filter((id) => !after.has(id));
  const changed = [...after.keys()].filter((id) => {
    const [was, is] = [before.get(id), after.get(id)!];
    if (was === undefined) return false;
    const same = (exact: boolean) => sortedJoin(was.map((role) => readingKey(role, exact))) === sortedJoin(is.map((role) => entryKey(role, exact)));
    return !same(false) && !same(true);
  });
  const parts = [listed("added", added), listed("changed", changed), listed("removed", removed)].filter((part) => part !== "");
  return parts.length > 0 ? parts.join("; ") : undefined;
}

function groupById<T>(roles: readonly T[], idOf: (role: T) => string | undefined): Map<string | undefined, T[]> {
  const groups = new Map<string | undefined, T[]>();
  for (const role of roles) {
    const group = groups.get(idOf(role));
    if (group === undefined) groups.set(idOf(role), [role]);
    else group.push(role);
  }
  return groups;
}

function sortedJoin(keys: string[]): string {
  return keys.sort().join("\n");
}

function listed(what: string, ids: readonly (string | undefined)[]): string {
  if (ids.length === 0) return "";
  const names = ids.slice(0, 3).map((id) => (id === undefined ? "a role without role_id" : quote(id)));
  return `${ids.length} ${what} (${names.join(", ")}${ids.length > 3 ? `, and ${ids.length - 3} more` : ""})`;
}

const versionKeys = new WeakMap<VersionContent, string>();

/** A version's roles as they are written, as one string, role order left out (memoized: a history asks for the same version again). */
function versionKey(version: VersionContent): string {
  let key = versionKeys.get(version);
  if (key === undefined) versionKeys.set(version, (key = sortedJoin(version.roles.map((role) => readingKey(role, false)))));
  return key;
}

function currentKey(current: PackModel): string {
  return sortedJoin(current.roles.map((role) => entryKey(role, false)));
}

/**
 * One role's content as a string. Cheap: the texts as written (equal texts, equal content).
 * Exact: the definition in RFC 8785 form and each contract's hash.
 */
function roleKey(
  role_id: string | undefined,
  display_name: string | undefined,
  lifecycle: string | undefined,
  aliases: readonly string[],
  definition: string,
  contracts: readonly (readonly [string, string, string | undefined])[],
): string {
  return JSON.stringify([
    role_id ?? null,
    display_name ?? null,
    lifecycle ?? "active",
    [...aliases].sort(),
    definition,
    [...contracts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([id, list, schema]) => [id, list, schema ?? null]),
  ]);
}

const readingKeys = new WeakMap<RoleReading, { cheap?: string; exact?: string }>();

function readingKey(role: RoleReading, exact: boolean): string {
  let keys = readingKeys.get(role);
  if (keys === undefined) readingKeys.set(role, (keys = {}));
  const field = exact ? "exact" : "cheap";
  keys[field] ??= roleKey(
    role.role_id,
    role.display_name,
    role.lifecycle,
    role.aliases.map(({ alias }) => alias),
    exact ? canonicalJson(JSON.parse(role.definitionText)) : role.definitionText,
    role.contracts.map(({ contract_id, list, schemaText }) => [contract_id, list, exact ? publishedSchemaHash(schemaText) : schemaText] as const),
  );
  return keys[field];
}

function entryKey(role: RoleEntry, exact: boolean): string {
  return roleKey(
    role.role_id,
    role.display_name,
    role.lifecycle,
    role.aliases.map(({ alias }) => alias),
    exact ? canonicalJson(role.definition) : writtenOnce(role.definition),
    role.contracts.map((contract) => [contract.contract_id, contract.list, exact ? contractSchemaHash(contract) : contract.schema?.text] as const),
  );
}
