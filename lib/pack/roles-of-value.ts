/**
 * Lenient reading of a parsed pack value: the roles, aliases and contracts that the registry is
 * made of, with their places in the value, whatever else is wrong with it. Shared by the fast
 * path's model of the current pack and by the reader of published versions.
 *
 * @example
 * ```ts
 * for (const role of rolesOf(JSON.parse(text))) console.log(role.role_id, role.lists[0].contracts.length);
 * ```
 */
import { CONTRACT_LISTS, type ContractListField, DEFINITION_FIELDS } from "./format.ts";

export interface RoleValue {
  /** Index in the `roles` array. */
  readonly index: number;
  /** The role_id when it is a string. */
  readonly role_id: string | undefined;
  readonly lifecycle: string | undefined;
  /** The display_name when it is a string. */
  readonly display_name: string | undefined;
  /** The department_id when it is a string. */
  readonly department_id: string | undefined;
  /** The role's definition: its DEFINITION_FIELDS, as they are. */
  readonly definition: Readonly<Record<string, unknown>>;
  /** String entries of `aliases`, with their index in it. */
  readonly aliases: readonly { readonly alias: string; readonly index: number }[];
  readonly lists: readonly ContractListValue[];
}

export interface ContractListValue {
  readonly list: ContractListField;
  /** Whether the role has this key at all (even if it is not an array). */
  readonly present: boolean;
  /** Entries with a string contract_id, with their index in the list. */
  readonly contracts: readonly { readonly index: number; readonly contract_id: string; readonly schema: unknown }[];
}

/** Every object in `roles`, read leniently: a field of the wrong type reads as absent. */
export function rolesOf(pack: unknown): RoleValue[] {
  const roles = field(pack, "roles");
  const result: RoleValue[] = [];
  for (const [index, role] of (Array.isArray(roles) ? roles : []).entries()) {
    const value = roleValueOf(role, index);
    if (value !== undefined) result.push(value);
  }
  return result;
}

/**
 * The lifecycle a pack written before `lifecycle` existed says with `"deprecated": true|false`.
 *
 * @example
 * ```ts
 * legacyLifecycle(true); // "deprecated"
 * ```
 */
export function legacyLifecycle(deprecated: unknown): "deprecated" | "active" | undefined {
  return deprecated === true ? "deprecated" : deprecated === false ? "active" : undefined;
}

/**
 * One element of `roles` (at `index`), read leniently; undefined when it is not an object.
 *
 * @example
 * ```ts
 * roleValueOf({ role_id: "editor", aliases: ["cutter", 7] }, 0)?.aliases; // [{ alias: "cutter", index: 0 }]
 * ```
 */
export function roleValueOf(role: unknown, index: number): RoleValue | undefined {
  if (role === null || typeof role !== "object" || Array.isArray(role)) return undefined;
  // A role object read before at the same index (a baseline's role shared with the current pack): the same reading.
  const known = readings.get(role);
  if (known?.index === index) return known;
  const value = readRoleValue(role, index);
  readings.set(role, value);
  return value;
}

/** One reading per role object (and index): values are immutable, and a large pack's baseline shares its unchanged roles. */
const readings = new WeakMap<object, RoleValue>();

function readRoleValue(role: object, index: number): RoleValue {
  const roleId = field(role, "role_id");
  const lifecycle = field(role, "lifecycle");
  const departmentId = field(role, "department_id");
  const displayName = field(role, "display_name");
  const aliases = field(role, "aliases");
  return {
    index,
    role_id: typeof roleId === "string" ? roleId : undefined,
    lifecycle: typeof lifecycle === "string" ? lifecycle : legacyLifecycle(field(role, "deprecated")),
    department_id: typeof departmentId === "string" ? departmentId : undefined,
    display_name: typeof displayName === "string" ? displayName : undefined,
    definition: definitionOf(role as Record<string, unknown>),
    aliases: (Array.isArray(aliases) ? aliases : []).flatMap((alias, i) => (typeof alias === "string" ? [{ alias, index: i }] : [])),
    lists: CONTRACT_LISTS.map(({ field: list }) => {
      const contracts = field(role, list);
      return {
        list,
        present: contracts !== undefined,
        contracts: (Array.isArray(contracts) ? contracts : []).flatMap((contract, i) => {
          const contractId = field(contract, "contract_id");
          return typeof contractId === "string" ? [{ index: i, contract_id: contractId, schema: field(contract, "schema_json") }] : [];
        }),
      };
    }),
  };
}

/** One definition object per role object: a role a baseline shares with the current pack (role-texts.ts) has its definition written once. */
const definitions = new WeakMap<object, Record<string, unknown>>();

/** The fields of a role object that make its definition (own properties only). */
function definitionOf(role: Record<string, unknown>): Record<string, unknown> {
  const known = definitions.get(role);
  if (known !== undefined) return known;
  // No prototype: a key such as "__proto__" is an ordinary own field, and plain assignment (much
  // faster than defineProperty, on every role of every check) cannot reach a prototype.
  const definition: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(role)) if (DEFINITION_FIELDS.has(key)) definition[key] = role[key];
  definitions.set(role, definition);
  return definition;
}

/** An own property of a plain object, or undefined (never a prototype's, never an array's). */
function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
