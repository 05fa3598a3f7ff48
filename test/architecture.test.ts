/**
 * The layering of lib/, as lib/README.md and each folder's README.md state it, held by a test:
 * a rule only written down drifts the first time someone imports "just this one helper".
 *
 * The import scanner is a few regular expressions, not the TypeScript compiler: lib/ writes its
 * imports one way (relative specifiers with extensions), and a test that parses in milliseconds
 * is one nobody is tempted to skip.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = join(import.meta.dir, "..");
const LIB = join(ROOT, "lib");

interface Import {
  readonly specifier: string;
  /** A static import or re-export that loads the module at run time (not `import type`, `export type`, `import()`, `require()`). */
  readonly eager: boolean;
}

/** Strips comments first: JSDoc examples hold `import` lines that are not imports. */
function importsOf(file: string): Import[] {
  const code = readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, ""); // whole-line comments only, so "http://" in a string survives
  const found: Import[] = [];
  const clause = String.raw`(?:[\w$]+\s*,\s*)?(?:\*\s*(?:as\s+[\w$]+)?|\{[^}]*\}|[\w$]+)`;
  for (const m of code.matchAll(new RegExp(String.raw`^\s*(?:import|export)\s+(type\s+)?${clause}\s*from\s*["']([^"']+)["']`, "gm"))) {
    found.push({ specifier: m[2]!, eager: m[1] === undefined });
  }
  for (const m of code.matchAll(/^\s*import\s*["']([^"']+)["']/gm)) found.push({ specifier: m[1]!, eager: true });
  // Lazy: loaded when the function that calls it runs (also matches `typeof import("…")`, a type).
  for (const m of code.matchAll(/\b(?:import|require)\s*\(\s*["']([^"']+)["']/g)) found.push({ specifier: m[1]!, eager: false });
  return found;
}

