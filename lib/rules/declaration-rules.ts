/**
 * HSK-RR-018, what a role must declare (spec S4: "claim features required; extraction schema fields
 * and evidence requirements; fact mapping rules (bundle -> facts); compose deliverable kinds"): a
 * new extract (X) contract's schema_json declares `extraction_schema`, `evidence_requirements` and
 * `fact_mapping_rules`, a new produce (C) contract's declares `deliverable_kinds`, and a new role
 * lists its `claim_features`. Published contracts and roles are left alone: they cannot change
 * (HSK-RR-003, 014), so a finding about them could never be fixed. A warning by default: packs
 * written with plainer schemas keep working, a team holding the spec makes it an error.
 *
 * @example
 * ```ts
 * roleDeclarationIncomplete.check({ current, published });
 * // [{ code: "HSK-RR-018", message: 'contract "ROLE:editor:X:2" does not declare … : fact_mapping_rules', … }]
 * ```
 */
import type { Finding } from "./diagnostic.ts";
import { isJsonObject } from "../json/json-object.ts";
import { contractSubject } from "../pack/model.ts";
import type { Rule } from "./rule.ts";

const quote = JSON.stringify;

/** What each kind of contract declares in its schema_json, and how each field is recognised. */
const DECLARATIONS = {
  X: [
    { field: "extraction_schema", what: "the fields extracted", present: isJsonObject },
    { field: "evidence_requirements", what: "the evidence it needs", present: (value: unknown) => value !== undefined && value !== null },
    { field: "fact_mapping_rules", what: "how the bundle maps to facts", present: Array.isArray },
  ],
  C: [{ field: "deliverable_kinds", what: "the typed outputs it composes", present: (value: unknown) => Array.isArray(value) && value.length > 0 }],
} as const;

export const roleDeclarationIncomplete: Rule = {
  code: "HSK-RR-018",
  onlyNew: true,
  check({ current, published }) {
    const findings: Finding[] = [];
    for (const role of current.roles) {
      const newRole = role.role_id !== undefined && published?.roles.has(role.role_id) !== true;
      const claims = role.definition.claim_features;
      if (newRole && Array.isArray(claims) && claims.length === 0) {
        findings.push({
          code: "HSK-RR-018",
          offset: role.fieldOffsets.claim_features ?? role.idOffset,
          message: `role ${quote(role.role_id)} lists no claim_features; a role declares the claim features it requires (spec S4)`,
          advice: 'List the feature sources the role uses, e.g. "claim_features": ["docling.blocks"].',
          role_id: role.role_id!,
        });
      }
    }
    for (const contract of current.contracts) {
      if (published?.contracts.has(contract.contract_id) === true || !isJsonObject(contract.schema?.value)) continue;
      const schema = contract.schema.value as Record<string, unknown>;
      const kind = contract.list === "extract_contracts" ? "X" : "C";
      const missing = DECLARATIONS[kind].filter(({ field, present }) => !present(schema[field]));
      if (missing.length === 0) continue;
      findings.push({
        code: "HSK-RR-018",
        offset: contract.schema.offset,
        message:
          `contract ${quote(contract.contract_id)} does not declare what ${kind === "X" ? "an extraction" : "a creative output"} contract must (spec S4): ` +
          missing.map(({ field }) => field).join(", "),
        advice: `Declare in its schema_json ${missing.map(({ field, what }) => `"${field}" (${what})`).join(", ")}, before it is published.`,
        ...contractSubject(contract),
      });
    }
    return findings;
  },
};

