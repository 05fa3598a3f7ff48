/**
 * The command line's help as data: each command's usage and description, each option's text, and
 * the commands each option belongs to (main.ts refuses an option given to another command). Both
 * `--help` and `rolepack-check COMMAND --help` are rendered from it, so they never disagree.
 *
 * @example
 * ```ts
 * io.stdout(generalHelp());
 * io.stdout(commandHelp("fix")); // its usage, what it does, and only its options
 * ```
 */
import { CONFIG_FILE } from "../git/mod.ts";
import { VERSION } from "../mod.ts";

export const COMMANDS = ["check", "hash", "manifest", "diff", "fix", "schema", "rules", "install-hook", "uninstall-hook", "help"] as const;
export type Command = (typeof COMMANDS)[number];

/** A documented command: its usage lines (without the program name) and what it does. */
interface CommandDoc {
  readonly usage: readonly string[];
  readonly about: string;
}

const COMMAND_DOCS: Record<Exclude<Command, "help">, CommandDoc> = {
  check: {
    usage: [
      "[check] [PACK...] [--staged] [--base REF | --base-branch NAME]",
      "[--history] [--require-baseline] [--format FORMAT] [-o FILE]",
      "[--color WHEN] [--events FILE] [--wsid ID] [--job-id ID]",
    ],
    about: `Check each PACK against its schema and against the same path at the
baseline: where HEAD left the base branch (the merge-base with the
first of main, origin/main, origin/HEAD, master, origin/master); with
none of them, only the pack's own rules run (a warning says so).
Without PACK: the "packs" of ${CONFIG_FILE}, else every
*rolepack*.json(c) tracked, staged or in the baseline.`,
  },
  diff: {
    usage: ["diff [PACK...] [--base REF] [--history] [--format markdown|json]"],
    about: "What changed against the baseline, as a changelog (Markdown or JSON).",
  },
  fix: {
    usage: ["fix [PACK...] [--dry-run] [--base REF]"],
    about: `Repair what is mechanical, in place, keeping formatting and comments:
add missing "aliases": [] and "lifecycle": "active" (a legacy
"deprecated" becomes "lifecycle"); restore removed roles (deprecated),
contracts and aliases as the baseline published them; give a drifted
contract its published schema_json back and move the edited one to
the next free version. Then list what still needs a person.
--dry-run prints the unified diff and writes nothing. Exit 0 when
the result is clean, 1 when problems remain.`,
  },
  manifest: {
    usage: ["manifest [PACK]"],
    about: "Provenance record: pack ids, registry digest, every contract's hash.",
  },
  hash: {
    usage: ["hash [FILE|-] [--canonical]"],
    about: `The contract hash of the JSON value in FILE (standard input when FILE
is omitted or -): lowercase hex SHA-256 of its RFC 8785 canonical form.`,
  },
  schema: {
    usage: ["schema [--config]"],
    about: `The JSON Schema (draft 2020-12) of the pack format, for editors; with
--config, that of rolepack-check.jsonc.`,
  },
  "install-hook": {
    usage: ["install-hook [PACK...]"],
    about: `Write .git/hooks/pre-commit to run "check --staged" on each commit, by
absolute paths (works without bun on PATH); with no PACK it checks the
packs each commit changes. A hook already there runs first. In a
versioned hooks folder (core.hooksPath, husky) it prints the line to add.`,
  },
  "uninstall-hook": {
    usage: ["uninstall-hook"],
    about: "Remove that hook, and put back the one that was there before.",
  },
  rules: {
    usage: ["rules"],
    about: "The table of rule codes, as Markdown.",
  },
};

/** An option's label (as in `--format FORMAT`) and its text, wrapped for the help's second column. */
interface OptionDoc {
  readonly label: string;
  readonly text: string;
}

/**
 * Every option's text and the commands that take it. The order is the help's; `help` and
 * `version` belong to no command.
 */
export const OPTION_DOCS = {
  staged: {
    commands: ["check"],
    label: "--staged",
    text: `Check the version in the index (what the commit will
contain), not the working tree; with no PACK, only the
packs the commit changes.`,
  },
  base: {
    commands: ["check", "diff", "fix"],
    label: "--base REF",
    text: `Compare with exactly REF (branch, tag, sha, HEAD~1,
origin/main), not with the merge-base of a base branch.`,
  },
  "base-branch": {
    commands: ["check"],
    label: "--base-branch NAME",
    text: `Compare with where HEAD left branch NAME (the merge-base,
as with main; NAME, then origin/NAME), as "base" in
${CONFIG_FILE} does.`,
  },
  history: {
    commands: ["check", "diff"],
    label: "--history",
    text: `Compare with every version of the pack reachable from the
baseline, not only its tip.`,
  },
  "require-baseline": {
    commands: ["check"],
    label: "--require-baseline",
    text: `Exit 2 when no baseline ref exists instead of treating
the pack as a first publish (for CI).`,
  },
  format: {
    commands: ["check", "diff"],
    label: "--format FORMAT",
    text: `check: text (default), json, github, gitlab (a Code
Quality report), sarif or junit. diff: markdown
(default) or json.`,
  },
  color: {
    commands: ["check"],
    label: "--color WHEN",
    text: `Color text output: auto (default: on a terminal, unless
NO_COLOR is set; FORCE_COLOR forces it), always or never.`,
  },
  events: {
    commands: ["check"],
    label: "--events FILE",
    text: "Append one FR-EVT-003 JSON line per diagnostic to FILE.",
  },
  wsid: {
    commands: ["check"],
    label: "--wsid ID, --job-id ID",
    text: `Correlation ids for diagnostics and events (default: the
HSK_WSID and HSK_JOB_ID environment variables).`,
  },
  "job-id": { commands: ["check"], label: "", text: "" }, // documented with --wsid
  output: {
    commands: ["check", "diff", "manifest", "hash", "schema", "rules"],
    label: "-o, --output FILE",
    text: `Write the output to FILE, all at once (missing folders
are created), instead of standard output; the exit
code is the same.`,
  },
  "max-size": {
    commands: ["check", "diff", "fix", "manifest", "hash"],
    label: "--max-size SIZE",
    text: `Refuse a pack file or published version larger than
SIZE, unread (default 64MiB; e.g. 512KiB, 256MiB, 1048576).`,
  },
  "dry-run": {
    commands: ["fix"],
    label: "--dry-run",
    text: "Print the unified diff of the fix; write nothing.",
  },
  canonical: {
    commands: ["hash"],
    label: "--canonical",
    text: "Print the canonical JSON bytes instead (no newline).",
  },
  config: {
    commands: ["schema"],
    label: "--config",
    text: `The JSON Schema of ${CONFIG_FILE} instead.`,
  },
  force: {
    commands: ["install-hook"],
    label: "--force",
    text: `No longer needed (a hook that was there is chained);
accepted for old scripts.`,
  },
} as const satisfies Record<string, OptionDoc & { commands: readonly Command[] }>;

