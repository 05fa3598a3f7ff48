/**
 * Positions for the fast path's model, worked out only where a finding asks: the roles are
 * delimited without parsing (published/roles-layout.ts) and only the role an offset belongs to is
 * parsed with positions — a few kilobytes, not the whole pack (a 70 MB pack parsed with positions
 * took 1.5 GB). The offsets are those the positioned model (pack/model-from-document.ts) has,
 * role by role the same code; a test holds the two to the same diagnostics on mutated packs.
 *
 * For a pack the fast path accepted (strict JSON once comments are blanked, certainly I-JSON, schema-valid): every role is
 * an object, no key repeats. Where the layout cannot be found, the whole text is parsed once.
 *
 * @example
 * ```ts
 * const model = locatablePack(prepared.model);
 * locateAll(findings(model), model.source); // file:line:col without a full positioned parse
 * ```
 */
import { SourceText } from "../json/source-text.ts";
import type { PackModel, RoleEntry } from "../pack/model.ts";
import { rolesLayout, type RolesLayout } from "../published/roles-layout.ts";
import type { JsonDocument } from "../json/json-document.ts";
import type { NodeLocator } from "../rules/schema-findings.ts";
import type { JSONPath } from "jsonc-parser";

/**
 * `model` (read from a value, offsets 0) with every offset computed when first read, in
 * `strictText`: the source as `JSON.parse` read it (a JSONC source's comments blanked out, every
 * offset unchanged — the layout scanner does not read comments).
 */
export function locatablePack(model: PackModel, strictText = model.source.text): PackModel {
  return locatablePackWithNodes(model, strictText).model;
}

/**
 * {@link locatablePack}, and a locator of any node by its path (for the schema's problems, see
 * rules/schema-findings.ts), both reading each role's positions once.
 *
 * @example
 * ```ts
 * const { model, locate } = locatablePackWithNodes(readPackModelFromValue(value, source), text);
 * locate(["roles", 2, "lifecyle"])?.parentOffset; // where the misspelt key stands
 * ```
 */
export function locatablePackWithNodes(model: PackModel, strictText = model.source.text): { model: PackModel; locate: NodeLocator } {
  const locator = new Locator(new SourceText(model.source.name, strictText));
  return { model: locatableModel(model, locator), locate: (path) => locator.nodeAt(path) };
}

function locatableModel(model: PackModel, locator: Locator): PackModel {
  const roles = model.roles.map((role, index) => locatableRole(role, index, locator));
  return {
    ...model,
    roles,
    contracts: roles.flatMap((role) => role.contracts),
    get rolesOffset() {
      return locator.rolesOffset();
    },
    get packVersionOffset() {
      return locator.packVersionOffset();
    },
  };
}

function locatableRole(role: RoleEntry, index: number, locator: Locator): RoleEntry {
  const at = () => locator.role(index);
  const located: RoleEntry = {
    ...role,
    get idOffset() {
      return at().idOffset;
    },
    get offset() {
      return at().offset;
    },
    get aliasesOffset() {
      return at().aliasesOffset;
    },
    get departmentOffset() {
      return at().departmentOffset;
    },
    // Which lists and fields there are is known without positions; each offset is read on demand.
    listOffsets: lazyOffsets(Object.keys(role.listOffsets), () => at().listOffsets),
    fieldOffsets: lazyOffsets(Object.keys(role.definition), () => at().fieldOffsets),
    aliases: role.aliases.map(({ alias }, i) => ({
      alias,
      get offset() {
        return at().aliases[i]!.offset;
      },
    })),
    contracts: [],
  };
  for (const [i, contract] of role.contracts.entries()) {
    located.contracts.push({
      ...contract,
      role: located,
      get idOffset() {
        return at().contracts[i]!.idOffset;
      },
      get offset() {
        return at().contracts[i]!.offset;
      },
      schema:
        contract.schema === undefined
          ? undefined
          : {
              value: contract.schema.value,
              get text() {
                return contract.schema!.text;
              },
              get offset() {
                return at().contracts[i]!.schema!.offset;
              },
              offsetOf: (path) => at().contracts[i]!.schema!.offsetOf!(path),
            },
    });
  }
  return located;
}

