/**
 * Command-line entry: parses arguments (argv.ts), dispatches to a command and
 * turns every "could not run" error into one line on stderr and exit code 2.
 *
 * @example
 * ```ts
 * const exitCode = await main(["check", "--format", "json"], io);
 * ```
 */
import { configJsonSchemaText, DEFAULT_MAX_BYTES, parseSize, RunError, writeReportFile } from "../git/mod.ts";
import { CHANGELOG_FORMATS, CHECK_FORMATS, type CheckFormat, closestName, renderRulesMarkdown, renderRunFailure, rolePackJsonSchemaText, VERSION } from "../mod.ts";
import { resolve } from "node:path";
import { runCheck } from "./commands/check.ts";
import type { CliIO } from "./io.ts";
import { parseArgv } from "./argv.ts";
import { type Command, COMMANDS, commandHelp, generalHelp, OPTION_DOCS } from "./help.ts";

const OPTIONS = {
  format: { type: "string" },
  staged: { type: "boolean" },
  base: { type: "string" },
  "base-branch": { type: "string" },
  "require-baseline": { type: "boolean" },
  history: { type: "boolean" },
  wsid: { type: "string" },
  "job-id": { type: "string" },
  events: { type: "string" },
  canonical: { type: "boolean" },
  config: { type: "boolean" },
  force: { type: "boolean" },
  "dry-run": { type: "boolean" },
  "max-size": { type: "string" },
  output: { type: "string", short: "o" },
  color: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
} as const;

/** Every option is documented, with the commands that take it (help.ts): checked when this compiles. */
const DOCUMENTED: Record<Exclude<keyof typeof OPTIONS, "help" | "version">, { readonly commands: readonly Command[] }> = OPTION_DOCS;

