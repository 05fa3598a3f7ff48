/**
 * Holds the current pack to the full AtelierRolePack schema and turns its problems into HSK-RR-010
 * findings positioned at the offending node, with "did you mean" hints for unknown keys. The
 * problems come from the schema derived from the arktype definition (pack/schema-explainer.ts),
 * so explaining loads no arktype.
 *
 * Findings that have a rule of their own are left to that rule (a role_id or alias that breaks
 * the format is HSK-RR-006 or HSK-RR-012, not 010).
 *
 * @example
 * ```ts
 * const findings = schemaFindings(documentLocator(doc), nodeValue(doc.root!));
 * ```
 */
import { findNodeAtLocation, type JSONPath } from "jsonc-parser";
import type { Finding } from "./diagnostic.ts";
import { closestName } from "./did-you-mean.ts";
import type { JsonDocument } from "../json/json-document.ts";
import { CONTRACT_LISTS } from "../pack/format.ts";
import PACK_SCHEMA from "../pack/generated/pack-schema.json" with { type: "json" };
import type { SchemaNode } from "../pack/schema-check-codegen.ts";
import { explainSchema, type SchemaProblem } from "../pack/schema-explainer.ts";

const quote = JSON.stringify;

/** The field names each kind of object declares, for "did you mean" hints (from the same schema). */
const DECLARED_FIELDS = (() => {
  const pack = PACK_SCHEMA as SchemaNode;
  const role = pack.properties!.roles!.items!;
  const contract = role.properties!.extract_contracts!.items!;
  const names = (node: SchemaNode) => Object.keys(node.properties ?? {});
  return { pack: names(pack), role: names(role), contract: names(contract) };
})();
const CONTRACT_LIST_FIELDS: readonly unknown[] = CONTRACT_LISTS.map((list) => list.field);

/**
 * Where the node at a path stands in the text: its offset, and its parent's (a member's key, an
 * element's array). Undefined where there is no such node.
 */
export type NodeLocator = (path: JSONPath) => { readonly offset: number; readonly parentOffset: number | undefined } | undefined;

/**
 * Nodes located in a whole positioned document.
 *
 * @example
 * ```ts
 * documentLocator(parseJsonDocument(source))(["roles", 0])?.offset;
 * ```
 */
export function documentLocator(doc: JsonDocument): NodeLocator {
  return (path) => {
    const node = doc.root === undefined ? undefined : path.length === 0 ? doc.root : findNodeAtLocation(doc.root, path);
    return node === undefined ? undefined : { offset: node.offset, parentOffset: node.parent?.offset };
  };
}

export function schemaFindings(locate: NodeLocator, value: unknown): Finding[] {
  const errors = explainSchema(PACK_SCHEMA as SchemaNode, value);
  if (errors.length === 0) return [];
  const typoFor = typoTargets(errors);
  // A field misspelt in a role is not missing from it: such roles do not count towards "every role".
  const everywhere = missingInEveryRole(
    errors.filter((error) => !(error.kind === "required" && typoFor.has(pathKey(error.path)))),
    value,
  );
  const findings: Finding[] = [];
  for (const error of errors) {
    // A misspelt field is one mistake: "unknown field lifecyle, did you mean lifecycle?" says it all,
    // so the "missing lifecycle" error it causes is not reported separately.
    if (error.kind === "required" && typoFor.has(pathKey(error.path))) continue;
    if (everywhere.has(roleField(error) ?? "")) continue;
    const finding = toFinding(error, locate, value);
    if (finding !== undefined) findings.push(finding);
  }
  for (const [field, expected] of everywhere) findings.push(missingEverywhere(field, expected, locate, value));
  return findings;
}

/** The field a `required` error of a role is about (`roles[i].aliases` → "aliases"), or undefined. */
function roleField(error: SchemaProblem): string | undefined {
  const [first, index, field] = error.path;
  return error.kind === "required" && error.path.length === 3 && first === "roles" && typeof index === "number" && typeof field === "string" ? field : undefined;
}

/**
 * Fields missing from every role of a pack with several: one mistake (a pack written before the
 * field existed, like the Handshake pack without `aliases` and `lifecycle`), so one finding each —
 * not one per role.
 */
function missingInEveryRole(errors: readonly SchemaProblem[], value: unknown): Map<string, string> {
  const roles = (value as { roles?: unknown }).roles;
  const count = Array.isArray(roles) ? roles.length : 0;
  const byField = new Map<string, { roles: Set<unknown>; expected: string }>();
  for (const error of errors) {
    const field = roleField(error);
    if (field === undefined) continue;
    const entry = byField.get(field) ?? { roles: new Set(), expected: error.expected };
    entry.roles.add(error.path[1]);
    byField.set(field, entry);
  }
  const everywhere = new Map<string, string>();
  if (count < 2) return everywhere;
  for (const [field, { roles: missing, expected }] of byField) if (missing.size === count) everywhere.set(field, expected);
  return everywhere;
}

