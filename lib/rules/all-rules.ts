/**
 * Every registry rule with a check, in catalog order. Parse (HSK-RR-011) and schema
 * (HSK-RR-010) findings come from the parser and the validator instead.
 *
 * @example
 * ```ts
 * const findings = REGISTRY_RULES.flatMap((rule) => rule.check({ current, published }));
 * ```
 */
import { aliasRemoved, contractIdRemoved, contractSurfaceDrift, definitionChanged, departmentChanged, roleIdRemoved } from "./append-only-rules.ts";
import {
  aliasCollision,
  contractKindMismatch,
  contractOwnerMismatch,
  duplicateContractId,
  duplicateRoleId,
  invalidContractId,
  invalidRoleId,
  roleContractsIncomplete,
} from "./pack-rules.ts";
import type { Rule } from "./rule.ts";
import { registryVersionPinned } from "./version-rules.ts";
import { roleDeclarationIncomplete } from "./declaration-rules.ts";

export const REGISTRY_RULES: readonly Rule[] = [
  roleIdRemoved,
  contractIdRemoved,
  contractSurfaceDrift,
  duplicateRoleId,
  duplicateContractId,
  invalidRoleId,
  invalidContractId,
  contractOwnerMismatch,
  contractKindMismatch,
  aliasCollision,
  aliasRemoved,
  definitionChanged,
  departmentChanged,
  roleContractsIncomplete,
  registryVersionPinned,
  roleDeclarationIncomplete,
];
