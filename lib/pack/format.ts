/**
 * The id formats and contract lists of a RolePack, as plain constants. Kept apart from
 * schema.ts so that the fast path can use them without loading arktype (~250 ms).
 *
 * @example
 * ```ts
 * ROLE_ID_PATTERN.test("sound_designer"); // true
 * CONTRACT_LISTS.map((list) => list.field); // ["extract_contracts", "produce_contracts"]
 * ```
 */

/** role_id, department_id and alias format. */
export const ROLE_ID_PATTERN = /^[a-z0-9_]{1,64}$/;

/**
 * contract_id shape, for editors and the schema; HSK-RR-007 checks it fully (the version is a u32,
 * which a pattern cannot bound).
 */
export const CONTRACT_ID_PATTERN = /^ROLE:[a-z0-9_]{1,64}:[XC]:[1-9][0-9]{0,9}$/;

/** The two contract lists of a role, with the kind letter each one holds. */
export const CONTRACT_LISTS = [
  { field: "extract_contracts", kind: "X" },
  { field: "produce_contracts", kind: "C" },
] as const;

export type ContractListField = (typeof CONTRACT_LISTS)[number]["field"];
export type ContractKind = (typeof CONTRACT_LISTS)[number]["kind"];

/**
 * The fields that are not a role's definition: its identity, how it is shown and named, its
 * lifecycle (and `deprecated`, the lifecycle of packs older than `lifecycle`) and its contracts.
 * Every other field is the definition, which a published role may change only together with a
 * new contract version (HSK-RR-014, spec S1).
 */
export const NOT_DEFINITION: ReadonlySet<string> = new Set([
  "role_id",
  "display_name",
  "aliases",
  "lifecycle",
  "deprecated",
  "extract_contracts",
  "produce_contracts",
]);

/**
 * The fields that make up a role's definition: the role fields the format declares, less
 * NOT_DEFINITION. A key the format does not declare (a typo such as "lifecyle") is not part of the
 * definition: it is HSK-RR-010's, not a definition change. A test holds this list to the schema.
 *
 * @example
 * ```ts
 * DEFINITION_FIELDS.has("proposal_policy"); // true
 * ```
 */
export const DEFINITION_FIELDS: ReadonlySet<string> = new Set([
  "department_id",
  "modes_supported",
  "content_profiles_supported",
  "claim_features",
  "allowed_models",
  "allowed_tools",
  "vocab_namespace",
  "proposal_policy",
]);