const HELP_OPTIONS: readonly OptionDoc[] = [
  { label: "-h, --help", text: "Show this help." },
  { label: "-V, --version", text: "Show the version." },
];

const LABEL_WIDTH = 20;

/** One option as help lines: the label, then its text in the second column. */
function optionLines({ label, text }: OptionDoc): string[] {
  const [first = "", ...rest] = text.split("\n");
  const head = label.length < LABEL_WIDTH ? [`  ${label.padEnd(LABEL_WIDTH)}${first}`] : [`  ${label}`, `  ${" ".repeat(LABEL_WIDTH)}${first}`];
  return [...head, ...rest.map((line) => `  ${" ".repeat(LABEL_WIDTH)}${line}`)];
}

function optionsOf(command: Command): OptionDoc[] {
  return Object.values(OPTION_DOCS).filter((doc) => doc.label !== "" && (doc.commands as readonly Command[]).includes(command));
}

/** Usage lines: the first after the program's name, the others under the first argument. */
const usageLines = (lines: readonly string[]) => lines.map((line, i) => (i === 0 ? `  rolepack-check ${line}` : `${" ".repeat(17)}${line}`));

const indent = (text: string, by: string) => text.split("\n").map((line) => `${by}${line}`).join("\n");

const TRAILER = `Configuration: ${CONFIG_FILE} at the work tree's root (JSONC; flags override it):
  "packs" (paths or globs), "base" (the base branch), "history", "require_baseline",
  "rules" (code → "error" | "warning" | "off"; the append-only rules 001, 002, 003,
  013, 014, 015 and 011 stay errors; 017 and 018 warn unless set to "error"),
  "waivers" (reviewed exceptions: id, date, code, subject, justification,
  approved_by, and for HSK-RR-003 the hash it accepts).
  rolepack-check schema --config prints its JSON Schema.

Paths are relative to the current directory. A pack file named like a command is
checked with an explicit "check" first: rolepack-check check hash.
SOURCE_DATE_EPOCH pins the clock, making ids and timestamps reproducible.

Exit codes: 0 clean · 1 the pack breaks a rule · 2 the check could not run as asked.
`;

/** `rolepack-check --help`: every command, the options of check, the others with the commands that take them. */
export function generalHelp(): string {
  const usage = Object.values(COMMAND_DOCS).flatMap(({ usage: lines }) => usageLines(lines));
  const commands = Object.entries(COMMAND_DOCS).flatMap(([name, { about }]) => {
    const [first = "", ...rest] = about.split("\n");
    const head = name.length < 9 ? [`  ${name.padEnd(10)}${first}`] : [`  ${name}`, `            ${first}`];
    return [...head, ...rest.map((line) => `            ${line}`)];
  });
  const checkOptions = optionsOf("check").filter((doc) => doc.label !== OPTION_DOCS.output.label && doc.label !== OPTION_DOCS["max-size"].label);
  const others = Object.values(OPTION_DOCS).filter((doc) => doc.label !== "" && !checkOptions.includes(doc));
  return [
    `rolepack-check ${VERSION} — keeps a RolePack registry append-only`,
    "",
    "Usage:",
    ...usage,
    "  rolepack-check COMMAND --help",
    "  rolepack-check --help | --version",
    "",
    "Commands:",
    ...commands,
    "",
    "Options of check:",
    ...checkOptions.flatMap(optionLines),
    "",
    "Other options (rolepack-check COMMAND --help lists a command's own):",
    ...others.flatMap((doc) => optionLines({ label: `${doc.label}  (${(doc.commands as readonly string[]).join(", ")})`, text: doc.text })),
    ...HELP_OPTIONS.flatMap(optionLines),
    "",
    TRAILER,
  ].join("\n");
}

/** `rolepack-check COMMAND --help`: its usage, what it does, and only the options it takes. */
export function commandHelp(command: Exclude<Command, "help">): string {
  const { usage, about } = COMMAND_DOCS[command];
  return [
    "Usage:",
    ...usageLines(usage),
    "",
    indent(about, "  "),
    "",
    "Options:",
    ...[...optionsOf(command), HELP_OPTIONS[0]!].flatMap(optionLines),
    "",
    "Exit codes: 0 clean · 1 a rule is broken · 2 the command could not run as asked.",
    "",
  ].join("\n");
}
