/**
 * A published version of a pack, read for the append-only rules only: role_ids, lifecycles,
 * aliases, contract_ids and their schema_json. Read leniently (any older format will do) and
 * fast: `JSON.parse` first, a JSONC parse only if that fails, and source positions only when a
 * finding needs to name one — a long history has hundreds of versions and reports few.
 *
 * @example
 * ```ts
 * const pack = readPublishedPack(new SourceText("main:assets/pack.json", text), warnings);
 * const role = pack?.roles[0];
 * role?.reading.contracts[0]?.contract_id; // "ROLE:producer:X:1"
 * role?.place(role.reading.contracts[0]!.path).text; // "main:assets/pack.json:15" (computed when asked)
 * ```
 */
import { BoundedMemo } from "../json/bounded-memo.ts";
import type { JSONPath, Node } from "jsonc-parser";
import { type RoleValue, rolesOf } from "../pack/roles-of-value.ts";
import type { ContractListField } from "../pack/format.ts";
import { cachedSchemaHash } from "../json/hash-cache.ts";
import { parseByRoles, ROLE_TEXTS_MIN_LENGTH, type RoleTexts } from "../pack/role-texts.ts";
import { SourceText } from "../json/source-text.ts";
import { writtenOnce } from "../json/written-once.ts";
import { isJsonObject } from "../json/json-object.ts";
import { decodeUtf8 } from "../json/utf8.ts";
import { countLines, rolesLayout, type Span } from "./roles-layout.ts";

/** Where something stands in a published version, shown as `name:line`. */
export interface Place {
  readonly text: string;
}

/**
 * The place of the node at a JSON path in a text (a whole version, or one role of it that starts
 * `lineOffset` lines down the file); the line is worked out on first use.
 */
export class PathPlace implements Place {
  #text: string | undefined;
  constructor(
    private readonly name: string,
    // The source, not the pack: a place must not keep a whole version's entries alive.
    private readonly source: SourceText,
    private readonly path: JSONPath,
    private readonly lineOffset = 0,
  ) {}

  get text(): string {
    this.#text ??= `${this.name}:${this.lineOffset + lineAt(this.source, this.path)}`;
    return this.#text;
  }
}

const trees = new WeakMap<SourceText, Node | null>();

/**
 * 1-based line of the node at `path` in `source` (parsed with positions the first time it is
 * asked). A place inside a role parses that role's text only, when the roles can be delimited
 * without parsing (roles-layout.ts): a message naming one published line then costs a few
 * kilobytes of parsing, not the whole version.
 */
function lineAt(source: SourceText, path: JSONPath): number {
  const { parseJsonDocument, nodeAtPath } = jsonDocumentModule();
  if (path[0] === "roles" && typeof path[1] === "number") {
    const role = roleSource(source, path[1]);
    if (role !== undefined) {
      if (!trees.has(role.source)) trees.set(role.source, parseJsonDocument(role.source).root ?? null);
      const tree = trees.get(role.source);
      const node = tree ? nodeAtPath(tree, path.slice(2)) : undefined;
      if (tree) return role.lineOffset + role.source.positionAt(node?.offset ?? 0).line;
    }
  }
  if (!trees.has(source)) trees.set(source, parseJsonDocument(source).root ?? null);
  const tree = trees.get(source);
  const node = tree ? nodeAtPath(tree, path) : undefined;
  return source.positionAt(node?.offset ?? 0).line;
}

const layouts = new WeakMap<SourceText, { bytes: Uint8Array; roles: readonly Span[]; sources: Map<number, { source: SourceText; lineOffset: number }> } | null>();
const roleDecoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** The text of the `index`-th role of `source` and the lines before it; undefined when the roles cannot be delimited. */
function roleSource(source: SourceText, index: number): { source: SourceText; lineOffset: number } | undefined {
  if (!layouts.has(source)) {
    const bytes = new TextEncoder().encode(source.text);
    const layout = rolesLayout(bytes);
    layouts.set(source, layout === undefined ? null : { bytes, roles: layout.roles, sources: new Map() });
  }
  const layout = layouts.get(source);
  const span = layout?.roles[index];
  if (layout == null || span === undefined) return undefined;
  let role = layout.sources.get(index);
  if (role === undefined) {
    role = { source: new SourceText(source.name, roleDecoder.decode(layout.bytes.subarray(span.start, span.end))), lineOffset: countLines(layout.bytes, 0, span.start) };
    layout.sources.set(index, role);
  }
  return role;
}

/**
 * One string per distinct schema text: versions of a pack repeat the same schemas hundreds of
 * times. Within a budget (32 Mi code units): past it, sharing starts afresh.
 */
const internedTexts = new BoundedMemo<string>(32 * 1024 * 1024);

function internedText(value: unknown): string {
  return intern(JSON.stringify(value));
}

function intern(text: string): string {
  const known = internedTexts.get(text);
  if (known !== undefined) return known;
  internedTexts.set(text, text);
  return text;
}