const COLOR_CHOICES = ["auto", "always", "never"] as const;

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof RunError) {
      io.stderr(error.located ? `${error.message}\n` : `rolepack-check: error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  // The runtime hands over arguments as text, with every byte that is not UTF-8 replaced by U+FFFD:
  // such an argument could name another, existing file. It is refused, never guessed at.
  const mangled = argv.findIndex((arg) => arg.includes("\uFFFD"));
  if (mangled !== -1) {
    throw new RunError(`argument ${mangled + 1} (${JSON.stringify(argv[mangled])}) is not valid UTF-8, or holds U+FFFD; name the file by another path (a link with a UTF-8 name)`);
  }
  const { values, positionals } = parseArguments(argv);
  if (values.version) {
    io.stdout(`rolepack-check ${VERSION}\n`);
    return 0;
  }
  const [first, ...rest] = positionals;
  const named = COMMANDS.includes(first as Command);
  const command: Command = named ? (first as Command) : "check";
  const operands = named ? rest : positionals;
  if (command === "help" || (values.help && !named)) {
    // `help fix` is `fix --help`.
    const about = command === "help" ? operands[0] : undefined;
    io.stdout(about !== undefined && COMMANDS.includes(about as Command) && about !== "help" ? commandHelp(about as Exclude<Command, "help">) : generalHelp());
    return 0;
  }
  if (values.help) {
    io.stdout(commandHelp(command as Exclude<Command, "help">));
    return 0;
  }
  for (const [option, { commands }] of Object.entries(DOCUMENTED)) {
    if (values[option as keyof typeof values] !== undefined && !commands.includes(command)) {
      throw usage(`--${option} is an option of ${commands.join(" and ")}, not of ${command}`);
    }
  }
  if (values.base === "") throw usage("--base needs a commit-ish, e.g. --base origin/main");
  if (values["base-branch"] === "") throw usage("--base-branch needs a branch name, e.g. --base-branch develop");
  if (values.base !== undefined && values["base-branch"] !== undefined) {
    throw usage("--base names the exact commit and --base-branch the branch to take the merge-base with: give one of them");
  }
  if (values.output === "") throw usage("--output needs a file name, e.g. -o rolepack.sarif");
  if (values.color !== undefined && !(COLOR_CHOICES as readonly string[]).includes(values.color)) {
    throw usage(`--color ${JSON.stringify(values.color)} is not one of ${COLOR_CHOICES.join(", ")}`);
  }
  if (values.output === undefined) return run(command, operands, values, io, false);
  // The report goes to the file, all at once, whatever the exit code says; stderr stays the terminal's.
  const report: string[] = [];
  const toFile: CliIO = { ...io, stdout: (text) => report.push(text), isStdoutTerminal: () => false };
  const output = values.output;
  const write = () => writeReportFile(resolve(io.cwd, output), output, report.join(""));
  let exitCode: number;
  try {
    exitCode = await run(command, operands, values, toFile, true);
  } catch (error) {
    // A run that could not happen still leaves what it wrote (a SARIF log saying so).
    if (error instanceof RunError && report.length > 0) await write();
    throw error;
  }
  await write();
  return exitCode;
}

type Values = ReturnType<typeof parseArguments>["values"];

/** Runs `command`; `toFile`: standard output goes to --output's file (no colors there unless --color always). */
async function run(command: Command, operands: string[], values: Values, io: CliIO, toFile: boolean): Promise<number> {
  const maxBytes = values["max-size"] === undefined ? DEFAULT_MAX_BYTES : parseSize(values["max-size"]);
  if (maxBytes === undefined) throw usage(`--max-size ${JSON.stringify(values["max-size"])} is not a size; write e.g. 64MiB, 512KiB or 1048576`);
  switch (command) {
    case "check": {
      const format = formatOf<CheckFormat>(values.format, CHECK_FORMATS, "check");
      return withRunFailure(format, io, () =>
        runCheck(
          {
            packs: operands,
            format,
            staged: values.staged === true,
            ...(values.base !== undefined && { base: values.base }),
            ...(values["base-branch"] !== undefined && { baseBranch: values["base-branch"] }),
            requireBaseline: values["require-baseline"] === true,
            history: values.history === true,
            maxBytes,
            ...(values.wsid !== undefined && { wsid: values.wsid }),
            ...(values["job-id"] !== undefined && { jobId: values["job-id"] }),
            ...(values.events !== undefined && { events: values.events }),
            color: format === "text" && colored(values.color, io, toFile),
          },
          io,
        ),
      );
    }
    case "diff": {
      // Only `check` sits in a hook; every other command is loaded when asked for.
      const { runDiff } = await import("./commands/diff.ts");
      return runDiff(
        {
          packs: operands,
          format: formatOf(values.format, CHANGELOG_FORMATS, "diff"),
          ...(values.base !== undefined && { base: values.base }),
          history: values.history === true,
          maxBytes,
        },
        io,
      );
    }
    case "fix": {
      const { runFix } = await import("./commands/fix.ts");
      return runFix({ packs: operands, dryRun: values["dry-run"] === true, ...(values.base !== undefined && { base: values.base }), maxBytes }, io);
    }
    case "manifest":
      if (operands.length > 1) throw usage("manifest takes at most one PACK");
      return (await import("./commands/manifest.ts")).runManifest({ pack: operands[0], maxBytes }, io);
    case "hash":
      if (operands.length > 1) throw usage("hash takes at most one FILE");
      return (await import("./commands/hash.ts")).runHash({ file: operands[0], canonical: values.canonical === true, maxBytes }, io);
    case "install-hook":
      return (await import("./commands/install-hook.ts")).runInstallHook({ packs: operands, force: values.force === true }, io);
    case "uninstall-hook":
      if (operands.length > 0) throw usage("uninstall-hook takes no arguments");
      return (await import("./commands/install-hook.ts")).runUninstallHook(io);
    case "schema":
      if (operands.length > 0) throw usage("schema takes no arguments");
      io.stdout(values.config === true ? await configJsonSchemaText() : await rolePackJsonSchemaText());
      return 0;
    case "rules":
      if (operands.length > 0) throw usage("rules takes no arguments");
      io.stdout(renderRulesMarkdown());
      return 0;
    case "help":
      io.stdout(generalHelp());
      return 0;
  }
}

/**
 * Runs a check; when it cannot run, a format that a consumer reads from a file (SARIF) still says
 * so in its own terms before the one-line error and exit 2.
 */
async function withRunFailure(format: CheckFormat, io: CliIO, check: () => Promise<number>): Promise<number> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof RunError) {
      const failure = renderRunFailure(format, error.message, VERSION);
      if (failure !== undefined) io.stdout(failure);
    }
    throw error;
  }
}

/**
 * Whether text output is colored: `--color always|never` says so; `auto` (the default) colors a
 * terminal, never a file, and follows FORCE_COLOR (set, not "0" or "false") over NO_COLOR (set,
 * not empty) over what standard output is.
 */
function colored(choice: string | undefined, io: CliIO, toFile: boolean): boolean {
  if (choice === "always") return true;
  if (choice === "never" || toFile) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
  if ((io.env.NO_COLOR ?? "") !== "") return false;
  return io.isStdoutTerminal?.() === true;
}

function parseArguments(argv: readonly string[]) {
  return parseArgv(argv, OPTIONS, closestName);
}

/** The --format value, checked against what `command` can print. */
function formatOf<const F extends string>(format: string | undefined, allowed: readonly F[], command: string): F {
  if (format === undefined) return allowed[0]!;
  if ((allowed as readonly string[]).includes(format)) return format as F;
  throw usage(`${command} --format ${JSON.stringify(format)} is not one of ${allowed.join(", ")}`);
}

function usage(message: string): RunError {
  return new RunError(`${message} (see --help)`);
}
