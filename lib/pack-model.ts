/**
 * The registry view of the current pack: roles and contracts, each with the offset a diagnostic
 * would point at. Built from the positioned tree (offsets exact), or — on the fast path, when
 * no diagnostic is expected — straight from the parsed value (offsets 0, never shown: any finding
 * sends the check down the positioned path). Read leniently, so that a pack failing the schema
 * still yields what can be compared.
 *
 * @example
 * ```ts
 * const model = readPackModel(parseJsonDocument(new SourceText("pack.json", text)));
 * model.roles.map((role) => role.role_id);
 * contractSchemaHash(model.contracts[0]!); // "5f0c…"
 * ```
 */
import { type JsonDocument, type JsonNode, nodeValue, propertyNode, propertyValue } from "./json-document.ts";
import { CONTRACT_LISTS, type ContractListField } from "./registry-format.ts";
import { cachedSchemaHash } from "./schema-hash-cache.ts";
import type { SourceText } from "./source-text.ts";

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
}

export interface ContractSchema {
  readonly value: unknown;
  /** `JSON.stringify(value)`: equal texts are equal values (the key to the hash cache). */
  readonly text: string;
  readonly offset: number;
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
}

/** The model of a positioned document: every offset is exact. */
export function readPackModel(doc: JsonDocument): PackModel {
  const roles: RoleEntry[] = [];
  const contracts: ContractEntry[] = [];
  const rolesProperty = propertyNode(doc.root, "roles");
  const rolesArray = rolesProperty?.children?.[1];
  for (const roleNode of rolesArray?.type === "array" ? (rolesArray.children ?? []) : []) {
    if (roleNode.type !== "object") continue;
    const idNode = propertyValue(roleNode, "role_id");
    const aliasesProperty = propertyNode(roleNode, "aliases");
    const aliasesNode = aliasesProperty?.children?.[1];
    const lifecycleNode = propertyValue(roleNode, "lifecycle");
    const role: RoleEntry = {
      role_id: idNode?.type === "string" ? (idNode.value as string) : undefined,
      idOffset: idNode?.offset ?? roleNode.offset,
      offset: roleNode.offset,
      listOffsets: {},
      contracts: [],
      aliases: (aliasesNode?.type === "array" ? (aliasesNode.children ?? []) : [])
        .filter((node) => node.type === "string")
        .map((node) => ({ alias: node.value as string, offset: node.offset })),
      aliasesOffset: aliasesProperty?.offset ?? idNode?.offset ?? roleNode.offset,
      lifecycle: lifecycleNode?.type === "string" ? (lifecycleNode.value as string) : undefined,
    };
    for (const { field } of CONTRACT_LISTS) {
      const listProperty = propertyNode(roleNode, field);
      if (listProperty === undefined) continue;
      role.listOffsets[field] = listProperty.offset;
      const listNode = listProperty.children?.[1];
      for (const contractNode of listNode?.type === "array" ? (listNode.children ?? []) : []) {
        const contractIdNode = propertyValue(contractNode, "contract_id");
        if (contractIdNode?.type !== "string") continue;
        const schemaNode = propertyValue(contractNode, "schema_json");
        role.contracts.push({
          contract_id: contractIdNode.value as string,
          idOffset: contractIdNode.offset,
          offset: contractNode.offset,
          list: field,
          role,
          schema: schemaNode === undefined ? undefined : schemaOf(nodeValue(schemaNode), schemaNode.offset),
          schemaIsIJson: schemaNode === undefined || !doc.findings.some((f) => within(schemaNode, f.offset)),
        });
      }
    }
    roles.push(role);
    contracts.push(...role.contracts);
  }
  return { source: doc.source, rolesOffset: rolesProperty?.offset ?? doc.root?.offset ?? 0, roles, contracts };
}

/**
 * The model of a parsed value that is already known to be I-JSON; offsets are all 0. The same
 * rules run on it, so its verdict (findings or none) is the positioned model's.
 */
export function readPackModelFromValue(value: unknown, source: SourceText): PackModel {
  const roles: RoleEntry[] = [];
  const contracts: ContractEntry[] = [];
  const roleValues = field(value, "roles");
  for (const roleValue of Array.isArray(roleValues) ? roleValues : []) {
    if (roleValue === null || typeof roleValue !== "object" || Array.isArray(roleValue)) continue;
    const roleId = field(roleValue, "role_id");
    const aliases = field(roleValue, "aliases");
    const lifecycle = field(roleValue, "lifecycle");
    const role: RoleEntry = {
      role_id: typeof roleId === "string" ? roleId : undefined,
      idOffset: 0,
      offset: 0,
      listOffsets: {},
      contracts: [],
      aliases: (Array.isArray(aliases) ? aliases : []).filter((a) => typeof a === "string").map((alias) => ({ alias, offset: 0 })),
      aliasesOffset: 0,
      lifecycle: typeof lifecycle === "string" ? lifecycle : undefined,
    };
    for (const { field: list } of CONTRACT_LISTS) {
      const listValue = field(roleValue, list);
      if (listValue === undefined) continue;
      role.listOffsets[list] = 0;
      for (const contractValue of Array.isArray(listValue) ? listValue : []) {
        const contractId = field(contractValue, "contract_id");
        if (typeof contractId !== "string") continue;
        const schema = field(contractValue, "schema_json");
        role.contracts.push({
          contract_id: contractId,
          idOffset: 0,
          offset: 0,
          list,
          role,
          schema: schema === undefined ? undefined : schemaOf(schema, 0),
          schemaIsIJson: true,
        });
      }
    }
    roles.push(role);
    contracts.push(...role.contracts);
  }
  return { source, rolesOffset: 0, roles, contracts };
}

function schemaOf(value: unknown, offset: number): ContractSchema {
  return { value, text: JSON.stringify(value), offset };
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function within(node: JsonNode, offset: number): boolean {
  return offset >= node.offset && offset < node.offset + node.length;
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
