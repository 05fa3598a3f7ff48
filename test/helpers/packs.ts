/**
 * Pack texts for tests: the bundled default pack, the Handshake fixture, and small packs built
 * from a role list so that each test shows exactly what it changes.
 *
 * @example
 * ```ts
 * const pack = smallPack([role("editor")]);
 * const text = packText(pack);
 * ```
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./cli-runner.ts";

export const DEFAULT_PACK_FILE = join(PROJECT_ROOT, "assets", "atelier_rolepack_digital_production_studio_v1.json");
export const SHARED_DIR = join(PROJECT_ROOT, "..", "shared");
export const HANDSHAKE_FILE = join(SHARED_DIR, "fixtures", "handshake", "atelier_rolepack_digital_production_studio_v1.json");
export const HAS_SHARED = existsSync(HANDSHAKE_FILE);
if (!HAS_SHARED) console.warn(`SKIPPING tests that need ../shared: ${HANDSHAKE_FILE} is absent`);

export function defaultPackText(): string {
  return readFileSync(DEFAULT_PACK_FILE, "utf8");
}

export interface TestContract {
  contract_id: string;
  schema_json: Record<string, unknown>;
}

export interface TestRole {
  role_id: string;
  department_id: string;
  display_name: string;
  modes_supported: string[];
  content_profiles_supported: string[];
  claim_features: string[];
  extract_contracts: TestContract[];
  produce_contracts: TestContract[];
  allowed_models: string[];
  allowed_tools: string[];
  vocab_namespace: string;
  proposal_policy: string;
  aliases: string[];
  lifecycle: string;
  [extra: string]: unknown;
}

/** A valid role with one X:1 and one C:1 contract. */
export function role(id: string, overrides: Partial<TestRole> = {}): TestRole {
  return {
    role_id: id,
    department_id: "post_production",
    display_name: id.replace(/_/g, " "),
    modes_supported: ["representational"],
    content_profiles_supported: ["default"],
    claim_features: ["docling.blocks"],
    extract_contracts: [contract(`ROLE:${id}:X:1`)],
    produce_contracts: [contract(`ROLE:${id}:C:1`)],
    allowed_models: ["llama3"],
    allowed_tools: ["validators"],
    vocab_namespace: "",
    proposal_policy: "disabled",
    aliases: [],
    lifecycle: "active",
    ...overrides,
  };
}

export function contract(id: string, schema: Record<string, unknown> = { type: "object", id }): TestContract {
  return { contract_id: id, schema_json: schema };
}

/** A pack of `roles`; a changed pack is published under a new pack_version (HSK-RR-017), e.g. "2". */
export function smallPack(roles: TestRole[], packVersion = "1"): Record<string, unknown> {
  return { pack_id: "test_pack", pack_version: packVersion, spec_id: "spec", roles };
}

/** Pretty-printed, so that diagnostics land on predictable lines. */
export function packText(pack: unknown): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at === -1) throw new Error(`${needle} not found`);
  return text.slice(0, at).split("\n").length;
}
