/**
 * The registry view of a parsed pack: roles and contracts with the offsets that diagnostics
 * point at. Read leniently, so that it also serves a baseline written in an older format
 * (only role_id, contract_id and schema_json are needed) and a current pack that fails the schema.
 *
 * @example
 * ```ts
 * const model = readPackModel(parseJsonDocument(new SourceText("pack.json", text)));
 * model.roles.map((role) => role.role_id);
 * contractSchemaHash(model.contracts[0]!); // "5f0c…"
 * ```
 */
import { schemaHash } from "./canonical-hash.ts";
import { type JsonDocument, type JsonNode, nodeValue, propertyNode, propertyValue } from "./json-document.ts";
import { CONTRACT_LISTS, type ContractListField } from "./schema.ts";
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

export interface ContractEntry {
  readonly contract_id: string;
  readonly idOffset: number;
  readonly offset: number;
  readonly list: ContractListField;
  readonly role: RoleEntry;
  readonly schema: JsonNode | undefined;
  /** The text the contract was read from. */
  readonly source: SourceText;
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
        const schema = propertyValue(contractNode, "schema_json");
        role.contracts.push({
          contract_id: contractIdNode.value as string,
          idOffset: contractIdNode.offset,
          offset: contractNode.offset,
          list: field,
          role,
          schema,
          source: doc.source,
          schemaIsIJson: schema === undefined || !doc.findings.some((f) => within(schema, f.offset)),
        });
      }
    }
    roles.push(role);
    contracts.push(...role.contracts);
  }
  return { source: doc.source, rolesOffset: rolesProperty?.offset ?? doc.root?.offset ?? 0, roles, contracts };
}

function within(node: JsonNode, offset: number): boolean {
  return offset >= node.offset && offset < node.offset + node.length;
}

/** Hashes by the exact text of schema_json: versions of a pack mostly repeat their schemas verbatim. */
const hashesByText = new Map<string, string | undefined>();

/**
 * The contract's schema hash, or undefined when it has no schema_json or the schema_json is
 * not I-JSON (the parser has reported that as HSK-RR-011 already).
 */
export function contractSchemaHash(contract: ContractEntry): string | undefined {
  const schema = contract.schema;
  if (schema === undefined || !contract.schemaIsIJson) return undefined;
  const text = contract.source.text.slice(schema.offset, schema.offset + schema.length);
  if (!hashesByText.has(text)) hashesByText.set(text, hashOfNode(schema));
  return hashesByText.get(text);
}

function hashOfNode(node: JsonNode): string | undefined {
  try {
    return schemaHash(nodeValue(node));
  } catch {
    return undefined; // lone surrogate or non-finite number: no hash is defined for it
  }
}

/** The role_id / contract_id fields a finding about `contract` carries. */
export function contractSubject(contract: ContractEntry): { contract_id: string; role_id?: string } {
  return contract.role.role_id === undefined
    ? { contract_id: contract.contract_id }
    : { role_id: contract.role.role_id, contract_id: contract.contract_id };
}
