/**
 * The checks on texts, as a runtime calls them: a pack text (or its bytes) against what was
 * published (one text, a history of texts, or nothing on first publish). The same rules and the
 * same diagnostics as the command line, without git, files or a process.
 *
 * @example
 * ```ts
 * const { ok, diagnostics } = await checkRegistry({ current: uploaded, published: registryText, file: "pack.json" });
 * if (!ok) console.log(diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`));
 * ```
 */
import { SourceText } from "../json/source-text.ts";
import { decodeUtf8 } from "../json/utf8.ts";
import { type PackSnapshot, snapshotOf } from "../pack/snapshot.ts";
import type { PublishedText } from "../published/published-texts.ts";
import { publishedSource } from "../published/version-reader.ts";
import { type Diagnostic, type Finding, locateAll, notIJson } from "../rules/diagnostic.ts";
import { checkPack } from "./check-pack.ts";

/** A pack's text, or its bytes as read or received (decoded as UTF-8; invalid UTF-8 is HSK-RR-011). */
export type PackText = string | Uint8Array;

/** A published version: its text, or its text with the name messages show it under (e.g. `"v3"`). */
export type PublishedInput = PackText | { readonly text: PackText; readonly name?: string };

export interface CheckRegistryInput {
  /** The pack as it is about to be published. */
  readonly current: PackText;
  /**
   * What was published: one version, every version oldest first (a history: the first hash a
   * contract was published with is its contract, and a role removed in between is still removed),
   * or undefined on first publish.
   */
  readonly published?: PublishedInput | readonly PublishedInput[];
  /** The name diagnostics give the current pack (default `pack.json`). */
  readonly file?: string;
}

export interface CheckRegistryResult {
  /** True when no diagnostic is an error: the pack may be published. */
  readonly ok: boolean;
  /** Sorted by line, column and code; each with the fields of the CLI's JSON report. */
  readonly diagnostics: Diagnostic[];
  /** Problems with the published versions (unreadable, not UTF-8); they never hide a finding. */
  readonly warnings: string[];
  /** The current pack, when it is ok. */
  readonly pack?: PackSnapshot;
}

const DEFAULT_FILE = "pack.json";

/**
 * Checks a pack text against what was published: the schema, I-JSON, the pack rules and the
 * append-only rules.
 *
 * @example
 * ```ts
 * const result = await checkRegistry({ current: edited, published: [v1, v2, v3] });
 * result.ok; // false when a published role or contract is gone or a contract's schema_json changed
 * ```
 */
export async function checkRegistry(input: CheckRegistryInput): Promise<CheckRegistryResult> {
  const file = input.file ?? DEFAULT_FILE;
  const current = decodeText(input.current);
  const warnings: string[] = [];
  const result = await checkPack({
    current: new SourceText(file, current.text),
    published: publishedTexts(input.published, file, warnings),
    ...(current.invalidAt !== undefined && { invalidUtf8At: current.invalidAt }),
  });
  const ok = result.diagnostics.every((diagnostic) => diagnostic.severity !== "error");
  return {
    ok,
    diagnostics: result.diagnostics,
    warnings: [...warnings, ...result.baselineWarnings],
    ...(ok && result.pack !== undefined && { pack: snapshotOf(result.pack.model, result.pack.value) }),
  };
}

/**
 * Reads a pack on its own (no baseline): its snapshot when it passes every check, and the
 * diagnostics when it does not.
 *
 * @example
 * ```ts
 * const { pack, diagnostics } = await readPack(text, { file: "assets/pack.json" });
 * pack?.contracts.map((c) => `${c.contract_id} ${c.hash}`);
 * ```
 */
export async function readPack(text: PackText, options: { file?: string } = {}): Promise<{ pack?: PackSnapshot; diagnostics: Diagnostic[] }> {
  const { pack, diagnostics } = await checkRegistry({ current: text, ...(options.file !== undefined && { file: options.file }) });
  return { ...(pack !== undefined && { pack }), diagnostics };
}

/**
 * Parses any JSON or JSONC text as I-JSON: its value, or HSK-RR-011 diagnostics saying where it
 * is not well-formed (a syntax error, a duplicate key, an unsafe integer, a lone surrogate,
 * invalid UTF-8). What `rolepack-check hash` hashes.
 *
 * @example
 * ```ts
 * const { value } = await readJson('{ "type": "object" } // a schema');
 * contractHash(value); // the hash of {"type":"object"}
 * ```
 */
export async function readJson(text: PackText, options: { file?: string } = {}): Promise<{ value?: unknown; diagnostics: Diagnostic[] }> {
  // The positioned parser (jsonc-parser) stays off the clean check's path: loaded when asked for.
  const { nodeValue, parseJsonDocument } = await import("../json/json-document.ts");
  const decoded = decodeText(text);
  const source = new SourceText(options.file ?? "<input>", decoded.text);
  const doc = parseJsonDocument(source);
  const findings: Finding[] = doc.problems.map(notIJson);
  if (decoded.invalidAt !== undefined) {
    findings.push({ code: "HSK-RR-011", offset: decoded.invalidAt, message: "the input is not valid UTF-8" });
  }
  if (findings.length > 0 || doc.root === undefined) return { diagnostics: locateAll(findings, source) };
  return { value: nodeValue(doc.root), diagnostics: [] };
}

/** Text as the CLI reads a file: bytes decoded strictly, a leading byte order mark dropped. */
function decodeText(text: PackText): { text: string; invalidAt?: number } {
  if (typeof text !== "string") return decodeUtf8(text);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function publishedTexts(published: CheckRegistryInput["published"], file: string, warnings: string[]): PublishedText[] {
  if (published === undefined) return [];
  const versions: readonly PublishedInput[] = isVersionList(published) ? published : [published];
  return versions.map((version, index) => {
    const { text, name } = typeof version === "string" || version instanceof Uint8Array ? { text: version, name: undefined } : version;
    const label = name ?? (versions.length === 1 ? "the published version" : `published version ${index + 1}`);
    const shown = name ?? (versions.length === 1 ? `published:${file}` : `published#${index + 1}:${file}`);
    return {
      commit: label,
      source: typeof text === "string" ? new SourceText(shown, decodeText(text).text) : publishedSource(text, shown, warnings),
    };
  });
}

function isVersionList(published: PublishedInput | readonly PublishedInput[]): published is readonly PublishedInput[] {
  return Array.isArray(published);
}
