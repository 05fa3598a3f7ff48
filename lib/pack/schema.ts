/**
 * The RolePack format, defined once with arktype: AtelierRolePack and AtelierRoleSpec.
 *
 * Everything else derives from these definitions: validation of the current pack, the
 * declared field names used for "did you mean" hints, and the JSON Schema for editors (json-schema.ts).
 *
 * @example
 * ```ts
 * import { type } from "arktype";
 * const result = AtelierRolePack(value);
 * if (result instanceof type.errors) console.log(result.summary);
 * ```
 */
import { type } from "arktype";
import { CONTRACT_ID_PATTERN, ROLE_ID_PATTERN } from "./format.ts";


const RoleId = type(ROLE_ID_PATTERN);

/** Narrows exported by identity, so that the JSON Schema export can render each one. */
export const notAnArray = (value: object, ctx: { reject: (problem: { expected: string; actual: string }) => false }) =>
  !Array.isArray(value) || ctx.reject({ expected: "an object (not an array)", actual: "an array" });

export const withoutRepeats = (items: readonly unknown[], ctx: { reject: (problem: { expected: string }) => false }) =>
  new Set(items).size === items.length || ctx.reject({ expected: "a list without repeated modes" });

/** A JSON object, not an array: arktype's `object` would accept arrays too. */
const JsonObject = type("Record<string, unknown>").narrow(notAnArray);

const StringList = type("string[]");

const Mode = type("'representational' | 'conceptual'");

const ModeList = Mode.array().atLeastLength(1).narrow(withoutRepeats);

/** `"+": "reject"` makes unknown keys errors: a typo such as `lifecyle` must not pass. */
const CONTRACT_SHAPE = {
  "+": "reject",
  contract_id: type(CONTRACT_ID_PATTERN),
  schema_json: JsonObject,
} as const;

export const AtelierContract = type(CONTRACT_SHAPE);

const ROLE_SHAPE = {
  "+": "reject",
  role_id: RoleId,
  department_id: RoleId,
  display_name: "string > 0",
  modes_supported: ModeList,
  content_profiles_supported: StringList,
  claim_features: StringList,
  allowed_models: StringList,
  allowed_tools: StringList,
  extract_contracts: AtelierContract.array(),
  produce_contracts: AtelierContract.array(),
  vocab_namespace: "string",
  proposal_policy: "'disabled' | 'queue_only' | 'auto_accept_with_threshold'",
  aliases: RoleId.array(),
  lifecycle: "'active' | 'deprecated'",
} as const;

export const AtelierRoleSpec = type(ROLE_SHAPE);

const PACK_SHAPE = {
  "+": "reject",
  "$schema?": "string",
  pack_id: "string",
  pack_version: "string",
  spec_id: "string",
  roles: AtelierRoleSpec.array(),
} as const;

export const AtelierRolePack = type(PACK_SHAPE);

export type AtelierRolePack = typeof AtelierRolePack.infer;
export type AtelierRoleSpec = typeof AtelierRoleSpec.infer;
