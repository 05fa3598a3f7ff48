/**
 * The positioned pipeline, for a pack with something to report: the JSONC parser with offsets,
 * I-JSON findings, the arktype schema's explanations and the rules on a model with exact
 * offsets, so that every diagnostic carries `file:line:col`. Loaded on demand by check-pack.ts.
 *
 * @example
 * ```ts
 * const { diagnostics } = checkWithPositions(input, registry);
 * ```
 */
import { type PackCheckInput, type PackCheckResult, sorted } from "./check-pack.ts";
import type { Finding } from "../rules/diagnostic.ts";
import { type JsonDocument, type JsonNode, nodeValue, parseJsonDocument, propertyNode, propertyValue } from "../json/json-document.ts";
import { type ContractEntry, type PackModel, type RoleEntry, schemaOf } from "../pack/pack-model.ts";
import type { PublishedRegistry } from "../published/registry.ts";
import { registryChanges } from "./registry-changes.ts";
import { CONTRACT_LISTS } from "../pack/format.ts";
import { REGISTRY_RULES } from "../rules/all-rules.ts";
import { schemaFindings } from "../rules/schema-findings.ts";

/** The full pipeline with source positions; arktype is loaded here, and only here, to explain schema errors. */
export function checkWithPositions(
  input: PackCheckInput,
  registry: PublishedRegistry | undefined,
): Omit<PackCheckResult, "baselineWarnings"> {
  const findings: Finding[] = [];
  if (input.invalidUtf8At !== undefined) {
    findings.push({
      code: "HSK-RR-011",
      offset: input.invalidUtf8At,
      message: "the file is not valid UTF-8",
      advice: "Save the file as UTF-8.",
    });
  }
  const doc = parseJsonDocument(input.current);
  findings.push(...doc.findings);
  // A text that is not well-formed has no trustworthy tree: comparing a best-effort guess
  // would report roles as removed that are merely unreadable.
  if (doc.malformed || input.invalidUtf8At !== undefined) {
    return { diagnostics: sorted(findings, input.current), roles: 0, contracts: 0, changes: undefined };
  }
  const value = nodeValue(doc.root!);
  findings.push(...schemaFindings(doc, value));
  const current = readPackModel(doc);
  for (const rule of REGISTRY_RULES) findings.push(...rule.check({ current, published: registry }));
  return {
    diagnostics: sorted(findings, input.current),
    roles: current.roles.length,
    contracts: current.contracts.length,
    changes: registryChanges(current, registry),
    pack: { model: current, value },
  };
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

function within(node: JsonNode, offset: number): boolean {
  return offset >= node.offset && offset < node.offset + node.length;
}
