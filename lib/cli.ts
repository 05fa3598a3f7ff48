/**
 * Command-line entry: parses arguments with `util.parseArgs`, dispatches to a command and
 * turns every "could not run" error into one line on stderr and exit code 2.
 *
 * @example
 * ```ts
 * const exitCode = await main(["check", "--format", "json"], io);
 * ```
 */
import { parseArgs } from "node:util";
import packageJson from "../package.json" with { type: "json" };
import type { CliIO } from "./cli-io.ts";
import { type CheckFormat, DEFAULT_PACK_PATH, runCheck } from "./commands/check.ts";
import { runHash } from "./commands/hash.ts";
import { runInstallHook } from "./commands/install-hook.ts";
import { renderRulesMarkdown } from "./render/rules-table.ts";
import { RunError } from "./run-error.ts";

export const VERSION: string = packageJson.version;

const COMMANDS = ["check", "hash", "rules", "install-hook", "help"] as const;
type Command = (typeof COMMANDS)[number];

const HELP = `rolepack-check ${VERSION} — keeps a RolePack registry append-only

Usage:
  rolepack-check [check] [PACK...] [--staged] [--base REF] [--history]
                 [--require-baseline] [--format text|json]
  rolepack-check hash [FILE|-] [--canonical]
  rolepack-check install-hook [PACK...] [--force]
  rolepack-check rules
  rolepack-check --help | --version

Commands:
  check   Check each PACK (default: ${DEFAULT_PACK_PATH} at the
          repository root) against its schema and against the same path at the
          baseline: main, else origin/main, else none (first publish).
  hash    Print the contract hash of the JSON value in FILE (standard input when
          FILE is omitted or -): lowercase hex SHA-256 of its RFC 8785 canonical form.
  install-hook
          Write .git/hooks/pre-commit to run "check --staged" on each commit, by
          absolute paths (works without bun on PATH). Refuses to replace a hook it
          did not write unless --force.
  rules   Print the table of rule codes as Markdown.

Options of check:
  --staged            Check the version in the index (what the commit will
                      contain), not the working tree.
  --base REF          Compare with REF (branch, tag, sha, HEAD~1, origin/main)
                      instead of main, else origin/main.
  --history           Compare with every version of the pack reachable from the
                      baseline, not only its tip.
  --require-baseline  Exit 2 when no baseline ref exists instead of treating
                      the pack as a first publish (for CI).
  --format text|json  Output format (default: text).

Other options:
  --canonical         With hash: print the canonical JSON bytes instead (no newline).
  -h, --help          Show this help.
  -V, --version       Show the version.

Paths are relative to the current directory. A pack file named like a command is
checked with an explicit "check" first: rolepack-check check hash.

Exit codes: 0 clean · 1 the pack breaks a rule · 2 the check could not run as asked.
`;

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof RunError) {
      io.stderr(`rolepack-check: error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArguments(argv);
  if (values.version) {
    io.stdout(`rolepack-check ${VERSION}\n`);
    return 0;
  }
  const [first, ...rest] = positionals;
  const named = COMMANDS.includes(first as Command);
  const command: Command = named ? (first as Command) : "check";
  const operands = named ? rest : positionals;
  if (values.help || command === "help") {
    io.stdout(HELP);
    return 0;
  }
  if (values.canonical && command !== "hash") throw usage("--canonical is an option of the hash command");
  if (values.force && command !== "install-hook") throw usage("--force is an option of the install-hook command");
  for (const option of ["format", "staged", "base", "require-baseline", "history"] as const) {
    if (values[option] !== undefined && command !== "check") throw usage(`--${option} is an option of the check command`);
  }
  if (values.base === "") throw usage("--base needs a commit-ish, e.g. --base origin/main");
  switch (command) {
    case "check":
      return runCheck(
        {
          packs: operands,
          format: checkFormat(values.format),
          staged: values.staged === true,
          ...(values.base !== undefined && { base: values.base }),
          requireBaseline: values["require-baseline"] === true,
          history: values.history === true,
        },
        io,
      );
    case "hash":
      if (operands.length > 1) throw usage("hash takes at most one FILE");
      return runHash({ file: operands[0], canonical: values.canonical === true }, io);
    case "install-hook":
      return runInstallHook({ packs: operands, force: values.force === true }, io);
    case "rules":
      if (operands.length > 0) throw usage("rules takes no arguments");
      io.stdout(renderRulesMarkdown());
      return 0;
  }
}

function parseArguments(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string" },
        staged: { type: "boolean" },
        base: { type: "string" },
        "require-baseline": { type: "boolean" },
        history: { type: "boolean" },
        canonical: { type: "boolean" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "V" },
      },
    });
  } catch (error) {
    // parseArgs explains itself in a sentence that mentions the offending option.
    throw usage((error as Error).message.split("\n")[0]!.replace(/\.$/, ""));
  }
}

function checkFormat(format: string | undefined): CheckFormat {
  if (format === undefined || format === "text" || format === "json") return format ?? "text";
  throw usage(`unknown --format ${JSON.stringify(format)}; expected text or json`);
}

function usage(message: string): RunError {
  return new RunError(`${message} (see --help)`);
}
