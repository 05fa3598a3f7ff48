/**
 * The positioned reading of `rolepack-check.jsonc`, for a file with something wrong in it: every
 * problem as one `name:line:col: error …` line — syntax, duplicate keys, unknown keys (with a
 * did-you-mean), wrong values, and an append-only rule set below "error" (with the reason).
 * Loaded by config.ts only when the quick reading refuses the file: it loads jsonc-parser and arktype.
 *
 * @example
 * ```ts
 * explainConfig('{ "histroy": true }', "rolepack-check.jsonc").errors;
 * // ['rolepack-check.jsonc:1:3: error unknown key "histroy"; did you mean "history"?']
 * ```
 */
import { type ArkError, type } from "arktype";
import { type JsonNode, nodeAtPath, nodeValue, parseJsonDocument } from "../json/json-document.ts";
import { SourceText } from "../json/source-text.ts";
import { RULE_CODES, type RuleCode } from "../rules/catalog.ts";
import { closestName } from "../rules/did-you-mean.ts";
import { CONFIG_KEYS, RolepackCheckConfig, WAIVER_KEYS } from "./schema.ts";
import { UNLOWERABLE_RULES, whyUnlowerable } from "./unlowerable.ts";
import { type WaiverEntry, waiverProblems, whyUnwaivable } from "./waivers.ts";

const quote = JSON.stringify;

/** Every problem of the configuration text, sorted by position (none when it is valid), and its value. */
export function explainConfig(text: string, name: string): { errors: string[]; value: unknown } {
  const source = new SourceText(name, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const doc = parseJsonDocument(source);
  const problems: { offset: number; message: string }[] = [...doc.problems];
  const value = doc.root === undefined ? undefined : nodeValue(doc.root);
  if (doc.root !== undefined && !doc.malformed) {
    const result = RolepackCheckConfig(value);
    if (result instanceof type.errors) {
      for (const error of Object.values(result.flatByPath).flat()) problems.push(explain(error, doc.root));
    } else {
      // What the schema cannot say about waivers: asked only of a configuration the schema accepts.
      for (const { path, message } of waiverProblems((value as { waivers?: WaiverEntry[] }).waivers ?? [])) {
        problems.push({ offset: nodeAtPath(doc.root, ["waivers", ...path])?.offset ?? doc.root.offset, message: `waivers[${path[0]}]: ${message}` });
      }
    }
  }
  const errors = problems
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, message }) => {
      const { line, column } = source.positionAt(offset);
      return `${name}:${line}:${column}: error ${message}`;
    });
  return { errors, value };
}

function explain(error: ArkError, root: JsonNode): { offset: number; message: string } {
  const path = error.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment)) as (string | number)[];
  // A missing key is located at the object that lacks it.
  let node = path.length === 0 ? root : nodeAtPath(root, path);
  for (let depth = path.length - 1; node === undefined && depth >= 0; depth--) node = depth === 0 ? root : nodeAtPath(root, path.slice(0, depth));
  const key = path.at(-1);
  const inRules = path.length === 2 && path[0] === "rules" && typeof key === "string";
  if (error.code === "predicate" && error.expected === "removed" && typeof key === "string") {
    const inWaiver = path.length === 3 && path[0] === "waivers";
    const suggestion = closestName(key, inRules ? RULE_CODES : path.length === 1 ? CONFIG_KEYS : inWaiver ? WAIVER_KEYS : []);
    const what = inRules ? `unknown rule ${quote(key)} in "rules"` : `unknown key ${quote(key)}`;
    return { offset: node?.parent?.offset ?? node?.offset ?? 0, message: `${what}${suggestion === undefined ? "; remove it" : `; did you mean ${quote(suggestion)}?`}` };
  }
  if (inRules && (UNLOWERABLE_RULES as readonly string[]).includes(key)) {
    return {
      offset: node?.offset ?? 0,
      message:
        `${key} cannot be set to ${quote(nodeValue(node ?? root))}: ${whyUnlowerable(key as RuleCode)}; ` +
        `${UNLOWERABLE_RULES.join(", ")} are always errors`,
    };
  }
  if (path.length === 3 && path[0] === "waivers" && key === "code") {
    const code = nodeValue(node ?? root);
    const why = whyUnwaivable(String(code));
    if (why !== undefined) return { offset: node?.offset ?? 0, message: `waivers[${path[1]}]: ${code} cannot be waived: ${why}` };
  }
  const where = path.length === 0 ? "the configuration" : path.join(".");
  // arktype words some problems with the path already ("history must be boolean …"), others without.
  const problem = error.problem.startsWith(`${where} `) ? error.problem.slice(where.length + 1) : error.problem;
  return { offset: node?.offset ?? 0, message: `${where} ${problem}` };
}
