/**
 * The registry view of the current pack: roles and contracts, each with the offset a diagnostic
 * would point at. Built here straight from the parsed value, on the fast path where no diagnostic
 * is expected (offsets 0, never shown: any finding sends the check down the positioned path,
 * check/positioned-check.ts, which builds the same model from the tree with exact offsets in
 * model-from-document.ts).
 * Read leniently, so that a pack failing the schema still yields what can be compared.
 *
 * @example
 * ```ts
 * const model = readPackModelFromValue(JSON.parse(text), new SourceText("pack.json", text));
 * model.roles.map((role) => role.role_id);
 * contractSchemaHash(model.contracts[0]!); // "5f0c…"
 * ```
 */
import { rolesOf } from "./roles-of-value.ts";
import type { ContractListField } from "./format.ts";
import { cachedSchemaHash } from "../json/hash-cache.ts";
import type { SourceText } from "../json/source-text.ts";
import { writtenOnce } from "../json/written-once.ts";

export interface RoleEntry {
  /** The role_id when it is a string; roles without one still own contracts. */
  readonly role_id: string | undefined;
  /** Offset of the role_id value, or of the role object when it has none. */
  readonly idOffset: number;
  readonly offset: number;
  /** Offsets of the `extract_contracts` / `produce_contracts` keys, where present. */
  readonly listOffsets: Partial<Record<ContractListField, number>>;
  readonly contracts: ContractEntry[];
  /** String entries of `aliases`, with their offsets. */
  readonly aliases: readonly { readonly alias: string; readonly offset: number }[];
  /** Offset of the `aliases` key, or of the role_id when there is none. */
  readonly aliasesOffset: number;
  /** The lifecycle when it is a string (legacy packs have none: they count as active). */
  readonly lifecycle: string | undefined;
  /** The display_name when it is a string. */
  readonly display_name: string | undefined;
  /** The department_id when it is a string, and the offset of its value (or of the role). */
  readonly department_id: string | undefined;
  readonly departmentOffset: number;
  /** The role's definition (its DEFINITION_FIELDS), and where each field's value stands. */
  readonly definition: Readonly<Record<string, unknown>>;
  readonly fieldOffsets: Readonly<Record<string, number>>;
}

export interface ContractSchema {
  readonly value: unknown;
  /** `JSON.stringify(value)`: equal texts are equal values (the key to the hash cache). */
  readonly text: string;
  readonly offset: number;
  /** The offset of the value at `path` inside the schema, where positions are known (undefined on the fast path). */
  offsetOf?(path: readonly (string | number)[]): number | undefined;
}

export interface ContractEntry {
  readonly contract_id: string;
  readonly idOffset: number;
  readonly offset: number;
  readonly list: ContractListField;
  readonly role: RoleEntry;
  readonly schema: ContractSchema | undefined;
  /** False when the parser found an I-JSON violation inside schema_json: no hash is defined for it. */
  readonly schemaIsIJson: boolean;
}

export interface PackModel {
  readonly source: SourceText;
  /** Offset of the `roles` key (or of the document) — where findings about lost roles point. */
  readonly rolesOffset: number;
  readonly roles: readonly RoleEntry[];
  /** Every contract with a string contract_id, in document order. */
  readonly contracts: readonly ContractEntry[];
  /** The pack's pack_version when it is a string (for the spec-change log and HSK-RR-017). */
  readonly pack_version?: string;
  /** Offset of the pack_version value (of the document when absent). */
  readonly packVersionOffset: number;
}

/**
 * The model of a parsed value that is already known to be I-JSON; offsets are all 0. The same
 * rules run on it, so its verdict (findings or none) is the positioned model's.
 */
export function readPackModelFromValue(value: unknown, source: SourceText): PackModel {
  const roles = rolesOf(value).map((found) => {
    const role: RoleEntry = {
      role_id: found.role_id,
      idOffset: 0,
      offset: 0,
      listOffsets: {},
      contracts: [],
      aliases: found.aliases.map(({ alias }) => ({ alias, offset: 0 })),
      aliasesOffset: 0,
      lifecycle: found.lifecycle,
      display_name: found.display_name,
      department_id: found.department_id,
      departmentOffset: 0,
      definition: found.definition,
      fieldOffsets: {},
    };
    for (const { list, present, contracts } of found.lists) {
      if (present) role.listOffsets[list] = 0;
      for (const { contract_id, schema } of contracts) {
        role.contracts.push({
          contract_id,
          idOffset: 0,
          offset: 0,
          list,
          role,
          schema: schema === undefined ? undefined : schemaOf(schema, 0),
          schemaIsIJson: true,
        });
      }
    }
    return role;
  });
  const packVersion = (value as { pack_version?: unknown }).pack_version;
  return {
    source,
    rolesOffset: 0,
    packVersionOffset: 0,
    roles,
    contracts: roles.flatMap((role) => role.contracts),
    ...(typeof packVersion === "string" && { pack_version: packVersion }),
  };
}

export function schemaOf(value: unknown, offset: number, offsetOf?: ContractSchema["offsetOf"]): ContractSchema {
  let text: string | undefined;
  return {
    value,
    offset,
    ...(offsetOf !== undefined && { offsetOf }),
    // Written only when compared or hashed: a pack identical to its baseline never asks.
    get text() {
      text ??= writtenOnce(value); // once for a schema the baseline shares (see role-texts.ts)
      return text;
    },
  };
}


/**
 * The contract's schema hash, or undefined when it has no schema_json or the schema_json is
 * not I-JSON (the parser has reported that as HSK-RR-011 already).
 */
export function contractSchemaHash(contract: ContractEntry): string | undefined {
  const schema = contract.schema;
  if (schema === undefined || !contract.schemaIsIJson) return undefined;
  return cachedSchemaHash(schema.value, schema.text);
}

/** The role_id / contract_id fields a finding about `contract` carries. */
export function contractSubject(contract: ContractEntry): { contract_id: string; role_id?: string } {
  return contract.role.role_id === undefined
    ? { contract_id: contract.contract_id }
    : { role_id: contract.role.role_id, contract_id: contract.contract_id };
}