function missingEverywhere(field: string, expected: string, locate: NodeLocator, value: unknown): Finding {
  const roles = (value as { roles: unknown[] }).roles;
  const first = describeOwner(["roles", 0], value);
  return {
    code: "HSK-RR-010",
    offset: locate(["roles", 0])?.offset ?? 0,
    message: `missing required field ${quote(field)} in every role (all ${roles.length}, from ${first} on): the pack predates ${quote(field)}`,
    advice:
      field === "aliases" || field === "lifecycle"
        ? `Run \`rolepack-check fix\`: it adds ${field === "aliases" ? '"aliases": []' : '"lifecycle": "active"'} to each of the ${roles.length} roles, keeping the file's formatting and comments.`
        : `Add ${quote(field)} (${expected}) to each of the ${roles.length} roles.`,
  };
}

/** Paths of missing fields that an unknown sibling field is a likely misspelling of. */
function typoTargets(errors: readonly SchemaProblem[]): Set<string> {
  const targets = new Set<string>();
  for (const error of errors) {
    const field = error.path.at(-1);
    if (!isUnknownField(error) || typeof field !== "string") continue;
    const parent = error.path.slice(0, -1) as JSONPath;
    const suggestion = closestName(field, declaredFieldsAt(parent));
    if (suggestion !== undefined) targets.add(pathKey([...parent, suggestion]));
  }
  return targets;
}

function isUnknownField(error: SchemaProblem): boolean {
  return error.kind === "unknown";
}

function pathKey(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map(String));
}

function toFinding(error: SchemaProblem, locate: NodeLocator, value: unknown): Finding | undefined {
  const path = [...error.path] as JSONPath;
  const field = path.at(-1);
  const parentPath = path.slice(0, -1);
  const where = describeOwner(parentPath, value);
  if (hasOwnRule(path) && error.keyword === "pattern") return undefined; // HSK-RR-006 / 007 / 012 report it
  if (isUnknownField(error) && typeof field === "string") {
    const valueNode = locate(path);
    const suggestion = closestName(field, declaredFieldsAt(parentPath));
    return {
      code: "HSK-RR-010",
      offset: valueNode?.parentOffset ?? valueNode?.offset ?? 0,
      message: `unknown field ${quote(field)} in ${where}`,
      advice: suggestion === undefined ? `Remove ${quote(field)}.` : `Did you mean ${quote(suggestion)}?`,
      ...subjectAt(parentPath, value),
    };
  }
  if (error.kind === "required" && typeof field === "string") {
    return {
      code: "HSK-RR-010",
      offset: locate(parentPath)?.offset ?? 0,
      message: `missing required field ${quote(field)} in ${where} (expected ${error.expected})`,
      advice: `Add ${quote(field)} (${error.expected}).`,
      ...subjectAt(parentPath, value),
    };
  }
  const subject = subjectAt(path, value);
  const owner = subject.role_id === undefined && subject.contract_id === undefined ? "" : ` (in ${describeOwner(path, value)})`;
  return {
    code: "HSK-RR-010",
    offset: locate(path)?.offset ?? 0,
    message: `${path.length === 0 ? "the pack" : propString(path)} must be ${error.expected}${error.actual === undefined ? "" : ` (was ${error.actual})`}${owner}`,
    ...subject,
  };
}

/** A path as code would write it: `roles[0].modes_supported[1]`, `roles[0]["odd key"]`. */
function propString(path: JSONPath): string {
  return path
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `${index === 0 ? "" : "."}${segment}` : `[${quote(segment)}]`,
    )
    .join("");
}


/** role_id, contract_id and alias formats have codes of their own (HSK-RR-006, 007, 012). */
function hasOwnRule(path: JSONPath): boolean {
  if (path[0] !== "roles") return false;
  return (
    (path.length === 3 && path[2] === "role_id") ||
    (path.length === 4 && path[2] === "aliases") ||
    (path.length === 5 && CONTRACT_LIST_FIELDS.includes(path[2]) && path[4] === "contract_id")
  );
}

/** Which declared fields the object at `path` may have. */
function declaredFieldsAt(path: JSONPath): readonly string[] {
  if (path.length === 0) return DECLARED_FIELDS.pack;
  if (path.length === 2 && path[0] === "roles") return DECLARED_FIELDS.role;
  if (path.length === 4 && path[0] === "roles" && CONTRACT_LIST_FIELDS.includes(path[2])) return DECLARED_FIELDS.contract;
  return [];
}

/** A human name for the object that holds `path`: `the pack`, `role "editor"`, `contract "ROLE:editor:X:1"`. */
function describeOwner(path: JSONPath, value: unknown): string {
  const { role_id, contract_id } = subjectAt(path, value);
  if (contract_id !== undefined) return `contract ${quote(contract_id)}`;
  if (role_id !== undefined) return `role ${quote(role_id)}`;
  if (path.length >= 2 && path[0] === "roles") return `roles[${String(path[1])}]`;
  return "the pack";
}

function subjectAt(path: JSONPath, value: unknown): { role_id?: string; contract_id?: string } {
  if (path[0] !== "roles" || typeof path[1] !== "number") return {};
  const role = at(value, ["roles", path[1]]);
  const roleId = at(role, ["role_id"]);
  const subject: { role_id?: string; contract_id?: string } = typeof roleId === "string" ? { role_id: roleId } : {};
  if (path.length >= 4 && CONTRACT_LIST_FIELDS.includes(path[2])) {
    const contractId = at(role, [path[2]!, path[3]!, "contract_id"]);
    if (typeof contractId === "string") subject.contract_id = contractId;
  }
  return subject;
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