/**
 * What one published role says, wherever it stands in the file: paths are relative to the role.
 * A role whose text did not change between versions is read once (see history-reader.ts).
 */
export interface RoleReading {
  readonly role_id: string | undefined;
  readonly lifecycle: string | undefined;
  readonly department_id: string | undefined;
  readonly display_name: string | undefined;
  /**
   * The role's definition as published (its DEFINITION_FIELDS), as its
   * `JSON.stringify` text: a string per role, not the parsed fields (a long history, or a large
   * pack, would otherwise keep every published role's values alive).
   */
  readonly definitionText: string;
  /**
   * The definition object itself, when the role is one the current pack shares (pack/role-texts.ts):
   * the current pack's model holds the same object, and the same object is the same definition.
   */
  readonly sharedDefinition?: object;
  readonly aliases: readonly { readonly alias: string; readonly path: JSONPath }[];
  readonly contracts: readonly {
    readonly contract_id: string;
    readonly list: ContractListField;
    readonly path: JSONPath;
    readonly schemaText: string | undefined;
    /** The schema_json object itself, in a role the current pack shares (see `sharedDefinition`). */
    readonly sharedSchema?: unknown;
  }[];
}

/**
 * The registry entries of one role value; its schema texts are shared with the other versions
 * read (interned) unless `internTexts` is false.
 *
 * @example
 * ```ts
 * readRole(roleValueOf({ role_id: "editor", extract_contracts: [{ contract_id: "ROLE:editor:X:1" }] }, 0)!).contracts[0].path;
 * // ["extract_contracts", 0, "contract_id"]
 * ```
 */
export function readRole(role: RoleValue, internTexts = true): RoleReading {
  return {
    role_id: role.role_id,
    lifecycle: role.lifecycle,
    department_id: role.department_id,
    display_name: role.display_name,
    definitionText: writtenOnce(role.definition),
    aliases: role.aliases.map(({ alias, index }) => ({ alias, path: ["aliases", index] })),
    contracts: role.lists.flatMap(({ list, contracts }) =>
      contracts.map(({ index, contract_id, schema }) => ({
        contract_id,
        list,
        path: [list, index, "contract_id"],
        schemaText: schema === undefined ? undefined : writtenOnce(schema, internTexts ? internedText : JSON.stringify),
      })),
    ),
  };
}

/**
 * The registry entries of a role the current pack shares (the very object: pack/role-texts.ts).
 * Its texts are written only if asked for: comparing it with the current pack's role is comparing
 * an object with itself.
 */
function readSharedRole(role: RoleValue): RoleReading {
  return new SharedRoleReading(role);
}

/** {@link readSharedRole}'s reading: texts are getters, written only when asked (classes, not a closure per contract). */
class SharedRoleReading implements RoleReading {
  readonly role_id: string | undefined;
  readonly lifecycle: string | undefined;
  readonly department_id: string | undefined;
  readonly display_name: string | undefined;
  readonly sharedDefinition: object;
  readonly aliases: RoleReading["aliases"];
  readonly contracts: SharedContractReading[];

  constructor(role: RoleValue) {
    this.role_id = role.role_id;
    this.lifecycle = role.lifecycle;
    this.department_id = role.department_id;
    this.display_name = role.display_name;
    this.sharedDefinition = role.definition;
    this.aliases = role.aliases.map(({ alias, index }) => ({ alias, path: ["aliases", index] }));
    this.contracts = [];
    for (const { list, contracts } of role.lists) {
      for (const { index, contract_id, schema } of contracts) this.contracts.push(new SharedContractReading(contract_id, list, [list, index, "contract_id"], schema));
    }
  }

  get definitionText(): string {
    return writtenOnce(this.sharedDefinition);
  }
}

class SharedContractReading {
  constructor(
    readonly contract_id: string,
    readonly list: ContractListField,
    readonly path: JSONPath,
    readonly sharedSchema: unknown,
  ) {}

  get schemaText(): string | undefined {
    return this.sharedSchema === undefined ? undefined : writtenOnce(this.sharedSchema);
  }
}

/** One role as it stands in one published version: what it says, and where. */
export class PlacedRole {
  constructor(
    readonly reading: RoleReading,
    private readonly name: string,
    // The text the role stands in: a whole version, or the role's own text (see history-reader.ts).
    private readonly source: SourceText,
    private readonly pathPrefix: JSONPath,
    private readonly lineOffset = 0,
  ) {}

  /** The place of the node at `path` inside the role. */
  place(path: JSONPath): Place {
    return new PathPlace(this.name, this.source, [...this.pathPrefix, ...path], this.lineOffset);
  }
}

/** A published version of the pack: its roles, in order. */
export interface PublishedPack {
  readonly roles: readonly PlacedRole[];
  /** Its pack_version when it is a string. */
  readonly pack_version?: string;
}

