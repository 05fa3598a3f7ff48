/**
 * The rule catalog: every code the checker can report, as data.
 *
 * The reporter, the README table (`rolepack-check rules`) and the tests all read this list,
 * so a code, its title and its fix hint are written down exactly once. Codes are stable:
 * a code is never reused for a different rule.
 *
 * @example
 * ```ts
 * import { ruleInfo } from "./catalog.ts";
 * ruleInfo("HSK-RR-003").title; // "Contract surface drift"
 * ```
 */

/**
 * Where in the pipeline a rule's findings come from.
 *
 * @example
 * ```ts
 * const appendOnly = RULE_CATALOG.filter((rule) => rule.stage === "append-only");
 * ```
 */
export type RuleStage = "parse" | "schema" | "pack" | "append-only" | "versioning";

/**
 * One entry of the catalog.
 *
 * @example
 * ```ts
 * const { title, hint }: RuleInfo = ruleInfo("HSK-RR-002");
 * ```
 */
export interface RuleInfo {
  readonly code: RuleCode;
  /** A stable kebab-case name, for configuration and SARIF `name`. */
  readonly name: string;
  readonly title: string;
  /** What the rule protects, in one sentence. */
  readonly description: string;
  /** The general fix; a finding may add a specific one. */
  readonly hint: string;
  readonly stage: RuleStage;
  /** What its findings count as unless a configuration says otherwise (absent: an error). */
  readonly defaultSeverity?: "error" | "warning";
}

/**
 * Every code the checker can report, in order; a code is never reused for another rule.
 *
 * @example
 * ```ts
 * RULE_CODES.includes("HSK-RR-003"); // true
 * ```
 */
export const RULE_CODES = [
  "HSK-RR-001",
  "HSK-RR-002",
  "HSK-RR-003",
  "HSK-RR-004",
  "HSK-RR-005",
  "HSK-RR-006",
  "HSK-RR-007",
  "HSK-RR-008",
  "HSK-RR-009",
  "HSK-RR-010",
  "HSK-RR-011",
  "HSK-RR-012",
  "HSK-RR-013",
  "HSK-RR-014",
  "HSK-RR-015",
  "HSK-RR-016",
  "HSK-RR-017",
  "HSK-RR-018",
] as const;

/**
 * A rule code (`HSK-RR-001` …), stable forever.
 *
 * @example
 * ```ts
 * const code: RuleCode = "HSK-RR-003";
 * ```
 */
export type RuleCode = (typeof RULE_CODES)[number];

/**
 * The catalog: one entry per code, with its name, title, description, hint and stage.
 *
 * @example
 * ```ts
 * RULE_CATALOG.filter((rule) => rule.stage === "append-only").map((rule) => rule.code); // ["HSK-RR-001", …]
 * ```
 */
