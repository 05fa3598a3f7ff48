/**
 * Rules about the pack on its own (no baseline needed): uniqueness and id syntax.
 *
 * @example
 * ```ts
 * duplicateRoleId.check({ current: model, baseline: undefined }); // Finding[]
 * ```
 */
import { formatContractId, type ParsedContractId, parseContractId } from "../pack/contract-id.ts";
import type { Finding } from "./diagnostic.ts";
import { type ContractEntry, contractSubject, type PackModel, type RoleEntry } from "../pack/model.ts";
import type { RuleCode } from "./catalog.ts";
import { CONTRACT_LISTS, ROLE_ID_PATTERN } from "../pack/format.ts";
import type { Rule } from "./rule.ts";

const quote = JSON.stringify;

const kindOfList = Object.fromEntries(CONTRACT_LISTS.map(({ field, kind }) => [field, kind]));
const listOfKind = Object.fromEntries(CONTRACT_LISTS.map(({ field, kind }) => [kind, field]));

export const duplicateRoleId: Rule = {
  code: "HSK-RR-004",
  check({ current }) {
    const findings: Finding[] = [];
    // Roles, not offsets: an offset is read only for a finding (the fast path works them out on demand).
    const firstRole = new Map<string, RoleEntry>();
    for (const role of current.roles) {
      if (role.role_id === undefined) continue;
      const first = firstRole.get(role.role_id);
      if (first === undefined) {
        firstRole.set(role.role_id, role);
        continue;
      }
      findings.push({
        code: "HSK-RR-004",
        offset: role.idOffset,
        message: `role_id ${quote(role.role_id)} is already used by the role at line ${current.source.positionAt(first.idOffset).line}`,
        role_id: role.role_id,
      });
    }
    return findings;
  },
};

export const duplicateContractId: Rule = {
  code: "HSK-RR-005",
  check({ current }) {
    const findings: Finding[] = [];
    const first = new Map<string, ContractEntry>();
    for (const contract of current.contracts) {
      const earlier = first.get(contract.contract_id);
      if (earlier === undefined) {
        first.set(contract.contract_id, contract);
        continue;
      }
      findings.push({
        code: "HSK-RR-005",
        offset: contract.idOffset,
        message: `contract_id ${quote(contract.contract_id)} is already used at line ${current.source.positionAt(earlier.idOffset).line}`,
        ...contractSubject(contract),
      });
    }
    return findings;
  },
};

export const invalidRoleId: Rule = {
  code: "HSK-RR-006",
  check({ current }) {
    return current.roles
      .filter((role) => role.role_id !== undefined && !ROLE_ID_PATTERN.test(role.role_id))
      .map((role) => {
        const id = role.role_id!;
        const suggestion = suggestRoleId(id);
        return {
          code: "HSK-RR-006",
          offset: role.idOffset,
          message: `role_id ${quote(id)} is not valid: it must match ^[a-z0-9_]{1,64}$${foreignLetterNote(id)}`,
          ...(suggestion !== undefined && { advice: `Use ${quote(suggestion)} (lowercase ASCII letters, digits and _).` }),
          role_id: id,
        } satisfies Finding;
      });
  },
};

export const invalidContractId: Rule = {
  code: "HSK-RR-007",
  check: ({ current }) =>
    contractFindings(current, "HSK-RR-007", (contract, parsed) => {
      if (parsed.ok) return undefined;
      const owner = contract.role.role_id;
      const example =
        owner !== undefined && ROLE_ID_PATTERN.test(owner)
          ? formatContractId(owner, kindOfList[contract.list]!, 1)
          : "ROLE:<role_id>:X:1";
      return {
        message: `contract_id ${quote(contract.contract_id)} is not valid: ${parsed.reason}`,
        advice: `Write it as ROLE:<role_id>:<X|C>:<version>, e.g. ${quote(example)}.`,
      };
    }),
};

export const contractOwnerMismatch: Rule = {
  code: "HSK-RR-008",
  check: ({ current }) =>
    contractFindings(current, "HSK-RR-008", (contract, parsed) => {
      const owner = contract.role.role_id;
      if (!parsed.ok || owner === undefined || parsed.roleId === owner) return undefined;
      return {
        message: `contract_id ${quote(contract.contract_id)} names role ${quote(parsed.roleId)} but is listed under role ${quote(owner)}`,
        // A suggestion is never itself invalid: an owner whose role_id is malformed gets none (HSK-RR-006 says why).
        advice: ROLE_ID_PATTERN.test(owner)
          ? `Move it to role ${quote(parsed.roleId)}, or name it for its owner (e.g. ${quote(formatContractId(owner, parsed.kind, parsed.version))}).`
          : `Move it to role ${quote(parsed.roleId)}, or fix the role_id ${quote(owner)} first (HSK-RR-006).`,
      };
    }),
};

