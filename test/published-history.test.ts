/**
 * The history reader re-reads only what changed between versions; these tests hold it to the
 * plain reading of every version whole: the same registry, places (lines) included, for random
 * sequences of edits, odd formatting, JSONC and unreadable versions.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { PublishedHistoryReader } from "../lib/published/history-reader.ts";
import { type PublishedPack, readPublishedPack } from "../lib/published/version-reader.ts";
import { type PackVersion, type PublishedRegistry, registryFromHistory } from "../lib/published/registry.ts";
import { SourceText } from "../lib/json/source-text.ts";
import { contract, role, smallPack, type TestRole } from "./helpers/packs.ts";

type Edit =
  | { kind: "add-contract"; at: number }
  | { kind: "change-schema"; at: number }
  | { kind: "remove-role"; at: number }
  | { kind: "insert-role"; at: number }
  | { kind: "move-role"; at: number; to: number }
  | { kind: "duplicate-role"; at: number }
  | { kind: "odd-element"; at: number; value: null | number | string }
  | { kind: "alias-and-lifecycle"; at: number }
  | { kind: "header" }
  | { kind: "reformat"; indent: number }
  | { kind: "jsonc-comment" }
  | { kind: "syntax-error" }
  | { kind: "corrupt"; at: number; how: "drop-comma" | "extra-comma" | "drop-brace" }
  | { kind: "delete-file" };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("add-contract" as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("change-schema" as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove-role" as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("insert-role" as const), at: fc.nat() }) },
  fc.record({ kind: fc.constant("move-role" as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate-role" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("odd-element" as const), at: fc.nat(), value: fc.constantFrom(null, 7, "x") }),
  fc.record({ kind: fc.constant("alias-and-lifecycle" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("header" as const) }),
  fc.record({ kind: fc.constant("reformat" as const), indent: fc.constantFrom(0, 1, 2, 4) }),
  fc.record({ kind: fc.constant("jsonc-comment" as const) }),
  fc.record({ kind: fc.constant("syntax-error" as const) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("corrupt" as const), at: fc.nat(), how: fc.constantFrom("drop-comma" as const, "extra-comma" as const, "drop-brace" as const) }) },
  fc.record({ kind: fc.constant("delete-file" as const) }),
);

interface Version {
  name: string;
  text: string | null;
}

/** The texts a sequence of edits produces, starting from a small pack. */
function versionsOf(edits: readonly Edit[]): Version[] {
  const roles: unknown[] = ["a", "b", "c", "d"].map((id) => role(`role_${id}`));
  const pack = smallPack(roles as TestRole[]);
  let indent = 2;
  let fresh = 0;
  const versions: Version[] = [];
  const pick = (at: number) => (roles.length === 0 ? undefined : at % roles.length);
  for (const [n, change] of edits.entries()) {
    let text: string | null;
    const target = pick("at" in change ? change.at : 0);
    const object = target === undefined ? undefined : roles[target];
    const some = object !== null && typeof object === "object" ? (object as TestRole) : undefined;
    switch (change.kind) {
      case "add-contract":
        if (some) some.extract_contracts.push(contract(`ROLE:${some.role_id}:X:${some.extract_contracts.length + 1}`));
        break;
      case "change-schema":
        if (some?.produce_contracts[0]) some.produce_contracts[0].schema_json = { type: "object", changed: n };
        break;
      case "remove-role":
        if (target !== undefined) roles.splice(target, 1);
        break;
      case "insert-role":
        roles.splice(change.at % (roles.length + 1), 0, role(`role_new_${fresh++}`));
        break;
      case "move-role":
        if (target !== undefined) roles.splice(change.to % roles.length, 0, ...roles.splice(target, 1));
        break;
      case "duplicate-role":
        if (target !== undefined) roles.splice(target, 0, structuredClone(roles[target]));
        break;
      case "odd-element":
        roles.splice(change.at % (roles.length + 1), 0, change.value);
        break;
      case "alias-and-lifecycle":
        if (some) {
          some.aliases.push(`${some.role_id}_alias_${n}`);
          some.lifecycle = some.lifecycle === "active" ? "deprecated" : "active";
        }
        break;
      case "header":
        pack.pack_version = String(n);
        break;
      case "reformat":
        indent = change.indent;
        break;
    }
    text = `${JSON.stringify(pack, null, indent)}\n`;
    if (change.kind === "jsonc-comment") text = text.replace("{", "{ // a comment\n");
    if (change.kind === "syntax-error") text = text.slice(0, text.length >> 1);
    if (change.kind === "corrupt") text = corrupt(text, change.at, change.how);
    if (change.kind === "delete-file") text = null;
    versions.push({ name: `commit${n}:pack.json`, text });
  }
  return versions;
}