export const RULE_CATALOG: readonly RuleInfo[] = [
  {
    code: "HSK-RR-001",
    name: "role-id-removed",
    title: "Role removed",
    description: "A role_id published in the baseline is missing from the pack; jobs audited by that id could no longer be resolved.",
    hint: 'Restore the role. To retire it, keep it and set "lifecycle": "deprecated".',
    stage: "append-only",
  },
  {
    code: "HSK-RR-002",
    name: "contract-id-removed",
    title: "Contract removed",
    description: "A contract_id published in the baseline is missing from the pack; replays of jobs that used it would fail.",
    hint: "Restore the contract exactly as published; add new versions beside it instead of replacing it.",
    stage: "append-only",
  },
  {
    code: "HSK-RR-003",
    name: "contract-surface-drift",
    title: "Contract surface drift",
    description: "The schema_json of a published contract_id hashes differently from the baseline; a published contract is immutable.",
    hint: "Restore the published schema_json and ship the change under the next free version of the contract_id.",
    stage: "append-only",
  },
  {
    code: "HSK-RR-004",
    name: "duplicate-role-id",
    title: "Duplicate role_id",
    description: "Two roles share one role_id, so lookups by role_id are ambiguous.",
    hint: "Give each role its own role_id, or merge the two roles.",
    stage: "pack",
  },
  {
    code: "HSK-RR-005",
    name: "duplicate-contract-id",
    title: "Duplicate contract_id",
    description: "Two contracts share one contract_id, so lookups by contract_id are ambiguous.",
    hint: "Keep one contract per contract_id; a changed schema needs the next version number.",
    stage: "pack",
  },
  {
    code: "HSK-RR-006",
    name: "invalid-role-id",
    title: "Invalid role_id",
    description: "A role_id must match ^[a-z0-9_]{1,64}$ so that it can be embedded in contract_ids and paths.",
    hint: "Use 1 to 64 characters from a-z, 0-9 and _.",
    stage: "pack",
  },
  {
    code: "HSK-RR-007",
    name: "invalid-contract-id",
    title: "Invalid contract_id",
    description: "A contract_id must be ROLE:<role_id>:<X|C>:<version>, the version a 32-bit unsigned integer ≥ 1 without leading zeros.",
    hint: "Write it as ROLE:<role_id>:X:<n> for extract or ROLE:<role_id>:C:<n> for produce contracts, e.g. ROLE:editor:X:1.",
    stage: "pack",
  },
  {
    code: "HSK-RR-008",
    name: "contract-owner-mismatch",
    title: "Contract names another role",
    description: "The role_id inside a contract_id must be the role_id of the role that lists it.",
    hint: "Move the contract to the role it names, or rename it to the owning role's id.",
    stage: "pack",
  },
  {
    code: "HSK-RR-009",
    name: "contract-kind-mismatch",
    title: "Contract kind mismatch",
    description: "Extract (X) contracts belong in extract_contracts, produce (C) contracts in produce_contracts.",
    hint: "Move the contract to the list that matches its kind letter.",
    stage: "pack",
  },
  {
    code: "HSK-RR-010",
    name: "schema-violation",
    title: "Schema violation",
    description: "The pack does not match the AtelierRolePack schema: a field is missing, unknown, of the wrong type or outside its allowed values.",
    hint: "Fix the field as the message says; unknown fields are errors so that typos cannot pass silently.",
    stage: "schema",
  },
  {
    code: "HSK-RR-011",
    name: "not-i-json",
    title: "Not parseable or not I-JSON",
    description: "The file is not valid JSON/JSONC, or breaks I-JSON (RFC 7493): duplicate keys, integers beyond ±(2^53−1), numbers that overflow, lone surrogates. Hashes are only defined for I-JSON.",
    hint: "Fix the text at the position given; write large integers as strings.",
    stage: "parse",
  },
  {
    code: "HSK-RR-012",
    name: "alias-collision",
    title: "Alias collision",
    description: "Aliases share the role_id namespace: an alias must have the role_id format and must not equal any role_id (ever published, with --history), another role's alias, or repeat within its role.",
    hint: "Choose an alias that no role_id or other alias uses, or remove it.",
    stage: "pack",
  },
  {
    code: "HSK-RR-013",
    name: "alias-removed",
    title: "Alias removed",
    description: "An alias published in the baseline is missing from its role; aliases are append-only like role_ids.",
    hint: "Restore the alias on the role that published it.",
    stage: "append-only",
  },
  {
    code: "HSK-RR-014",
    name: "definition-changed-without-version",
    title: "Role definition changed without a version",
    description: "A published role's definition (every field but role_id, display_name, aliases, lifecycle and its contracts) changes only together with a new contract version of that role (spec S1: changes to role definitions are versioned).",
    hint: "Publish the change with a new contract version of the role (ROLE:<role_id>:X:<next> or C:<next>), or restore the published definition.",
    stage: "append-only",
  },
  {
    code: "HSK-RR-015",
    name: "department-changed",
    title: "Department changed",
    description: "A published role keeps the department_id it was published with, version or not (spec S2: department_id is a stable identifier).",
    hint: "Restore the published department_id; a role of another department is a new role_id.",
    stage: "append-only",
  },
  {
    code: "HSK-RR-016",
    name: "role-contracts-incomplete",
    title: "Role without an X or a C contract",
    description: "Each role has both an extraction (X) and a creative output (C) contract (spec S2, S3): a role job needs both to run.",
    hint: "Add the missing contract: ROLE:<role_id>:X:1 in extract_contracts, or ROLE:<role_id>:C:1 in produce_contracts.",
    stage: "pack",
  },
  {
    code: "HSK-RR-017",
    name: "pack-version-pinned",
    title: "Registry version not bumped",
    description:
      "When the roles differ from the published version's, pack_version differs too, and a pack_version published before with other roles is never reused (spec S5: jobs pin the registry version). A warning unless configured: the manifest's registry_digest already pins the content.",
    hint: 'Give the pack a pack_version never published before (e.g. "1.0.1"); a team that pins jobs by pack_version makes this rule an error in rolepack-check.jsonc.',
    stage: "versioning",
    defaultSeverity: "warning",
  },
  {
    code: "HSK-RR-018",
    name: "role-declaration-incomplete",
    title: "Role does not declare what the spec requires",
    description:
      "A new role lists its claim_features; a new extract (X) contract's schema_json declares extraction_schema, evidence_requirements and fact_mapping_rules, a new produce (C) contract's deliverable_kinds (spec S4). Published ones cannot change, so they are not held to it. A warning unless configured.",
    hint: 'Declare the missing fields in the new contract\'s schema_json (see the bundled default pack), or make the rule an error with "rules" in rolepack-check.jsonc.',
    stage: "pack",
    defaultSeverity: "warning",
  },
];

const BY_CODE = new Map(RULE_CATALOG.map((rule) => [rule.code, rule]));

/**
 * The catalog entry for a code.
 *
 * @example
 * ```ts
 * ruleInfo("HSK-RR-001").hint; // "Restore the role. To retire it, …"
 * ```
 */
export function ruleInfo(code: RuleCode): RuleInfo {
  const rule = BY_CODE.get(code);
  if (!rule) throw new Error(`unknown rule code ${code}`);
  return rule;
}