/** An object with `keys`, each read from `located()` when first asked for. */
function lazyOffsets<K extends string>(keys: readonly string[], located: () => Readonly<Partial<Record<K, number>>>): Record<K, number> {
  const offsets = {} as Record<K, number>;
  for (const key of keys) {
    Object.defineProperty(offsets, key, { enumerable: true, get: () => located()[key as K] });
  }
  return offsets;
}

/** The positioned reading of one role at a time, offsets in the whole text. */
class Locator {
  #layout: { bytes: Uint8Array; layout: RolesLayout } | null | undefined;
  #whole: PackModel | undefined;
  readonly #roles = new Map<number, RoleEntry>();
  readonly #roleDocuments = new Map<number, JsonDocument>();
  #wholeDocument: JsonDocument | undefined;
  /** Known (byte offset, UTF-16 offset) pairs, to convert without decoding from the start each time. */
  readonly #marks: [number, number][] = [[0, 0]];

  constructor(private readonly source: SourceText) {}

  rolesOffset(): number {
    const layout = this.#found();
    const key = layout?.layout.keys.get("roles");
    return key === undefined ? this.#wholeModel().rolesOffset : this.#utf16(key.key.start);
  }

  packVersionOffset(): number {
    const layout = this.#found();
    if (layout === undefined) return this.#wholeModel().packVersionOffset;
    const key = layout.layout.keys.get("pack_version");
    return this.#utf16(key === undefined ? layout.layout.start : key.value.start);
  }

  /**
   * The node at `path` and its parent, offsets in the whole text: inside a role, from that role's
   * text alone (the role itself has the roles array for parent); elsewhere from the whole text.
   */
  nodeAt(path: JSONPath): { offset: number; parentOffset: number | undefined } | undefined {
    const [first, index] = path;
    const layout = first === "roles" && typeof index === "number" ? this.#found() : undefined;
    const span = layout?.layout.roles[index as number];
    const rolesValue = layout?.layout.keys.get("roles")?.value;
    if (layout !== undefined && span !== undefined && rolesValue !== undefined) {
      const { parseJsonDocument, nodeAtPath } = positioned();
      const shift = this.#utf16(span.start);
      let doc = this.#roleDocuments.get(index as number);
      if (doc === undefined) {
        doc = parseJsonDocument(new SourceText(this.source.name, new TextDecoder().decode(layout.bytes.subarray(span.start, span.end))));
        this.#roleDocuments.set(index as number, doc);
      }
      if (doc.root === undefined) return undefined;
      if (path.length === 2) return { offset: doc.root.offset + shift, parentOffset: this.#utf16(rolesValue.start) };
      const node = nodeAtPath(doc.root, path.slice(2));
      return node === undefined ? undefined : { offset: node.offset + shift, parentOffset: node.parent === undefined ? undefined : node.parent.offset + shift };
    }
    const { parseJsonDocument, nodeAtPath } = positioned();
    this.#wholeDocument ??= parseJsonDocument(this.source);
    const root = this.#wholeDocument.root;
    const node = root === undefined ? undefined : path.length === 0 ? root : nodeAtPath(root, path);
    return node === undefined ? undefined : { offset: node.offset, parentOffset: node.parent?.offset };
  }

  /** Role `index` read with positions, its offsets shifted into the whole text. */
  role(index: number): RoleEntry {
    let role = this.#roles.get(index);
    if (role !== undefined) return role;
    const layout = this.#found();
    const span = layout?.layout.roles[index];
    if (layout === undefined || span === undefined) {
      role = this.#wholeModel().roles[index]!;
    } else {
      const { parseJsonDocument, readRoleNode } = positioned();
      const text = new TextDecoder().decode(layout.bytes.subarray(span.start, span.end));
      const doc = parseJsonDocument(new SourceText(this.source.name, text));
      role = shifted(readRoleNode(doc.root!, doc.problems), this.#utf16(span.start));
    }
    this.#roles.set(index, role);
    return role;
  }

  #found(): { bytes: Uint8Array; layout: RolesLayout } | undefined {
    if (this.#layout === undefined) {
      const bytes = new TextEncoder().encode(this.source.text);
      const layout = rolesLayout(bytes);
      this.#layout = layout === undefined ? null : { bytes, layout };
    }
    return this.#layout ?? undefined;
  }

  #wholeModel(): PackModel {
    if (this.#whole === undefined) {
      const { parseJsonDocument, readPackModel } = positioned();
      this.#whole = readPackModel(parseJsonDocument(this.source));
    }
    return this.#whole;
  }

