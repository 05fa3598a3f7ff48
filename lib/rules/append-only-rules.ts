/**
 * The append-only rules: what was published must still be there, unchanged.
 * Each returns no findings when nothing was published (first publish, no baseline).
 *
 * @example
 * ```ts
 * roleIdRemoved.check({ current, published }); // one finding per published role_id now missing
 * ```
 */
import { formatDifference, jsonDifferences } from "../json/json-diff.ts";
import { nextContractId, parseContractId } from "../pack/contract-id.ts";
import type { Finding } from "./diagnostic.ts";
import { type ContractEntry, contractSchemaHash, contractSubject, type PackModel } from "../pack/model.ts";
import type { PublishedContract, PublishedRegistry, PublishedRole } from "../published/registry.ts";
import { ROLE_ID_PATTERN } from "../pack/format.ts";
import { definitionChanges } from "./definition-changes.ts";
import type { Rule } from "./rule.ts";
import { writtenOnce } from "../json/written-once.ts";

const quote = JSON.stringify;

export const roleIdRemoved: Rule = {
  code: "HSK-RR-001",
  check({ current, published }) {
    if (published === undefined) return [];
    const present = new Set(current.roles.map((role) => role.role_id));
    const removed = [...published.roles.values()].filter((role) => !present.has(role.role_id));
    const renamed = removed.length === 0 ? undefined : renameFinder(current, published);
    return removed.map((role) => {
        const renamedTo = renamed?.(role);
        return {
          code: "HSK-RR-001",
          offset: current.rolesOffset,
          message:
            `role ${quote(role.role_id)} was removed${removedIn(role.removedIn)}` +
            (renamedTo === undefined ? "" : ` — it looks renamed to ${quote(renamedTo)}`) +
            `; it is published at ${role.at.text}`,
          advice:
            renamedTo === undefined
              ? `Restore role ${quote(role.role_id)}; to retire it, keep it and set "lifecycle": "deprecated"${byFix(role.removedIn)}.`
              : `A role_id never changes; renames are aliases (spec S1). Keep role ${quote(role.role_id)} and give it the new name: ` +
                `set its "display_name"${ROLE_ID_PATTERN.test(renamedTo) ? `, or add ${quote(renamedTo)} to its "aliases"` : ""} — not a new role_id.`,
          role_id: role.role_id,
        };
      });
  },
};

/**
 * What a removed role seems to have become: a new role that carries the removed role_id as an
 * alias, or a new role with the same department, definition and contract surfaces (the same
 * schema hashes: roles of one department often share a definition, not their contracts). Worked
 * out once per check, so that many removed roles cost one pass over the pack.
 */
function renameFinder(current: PackModel, published: PublishedRegistry): (removed: PublishedRole) => string | undefined {
  const fresh = current.roles.filter((role) => role.role_id !== undefined && !published.roles.has(role.role_id));
  if (fresh.length === 0) return () => undefined;
  const byAlias = new Map<string, string>();
  for (const role of fresh) for (const { alias } of role.aliases) if (!byAlias.has(alias)) byAlias.set(alias, role.role_id!);
  const lookalikeKey = (department: string | undefined, definitionText: string, surfaces: string) => JSON.stringify([department, definitionText, surfaces]);
  const byLook = new Map<string, string>();
  for (const role of fresh) {
    const surfaces = role.contracts.map((contract) => contractSchemaHash(contract)).sort().join();
    const key = lookalikeKey(role.department_id, writtenOnce(role.definition), surfaces);
    if (!byLook.has(key)) byLook.set(key, role.role_id!);
  }
  const surfacesOf = new Map<string, string[]>();
  for (const contract of published.contracts.values()) {
    if (contract.role_id === undefined) continue;
    surfacesOf.set(contract.role_id, [...(surfacesOf.get(contract.role_id) ?? []), contract.hash ?? ""]);
  }
  return (removed) => {
    const alias = byAlias.get(removed.role_id);
    if (alias !== undefined) return alias;
    const surfaces = (surfacesOf.get(removed.role_id) ?? []).sort().join();
    return surfaces === "" ? undefined : byLook.get(lookalikeKey(removed.department?.department_id, removed.definitionText, surfaces));
  };
}

