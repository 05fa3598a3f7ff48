import { describe, expect, test } from "bun:test";
import { formatContractId, parseContractId } from "../lib/pack/contract-id.ts";
import { closestName } from "../lib/rules/did-you-mean.ts";

describe("contract_id syntax", () => {
  test("20,000 random near-ids: valid exactly when the four parts are, read part by part", () => {
    let seed = 20261123;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const roleParts = ["editor", "a", "x".repeat(64), "x".repeat(65), "", "Editor", "ed-itor", "ed:itor", "é", "sound_2"];
    const kinds = ["X", "C", "x", "", "XC", "D"];
    const versions = ["1", "0", "01", "4294967295", "4294967296", "99999999999", "1.0", "+1", "-1", "", "12a", "٣"];
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      const parts = [pick(["ROLE", "ROLE", "ROLE", "role", "ROLE ", ""]), pick(roleParts), pick(kinds), pick([...versions, "1", "7", "42"])];
      if (next() < 0.1) parts.push(pick(["", "1"]));
      const id = parts.join(":");
      const [prefix, roleId = "", kind = "", version = ""] = id.split(":");
      const expected =
        id.split(":").length === 4 && prefix === "ROLE" && /^[a-z0-9_]{1,64}$/.test(roleId) && (kind === "X" || kind === "C") && /^[1-9][0-9]*$/.test(version) && Number(version) <= 0xffff_ffff;
      const parsed = parseContractId(id);
      expect(parsed.ok).toBe(expected);
      if (parsed.ok) {
        valid++;
        expect(parsed).toEqual({ ok: true, roleId, kind: kind as "X" | "C", version: Number(version) });
      }
    }
    expect(valid).toBeGreaterThan(200);
  });

  test("accepts ROLE:<role_id>:<X|C>:<u32 ≥ 1>", () => {
    expect(parseContractId("ROLE:editor:X:1")).toEqual({ ok: true, roleId: "editor", kind: "X", version: 1 });
    expect(parseContractId("ROLE:sound_designer_2:C:4294967295")).toMatchObject({ ok: true, version: 4294967295 });
  });

  for (const bad of [
    "ROLE:editor:X:0",
    "ROLE:editor:X:01",
    "ROLE:editor:X:+1",
    "ROLE:editor:X:4294967296",
    "ROLE:editor:X:１",
    "ROLE:editor:X:٣",
    "ROLE:editor:Y:1",
    "ROLE:Editor:X:1",
    "role:editor:X:1",
    "ROLE:editor:X",
    "ROLE:editor:X:1:2",
    "ROLE::X:1",
    "ROLE:editor:X:1.0",
  ]) {
    test(`rejects ${JSON.stringify(bad)}`, () => {
      const parsed = parseContractId(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(10);
    });
  }

  test("formats the parts back", () => {
    expect(formatContractId("editor", "C", 3)).toBe("ROLE:editor:C:3");
  });
});

describe("did you mean", () => {
  test("suggests the nearest declared name for a typo", () => {
    expect(closestName("lifecyle", ["lifecycle", "aliases"])).toBe("lifecycle");
    expect(closestName("Role_ID", ["role_id"])).toBe("role_id");
    expect(closestName("alaises", ["aliases"])).toBe("aliases");
  });

  test("suggests nothing for a name unlike any candidate", () => {
    expect(closestName("colour_space", ["lifecycle", "aliases"])).toBeUndefined();
  });
});
