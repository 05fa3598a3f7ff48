/**
 * The mechanical repairs of a pack, as text edits that keep its formatting and comments: what
 * `rolepack-check fix` writes. Pure: the current text and the published one in, the new text and
 * what was done out. What needs a person (a department changed, a definition changed, a
 * duplicate id) is left alone: the check after the fix lists it.
 *
 * - a role without `aliases` gets `[]`, without `lifecycle` gets `"active"` (a legacy
 *   `"deprecated": true|false` becomes `"lifecycle"` in place);
 * - a published role that is gone comes back as published, with `"lifecycle": "deprecated"`;
 * - a published contract or alias that is gone comes back on its role, exactly as published;
 * - a drifted contract gets its published `schema_json` back, and the edited schema moves to the
 *   role's next free version of that kind.
 *
 * @example
 * ```ts
 * const { text, fixes } = fixPack(new SourceText("pack.json", current), new SourceText("main:pack.json", published));
 * fixes; // ['added "aliases": [] to 38 roles', 'added "lifecycle": "active" to 38 roles']
 * ```
 */
import type { Node } from "jsonc-parser";
import { contractHash } from "../json/canonical-hash.ts";
import { type JsonNode, nodeValue, parseJsonDocument, propertyNode, propertyValue } from "../json/json-document.ts";
import type { SourceText } from "../json/source-text.ts";
import { nextContractId, parseContractId } from "../pack/contract-id.ts";
import { CONTRACT_LISTS, type ContractListField } from "../pack/format.ts";
import { legacyLifecycle } from "../pack/roles-of-value.ts";
import { DocumentEdits } from "./json-edits.ts";

/** What {@link fixPack} made of a pack. */
export interface FixResult {
  /** The fixed text (the same text when nothing was mechanical). */
  readonly text: string;
  /** What was done, one line each, in the order it was done. */
  readonly fixes: readonly string[];
  /** Why nothing could be done, when the pack cannot be read as a pack (a syntax error, say). */
  readonly refused?: string;
}

const quote = JSON.stringify;

type PublishedRoleValue = Record<string, unknown>;

/**
 * The pack `current` with its mechanical problems repaired against `published` (undefined on
 * first publish: only the legacy fields are added).
 */