export const contractIdRemoved: Rule = {
  code: "HSK-RR-002",
  check({ current, published }) {
    if (published === undefined) return [];
    const present = new Set(current.contracts.map((contract) => contract.contract_id));
    const findings: Finding[] = [];
    for (const contract of published.contracts.values()) {
      if (present.has(contract.contract_id)) continue;
      const owner = current.roles.find((role) => role.role_id !== undefined && role.role_id === contract.role_id);
      findings.push({
        code: "HSK-RR-002",
        offset: owner === undefined ? current.rolesOffset : (owner.listOffsets[contract.list] ?? owner.idOffset),
        message:
          `contract ${quote(contract.contract_id)} was removed${removedIn(contract.removedIn)}` +
          (owner === undefined && contract.role_id !== undefined ? ` (with its role ${quote(contract.role_id)})` : "") +
          `; it is published at ${contract.at.text}`,
        advice: `Restore ${quote(contract.contract_id)} in ${contract.list} exactly as published; add new versions beside it${byFix(contract.removedIn)}.`,
        contract_id: contract.contract_id,
        ...(contract.role_id !== undefined && { role_id: contract.role_id }),
      });
    }
    return findings;
  },
};

export const contractSurfaceDrift: Rule = {
  code: "HSK-RR-003",
  check({ current, published }) {
    if (published === undefined) return [];
    const findings: Finding[] = [];
    for (const contract of current.contracts) {
      const before = published.contracts.get(contract.contract_id);
      if (before === undefined || sameSchema(before, contract.schema)) continue;
      const expected = before.hash;
      const got = contractSchemaHash(contract);
      if (expected === undefined || got === undefined || expected === got) continue;
      const parsedId = parseContractId(contract.contract_id);
      const next = parsedId.ok ? nextVersionOf(parsedId.roleId, parsedId.kind, published, current) : undefined;
      const drifted = before.driftedAt;
      // What changed, by JSON Pointer, and where the first change stands.
      const changes = before.schemaText === undefined ? [] : jsonDifferences(JSON.parse(before.schemaText), contract.schema?.value);
      const named = changes.slice(0, 3).map(formatDifference).join("; ") + (changes.length > 3 ? `; and ${changes.length - 3} more` : "");
      // Located at the first changed value in the file; only a removal (no value left) points at where it was.
      const present = changes.filter((change) => "after" in change);
      const located = (present.length > 0 ? present : changes).map((change) => contract.schema?.offsetOf?.(deepestPresent(contract.schema.value, change.path)));
      const offsets = located.filter((offset) => offset !== undefined);
      const first = offsets.length > 0 ? Math.min(...offsets) : undefined;
      findings.push({
        code: "HSK-RR-003",
        offset: first ?? contract.schema?.offset ?? contract.idOffset,
        message:
          `contract ${quote(contract.contract_id)} changed its schema_json${named === "" ? "" : ` (${named})`}: published hash ${expected}, now ${got}` +
          (drifted === undefined ? "" : `; the history already drifted at ${drifted.at.text} (hash ${drifted.hash ?? "none"}), the first published hash is the contract`),
        advice:
          `Restore the schema_json published at ${before.at.text}` +
          (next === undefined ? " and publish the change under a new contract_id" : ` and publish the change as ${quote(next)}`) +
          `${drifted === undefined ? byFix(undefined) : ""}.`,
        ...contractSubject(contract),
        expected_hash: expected,
        got_hash: got,
      });
    }
    return findings;
  },
};

export const aliasRemoved: Rule = {
  code: "HSK-RR-013",
  check({ current, published }) {
    if (published === undefined) return [];
    const findings: Finding[] = [];
    for (const alias of published.aliases.values()) {
      const owner = current.roles.find((role) => role.role_id === alias.role_id);
      if (owner?.aliases.some((entry) => entry.alias === alias.alias)) continue;
      const elsewhere = current.roles.find((role) => role.aliases.some((entry) => entry.alias === alias.alias));
      findings.push({
        code: "HSK-RR-013",
        offset: owner?.aliasesOffset ?? current.rolesOffset,
        message:
          `alias ${quote(alias.alias)} of role ${quote(alias.role_id)} was removed${removedIn(alias.removedIn)}` +
          (elsewhere?.role_id === undefined ? "" : ` (it now sits on role ${quote(elsewhere.role_id)})`) +
          `; it is published at ${alias.at.text}`,
        advice: `Restore ${quote(alias.alias)} in the aliases of role ${quote(alias.role_id)}${byFix(alias.removedIn)}.`,
        role_id: alias.role_id,
        alias: alias.alias,
      });
    }
    return findings;
  },
};

/** Where a history lost something, as the registry names the version (`commit 1a2b3c4d5e6f`). */
/** The longest prefix of `path` that exists in `value` (a removed key is located at its parent). */
function deepestPresent(value: unknown, path: readonly (string | number)[]): (string | number)[] {
  const present: (string | number)[] = [];
  let at = value;
  for (const segment of path) {
    if (at === null || typeof at !== "object" || !Object.hasOwn(at, segment)) break;
    at = (at as Record<string | number, unknown>)[segment];
    present.push(segment);
  }
  return present;
}

