/**
 * What changed in a role's definition, field by field, in a few words each: what HSK-RR-014 names
 * and what `diff`'s spec-change log lists.
 *
 * @example
 * ```ts
 * definitionChanges({ allowed_models: ["a"], proposal_policy: "disabled" }, { allowed_models: ["a", "m2"], proposal_policy: "queue_only" });
 * // [{ field: "allowed_models", text: 'allowed_models: added "m2"' }, { field: "proposal_policy", text: 'proposal_policy: "disabled" → "queue_only"' }]
 * ```
 */
import { canonicalJson } from "../json/canonical-hash.ts";
import { formatDifference, jsonDifferences } from "../json/json-diff.ts";

const quote = JSON.stringify;

/** The definition fields that differ, each said in a few words (`allowed_models: added "m2"`), in field order. */
export function definitionChanges(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): { field: string; text: string }[] {
  const changes: { field: string; text: string }[] = [];
  for (const field of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (field === "department_id") continue; // HSK-RR-015
    const [a, b] = [before[field], after[field]];
    if (sameJson(a, b) || sameItems(a, b)) continue;
    if (!Object.hasOwn(before, field)) changes.push({ field, text: `${field}: added ${quote(b)}` });
    else if (!Object.hasOwn(after, field)) changes.push({ field, text: `${field}: removed` });
    else if (Array.isArray(a) && Array.isArray(b) && [...a, ...b].every((item) => item === null || typeof item !== "object")) {
      const added = b.filter((item) => !a.includes(item)).map((item) => `added ${quote(item)}`);
      const removed = a.filter((item) => !b.includes(item)).map((item) => `removed ${quote(item)}`);
      changes.push({ field, text: `${field}: ${[...added, ...removed].join(", ") || "an item repeated or no longer repeated"}` });
    } else if (a === null || typeof a !== "object" || b === null || typeof b !== "object") {
      changes.push({ field, text: `${field}: ${quote(a)} → ${quote(b)}` });
    } else {
      changes.push({ field, text: jsonDifferences(a, b).map((difference) => formatDifference({ ...difference, pointer: `${field}${difference.pointer}` })).join("; ") });
    }
  }
  return changes;
}

/**
 * Lists of plain values (models, tools, modes) are sets: the same items in another order are the
 * same definition. A repeat added or dropped is still a change.
 */
function sameItems(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  if (![...a, ...b].every((item) => item === null || typeof item !== "object")) return false;
  const key = (items: unknown[]) => items.map((item) => JSON.stringify(item)).sort().join();
  return key(a) === key(b);
}

/** Equal JSON values, whatever their key order. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || (a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b));
}
