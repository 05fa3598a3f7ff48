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
import type { PublishedVersion } from "../published/published-texts.ts";
import type { PackVersion } from "../published/registry.ts";
import { publishedSource, readPublishedPack } from "../published/version-reader.ts";
import { type Diagnostic, type Finding, isFailing, locateAll, notIJson } from "../rules/diagnostic.ts";
import { checkPack } from "./check-pack.ts";

/**
 * A pack's text, or its bytes as read or received (decoded as UTF-8; invalid UTF-8 is HSK-RR-011).
 *
 * @example
 * ```ts
 * const text: PackText = await request.bytes(); // or await request.text()
 * ```
 */
export type PackText = string | Uint8Array;

/**
 * A published version: its text, or its text with the name messages give it (e.g. `"v3"`: places
 * read `v3:12`, removals `removed in v3`; unnamed, `published#3:pack.json` and `published#3`).
 *
 * @example
 * ```ts
 * const published: PublishedInput[] = [{ text: v1, name: "v1" }, { text: v2, name: "v2" }];
 * ```
 */
export type PublishedInput = PackText | { readonly text: PackText; readonly name?: string };

/**
 * What `checkRegistry` checks.
 *
 * @example
 * ```ts
 * const input: CheckRegistryInput = { current: uploaded, published: [v1, v2], file: "upload.json" };
 * ```
 */
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

/**
 * What `checkRegistry` found.
 *
 * @example
 * ```ts
 * const { ok, diagnostics, warnings, pack }: CheckRegistryResult = await checkRegistry(input);
 * ```
 */
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
 * append-only rules. Rejects with a TypeError for inputs of the wrong type, and with an Error when
 * versions were given but none of them can be read (a corrupt registry is the caller's problem to
 * see, not a first publish); a version that cannot be read among others is a warning.
 *
 * @example
 * ```ts
 * const result = await checkRegistry({ current: edited, published: [v1, v2, v3] });
 * result.ok; // false when a published role or contract is gone or a contract's schema_json changed
 * ```
 */
export async function checkRegistry(input: CheckRegistryInput): Promise<CheckRegistryResult> {
  const file = input.file ?? DEFAULT_FILE;
  const current = decodeText(textOrBytes(input.current, "current"));
  const source = new SourceText(file, current.text);
  const { versions, warnings } = await readPublishedInputs(input.published, file, source);
  const result = await checkPack({
    current: source,
    published: versions,
    ...(current.invalidAt !== undefined && { invalidUtf8At: current.invalidAt }),
  });
  const ok = !result.diagnostics.some(isFailing);
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

/** A string, or any typed array or buffer as bytes (from any realm); anything else is a TypeError. */
function textOrBytes(value: unknown, what: string): PackText {
  if (typeof value === "string") return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new TypeError(`checkRegistry: ${what} must be a string or bytes (Uint8Array), not ${value === null ? "null" : typeof value}`);
}

/**
 * The published versions, read: one with the lenient reader, several with the history reader
 * (which re-reads only the roles that changed from one version to the next, as `--history` does).
 * A version that cannot be read is a warning; when none can, the check cannot be made — an
 * unreadable registry is never taken for an empty one.
 */
async function readPublishedInputs(
  published: CheckRegistryInput["published"],
  file: string,
  current: SourceText,
): Promise<{ versions: PublishedVersion[]; warnings: string[] }> {
  if (published === undefined) return { versions: [], warnings: [] };
  if (published === null || (typeof published !== "string" && typeof published !== "object")) {
    throw new TypeError(`checkRegistry: published must be a text, bytes, { text, name } or an array of them, not ${published === null ? "null" : typeof published}`);
  }
  const list: readonly unknown[] = Array.isArray(published) ? published : [published];
  const inputs = list.map((version, index) => {
    const named = typeof version === "object" && version !== null && !ArrayBuffer.isView(version) && "text" in version;
    const text = textOrBytes(named ? (version as { text: unknown }).text : version, `published version ${index + 1}`);
    const given = named ? (version as { name?: unknown }).name : undefined;
    if (given !== undefined && typeof given !== "string") throw new TypeError(`checkRegistry: the name of published version ${index + 1} must be a string`);
    // Unnamed: `published:pack.json` for one version, `published#2:pack.json` in a history (as `main:path` in the CLI).
    const label = given ?? (list.length === 1 ? "published" : `published#${index + 1}`);
    return { text, label, name: given ?? `${label}:${file}` };
  });
  const warnings: string[] = [];
  if (inputs.length === 1 && inputs[0]!.text === current.text) {
    // Identical to what was published: the core's shortcut needs the text, not a reading.
    return { versions: [{ commit: "", label: inputs[0]!.label, source: new SourceText(inputs[0]!.name, current.text) }], warnings };
  }
  const versions: PackVersion[] = [];
  if (inputs.length === 1) {
    const [{ text, label, name }] = inputs as [(typeof inputs)[number]];
    const source = typeof text === "string" ? new SourceText(name, decodeText(text).text) : publishedSource(text, name, warnings);
    const pack = readPublishedPack(source, warnings);
    if (pack !== undefined) versions.push({ commit: "", label, pack });
  } else if (inputs.length > 1) {
    const { PublishedHistoryReader } = await import("../published/history-reader.ts");
    const reader = new PublishedHistoryReader();
    const encoder = new TextEncoder();
    const reading: string[] = [];
    for (const { text, label, name } of inputs) {
      const pack = reader.read(typeof text === "string" ? encoder.encode(text) : text, name, reading);
      if (pack !== undefined) versions.push({ commit: "", label, pack }); // an unreadable version is skipped, never a deletion
    }
    warnings.push(...reading.map((warning) => warning.replace(/^warning: /, "")));
  }
  if (inputs.length > 0 && versions.length === 0) {
    throw new Error(`checkRegistry: no published version could be read (${warnings[0] ?? "no pack in it"}); an unreadable registry is not an empty one`);
  }
  return { versions, warnings };
}
