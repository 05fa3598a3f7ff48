/**
 * A large pack parsed role by role, so that a role whose text is the same in two versions is
 * parsed once and shared. A baseline and the pack that follows it are mostly identical: parsing
 * the baseline whole, and writing out every schema of it again, was a third of a large check.
 *
 * The roles are cut where a line holds only the `}` that closes one role, found by native search
 * (a pretty-printed pack, as every formatter writes one). The cut is never trusted: it stands only
 * when every piece parses on its own and the text around the roles parses with one marker value in
 * their place. Then the pieces are exactly the elements of `roles` (a piece cut inside a role would
 * be unbalanced, and fail to parse), and the value is the one `JSON.parse` gives for the whole
 * text. Any doubt answers undefined, and the caller parses the whole text as before.
 *
 * @example
 * ```ts
 * const current = parseByRoles(currentText);          // { value, roleTexts } or undefined
 * const baseline = parseByRoles(baselineText, current); // shares the current's unchanged roles
 * baseline?.value.roles[0] === current?.value.roles[0]; // true when role 0 did not change
 * ```
 */

/** Texts shorter than this are parsed whole: cutting pays only when parsing is long. */
export const ROLE_TEXTS_MIN_LENGTH = 1024 * 1024;

/** A pack value and the text of each of its roles, in order. */
export interface RoleTexts {
  readonly value: { roles: unknown[] } & Record<string, unknown>;
  /** `roleTexts[i]` is the exact text of `value.roles[i]`. */
  readonly roleTexts: readonly string[];
}

/**
 * `text` parsed as `JSON.parse` would, role by role; roles whose text equals one of `known`'s
 * (wherever it stands) are `known`'s values, not parsed again. Undefined when the roles cannot be
 * cut, or `text` is not strict JSON.
 */
export function parseByRoles(text: string, known?: RoleTexts): RoleTexts | undefined {
  const cut = cutAtRoles(text);
  if (cut === undefined) return undefined;
  // A marker nobody can have written: the text around the roles must parse with it, alone, as `roles`.
  const marker = `\u0000${crypto.randomUUID()}`;
  let value: RoleTexts["value"];
  const roles: unknown[] = [];
  try {
    value = JSON.parse(`${cut.before}${JSON.stringify(marker)}${cut.after}`);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    if (!Array.isArray(value.roles) || value.roles.length !== 1 || value.roles[0] !== marker) return undefined;
    const find = known === undefined ? undefined : finder(known.roleTexts);
    for (const [index, roleText] of cut.roles.entries()) {
      const same = find?.(index, roleText);
      roles.push(same === undefined ? JSON.parse(roleText) : known!.value.roles[same]);
    }
  } catch {
    return undefined;
  }
  value.roles = roles;
  return { value, roleTexts: cut.roles };
}

/**
 * A function from a role's text (and its index) to the index of the same text among `texts`.
 * Tried first where it would be if nothing moved since the last match — a match costs one
 * comparison, as roles are seldom reordered — and then by a table of texts built on the first
 * miss (roles inserted, removed or moved).
 */
function finder(texts: readonly string[]): (index: number, text: string) => number | undefined {
  let shift = 0;
  let byKey: Map<string, number[]> | undefined;
  // Short keys: hashing whole role texts would cost as much as parsing them.
  const keyOf = (text: string) => `${text.length}:${text.slice(0, 96)}${text.slice(-32)}`;
  return (index, text) => {
    if (texts[index + shift] === text) return index + shift;
    if (byKey === undefined) {
      byKey = new Map();
      for (const [at, known] of texts.entries()) {
        const key = keyOf(known);
        const list = byKey.get(key);
        if (list === undefined) byKey.set(key, [at]);
        else list.push(at);
      }
    }
    const found = byKey.get(keyOf(text))?.find((at) => texts[at] === text);
    if (found !== undefined) shift = found - index;
    return found;
  };
}

/** Where the roles of a pretty-printed pack are, by layout alone (see the module's comment): unverified. */
function cutAtRoles(text: string): { before: string; roles: string[]; after: string } | undefined {
  const opened = /"roles"\s*:\s*\[\s*/y;
  const key = text.indexOf('"roles"');
  if (key === -1) return undefined;
  opened.lastIndex = key;
  if (!opened.test(text)) return undefined;
  const first = opened.lastIndex;
  if (text[first] !== "{") return undefined;
  // The first role's line: a line break, then its indentation only.
  const lineStart = text.lastIndexOf("\n", first) + 1;
  if (lineStart === 0 || lineStart <= key || !/^[ \t]*$/.test(text.slice(lineStart, first))) return undefined;
  const closer = `${text[lineStart - 2] === "\r" ? "\r\n" : "\n"}${text.slice(lineStart, first)}}`;
  const roles: string[] = [];
  let start = first;
  for (;;) {
    const close = text.indexOf(closer, start);
    if (close === -1) return undefined;
    const end = close + closer.length;
    roles.push(text.slice(start, end));
    let next = skipWhitespace(text, end);
    if (text[next] === "]") return { before: text.slice(0, first), roles, after: text.slice(end) };
    if (text[next] !== ",") return undefined;
    next = skipWhitespace(text, next + 1);
    if (text[next] !== "{") return undefined;
    start = next;
  }
}

function skipWhitespace(text: string, at: number): number {
  let next = at;
  for (let code = text.charCodeAt(next); code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09; code = text.charCodeAt(++next));
  return next;
}