/** The text with one comma or brace dropped, or a comma added after a closing brace: no longer JSON. */
function corrupt(text: string, at: number, how: "drop-comma" | "extra-comma" | "drop-brace"): string {
  const target = how === "drop-comma" ? "," : "}";
  const places = [...text.matchAll(new RegExp(`\\${target}`, "g"))].map((match) => match.index);
  const place = places[at % places.length]!;
  return how === "extra-comma" ? `${text.slice(0, place + 1)},${text.slice(place + 1)}` : text.slice(0, place) + text.slice(place + 1);
}

/** Everything the append-only rules read from a registry, places as text. */
function plain(registry: PublishedRegistry) {
  return {
    roles: [...registry.roles.values()].map((r) => [r.role_id, r.at.text, r.lifecycle, r.removedIn]),
    contracts: [...registry.contracts.values()].map((c) => [
      c.contract_id,
      c.role_id,
      c.list,
      c.at.text,
      c.hash,
      c.driftedAt?.at.text,
      c.driftedAt?.hash,
      c.removedIn,
    ]),
    aliases: [...registry.aliases.values()].map((a) => [a.alias, a.role_id, a.at.text, a.removedIn]),
  };
}

/** The registry of `versions` (deleted where the text is null), each text read by `read`; unreadable ones skipped. */
function registryOf(
  versions: readonly Version[],
  read: (name: string, text: string, warnings: string[]) => PublishedPack | undefined,
): { registry: PublishedRegistry; warnings: string[] } {
  const warnings: string[] = [];
  const packs: PackVersion[] = [];
  for (const { name, text } of versions) {
    const pack = text === null ? undefined : read(name, text, warnings);
    if (text === null || pack !== undefined) packs.push({ commit: name, pack });
  }
  return { registry: registryFromHistory(packs), warnings };
}

function readIncrementally(versions: readonly Version[]) {
  const reader = new PublishedHistoryReader();
  return registryOf(versions, (name, text, warnings) => reader.read(new TextEncoder().encode(text), name, warnings));
}

function readWhole(versions: readonly Version[]) {
  const { registry, warnings } = registryOf(versions, (name, text, found) => readPublishedPack(new SourceText(name, text), found));
  return { registry, warnings: warnings.map((warning) => `warning: ${warning}`) };
}

describe("reading a history version by version", () => {
  test("gives the same registry, places and warnings as reading every version whole (random edit sequences)", () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 30 }), (edits) => {
        const versions = versionsOf(edits);
        const incremental = readIncrementally(versions);
        const whole = readWhole(versions);
        expect(plain(incremental.registry)).toEqual(plain(whole.registry));
        expect(incremental.warnings).toEqual(whole.warnings);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  test("an unchanged role keeps its reading while a role before it grows (lines shift, nothing is re-read)", () => {
    const versions = versionsOf([{ kind: "header" }, { kind: "add-contract", at: 0 }]);
    const reader = new PublishedHistoryReader();
    const [first, second] = versions.map(({ name, text }) => reader.read(new TextEncoder().encode(text!), name, []));
    expect(second!.roles[0]!.reading).not.toBe(first!.roles[0]!.reading);
    expect(second!.roles.slice(1).map((r) => r.reading)).toEqual(first!.roles.slice(1).map((r) => r.reading));
    for (const [i, r] of second!.roles.slice(1).entries()) expect(r.reading).toBe(first!.roles[i + 1]!.reading);
    const lastRole = second!.roles.at(-1)!;
    const line = Number(lastRole.place(["role_id"]).text.split(":").at(-1));
    expect(versions[1]!.text!.split("\n")[line - 1]).toContain(`"role_id": "${lastRole.reading.role_id}"`);
  });
});