  /** The UTF-16 offset (as the text and the diagnostics count) of a byte offset of the UTF-8 text. */
  #utf16(byte: number): number {
    const bytes = this.#layout!.bytes;
    if (bytes.length === this.source.text.length) return byte; // ASCII: the same
    let [fromByte, fromUnit] = this.#marks[0]!;
    for (const [b, u] of this.#marks) if (b <= byte && b > fromByte) [fromByte, fromUnit] = [b, u];
    const unit = fromUnit + new TextDecoder().decode(bytes.subarray(fromByte, byte)).length;
    this.#marks.push([byte, unit]);
    return unit;
  }
}

/** A role entry whose offsets are `shift` further on (its text started there). */
function shifted(role: RoleEntry, shift: number): RoleEntry {
  const move = <K extends string>(offsets: Readonly<Partial<Record<K, number>>>) =>
    Object.fromEntries(Object.entries(offsets).map(([key, offset]) => [key, (offset as number) + shift])) as Record<K, number>;
  const moved: RoleEntry = {
    ...role,
    idOffset: role.idOffset + shift,
    offset: role.offset + shift,
    aliasesOffset: role.aliasesOffset + shift,
    departmentOffset: role.departmentOffset + shift,
    listOffsets: move(role.listOffsets),
    fieldOffsets: move(role.fieldOffsets),
    aliases: role.aliases.map(({ alias, offset }) => ({ alias, offset: offset + shift })),
    contracts: [],
  };
  for (const contract of role.contracts) {
    const schema = contract.schema;
    moved.contracts.push({
      ...contract,
      role: moved,
      idOffset: contract.idOffset + shift,
      offset: contract.offset + shift,
      schema:
        schema === undefined
          ? undefined
          : {
              value: schema.value,
              get text() {
                return schema.text;
              },
              offset: schema.offset + shift,
              offsetOf: (path) => {
                const offset = schema.offsetOf?.(path);
                return offset === undefined ? undefined : offset + shift;
              },
            },
    });
  }
  return moved;
}

/**
 * The positioned reader, loaded the first time an offset is asked for. Synchronous `require`
 * because offsets are read inside the rules; the bundler turns it into a lazy initializer.
 */
function positioned(): {
  parseJsonDocument: typeof import("../json/json-document.ts").parseJsonDocument;
  nodeAtPath: typeof import("../json/json-document.ts").nodeAtPath;
  readRoleNode: typeof import("../pack/model-from-document.ts").readRoleNode;
  readPackModel: typeof import("../pack/model-from-document.ts").readPackModel;
} {
  const { parseJsonDocument, nodeAtPath } = require("../json/json-document.ts") as typeof import("../json/json-document.ts");
  const { readRoleNode, readPackModel } = require("../pack/model-from-document.ts") as typeof import("../pack/model-from-document.ts");
  return { parseJsonDocument, nodeAtPath, readRoleNode, readPackModel };
}