export function fixPack(current: SourceText, published: SourceText | undefined): FixResult {
  const doc = parseJsonDocument(current);
  const rolesNode = propertyValue(doc.root, "roles");
  if (doc.malformed || doc.root?.type !== "object" || rolesNode?.type !== "array") {
    return { text: current.text, fixes: [], refused: "the pack cannot be read as a pack (fix its syntax and its roles array first)" };
  }
  const publishedRoles = publishedRolesOf(published);
  const edits = new DocumentEdits(current.text);
  const fixes: string[] = [];
  const counts = { aliases: 0, lifecycle: 0, legacy: 0 };
  const roleNodes = (rolesNode.children ?? []).filter((node) => node.type === "object");
  const currentIds = new Set(roleNodes.map((node) => propertyValue(node, "role_id")?.value).filter((id): id is string => typeof id === "string"));
  const contractIds = new Set<string>();
  for (const role of roleNodes) for (const { node } of contractsOf(role)) contractIds.add(String(propertyValue(node, "contract_id")?.value));
  const publishedIds = new Set(publishedRoles.flatMap((role) => contractsOfValue(role).map(({ contract }) => String(contract.contract_id))));
  const taken = new Set([...contractIds, ...publishedIds]);

  for (const role of roleNodes) {
    const roleId = propertyValue(role, "role_id")?.value;
    const before = typeof roleId === "string" ? publishedRoles.find((candidate) => candidate.role_id === roleId) : undefined;
    // Legacy fields first: a role restored from an old version gets the same treatment below.
    const aliasesNode = propertyValue(role, "aliases");
    const lostAliases = before === undefined ? [] : stringsOf(before.aliases).filter((alias) => !(aliasesNode?.children ?? []).some((node) => node.value === alias));
    if (aliasesNode === undefined) {
      edits.append(role, { key: "aliases", value: lostAliases });
      counts.aliases++;
    } else if (aliasesNode.type === "array") {
      for (const alias of lostAliases) edits.append(aliasesNode, { value: alias });
    }
    if (propertyNode(role, "lifecycle") === undefined) {
      const deprecated = propertyNode(role, "deprecated");
      const lifecycle = legacyLifecycle(deprecated?.children?.[1]?.value);
      if (deprecated !== undefined && lifecycle !== undefined) {
        edits.replaceText(deprecated.children![0]!, quote("lifecycle"));
        edits.replaceText(deprecated.children![1]!, quote(lifecycle));
        counts.legacy++;
      } else {
        edits.append(role, { key: "lifecycle", value: "active" });
        counts.lifecycle++;
      }
    }
    for (const alias of lostAliases) fixes.push(`restored alias ${quote(alias)} of role ${quote(roleId)}, as published`);
    if (before === undefined) continue;

    // Contracts of this role that are gone from the whole pack come back in the list they were published in.
    for (const { list, contract } of contractsOfValue(before)) {
      const id = String(contract.contract_id);
      if (contractIds.has(id)) continue;
      const listNode = propertyValue(role, list);
      if (listNode === undefined) edits.append(role, { key: list, value: [contract] });
      else if (listNode.type === "array") edits.append(listNode, { value: contract });
      else continue;
      contractIds.add(id);
      fixes.push(`restored contract ${quote(id)} in ${list} of role ${quote(roleId)}, as published`);
    }
    // A drifted contract: the published schema back, the edited one as the next free version.
    const publishedSchemas = new Map(contractsOfValue(before).map(({ contract }) => [String(contract.contract_id), contract.schema_json]));
    for (const { list, listNode, node } of contractsOf(role)) {
      const id = propertyValue(node, "contract_id")?.value;
      const schemaNode = propertyValue(node, "schema_json");
      if (typeof id !== "string" || schemaNode === undefined || !publishedSchemas.has(id)) continue;
      const publishedSchema = publishedSchemas.get(id);
      const edited = nodeValue(schemaNode);
      if (publishedSchema === undefined || sameHash(publishedSchema, edited)) continue;
      const parsed = parseContractId(id);
      if (!parsed.ok || parsed.roleId !== roleId) continue;
      // Above every version taken: published, in the pack, or given out by this fix.
      const next = nextContractId(roleId, parsed.kind, taken);
      taken.add(next);
      edits.replace(schemaNode, publishedSchema);
      edits.append(listNode, { value: { contract_id: next, schema_json: edited } });
      fixes.push(`restored the published schema_json of ${quote(id)} in ${list}; the edited one is now ${quote(next)}`);
    }
  }

  // Published roles that are gone come back at the end, retired, exactly as published otherwise.
  for (const role of publishedRoles) {
    if (typeof role.role_id !== "string" || currentIds.has(role.role_id)) continue;
    currentIds.add(role.role_id);
    const { deprecated: _legacy, ...rest } = role;
    const restored: Record<string, unknown> = { ...rest, aliases: Array.isArray(role.aliases) ? role.aliases : [], lifecycle: "deprecated" };
    edits.append(rolesNode, { value: restored });
    fixes.push(`restored role ${quote(role.role_id)} as published, with "lifecycle": "deprecated"`);
  }

  const legacy = [
    counts.aliases > 0 ? `added "aliases": [] to ${counted(counts.aliases, "role")}` : "",
    counts.lifecycle > 0 ? `added "lifecycle": "active" to ${counted(counts.lifecycle, "role")}` : "",
    counts.legacy > 0 ? `replaced "deprecated": true|false with "lifecycle" in ${counted(counts.legacy, "role")}` : "",
  ].filter((line) => line !== "");
  return { text: edits.apply(), fixes: [...legacy, ...fixes] };
}

function counted(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/** The roles of the published text (JSON or JSONC), leniently: the objects among `roles`. */
function publishedRolesOf(published: SourceText | undefined): PublishedRoleValue[] {
  if (published === undefined) return [];
  const doc = parseJsonDocument(published);
  if (doc.malformed || doc.root === undefined) return [];
  const roles = (nodeValue(doc.root) as { roles?: unknown }).roles;
  return Array.isArray(roles) ? roles.filter((role): role is PublishedRoleValue => role !== null && typeof role === "object" && !Array.isArray(role)) : [];
}

function contractsOfValue(role: PublishedRoleValue): { list: ContractListField; contract: Record<string, unknown> }[] {
  return CONTRACT_LISTS.flatMap(({ field }) => {
    const contracts = role[field];
    return (Array.isArray(contracts) ? contracts : [])
      .filter((contract): contract is Record<string, unknown> => contract !== null && typeof contract === "object" && typeof contract.contract_id === "string")
      .map((contract) => ({ list: field, contract }));
  });
}

function contractsOf(role: JsonNode): { list: ContractListField; listNode: Node; node: Node }[] {
  return CONTRACT_LISTS.flatMap(({ field }) => {
    const listNode = propertyValue(role, field);
    if (listNode?.type !== "array") return [];
    return (listNode.children ?? []).filter((node) => node.type === "object").map((node) => ({ list: field, listNode, node }));
  });
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function sameHash(a: unknown, b: unknown): boolean {
  try {
    return contractHash(a) === contractHash(b);
  } catch {
    return false; // no hash (a lone surrogate): not the published contract
  }
}
