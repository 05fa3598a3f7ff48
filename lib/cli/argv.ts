/**
 * The command line's options and operands, read strictly: `--name value`, `--name=value`, boolean
 * `--flag`, the short `-h`/`-V`/`-o FILE`, and `--` before operands that start with a dash. Written here
 * instead of `util.parseArgs` because importing `node:util` costs 1.4–1.7 ms of a 15 ms check
 * (measured in the compiled program); the behaviour is the same, and every case has a test
 * (test/argv.test.ts). An unknown option gets a did-you-mean.
 *
 * @example
 * ```ts
 * parseArgv(["check", "--base=main", "pack.json"], { base: { type: "string" } }, closestName);
 * // { values: { base: "main" }, positionals: ["check", "pack.json"] }
 * ```
 */
import { RunError } from "../git/mod.ts";

/** How an option is read: a string takes a value, a boolean takes none. */
export type OptionSpec = Readonly<Record<string, { readonly type: "string" | "boolean"; readonly short?: string }>>;

/** What the options were given as: a string's last value, `true` for a flag given. */
export type ParsedValues<O extends OptionSpec> = { [K in keyof O]?: O[K]["type"] extends "string" ? string : boolean };

/**
 * `argv` read against `options`; a RunError (exit 2) names the first problem, with a did-you-mean
 * from `suggest` for an unknown option.
 */
export function parseArgv<const O extends OptionSpec>(
  argv: readonly string[],
  options: O,
  suggest: (word: string, candidates: readonly string[]) => string | undefined,
): { values: ParsedValues<O>; positionals: string[] } {
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(options).flatMap(([name, spec]) => (spec.short === undefined ? [] : [[spec.short, name] as const])));
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--") {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith("--")) {
      const equals = arg.indexOf("=");
      name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
      inline = equals === -1 ? undefined : arg.slice(equals + 1);
    } else {
      // Short options one at a time (-hV); one that takes a value ends the cluster: -o FILE, -oFILE.
      const flags = [...arg.slice(1)];
      for (const [at, flag] of flags.entries()) {
        const long = byShort.get(flag);
        if (long === undefined) throw unknown(`-${flag}`, options, suggest);
        if (options[long]!.type === "boolean") {
          values[long] = true;
          continue;
        }
        const attached = flags.slice(at + 1).join("");
        if (attached !== "") {
          values[long] = attached;
        } else {
          values[long] = valueAfter(argv, index, `-${flag}`);
          index++;
        }
        break;
      }
      continue;
    }
    const spec = Object.hasOwn(options, name) ? options[name] : undefined;
    if (spec === undefined) throw unknown(`--${name}`, options, suggest);
    if (spec.type === "boolean") {
      if (inline !== undefined) throw new RunError(`option --${name} takes no value (see --help)`);
      values[name] = true;
      continue;
    }
    if (inline !== undefined) {
      values[name] = inline;
      continue;
    }
    values[name] = valueAfter(argv, index, `--${name}`);
    index++;
  }
  return { values: values as ParsedValues<O>, positionals };
}

/** The value that follows the option at `index`. */
function valueAfter(argv: readonly string[], index: number, option: string): string {
  const next = argv[index + 1];
  // A value that looks like an option is refused, not taken: `--base --staged` is a forgotten value.
  if (next === undefined || (next.startsWith("-") && next !== "-")) {
    const attached = option.startsWith("--") ? `${option}=VALUE` : `${option}VALUE`;
    throw new RunError(`option ${option} needs a value; write ${attached} for a value that starts with "-" (see --help)`);
  }
  return next;
}

function unknown(option: string, options: OptionSpec, suggest: (word: string, candidates: readonly string[]) => string | undefined): RunError {
  const names = Object.keys(options);
  const suggestion = option.startsWith("--") ? suggest(option.slice(2), names) : undefined;
  return new RunError(
    `unknown option ${option}${suggestion === undefined ? "" : `; did you mean --${suggestion}?`} ` +
      `(an operand that starts with "-" goes after --) (see --help)`,
  );
}
