/**
 * A published version of a pack, read for the append-only rules only: role_ids, lifecycles,
 * aliases, contract_ids and their schema_json. Read leniently (any older format will do) and
 * fast: `JSON.parse` first, a JSONC parse only if that fails, and source positions only when a
 * finding needs to name one — a long history has hundreds of versions and reports few.
 *
 * @example
 * ```ts
 * const pack = readPublishedPack(new SourceText("main:assets/pack.json", text), warnings);
 * pack?.contracts[0]?.contract_id; // "ROLE:producer:X:1"
 * pack?.contracts[0]?.place.text; // "main:assets/pack.json:15" (computed when asked)
 * ```
 */
import type { JSONPath, Node } from "jsonc-parser";
import { rolesOf } from "./pack-value.ts";
import type { ContractListField } from "./registry-format.ts";
import { cachedSchemaHash } from "./schema-hash-cache.ts";
import type { SourceText } from "./source-text.ts";

/** Where something stands in a published text, as `name:line`; worked out on first use. */
export class Place {
  #text: string | undefined;
  constructor(
    // The source, not the pack: a place must not keep a whole version's entries alive.
    private readonly source: SourceText,
    private readonly path: JSONPath,
  ) {}

  get text(): string {
    this.#text ??= `${this.source.name}:${lineAt(this.source, this.path)}`;
    return this.#text;
  }
}

const trees = new WeakMap<SourceText, Node | null>();

/** 1-based line of the node at `path` in `source` (parsed with positions the first time it is asked). */
function lineAt(source: SourceText, path: JSONPath): number {
  const { parseJsonDocument, nodeAtPath } = jsonDocumentModule();
  if (!trees.has(source)) trees.set(source, parseJsonDocument(source).root ?? null);
  const tree = trees.get(source);
  const node = tree ? nodeAtPath(tree, path) : undefined;
  return source.positionAt(node?.offset ?? 0).line;
}

/** One string per distinct schema text: versions of a pack repeat the same schemas hundreds of times. */
const internedTexts = new Map<string, string>();

function intern(text: string): string {
  const known = internedTexts.get(text);
  if (known !== undefined) return known;
  internedTexts.set(text, text);
  return text;
}

export interface PublishedRoleEntry {
  readonly role_id: string;
  readonly lifecycle: string | undefined;
  readonly aliases: readonly { readonly alias: string; readonly place: Place }[];
  readonly place: Place;
}

export interface PublishedContractEntry {
  readonly contract_id: string;
  readonly role_id: string | undefined;
  readonly list: ContractListField;
  readonly place: Place;
  /**
   * The schema_json as `JSON.stringify` writes it: equal texts are equal values, so they hash
   * alike. Only the text is kept (the value is re-read from it to hash): a long history holds
   * hundreds of versions, and their parsed values would not fit in memory.
   */
  readonly schemaText: string | undefined;
}

export class PublishedPack {
  readonly roles: PublishedRoleEntry[] = [];
  readonly contracts: PublishedContractEntry[] = [];

  constructor(
    readonly source: SourceText,
    value: unknown,
  ) {
    for (const role of rolesOf(value)) {
      const at = (...path: (string | number)[]) => new Place(source, ["roles", role.index, ...path]);
      if (role.role_id !== undefined) {
        this.roles.push({
          role_id: role.role_id,
          lifecycle: role.lifecycle,
          aliases: role.aliases.map(({ alias, index }) => ({ alias, place: at("aliases", index) })),
          place: at("role_id"),
        });
      }
      for (const { list, contracts } of role.lists) {
        for (const { index, contract_id, schema } of contracts) {
          this.contracts.push({
            contract_id,
            role_id: role.role_id,
            list,
            place: at(list, index, "contract_id"),
            schemaText: schema === undefined ? undefined : intern(JSON.stringify(schema)),
          });
        }
      }
    }
  }
}

/**
 * Reads a published text; undefined (and a warning) when it is not JSON/JSONC at all.
 * Duplicate keys and other I-JSON breaches are tolerated here: what was published is history.
 */
export function readPublishedPack(source: SourceText, warnings: string[]): PublishedPack | undefined {
  try {
    return new PublishedPack(source, JSON.parse(source.text));
  } catch {
    const { parseJsonDocument, nodeValue } = jsonDocumentModule();
    const doc = parseJsonDocument(source);
    const first = doc.findings[0];
    if (first !== undefined) {
      const { line, column } = source.positionAt(first.offset);
      warnings.push(
        doc.malformed
          ? `${source.name}:${line}:${column}: the published pack cannot be read (${first.message}); it was skipped`
          : `${source.name}:${line}:${column}: the published pack is not I-JSON (${first.message}); it was compared as read`,
      );
    }
    return doc.malformed || doc.root === undefined ? undefined : new PublishedPack(source, nodeValue(doc.root));
  }
}

/** The contract hash of a published schema_json (memoized by its text), or undefined if it has none. */
export function publishedSchemaHash(contract: PublishedContractEntry): string | undefined {
  const text = contract.schemaText;
  return text === undefined ? undefined : cachedSchemaHash(() => JSON.parse(text), text);
}


/**
 * The JSONC parser, loaded the first time a published text needs it (JSONC, or a position for a
 * message). Synchronous `require` because positions are asked for inside message strings; the
 * bundler turns it into a lazy initializer, so a clean check never pays for loading it.
 */
function jsonDocumentModule(): typeof import("./json-document.ts") {
  return require("./json-document.ts");
}
