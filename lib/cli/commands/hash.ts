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
import { DEFAULT_MAX_BYTES, readPackBytes, RunError, tooLarge } from "../../git/mod.ts";
import { canonicalJson, contractHash, readJson, renderDiagnosticLine } from "../../mod.ts";
import type { CliIO } from "../io.ts";

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
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = fromStdin ? await io.readStdin(maxBytes) : await readPackBytes(resolve(io.cwd, shown), shown, maxBytes);
  if (bytes.length > maxBytes) throw new RunError(tooLarge(shown, bytes.length, maxBytes));
  const { value, diagnostics } = await readJson(bytes, { file: shown });
  if (diagnostics.length > 0) {
    io.stdout(`${diagnostics.map((d) => renderDiagnosticLine(d)).join("\n")}\n`);
    return 1;
  }
  io.stdout(options.canonical ? canonicalJson(value) : `${contractHash(value)}\n`);
  return 0;
}
