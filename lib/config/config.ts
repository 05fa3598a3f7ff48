/**
 * `rolepack-check.jsonc`: reading and validating the configuration text. A valid file is read on
 * the fast path — comments and trailing commas blanked out by strip-json-comments, then the strict
 * `JSON.parse` and the check generated from the schema, well under a millisecond — and anything
 * wrong is explained on the positioned path (jsonc-parser, arktype, ~250 ms to load), loaded only
 * then, as `rolepack-check.jsonc:LINE:COL: error …` lines with a did-you-mean. (Bun's own
 * `Bun.JSONC` was measured as fast but accepts trailing text, single quotes and leading zeros;
 * jsonc-parser costs ~1.6 ms to load in the compiled binary.)
 *
 * @example
 * ```ts
 * const read = await readConfig(text, "rolepack-check.jsonc");
 * if ("errors" in read) console.error(read.errors.join("\n"));
 * else read.config.base; // "develop"
 * ```
 */
import stripJsonComments from "strip-json-comments";
import type { RuleCode } from "../rules/catalog.ts";
import { matchesConfigSchema } from "./generated/config-check.ts";
import { type WaiverEntry, waiverProblems } from "./waivers.ts";

/**
 * The file's name, at the root of the work tree.
 *
 * @example
 * ```ts
 * await Bun.file(join(root, CONFIG_FILE)).exists();
 * ```
 */
export const CONFIG_FILE = "rolepack-check.jsonc";

export type RuleLevel = "error" | "warning" | "off";

/**
 * A valid configuration. Every key is optional; command-line flags override it.
 *
 * @example
 * ```ts
 * const config: Config = { packs: ["registry/*.rolepack.json"], base: "develop", rules: { "HSK-RR-012": "warning" } };
 * ```
 */
export interface Config {
  /** Paths or globs of the packs, relative to the work tree's root. */
  readonly packs?: readonly string[];
  /** The base branch: compared with as `main` is (the merge-base of HEAD and its tip). */
  readonly base?: string;
  readonly history?: boolean;
  readonly require_baseline?: boolean;
  /** What each rule's findings count as; the append-only rules are always errors. */
  readonly rules?: Partial<Record<RuleCode, RuleLevel>>;
  /** Explicit, reviewed exceptions (see waivers.ts). */
  readonly waivers?: readonly WaiverEntry[];
}

/**
 * The configuration in `text` (shown as `name` in messages), or the lines that say what is wrong
 * with it, each `name:line:col: error …`.
 */
export async function readConfig(text: string, name: string): Promise<{ config: Config } | { errors: string[] }> {
  const value = quickParse(text);
  if (value !== undefined && matchesConfigSchema(value) && !mayRepeatKeys(text, value as Config) && waiverProblems((value as Config).waivers ?? []).length === 0) {
    return { config: value as Config };
  }
  const { explainConfig } = await import("./explain-config.ts");
  // The positioned reading may accept what the quick one refused (a repeated key's text in a
  // comment, say): it is the one that explains, so it decides.
  const { errors, value: explained } = explainConfig(text, name);
  return errors.length > 0 ? { errors } : { config: explained as Config };
}

/**
 * Whether a key of the top level or of `rules` may appear twice in the text (the parser keeps the
 * last one silently). A key's text seen twice — even in a comment — sends the file to the
 * positioned reading, which decides exactly.
 */
function mayRepeatKeys(text: string, config: Config): boolean {
  const keys = [...Object.keys(config), ...Object.keys(config.rules ?? {})];
  return keys.some((key) => {
    const quoted = JSON.stringify(key);
    const first = text.indexOf(quoted);
    return first !== -1 && text.indexOf(quoted, first + quoted.length) !== -1;
  });
}

/** JSONC read strictly: comments and trailing commas blanked out, then `JSON.parse`; undefined when it refuses. */
function quickParse(text: string): unknown {
  try {
    return JSON.parse(stripJsonComments(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { trailingCommas: true }));
  } catch {
    return undefined;
  }
}
