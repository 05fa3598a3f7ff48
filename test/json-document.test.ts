import { describe, expect, test } from "bun:test";
import { locate, notIJson } from "../lib/rules/diagnostic.ts";
import { nodeValue, parseJsonDocument } from "../lib/json/json-document.ts";
import { SourceText } from "../lib/json/source-text.ts";

function problems(text: string): string[] {
  const source = new SourceText("f.json", text);
  return parseJsonDocument(source).problems.map((problem) => {
    const d = locate(notIJson(problem), source);
    return `${d.line}:${d.column} ${d.code} ${d.message}`;
  });
}

describe("parsing JSON and JSONC", () => {
  test("accepts comments and trailing commas", () => {
    const doc = parseJsonDocument(new SourceText("f.jsonc", '// head\n{ "a": [1, 2,], /* b */ "b": true, }\n'));
    expect(doc.problems).toEqual([]);
    expect(nodeValue(doc.root!)).toEqual({ a: [1, 2], b: true });
  });

  test("reports a syntax error at its line and column", () => {
    expect(problems('{\n  "a": 1\n  "b": 2\n}')).toEqual(["3:3 HSK-RR-011 syntax error: expected ','"]);
  });

  test("reports an empty file", () => {
    expect(problems("")).toEqual(["1:1 HSK-RR-011 syntax error: the file is empty (or only whitespace); expected a JSON value"]);
    expect(problems(" \n\t\n")).toHaveLength(1);
    expect(problems("// only a comment\n")).toEqual(["2:1 HSK-RR-011 syntax error: expected a value"]);
  });

  test("marks a malformed text so that no rule trusts its tree", () => {
    expect(parseJsonDocument(new SourceText("f", '{"a": }')).malformed).toBe(true);
    expect(parseJsonDocument(new SourceText("f", '{"a": 1, "a": 2}')).malformed).toBe(false);
  });
});

describe("I-JSON (RFC 7493)", () => {
  test("rejects a duplicate key at any depth, at the second occurrence", () => {
    expect(problems('{\n  "x": { "k": 1,\n    "k": 2 }\n}')).toEqual([
      '3:5 HSK-RR-011 duplicate key "k" (first at line 2); I-JSON forbids duplicate keys',
    ]);
  });

  test("rejects integers beyond 2^53-1 written without fraction or exponent", () => {
    expect(problems("[9007199254740991, -9007199254740991]")).toEqual([]);
    expect(problems("[9007199254740993]")).toEqual([
      "1:2 HSK-RR-011 integer 9007199254740993 is beyond ±(2^53−1) and cannot be represented exactly; I-JSON forbids it",
    ]);
    expect(problems("[-9007199254740992]")).toHaveLength(1);
    expect(problems("[9007199254740993.0, 9.007199254740993e15]")).toEqual([]);
  });

  test("rejects numbers that overflow to Infinity", () => {
    expect(problems('{"n": 1e400}')).toEqual([
      "1:7 HSK-RR-011 number 1e400 overflows to Infinity; I-JSON numbers must be finite IEEE 754 doubles",
    ]);
    expect(problems("[-1e400]")[0]).toContain("-Infinity");
  });

  test("rejects lone surrogates in strings and keys", () => {
    expect(problems('["\\ud800"]')).toEqual([
      "1:2 HSK-RR-011 string contains a lone surrogate (an unpaired \\uD800-\\uDFFF escape); I-JSON strings must be valid Unicode",
    ]);
    expect(problems('{"\\udc00x": 1}')[0]).toContain("key contains a lone surrogate");
    expect(problems('["\\ud83d\\ude02"]')).toEqual([]);
  });

  test("accepts -0 and 0.1e1 as ordinary numbers", () => {
    expect(problems("[-0, 0.1e1]")).toEqual([]);
  });
});

describe("source positions", () => {
  test("are 1-based lines and UTF-16 columns", () => {
    const source = new SourceText("f", 'ab\n\ncé"x');
    expect(source.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(source.positionAt(3)).toEqual({ line: 2, column: 1 });
    expect(source.positionAt(6)).toEqual({ line: 3, column: 3 });
  });
});

describe("differences between two JSON values (drift messages)", () => {
  test("by JSON Pointer with ~ and / escaped, in the order of the new value, removals after what is there", async () => {
    const { formatDifference, jsonDifferences } = await import("../lib/json/json-diff.ts");
    const found = jsonDifferences({ "a/b": { "c~d": 1 }, gone: true, list: [1, 2] }, { list: [1, 3, 4], "a/b": { "c~d": 2 }, "": 0 });
    expect(found.map(formatDifference)).toEqual(["/list/1: 2 → 3", "/list/2: added 4", "/a~1b/c~0d: 1 → 2", "/: added 0", "/gone: removed true"]);
    expect(jsonDifferences({ n: 1.0, o: { x: 1, y: 2 } }, { o: { y: 2, x: 1 }, n: 1 })).toEqual([]);
    expect(jsonDifferences([1], { a: 1 }).map(formatDifference)).toEqual(["the whole value: [1] → {\"a\":1}"]);
  });
});
