import { describe, expect, test } from "bun:test";
import { formatContractId, parseContractId } from "../lib/pack/contract-id.ts";
import { closestName } from "../lib/rules/did-you-mean.ts";

describe("contract_id syntax", () => {
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
