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

/** An id as a pattern fragment: what a role_id is on its own and inside a contract_id. */
export const ID_SOURCE = "[a-z0-9_]{1,64}";

/** role_id, department_id and alias format. */
export const ROLE_ID_PATTERN = new RegExp(`^${ID_SOURCE}$`);

/**
 * contract_id shape, for editors and the schema; HSK-RR-007 checks it fully (the version is a u32,
 * which a pattern cannot bound).
 */
export const CONTRACT_ID_PATTERN = new RegExp(`^ROLE:${ID_SOURCE}:[XC]:[1-9][0-9]{0,9}$`);

/**
 * A contract version as a pattern can bound it: 1 … 4294967295 in ASCII digits, no leading zero
 * (HSK-RR-007's rule, spelled digit by digit for JSON Schema, which has no numeric check on text).
 */
export const CONTRACT_VERSION_SOURCE =
  "(?:[1-9][0-9]{0,8}|[1-3][0-9]{9}|4[01][0-9]{8}|42[0-8][0-9]{7}|429[0-3][0-9]{6}|4294[0-8][0-9]{5}" +
  "|42949[0-5][0-9]{4}|429496[0-6][0-9]{3}|4294967[01][0-9]{2}|42949672[0-8][0-9]|429496729[0-5])";

/**
 * The full contract_id rule of one list as a pattern: its kind letter and a version within 32 bits.
 *
 * @example
 * ```ts
 * contractIdPatternOf("X").test("ROLE:editor:X:4294967295"); // true
 * contractIdPatternOf("X").test("ROLE:editor:C:1");          // false: a C id in extract_contracts
 * ```
 */
export function contractIdPatternOf(kind: "X" | "C"): RegExp {
  return new RegExp(`^ROLE:${ID_SOURCE}:${kind}:${CONTRACT_VERSION_SOURCE}$`);
}

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
