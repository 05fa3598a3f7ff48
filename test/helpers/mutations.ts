/**
 * Mutated packs for tests that hold two verdicts to each other (fast path and positioned pipeline,
 * the explainer and arktype, the editors' JSON Schema and the checker): a deterministic PRNG, so a
 * failing case can be reproduced, and small random edits near the schema-relevant places.
 */

/** A small deterministic PRNG (mulberry32), so that a failing case can be reproduced. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const REPLACEMENTS: Json[] = [null, 0, -1, 1.5, "", "x", "Upper-Case", true, [], ["conceptual", "conceptual"], {}, { a: 1 }, ["a", 1]];

/** Every path in `value` to an object member or array element. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) value.forEach((item, i) => (out.push([...prefix, i]), paths(item, [...prefix, i], out)));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) (out.push([...prefix, key]), paths(item, [...prefix, key], out));
  return out;
}

export function mutate(pack: Json, next: () => number): Json {
  const copy = structuredClone(pack) as { roles: Json[] } & Record<string, Json>;
  // Keep mutations inside the first roles so that they hit schema-relevant places, not only schema_json.
  copy.roles = copy.roles.slice(0, 3);
  const count = 1 + Math.floor(next() * 3);
  for (let i = 0; i < count; i++) {
    // Paths are listed anew each time: an earlier mutation may have removed or replaced a branch.
    const all = paths(copy).filter((path) => !path.includes("schema_json") || path.at(-1) === "schema_json");
    if (all.length === 0) break;
    const path = all[Math.floor(next() * all.length)]!;
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, copy) as Record<string | number, Json>;
    const key = path.at(-1)!;
    const choice = next();
    if (choice < 0.35) Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else if (choice < 0.85) parent[key] = structuredClone(REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)]!);
    else if (!Array.isArray(parent)) parent[`${String(key)}_extra`] = 1;
  }
  return copy;
}