/**
 * "(`rolepack-check fix` does this)" when it does: fix restores from the baseline, so not what a
 * history lost in an older version.
 */
function byFix(removedInVersion: string | undefined): string {
  return removedInVersion === undefined ? " (`rolepack-check fix` does this)" : "";
}

function removedIn(version: string | undefined): string {
  return version === undefined ? "" : ` in ${version}`;
}


/** A published role keeps its department_id (spec S2: a stable identifier), version or not. */
export const departmentChanged: Rule = {
  code: "HSK-RR-015",
  check({ current, published }) {
    if (published === undefined) return [];
    const findings: Finding[] = [];
    for (const role of current.roles) {
      if (role.role_id === undefined) continue;
      const before = published.roles.get(role.role_id)?.department;
      if (before === undefined || before.department_id === role.department_id) continue;
      // Removed or not a string is a change too: the schema's finding (HSK-RR-010) may be lowered, this one may not.
      const now = role.department_id === undefined ? "removed (or not a string)" : `${quote(before.department_id)} → ${quote(role.department_id)}`;
      findings.push({
        code: "HSK-RR-015",
        offset: role.departmentOffset,
        message: `department_id of role ${quote(role.role_id)} changed: ${now}; it was published as ${quote(before.department_id)} at ${before.at.text}`,
        advice: `Restore "department_id": ${quote(before.department_id)}; a role of another department is a new role_id (keep this one, deprecate it if it is retired).`,
        role_id: role.role_id,
      });
    }
    return findings;
  },
};

/**
 * A published role's definition — every field but its identity, display name, aliases, lifecycle and
 * contracts — changes only together with a new contract version of that role (spec S1: "Any change
 * to role definitions MUST be versioned (contract id bump)"). The department has a rule of its own.
 */
export const definitionChanged: Rule = {
  code: "HSK-RR-014",
  check({ current, published }) {
    if (published === undefined) return [];
    const findings: Finding[] = [];
    for (const role of current.roles) {
      const roleId = role.role_id;
      const before = roleId === undefined ? undefined : published.roles.get(roleId);
      if (roleId === undefined || before === undefined) continue;
      // The common case, an unchanged role written the same way: one comparison of two texts.
      if (before.sharedDefinition === role.definition || before.definitionText === writtenOnce(role.definition)) continue;
      // A field the role no longer has is the schema's finding (HSK-RR-010: every definition field is
      // required), often a misspelt key: not also a definition change to version.
      const changes = definitionChanges(JSON.parse(before.definitionText) as Record<string, unknown>, role.definition).filter((change) =>
        Object.hasOwn(role.definition, change.field),
      );
      if (changes.length === 0) continue;
      const versioned = role.contracts.some((contract) => {
        const parsed = parseContractId(contract.contract_id);
        return parsed.ok && parsed.roleId === roleId && !published.contracts.has(contract.contract_id);
      });
      if (versioned) continue;
      const next = ROLE_ID_PATTERN.test(roleId) ? (["X", "C"] as const).map((kind) => nextVersionOf(roleId, kind, published, current)) : [];
      // Located at the change that comes first in the file (changes are listed by field name).
      const offsets = changes.map((change) => role.fieldOffsets[change.field]).filter((offset) => offset !== undefined);
      findings.push({
        code: "HSK-RR-014",
        offset: offsets.length > 0 ? Math.min(...offsets) : role.idOffset,
        message: `role ${quote(roleId)} changed its definition without a new contract version: ${changes.map((change) => change.text).join("; ")}; it is published at ${before.at.text}`,
        advice:
          next.length > 0
            ? `Publish the change with a new contract version of ${quote(roleId)} (${next.map((id) => quote(id)).join(" or ")}), or restore the published definition.`
            : "Restore the published definition, or publish the change with a new contract version of the role.",
        role_id: roleId,
      });
    }
    return findings;
  },
};

/** The next version of a role's contracts of one kind that neither the published registry nor the current pack uses (1 when there are none). */
function nextVersionOf(roleId: string, kind: "X" | "C", published: PublishedRegistry, current: PackModel): string {
  return nextContractId(roleId, kind, [...published.contracts.keys(), ...current.contracts.map((c) => c.contract_id)]);
}

/**
 * Whether a contract's schema_json is the one first published: the very object (a role the
 * current pack shares with its baseline), or the same text — the same text is the same value, with
 * no need to canonicalize and hash (the common case).
 */
function sameSchema(before: PublishedContract, schema: ContractEntry["schema"]): boolean {
  if (before.sharedSchema !== undefined && before.sharedSchema === schema?.value) return true;
  return before.schemaText !== undefined && before.schemaText === schema?.text;
}
