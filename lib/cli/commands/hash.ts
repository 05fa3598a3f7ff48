/**
 * `rolepack-check hash [FILE|-] [--canonical]`: the contract hash (or canonical bytes) of any
 * JSON value, so that other tools can check their own hashes against ours. Needs no git.
 *
 * @example
 * ```ts
 * await runHash({ file: "schema.json", canonical: false }, io); // prints 64 hex digits and a newline
 * ```
 */
import { resolve } from "node:path";
import { canonicalJson, sha256Hex } from "../../json/canonical-hash.ts";
import type { CliIO } from "../io.ts";
import { compareDiagnostics, type Finding, locate } from "../../rules/diagnostic.ts";
import { nodeValue, parseJsonDocument } from "../../json/json-document.ts";
import { readPackBytes } from "../../git/pack-file.ts";
import { renderDiagnosticLine } from "../../report/render/text.ts";
import { SourceText } from "../../json/source-text.ts";
import { decodeUtf8 } from "../../json/utf8.ts";
import { RunError } from "../../git/run-error.ts";
import { DEFAULT_MAX_BYTES, tooLarge } from "../../git/size-limit.ts";

export interface HashOptions {
  /** A path relative to `io.cwd`, or undefined / `-` for standard input. */
  file: string | undefined;
  canonical: boolean;
  /** Size limit for the file (bytes; standard input is checked after reading). */
  maxBytes?: number;
}

export async function runHash(options: HashOptions, io: CliIO): Promise<number> {
  const fromStdin = options.file === undefined || options.file === "-";
  const shown = fromStdin ? "<stdin>" : options.file!;
  const bytes = fromStdin ? await io.readStdin() : await readPackBytes(resolve(io.cwd, shown), shown, options.maxBytes);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) throw new RunError(tooLarge(shown, bytes.length, maxBytes));
  const decoded = decodeUtf8(bytes);
  const source = new SourceText(shown, decoded.text);
  const doc = parseJsonDocument(source);
  const findings: Finding[] = [...doc.findings];
  if (decoded.invalidAt !== undefined) {
    findings.push({ code: "HSK-RR-011", offset: decoded.invalidAt, message: "the input is not valid UTF-8" });
  }
  if (findings.length > 0 || doc.root === undefined) {
    const lines = findings.map((finding) => locate(finding, source)).sort(compareDiagnostics).map((d) => renderDiagnosticLine(d));
    io.stdout(`${lines.join("\n")}\n`);
    return 1;
  }
  const canonical = canonicalJson(nodeValue(doc.root));
  io.stdout(options.canonical ? canonical : `${sha256Hex(canonical)}\n`);
  return 0;
}
