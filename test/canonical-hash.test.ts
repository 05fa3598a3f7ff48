import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalJson, contractHash } from "../lib/json/canonical-hash.ts";
import { nodeValue, parseJsonDocument } from "../lib/json/json-document.ts";
import { contractSchemaHash } from "../lib/pack/model.ts";
import { readPackModel } from "../lib/pack/model-from-document.ts";
import { SourceText } from "../lib/json/source-text.ts";
import { HANDSHAKE_FILE, HAS_SHARED, SHARED_DIR } from "./helpers/packs.ts";

const VECTORS = join(SHARED_DIR, "vectors", "jcs");

function parseValue(text: string): unknown {
  const doc = parseJsonDocument(new SourceText("input", text));
  expect(doc.problems).toEqual([]);
  return nodeValue(doc.root!);
}

describe("RFC 8785 canonical form", () => {
  const names = HAS_SHARED ? readdirSync(join(VECTORS, "input")).sort() : [];
  test.skipIf(!HAS_SHARED)("the shared vector set is complete", () => {
    expect(names).toEqual(["arrays.json", "french.json", "structures.json", "unicode.json", "values.json", "weird.json"]);
  });
  for (const name of names) {
    test(`reproduces the reference vector ${name} byte for byte`, () => {
      const input = readFileSync(join(VECTORS, "input", name), "utf8");
      const expected = readFileSync(join(VECTORS, "output", name));
      const actual = new TextEncoder().encode(canonicalJson(parseValue(input)));
      expect(Buffer.from(actual).equals(expected)).toBe(true);
    });
  }

  test("is independent of key order and whitespace", () => {
    expect(canonicalJson(parseValue('{ "b": [1, 2.50, 1e2], "a": { "y": null, "x": "é" } }'))).toBe(
      '{"a":{"x":"é","y":null},"b":[1,2.5,100]}',
    );
    expect(contractHash(parseValue('{"b":1,"a":2}'))).toBe(contractHash(parseValue('{\n  "a": 2,\n  "b": 1\n}')));
  });

  test("hashes __proto__ as an ordinary key", () => {
    const value = parseValue('{"__proto__": {"polluted": true}, "a": 1}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("hash is lowercase hex SHA-256 of the canonical UTF-8 bytes", () => {
    // sha256 of the 2 bytes "{}"
    expect(contractHash({})).toBe("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  });
});

describe.skipIf(!HAS_SHARED)("Handshake fixture", () => {
  test("every contract hash equals the original implementation's (sorted-key compact JSON, SHA-256)", () => {
    const reference: Record<string, string> = JSON.parse(
      readFileSync(join(import.meta.dir, "fixtures", "handshake-reference-hashes.json"), "utf8"),
    ).hashes;
    const model = readPackModel(parseJsonDocument(new SourceText("handshake.json", readFileSync(HANDSHAKE_FILE, "utf8"))));
    const ours = Object.fromEntries(model.contracts.map((c) => [c.contract_id, contractSchemaHash(c)]));
    expect(Object.keys(ours)).toHaveLength(76);
    expect(ours).toEqual(reference);
  });
});