/**
 * The published pack of a whole parsed text.
 *
 * @example
 * ```ts
 * publishedPackOf(source, JSON.parse(source.text)).roles.map((role) => role.reading.role_id);
 * ```
 */
export function publishedPackOf(source: SourceText, value: unknown, internTexts = true, shared?: ReadonlySet<unknown>): PublishedPack {
  const packVersion = (value as { pack_version?: unknown }).pack_version;
  const raw = (value as { roles: unknown[] }).roles;
  return {
    roles: rolesOf(value).map(
      (role) => new PlacedRole(shared?.has(raw[role.index]) ? readSharedRole(role) : readRole(role, internTexts), source.name, source, ["roles", role.index]),
    ),
    ...(typeof packVersion === "string" && { pack_version: packVersion }),
  };
}

/**
 * The text of a published blob, shown as `name`. Invalid UTF-8 is a warning, not a stop: the valid
 * prefix is compared (what was published is history).
 *
 * @example
 * ```ts
 * publishedSource(bytes, "main:assets/pack.json", warnings).text;
 * ```
 */
export function publishedSource(bytes: Uint8Array, name: string, warnings: string[]): SourceText {
  const decoded = decodeUtf8(bytes);
  if (decoded.invalidAt !== undefined) warnings.push(`${name}: the published pack is not valid UTF-8; it was compared as far as it could be read`);
  return new SourceText(name, decoded.text);
}

/** How {@link readPublishedPack} reads a version. */
export interface ReadingOptions {
  /** The pack being checked, read role by role: the roles whose text it shares are its values, not parsed again. */
  readonly current?: RoleTexts;
  /**
   * Whether schema texts are shared with other versions read (default true): worth it for many
   * versions, which repeat the same schemas; for one, only the cost of looking them up.
   */
  readonly internTexts?: boolean;
}

/**
 * Reads a published text; undefined (and a warning) when it is not JSON/JSONC at all.
 * Duplicate keys and other I-JSON breaches are tolerated here: what was published is history.
 */
export function readPublishedPack(source: SourceText, warnings: string[], options: ReadingOptions = {}): PublishedPack | undefined {
  const { current, internTexts = true } = options;
  let value: unknown;
  let shared: Set<unknown> | undefined;
  try {
    value = current !== undefined && source.text.length >= ROLE_TEXTS_MIN_LENGTH ? parseByRoles(source.text, current)?.value : undefined;
    // The current pack's role objects: the published roles among them are the ones shared.
    if (value !== undefined) shared = new Set(current!.value.roles);
    value ??= JSON.parse(source.text);
  } catch {
    value = undefined;
  }
  if (value !== undefined) {
    if (!isPackShaped(value, source, warnings)) return undefined;
    try {
      return publishedPackOf(source, value, internTexts, shared);
    } catch {
      // Too deep to write out (JSON.stringify's RangeError): the positioned reading says where.
    }
  }
  value = readPositioned(source, warnings);
  if (value === undefined || !isPackShaped(value, source, warnings)) return undefined;
  return publishedPackOf(source, value, internTexts);
}

/** Whether a published value has a `roles` array; if not, its roles are unknown — not none — and a warning says so. */
function isPackShaped(value: unknown, source: SourceText, warnings: string[]): boolean {
  const roles = isJsonObject(value) ? value.roles : undefined;
  if (Array.isArray(roles)) return true;
  warnings.push(`${source.name}: the published version is not a RolePack (${roles === undefined ? 'no "roles" array' : '"roles" is not an array'}); it was skipped`);
  return false;
}

/** The value of a text `JSON.parse` refused (JSONC, or I-JSON breaches tolerated), or undefined (and a warning) when it cannot be read. */
function readPositioned(source: SourceText, warnings: string[]): unknown {
  const { parseJsonDocument, nodeValue } = jsonDocumentModule();
  const doc = parseJsonDocument(source);
  const first = doc.problems[0];
  if (first !== undefined) {
    const { line, column } = source.positionAt(first.offset);
    warnings.push(
      doc.malformed
        ? `${source.name}:${line}:${column}: the published pack cannot be read (${first.message}); it was skipped`
        : `${source.name}:${line}:${column}: the published pack is not I-JSON (${first.message}); it was compared as read`,
    );
  }
  return doc.malformed || doc.root === undefined ? undefined : nodeValue(doc.root);
}

/** The contract hash of a published schema_json text (memoized by the text); undefined without one. */
export function publishedSchemaHash(schemaText: string | undefined): string | undefined {
  return schemaText === undefined ? undefined : cachedSchemaHash(() => JSON.parse(schemaText), schemaText);
}


/**
 * The JSONC parser, loaded the first time a published text needs it (JSONC, or a position for a
 * message). Synchronous `require` because positions are asked for inside message strings; the
 * bundler turns it into a lazy initializer, so a clean check never pays for loading it.
 */
function jsonDocumentModule(): typeof import("../json/json-document.ts") {
  return require("../json/json-document.ts");
}