export const contractKindMismatch: Rule = {
  code: "HSK-RR-009",
  check: ({ current }) =>
    contractFindings(current, "HSK-RR-009", (contract, parsed) => {
      if (!parsed.ok || parsed.kind === kindOfList[contract.list]) return undefined;
      const kindName = parsed.kind === "X" ? "an extract (X)" : "a produce (C)";
      return {
        message: `contract_id ${quote(contract.contract_id)} is ${kindName} contract but is listed under ${contract.list}`,
        advice: `Move it to ${listOfKind[parsed.kind]}.`,
      };
    }),
};

export const aliasCollision: Rule = {
  code: "HSK-RR-012",
  check({ current, published }) {
    const findings: Finding[] = [];
    const roleAt = new Map<string, RoleEntry>();
    for (const role of current.roles) if (role.role_id !== undefined && !roleAt.has(role.role_id)) roleAt.set(role.role_id, role);
    const aliasOwner = new Map<string, { role_id: string | undefined; entry: { readonly offset: number } }>();
    const line = (offset: number) => current.source.positionAt(offset).line;
    for (const role of current.roles) {
      const name = role.role_id === undefined ? "a role without role_id" : `role ${quote(role.role_id)}`;
      const inThisRole = new Set<string>();
      for (const entry of role.aliases) {
        const alias = entry.alias;
        const problem = (() => {
          if (!ROLE_ID_PATTERN.test(alias)) return "is not a valid id: aliases share the role_id format ^[a-z0-9_]{1,64}$";
          if (inThisRole.has(alias)) return "is repeated";
          inThisRole.add(alias);
          const roleWithId = roleAt.get(alias);
          if (roleWithId !== undefined) {
            return alias === role.role_id ? "equals the role's own role_id" : `equals the role_id of the role at line ${line(roleWithId.idOffset)}`;
          }
          const publishedRole = published?.roles.get(alias);
          if (publishedRole !== undefined) return `equals the role_id published at ${publishedRole.at.text}`;
          const other = aliasOwner.get(alias);
          if (other !== undefined) {
            return `is already an alias of ${other.role_id === undefined ? "another role" : `role ${quote(other.role_id)}`} (line ${line(other.entry.offset)})`;
          }
          aliasOwner.set(alias, { role_id: role.role_id, entry });
          return undefined;
        })();
        if (problem === undefined) continue;
        findings.push({
          code: "HSK-RR-012",
          offset: entry.offset,
          message: `alias ${quote(alias)} of ${name} ${problem}`,
          ...(role.role_id !== undefined && { role_id: role.role_id }),
          alias,
        });
      }
    }
    return findings;
  },
};

/** Runs a per-contract test over every contract; each hit becomes a finding at the contract_id. */
function contractFindings(
  current: PackModel,
  code: RuleCode,
  test: (contract: ContractEntry, parsed: ParsedContractId) => { message: string; advice: string } | undefined,
): Finding[] {
  return current.contracts.flatMap((contract) => {
    const hit = test(contract, parseContractId(contract.contract_id));
    return hit === undefined ? [] : [{ code, offset: contract.idOffset, ...hit, ...contractSubject(contract) }];
  });
}

/** Names the first character that is no ASCII letter even without its accents (a look-alike like Cyrillic "е"). */
function foreignLetterNote(id: string): string {
  const foreign = [...withoutAccents(id)].find((char) => char > "\u007f");
  return foreign === undefined ? "" : `; ${quote(foreign)} (U+${foreign.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}) is not an ASCII letter`;
}

function withoutAccents(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "");
}

/**
 * A valid role_id close to `id`, when one can be made by lowercasing, dropping accents and
 * replacing separators; none when a letter has no ASCII form (dropping it would change the name).
 */
function suggestRoleId(id: string): string | undefined {
  if (foreignLetterNote(id) !== "") return undefined;
  const candidate = withoutAccents(id)
    .toLowerCase()
    .replace(/[\s\-.]+/g, "_")
    .replace(/[^a-z0-9_]/g, "")
    .slice(0, 64);
  return candidate !== "" && candidate !== id && ROLE_ID_PATTERN.test(candidate) ? candidate : undefined;
}

/** Each role declares at least one extract (X) and one produce (C) contract (spec S3: "Each role has both X and C contracts"). */
export const roleContractsIncomplete: Rule = {
  code: "HSK-RR-016",
  check({ current }) {
    const findings: Finding[] = [];
    for (const role of current.roles) {
      if (role.role_id === undefined) continue;
      for (const { field, kind } of CONTRACT_LISTS) {
        // A missing list is a schema violation (HSK-RR-010) already; an empty one is this rule's.
        if (!Object.hasOwn(role.listOffsets, field) || role.contracts.some((contract) => contract.list === field)) continue;
        const what = kind === "X" ? "extract (X)" : "produce (C)";
        findings.push({
          code: "HSK-RR-016",
          offset: role.listOffsets[field]!,
          message: `role ${quote(role.role_id)} has no ${what} contract in ${field}; every role has both an X and a C contract`,
          advice: `Add ${quote(formatContractId(ROLE_ID_PATTERN.test(role.role_id) ? role.role_id : "<role_id>", kind, 1))} to ${field}, with its schema_json.`,
          role_id: role.role_id,
        });
      }
    }
    return findings;
  },
};
