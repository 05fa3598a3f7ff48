/**
 * The configuration file in a repository: `rolepack-check.jsonc` at the work tree's root, read from
 * the working tree — or from the index, for a commit (`--staged`). Absent is no configuration; a
 * file with something wrong in it stops the run (exit 2) with one `file:line:col: error …` line per
 * problem. Reading a valid file costs a fraction of a millisecond (config/config.ts).
 *
 * @example
 * ```ts
 * const config = await loadConfig("/repo", process.cwd(), "working-tree", env); // undefined without a file
 * config?.base; // "develop"
 * ```
 */
import { join, relative } from "node:path";
export { CONFIG_FILE } from "../config/config.ts";
import { type Config, CONFIG_FILE, readConfig } from "../config/config.ts";
import { decodeUtf8 } from "../json/utf8.ts";
import { blobContent, catFile } from "./cat-file.ts";
import type { Env } from "./process.ts";
import { exists } from "./repository.ts";
import { RunError } from "./run-error.ts";

/**
 * Reads and validates the configuration of the work tree at `root`; `cwd` is where paths in
 * messages start. Undefined when there is none; a RunError listing every problem when it is invalid.
 *
 * @example
 * ```ts
 * const config = await loadConfig(root, process.cwd(), "index", env); // as the commit will have it
 * ```
 */
export async function loadConfig(root: string, cwd: string, from: "working-tree" | "index", env: Env): Promise<Config | undefined> {
  const path = join(root, CONFIG_FILE);
  const shown = relative(cwd, path) || CONFIG_FILE;
  let text: string;
  if (from === "index") {
    const [object] = await catFile(root, [`:0:${CONFIG_FILE}`], env);
    const bytes = blobContent(object, `the index entry of ${CONFIG_FILE}`);
    if (bytes === null) return undefined;
    text = textOf(bytes, `${shown} (staged)`);
  } else {
    if (!(await exists(path))) return undefined;
    try {
      text = textOf(await Bun.file(path).bytes(), shown);
    } catch (error) {
      if (error instanceof RunError) throw error;
      throw new RunError(`${shown}: cannot read the configuration (${(error as { code?: string }).code ?? (error as Error).message})`);
    }
  }
  const read = await readConfig(text, shown);
  if ("errors" in read) throw new RunError(read.errors.join("\n"), { located: true });
  return read.config;
}

/**
 * The JSON Schema of `rolepack-check.jsonc` as text, from the committed
 * assets/rolepack-check.schema.json (generated from the arktype definition, held equal to it by a
 * test): what `rolepack-check schema --config` prints.
 *
 * @example
 * ```ts
 * await Bun.write("rolepack-check.schema.json", await configJsonSchemaText());
 * ```
 */
export async function configJsonSchemaText(): Promise<string> {
  const { default: schema } = await import("../../assets/rolepack-check.schema.json", { with: { type: "json" } });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function textOf(bytes: Uint8Array, shown: string): string {
  const decoded = decodeUtf8(bytes);
  if (decoded.invalidAt !== undefined) throw new RunError(`${shown}: the configuration is not valid UTF-8; save it as UTF-8`);
  return decoded.text;
}
