/**
 * The registry view of a pack read with positions: the same {@link PackModel} that
 * model.ts builds from a plain value, but every offset exact, for diagnostics that point
 * at `file:line:col`.
 *
 * @example
 * ```ts
 * const model = readPackModel(parseJsonDocument(new SourceText("pack.json", text)));
 * model.source.positionAt(model.roles[0]!.idOffset); // { line: 9, column: 18 }
 * ```
 */
import { type JsonDocument, type JsonNode, type JsonProblem, nodeAtPath, nodeValue, propertyNode, propertyValue } from "../json/json-document.ts";
import { CONTRACT_LISTS, DEFINITION_FIELDS } from "./format.ts";
import { type ContractEntry, type PackModel, type RoleEntry, schemaOf } from "./model.ts";
import { legacyLifecycle } from "./roles-of-value.ts";

/** The model of a positioned document: every offset is exact. */
export function readPackModel(doc: JsonDocument): PackModel {
  const roles: RoleEntry[] = [];
  const contracts: ContractEntry[] = [];
  const rolesProperty = propertyNode(doc.root, "roles");
  const rolesArray = rolesProperty?.children?.[1];
  for (const roleNode of rolesArray?.type === "array" ? (rolesArray.children ?? []) : []) {
    if (roleNode.type !== "object") continue;
    const role = readRoleNode(roleNode, doc.problems);
    roles.push(role);
    contracts.push(...role.contracts);
  }
  const packVersion = propertyValue(doc.root, "pack_version");
  return {
    source: doc.source,
    rolesOffset: rolesProperty?.offset ?? doc.root?.offset ?? 0,
    packVersionOffset: packVersion?.offset ?? doc.root?.offset ?? 0,
    roles,
    contracts,
    ...(packVersion?.type === "string" && { pack_version: packVersion.value as string }),
  };
}

/**
 * One role of a positioned document (an object node): its entry with exact offsets. `problems`
 * are the document's I-JSON problems: a schema_json holding one has no hash.
 *
 * @example
 * ```ts
 * const doc = parseJsonDocument(new SourceText("role.json", roleText));
 * readRoleNode(doc.root!, doc.problems).idOffset; // where its role_id value stands in roleText
 * ```
 */
export function readRoleNode(roleNode: JsonNode, problems: readonly JsonProblem[]): RoleEntry {
  const idNode = propertyValue(roleNode, "role_id");
  const aliasesProperty = propertyNode(roleNode, "aliases");
  const aliasesNode = aliasesProperty?.children?.[1];
  const lifecycleNode = propertyValue(roleNode, "lifecycle");
  const departmentNode = propertyValue(roleNode, "department_id");
  const displayNameNode = propertyValue(roleNode, "display_name");
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
    lifecycle: lifecycleNode?.type === "string" ? (lifecycleNode.value as string) : legacyLifecycle(propertyValue(roleNode, "deprecated")?.value),
    display_name: displayNameNode?.type === "string" ? (displayNameNode.value as string) : undefined,
    department_id: departmentNode?.type === "string" ? (departmentNode.value as string) : undefined,
    departmentOffset: departmentNode?.offset ?? roleNode.offset,
    ...definitionOf(roleNode),
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
        schema:
          schemaNode === undefined
            ? undefined
            : schemaOf(nodeValue(schemaNode), schemaNode.offset, (path) => (path.length === 0 ? schemaNode : nodeAtPath(schemaNode, [...path]))?.offset),
        schemaIsIJson: schemaNode === undefined || !problems.some((problem) => within(schemaNode, problem.offset)),
      });
    }
  }
  return role;
}

/** The definition fields of a role node (the first of a repeated key, as elsewhere), with each value's offset. */
function definitionOf(roleNode: JsonNode): { definition: Record<string, unknown>; fieldOffsets: Record<string, number> } {
  const definition: Record<string, unknown> = {};
  const fieldOffsets: Record<string, number> = {};
  for (const property of roleNode.children ?? []) {
    const [key, value] = property.children ?? [];
    const name = key?.value as string | undefined;
    if (name === undefined || value === undefined || !DEFINITION_FIELDS.has(name) || Object.hasOwn(definition, name)) continue;
    Object.defineProperty(definition, name, { value: nodeValue(value), enumerable: true, writable: true, configurable: true });
    fieldOffsets[name] = value.offset;
  }
  return { definition, fieldOffsets };
}

function within(node: JsonNode, offset: number): boolean {
  return offset >= node.offset && offset < node.offset + node.length;
}
