/**
 * rolepack-check as a library: the same rules as the command line, in-process, for runtimes that
 * accept or pin a RolePack (an upload endpoint, a job runner). Values in, data out: no git, no
 * files, no process. Reading baselines and histories from a repository is `rolepack-check/git`.
 *
 * @example
 * ```ts
 * import { checkRegistry, registryDigest } from "rolepack-check";
 *
 * const { ok, diagnostics, pack } = await checkRegistry({ current: uploadedText, published: registryText });
 * if (!ok) throw new Error(diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join("\n"));
 * console.log(registryDigest(pack!)); // pin this next to the job
 * ```
 *
 * @module
 */

// Checking texts
export {
  type CheckRegistryInput,
  type CheckRegistryResult,
  checkRegistry,
  type PackText,
  type PublishedInput,
  readJson,
  readPack,
} from "./check/registry-check.ts";
export type { ContractSnapshot, PackSnapshot, RoleSnapshot } from "./pack/snapshot.ts";
export { type AppliedWaiver, type Diagnostic, isFailing, type Severity } from "./rules/diagnostic.ts";

// Hashes and digests
export { canonicalJson, contractHash } from "./json/canonical-hash.ts";
export { type Manifest, packManifest, registryDigest, renderManifest } from "./report/manifest.ts";

// The rule catalog, as data
export { RULE_CATALOG, RULE_CODES, type RuleCode, type RuleInfo, type RuleStage, ruleInfo } from "./rules/catalog.ts";

// Reports: records, formats, events (what the CLI prints, for tools that print it themselves)
export { type DiagnosticRecord, type RunStamp, runStamp, toRecord } from "./report/diagnostic-record.ts";
export { flightRecorderLines } from "./report/flight-recorder.ts";
export {
  CHANGELOG_FORMATS,
  CHECK_FORMATS,
  type ChangelogFormat,
  type CheckFormat,
  type RenderOptions,
  renderChangelog,
  renderCheckReport,
  renderRunFailure,
} from "./report/render-report.ts";
export { renderRulesMarkdown } from "./report/render/rules-table.ts";
export { closestName } from "./rules/did-you-mean.ts";
export { renderDiagnosticLine } from "./report/render/text.ts";
export { allDiagnostics, type BaselineInfo, type CheckReport, exitCodeOf, type PackReport } from "./report/report.ts";
export type { RegistryChanges } from "./check/registry-changes.ts";

// The format
export { rolePackJsonSchemaText } from "./pack/json-schema-text.ts";
export { VERSION } from "./version.ts";
