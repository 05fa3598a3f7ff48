/**
 * `rolepack-check install-hook [PACK...]` and `rolepack-check uninstall-hook`: the repository's
 * pre-commit hook (`git rev-parse --git-path hooks`, so linked worktrees and core.hooksPath are
 * honoured), which runs this checker with `check --staged` by absolute paths resolved now.
 *
 * - A hook that was there before keeps working: it is moved aside
 *   (`pre-commit.before-rolepack-check`) and ours runs it first; its failure still blocks.
 *   `uninstall-hook` removes exactly what was added and moves it back, byte for byte.
 * - A hooks folder inside the work tree (core.hooksPath, husky) is versioned: a machine-specific
 *   path must not be committed there, so nothing is written and the line to add is printed.
 * - If the checker the hook names is gone (its folder moved), the commit is blocked with one line
 *   saying how to reinstall.
 *
 * @example
 * ```ts
 * await runInstallHook({ packs: [], force: false }, io); // prints where the hook went
 * await runUninstallHook(io);                            // and takes it out again
 * ```
 */
import { chmod, lstat, mkdir, readFile, readlink, rename, rm, writeFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { gitDirectory, hooksDirectory, RunError, workTreeOf } from "../../git/mod.ts";
import type { CliIO } from "../io.ts";
import { selfCommand } from "../self-command.ts";

/** The line that marks a hook as ours, so that re-running the install may update it. */
export const HOOK_MARKER = "# Written by `rolepack-check install-hook`; run it again to update this hook.";

/** Where the hook that was there before ours waits, run first by ours. */
export const CHAINED_HOOK = "pre-commit.before-rolepack-check";

export interface InstallHookOptions {
  /** Packs to check, relative to the current directory; empty: those the commit changes (configured, else found by name). */
  packs: string[];
  /** No longer needed (an existing hook is chained); accepted so that old scripts keep working. */
  force: boolean;
}

export async function runInstallHook(options: InstallHookOptions, io: CliIO): Promise<number> {
  const hooks = await hooksDirectory(io.cwd, io.env);
  const { root } = await workTreeOf(io.cwd, io.env);
  // The hook runs at the top of the work tree, so packs named from here are re-rooted there.
  const packs = options.packs.map((pack) => relative(root, resolve(io.cwd, pack)).split(sep).join("/"));
  const self = selfCommand();
  // The files the command needs (the executable, and check.ts when it is Bun), not its options.
  const files = self.filter((word) => !word.startsWith("-"));
  const command = [...self, "check", "--staged", ...(packs.length > 0 ? ["--", ...packs] : [])];
  if (!isInside(hooks, await gitDirectory(io.cwd, io.env))) {
    // core.hooksPath (husky and the like): a versioned or shared folder gets no machine-specific path.
    // Not installed, so not exit 0 (`install-hook && …` must not be told otherwise); the one line says what to do.
    const portable = ["rolepack-check", "check", "--staged", ...(packs.length > 0 ? ["--", ...packs] : [])].map(shellQuote).join(" ");
    const shown = relative(io.cwd, join(hooks, "pre-commit")) || join(hooks, "pre-commit");
    throw new RunError(
      `nothing written: ${relative(io.cwd, hooks) || hooks} is core.hooksPath, ${isInside(hooks, root) ? "versioned with the repository" : "shared by other repositories"}, ` +
        `where a hook must not name a path on this machine; add this line to ${shown} instead (with rolepack-check a dev dependency, it is on the hook's PATH): ${portable}`,
    );
  }
  const hookPath = join(hooks, "pre-commit");
  const shown = relative(io.cwd, hookPath) || hookPath;
  await refuseLink(hookPath, shown);
  const existing = await readHook(hookPath, shown);
  let chained = false;
  if (existing !== undefined && !existing.includes(HOOK_MARKER)) {
    const aside = join(hooks, CHAINED_HOOK);
    if (await lstat(aside).then(() => true, () => false)) {
      throw new RunError(`${shown} was not written by rolepack-check, and ${relative(io.cwd, aside) || aside} is taken already; move one of them away first`);
    }
    await rename(hookPath, aside);
    chained = true;
  }
  const script = [
    "#!/bin/sh",
    HOOK_MARKER,
    "# Blocks commits that break the RolePack registry's append-only rules (see rolepack-check --help).",
    `# A hook that was here before runs first (${CHAINED_HOOK}); \`rolepack-check uninstall-hook\` puts it back.`,
    // The hook's folder by parameter expansion, not dirname: a process less on every commit (~1 ms).
    `case "$0" in */*) hooks="\${0%/*}" ;; *) hooks=. ;; esac`,
    `chained="$hooks/${CHAINED_HOOK}"`,
    'if [ -x "$chained" ]; then "$chained" "$@" || exit $?; fi',
    // What it runs is checked first: a checker whose folder moved is one clear line, not "exec: not found".
    ...files.map((path, index) => `checker${index}=${shellQuote(path)}`),
    // The program must be executable; a script it runs (check.ts) must exist.
    `if ${files.map((_, index) => `[ ! ${index === 0 ? "-x" : "-e"} "$checker${index}" ]`).join(" || ")}; then`,
    `  echo "rolepack-check: error: this hook runs ${files.map((_, index) => `$checker${index}`).join(" ")}, which is gone (moved, deleted or no longer executable); run install-hook again from where rolepack-check is now, or uninstall-hook to remove this hook" >&2`,
    "  exit 1",
    "fi",
    `exec ${command.map(shellQuote).join(" ")}`,
    "",
  ].join("\n");
  await mkdir(hooks, { recursive: true });
  await writeFile(hookPath, script);
  await chmod(hookPath, 0o755);
  io.stdout(`installed ${shown}: runs ${command.map(shellQuote).join(" ")}\n`);
  if (chained) io.stdout(`the hook that was there runs first, as ${CHAINED_HOOK}; its failure still blocks the commit\n`);
  if (options.force) io.stderr("note: --force is no longer needed: a hook that was there is chained, not replaced\n");
  return 0;
}

export async function runUninstallHook(io: CliIO): Promise<number> {
  const hooks = await hooksDirectory(io.cwd, io.env);
  const hookPath = join(hooks, "pre-commit");
  const shown = relative(io.cwd, hookPath) || hookPath;
  await refuseLink(hookPath, shown);
  const existing = await readHook(hookPath, shown);
  if (existing === undefined) {
    io.stdout(`nothing to remove: there is no ${shown}\n`);
    return 0;
  }
  if (!existing.includes(HOOK_MARKER)) throw new RunError(`${shown} was not written by rolepack-check; it was left as it is`);
  await rm(hookPath);
  const aside = join(hooks, CHAINED_HOOK);
  if (await lstat(aside).then(() => true, () => false)) {
    await rename(aside, hookPath);
    io.stdout(`removed rolepack-check's ${shown}; the hook that was there before is back\n`);
  } else {
    io.stdout(`removed ${shown}\n`);
  }
  return 0;
}

/**
 * A hook that is a symbolic link was not written by rolepack-check (it writes files): writing
 * through it would create or change a file elsewhere — outside the repository, for a dangling one.
 */
async function refuseLink(path: string, shown: string): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    const target = await readlink(path).catch(() => "?");
    throw new RunError(`${shown} is a symbolic link (to ${target}), which rolepack-check did not write and does not write through; replace it with a file, or add the check to what it points to yourself`);
  }
}

async function readHook(path: string, shown: string): Promise<string | undefined> {
  return readFile(path, "utf8").catch((error: { code?: string }) => {
    if (error.code === "ENOENT") return undefined;
    throw new RunError(`${shown}: cannot read the existing hook (${error.code ?? "error"})`);
  });
}

function isInside(path: string, folder: string): boolean {
  const inside = relative(folder, path);
  return inside === "" || (!inside.startsWith(`..${sep}`) && inside !== ".." && !inside.startsWith(sep));
}

/** POSIX single-quoting: safe for any path, spaces and quotes included. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
