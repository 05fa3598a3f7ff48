/**
 * Parses JSON or JSONC text into a positioned tree and enforces I-JSON (RFC 7493).
 *
 * Hashes are defined over I-JSON values only: a duplicate key, an integer beyond ±(2^53−1),
 * a number that overflows to ±Infinity or a lone surrogate would let two different texts
 * hash the same, so each is a problem at its position (the rules report them as HSK-RR-011;
 * this layer knows no rule codes).
 *
 * @example
 * ```ts
 * const doc = parseJsonDocument(new SourceText("a.jsonc", '{ "a": 1, // note\n }'));
 * doc.problems; // []
 * nodeValue(doc.root!); // { a: 1 }
 * ```
 */
import { findNodeAtLocation, type JSONPath, type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import { MAX_NESTING, nestingTooDeepAt } from "./nesting.ts";
import type { SourceText } from "./source-text.ts";

export type { Node as JsonNode } from "jsonc-parser";

/** Why a text is not well-formed I-JSON, at an offset into it. */
export interface JsonProblem {
  offset: number;
  message: string;
  /** The specific fix, when there is one better than the general hint. */
  advice?: string;
}

export interface JsonDocument {
  readonly source: SourceText;
  /** The parsed tree; absent only when the text holds no value at all. */
  readonly root: Node | undefined;
  /** True when the text is not well-formed JSON/JSONC: the tree is a best-effort guess. */
  readonly malformed: boolean;
  /** The first syntax error and the I-JSON violations before it, in text order. */
  readonly problems: JsonProblem[];
}

const SYNTAX_MESSAGES: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: "expected end of file after the top-level value",
  InvalidCommentToken: "invalid comment",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid \\u escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "control character in string (escape it)",
};

/** Parses `source` as JSONC (comments and trailing commas allowed) and checks I-JSON. */
export function parseJsonDocument(source: SourceText): JsonDocument {
  if (source.text.trim() === "") {
    const message = "syntax error: the file is empty (or only whitespace); expected a JSON value";
    return { source, root: undefined, malformed: true, problems: [{ offset: 0, message }] };
  }
  // The parser recurses: a text nested deeper than the limit is reported, never handed to it.
  const tooDeep = nestingTooDeepAt(source.text);
  if (tooDeep !== undefined) {
    const message = `nesting deeper than ${MAX_NESTING} levels of arrays and objects; flatten the schema_json`;
    return { source, root: undefined, malformed: true, problems: [{ offset: tooDeep, message }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(source.text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: false,
  });
  const iJson = root === undefined ? [] : iJsonProblems(root, source);
  const firstError = errors[0];
  if (firstError === undefined) {
    return { source, root, malformed: false, problems: iJson.sort((a, b) => a.offset - b.offset) };
  }
  // After the first syntax error the parser is guessing: later errors are mostly echoes of it.
  const syntax: JsonProblem = {
    offset: firstError.offset,
    message: `syntax error: ${SYNTAX_MESSAGES[printParseErrorCode(firstError.error)] ?? "invalid JSON"}`,
  };
  const before = iJson.filter((problem) => problem.offset < firstError.offset);
  return { source, root, malformed: true, problems: [...before, syntax].sort((a, b) => a.offset - b.offset) };
}

/** Walks the tree (iteratively: nesting depth must not grow the call stack) for I-JSON breaches. */
function iJsonProblems(root: Node, source: SourceText): JsonProblem[] {
  const problems: JsonProblem[] = [];
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    switch (node.type) {
      case "object": {
        const firstSeen = new Map<string, Node>();
        for (const property of node.children ?? []) {
          const key = property.children?.[0];
          if (key === undefined) continue;
          const name = key.value as string;
          const earlier = firstSeen.get(name);
          if (earlier !== undefined) {
            problems.push({
              offset: key.offset,
              message: `duplicate key ${JSON.stringify(name)} (first at line ${source.positionAt(earlier.offset).line}); I-JSON forbids duplicate keys`,
              advice: "Remove one of the two entries; JSON parsers disagree on which one wins.",
            });
          } else {
            firstSeen.set(name, key);
          }
          if (!name.isWellFormed()) {
            problems.push(loneSurrogate(key, "key"));
          }
          const value = property.children?.[1];
          if (value !== undefined) pending.push(value);
        }
        break;
      }
      case "array":
        for (const child of node.children ?? []) pending.push(child);
        break;
      case "string":
        if (!(node.value as string).isWellFormed()) problems.push(loneSurrogate(node, "string"));
        break;
      case "number": {
        const problem = numberProblem(node, source.text);
        if (problem !== undefined) problems.push(problem);
        break;
      }
    }
  }
  return problems;
}

function loneSurrogate(node: Node, what: "key" | "string"): JsonProblem {
  return {
    offset: node.offset,
    message: `${what} contains a lone surrogate (an unpaired \\uD800-\\uDFFF escape); I-JSON strings must be valid Unicode`,
    advice: "Write the character as a surrogate pair or as UTF-8 text.",
  };
}

function numberProblem(node: Node, text: string): JsonProblem | undefined {
  const literal = text.slice(node.offset, node.offset + node.length);
  const value = node.value as number;
  if (!Number.isFinite(value)) {
    return {
      offset: node.offset,
      message: `number ${literal} overflows to ${value > 0 ? "" : "-"}Infinity; I-JSON numbers must be finite IEEE 754 doubles`,
      advice: "Use a smaller number, or write it as a string.",
    };
  }
  if (!/[.eE]/.test(literal) && Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    return {
      offset: node.offset,
      message: `integer ${literal} is beyond ±(2^53−1) and cannot be represented exactly; I-JSON forbids it`,
      advice: `Write it as a string ("${literal}") if the exact digits matter.`,
    };
  }
  return undefined;
}

/**
 * The plain JavaScript value of a node. Keys such as `__proto__` become ordinary own
 * properties (never a prototype change), so the value hashes as the text says.
 */
export function nodeValue(node: Node): unknown {
  switch (node.type) {
    case "object": {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key === undefined) continue;
        Object.defineProperty(result, key.value as string, {
          value: value === undefined ? null : nodeValue(value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
    case "array":
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** The value node of `key` in an object node, if present (the first, if the key repeats). */
export function propertyValue(object: Node | undefined, key: string): Node | undefined {
  return propertyNode(object, key)?.children?.[1];
}

/** The property node (key and value) of `key` in an object node, if present. */
export function propertyNode(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== "object") return undefined;
  return object.children?.find((property) => property.children?.[0]?.value === key);
}

/** The node at `path` below `root` (the first, where a key repeats). */
export function nodeAtPath(root: Node, path: JSONPath): Node | undefined {
  return findNodeAtLocation(root, path);
}
