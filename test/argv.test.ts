/**
 * The command line's own argument reader (lib/cli/argv.ts, in place of `util.parseArgs`, whose
 * import costs 1.4–1.7 ms of a clean check): every form it accepts and every mistake it refuses.
 */
import { describe, expect, test } from "bun:test";
import { parseArgv } from "../lib/cli/argv.ts";
import { closestName } from "../lib/rules/did-you-mean.ts";

const OPTIONS = {
  base: { type: "string" },
  format: { type: "string" },
  staged: { type: "boolean" },
  "dry-run": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
  output: { type: "string", short: "o" },
} as const;

const parse = (...argv: string[]) => parseArgv(argv, OPTIONS, closestName);

describe("reading the command line", () => {
  test("operands and options in any order; a string option takes the next argument or what follows =", () => {
    expect(parse("check", "--base", "main", "a.json", "--format=json", "b.json")).toEqual({
      values: { base: "main", format: "json" },
      positionals: ["check", "a.json", "b.json"],
    });
  });

  test("an empty value after = is a value; the last of a repeated option wins", () => {
    expect(parse("--base=", "--format", "text", "--format", "json").values).toEqual({ base: "", format: "json" });
  });

  test("flags, short flags (also grouped), and - alone is an operand (standard input)", () => {
    expect(parse("--staged", "--dry-run", "-h", "-").values).toEqual({ staged: true, "dry-run": true, help: true });
    expect(parse("-hV")).toEqual({ values: { help: true, version: true }, positionals: [] });
    expect(parse("hash", "-").positionals).toEqual(["hash", "-"]);
  });

  test("a short option with a value takes the next argument or the rest of its group: -o FILE, -oFILE, -ho FILE", () => {
    expect(parse("-o", "out.sarif", "a.json").values).toEqual({ output: "out.sarif" });
    expect(parse("-oout.sarif").values).toEqual({ output: "out.sarif" });
    expect(parse("-ho", "out.sarif")).toEqual({ values: { help: true, output: "out.sarif" }, positionals: [] });
    expect(() => parse("-o")).toThrow("option -o needs a value; write -oVALUE for a value that starts with \"-\" (see --help)");
    expect(() => parse("-o", "--staged")).toThrow("option -o needs a value");
  });

  test("-- ends the options: what follows is an operand even when it starts with a dash", () => {
    expect(parse("--staged", "--", "--odd.json", "-x")).toEqual({ values: { staged: true }, positionals: ["--odd.json", "-x"] });
  });

  test("an unknown option is refused, with a did-you-mean when one is close", () => {
    expect(() => parse("--stagd")).toThrow('unknown option --stagd; did you mean --staged? (an operand that starts with "-" goes after --) (see --help)');
    expect(() => parse("--dryrun")).toThrow("did you mean --dry-run?");
    expect(() => parse("--zzzzzz")).toThrow('unknown option --zzzzzz (an operand that starts with "-" goes after --) (see --help)');
    expect(() => parse("-x")).toThrow("unknown option -x");
  });

  test("a flag given a value, a missing value, and a value that looks like an option are refused", () => {
    expect(() => parse("--staged=yes")).toThrow("option --staged takes no value (see --help)");
    expect(() => parse("--base")).toThrow('option --base needs a value; write --base=VALUE for a value that starts with "-" (see --help)');
    expect(() => parse("--base", "--staged")).toThrow("option --base needs a value");
    expect(parse("--base=--staged").values).toEqual({ base: "--staged" });
  });

  test("a key of Object.prototype is not an option", () => {
    expect(() => parse("--constructor")).toThrow("unknown option --constructor");
    expect(() => parse("--__proto__=1")).toThrow("unknown option --__proto__");
  });
});