const isRelative = (specifier: string) => specifier.startsWith("./") || specifier.startsWith("../");

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFilesUnder(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** Paths relative to lib/, e.g. `check/check-pack.ts`. */
const libPath = (absolute: string) => relative(LIB, absolute).split("\\").join("/");
const MODULES = tsFilesUnder(LIB).map(libPath).sort();

/** Every edge between lib modules, type-only and lazy ones included; targets outside lib/ are kept too (`../package.json`). */
const EDGES = MODULES.flatMap((from) =>
  importsOf(join(LIB, from))
    .filter((i) => isRelative(i.specifier))
    .map((i) => ({ from, to: relative(LIB, resolve(LIB, dirname(from), i.specifier)).split("\\").join("/") })),
);
const insideLib = (path: string) => !path.startsWith("../");

/** A folder is a layer if it holds code (an empty folder left behind by a move is not). */
const FOLDERS = readdirSync(LIB).filter((name) => statSync(join(LIB, name)).isDirectory() && tsFilesUnder(join(LIB, name)).length > 0);
const TOP_FILES = MODULES.filter((path) => !path.includes("/"));

const allowedIn = (line: string) => (line.includes("nothing in lib/") ? [] : [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));

/** What each layer may import, keyed by folder (`json`) or top-level file (`mod.ts`), read from the READMEs. */
function layerRules(): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  for (const folder of FOLDERS) {
    const readme = join(LIB, folder, "README.md");
    const lines = existsSync(readme) ? readFileSync(readme, "utf8").split("\n").filter((l) => l.startsWith("May import:")) : [];
    if (lines.length === 1) rules.set(folder, allowedIn(lines[0]!));
  }
  for (const m of readFileSync(join(LIB, "README.md"), "utf8").matchAll(/^May import \(`([^`]+)`\):(.*)$/gm)) {
    rules.set(m[1]!, allowedIn(m[2]!));
  }
  return rules;
}
const RULES = layerRules();

/** A module's layer: its first folder under lib/, or the file itself at the top. */
const layerOf = (path: string) => (path.includes("/") ? path.slice(0, path.indexOf("/")) : path);

function mayImport(from: string, to: string): boolean {
  if (!insideLib(to) || layerOf(from) === layerOf(to)) return true;
  return (RULES.get(layerOf(from)) ?? []).some((allowed) => (allowed.endsWith("/") ? to.startsWith(allowed) : to === allowed));
}

/** Cycles of a graph, each as a path that ends where it starts (a depth-first search, colouring nodes). */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, "open" | "done">();
  const cycles: string[][] = [];
  const visit = (path: string[]) => {
    const node = path[path.length - 1]!;
    state.set(node, "open");
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit([...path, next]);
    }
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit([node]);
  return cycles;
}

describe("lib/ layering", () => {
  test("every folder of lib/ says what it may import", () => {
    const withoutOneRule = FOLDERS.filter((folder) => {
      const readme = join(LIB, folder, "README.md");
      return !existsSync(readme) || readFileSync(readme, "utf8").split("\n").filter((l) => l.startsWith("May import:")).length !== 1;
    });
    expect(withoutOneRule).toEqual([]);
    // Top-level files take their rule from lib/README.md; a new one must be given one there.
    expect(TOP_FILES.filter((file) => !RULES.has(file))).toEqual([]);
  });

  test("imports flow one way: each module imports only what its layer's README allows", () => {
    const violations = EDGES.filter(({ from, to }) => !mayImport(from, to)).map(({ from, to }) => `lib/${from} -> lib/${to}`);
    expect(violations).toEqual([]);
  });

  test("every relative import inside lib/ names a file that exists", () => {
    // Otherwise a typo in a path would make the layer check above judge a module that is not there.
    const missing = EDGES.filter(({ to }) => insideLib(to) && !existsSync(join(LIB, to))).map(({ from, to }) => `lib/${from} -> lib/${to}`);
    expect(missing).toEqual([]);
  });

  test("no import cycle between modules", () => {
    const graph = new Map<string, string[]>(MODULES.map((m) => [m, []]));
    for (const { from, to } of EDGES) if (insideLib(to)) graph.get(from)!.push(to);
    expect(cyclesOf(graph).map((cycle) => cycle.join(" -> "))).toEqual([]);
  });

  test("the layers themselves form no cycle", () => {
    // A sanity check of the READMEs: allowing each other's imports would make "downwards" meaningless.
    const graph = new Map([...RULES].map(([layer, allowed]) => [layer, allowed.map((a) => a.split("/")[0]!)]));
    expect(cyclesOf(graph).map((cycle) => cycle.join(" -> "))).toEqual([]);
  });

  test("the process shell check.ts imports from lib/ only the CLI's main and the git entry", () => {
    const fromLib = importsOf(join(ROOT, "check.ts"))
      .map((i) => i.specifier)
      .filter((s) => isRelative(s) && s.startsWith("./lib/"));
    expect(fromLib.filter((s) => s !== "./lib/cli/main.ts" && s !== "./lib/git/mod.ts")).toEqual([]);
  });
});

describe("the library entry is runtime-neutral", () => {
  /** Every lib file the entry can load, statically or lazily, and the packages they name. */
  function reachableFrom(entry: string): { files: string[]; packages: Set<string>; outside: Set<string> } {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const outside = new Set<string>();
    const follow = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const { specifier } of importsOf(file)) {
        if (!isRelative(specifier)) packages.add(specifier);
        else if (!resolve(dirname(file), specifier).startsWith(`${LIB}/`)) outside.add(relative(ROOT, resolve(dirname(file), specifier)));
        else follow(resolve(dirname(file), specifier));
      }
    };
    follow(join(LIB, entry));
    return { files: [...seen].map(libPath).sort(), packages, outside };
  }

  test("nothing it can load uses git, files, processes or Bun-only modules", () => {
    // The first entry runs in services, on Bun and on Node: the edge stays in git/ and cli/.
    const { files, packages } = reachableFrom("mod.ts");
    expect(files.filter((file) => file.startsWith("git/") || file.startsWith("cli/"))).toEqual([]);
    // node:crypto is Node's hasher (types and a guarded call); sarif is @types/sarif, types only;
    // strip-json-comments is plain JavaScript (the fast path's JSONC).
    const allowed = new Set(["canonicalize", "jsonc-parser", "strip-json-comments", "arktype", "@ark/schema", "node:crypto", "sarif"]);
    expect([...packages].filter((p) => !allowed.has(p)).sort()).toEqual([]);
  });

  test("outside lib/ it reads only package.json and the committed JSON Schema", () => {
    expect([...reachableFrom("mod.ts").outside].sort()).toEqual(["assets/rolepack.schema.json", "package.json"]);
  });

  test("Bun's globals are used only where Node's equivalent is chosen otherwise", () => {
    // `typeof Bun !== "undefined"` guards the hasher; any other use would break the Node build at run time.
    const uses = reachableFrom("mod.ts").files.filter((file) => /\bBun\./.test(stripComments(readFileSync(join(LIB, file), "utf8"))));
    expect(uses).toEqual(["json/canonical-hash.ts"]);
  });
});

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

/** The modules and packages `entry` reaches: by static imports only, or by lazy ones too. */
function reachableFrom(entry: string, { lazy }: { lazy: boolean }): { packages: Set<string>; seen: Set<string> } {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const follow = (file: string) => {
    if (seen.has(file) || !file.endsWith(".ts")) return;
    seen.add(file);
    for (const { specifier, eager } of importsOf(file)) {
      if (!eager && !lazy) continue;
      if (isRelative(specifier)) follow(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  follow(entry);
  return { packages, seen };
}

describe("start-up cost", () => {
  test("a clean check loads neither arktype nor jsonc-parser", () => {
    // Loading arktype costs ~250 ms, more than ten clean checks: it and the positioned parser must
    // be reached only through lazy `import()`/`require()`, when something needs explaining.
    const { packages, seen } = reachableFrom(join(ROOT, "check.ts"), { lazy: false });
    expect(seen.size).toBeGreaterThan(10); // the scanner did follow the static imports
    expect([...packages].filter((p) => ["arktype", "@ark/schema", "jsonc-parser"].includes(p))).toEqual([]);
    // Each of these costs 1–2 ms to load in the compiled program: only the runs that need them load them.
    expect([...packages].filter((p) => ["node:util", "node:fs/promises", "node:fs", "node:crypto", "diff"].includes(p))).toEqual([]);
  });

  test("checking a pack loads no arktype on any path, the explaining one included (issue #14)", () => {
    // Schema errors are explained from the JSON Schema derived from arktype (pack/schema-explainer.ts):
    // arktype is the source of truth at development time only.
    const { packages, seen } = reachableFrom(join(LIB, "check", "check-pack.ts"), { lazy: true });
    expect(seen.has(join(LIB, "rules", "schema-findings.ts"))).toBe(true); // the explaining path was followed
    expect([...packages].filter((p) => ["arktype", "@ark/schema"].includes(p))).toEqual([]);
  });
});
