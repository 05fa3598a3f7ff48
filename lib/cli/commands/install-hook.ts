/**
 * `rolepack-check install-hook [PACK...] [--force]`: writes the repository's pre-commit hook
 * (`git rev-parse --git-path hooks`, so linked worktrees and core.hooksPath are honoured) that
 * runs this checker with `--staged`, by absolute paths resolved now.
 *
 * A hook this command did not write is never replaced without `--force`, and with `--force`
 * the old one is kept beside it.
 *
 * @example
 * ```ts
 * await runInstallHook({ packs: [], force: false }, io); // prints where the hook went
 * ```
 */
import { chmod, copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { CliIO } from "../io.ts";
import { hooksDirectory, RunError, workTreeOf } from "../../git/mod.ts";
import { selfCommand } from "../self-command.ts";

/** The line that marks a hook as ours, so that re-running the install may update it. */
export const HOOK_MARKER = "# Written by `rolepack-check install-hook`; run it again to update this hook.";

export interface InstallHookOptions {
  /** Packs to check, relative to the current directory; empty for the default pack. */
  packs: string[];
  force: boolean;
}

export async function runInstallHook(options: InstallHookOptions, io: CliIO): Promise<number> {
  const hooks = await hooksDirectory(io.cwd, io.env);
  const hookPath = join(hooks, "pre-commit");
  const shown = relative(io.cwd, hookPath) || hookPath;
  const existing = await readFile(hookPath, "utf8").catch((error: { code?: string }) => {
    if (error.code === "ENOENT") return undefined;
    throw new RunError(`${shown}: cannot read the existing hook (${error.code ?? "error"})`);
  });
  let kept: string | undefined;
  if (existing !== undefined && !existing.includes(HOOK_MARKER)) {
    if (!options.force) {
      throw new RunError(`${shown} exists and was not written by rolepack-check; pass --force to replace it (the old hook is kept as pre-commit.replaced)`);
    }
    kept = `${hookPath}.replaced`;
    await copyFile(hookPath, kept);
  }
  // The hook runs at the top of the work tree, so packs named from here are re-rooted there.
  const { root } = await workTreeOf(io.cwd, io.env);
  const packs = options.packs.map((pack) => relative(root, resolve(io.cwd, pack)).split(sep).join("/"));
  const command = [...selfCommand(), "check", "--staged", ...(packs.length > 0 ? ["--", ...packs] : [])];
  const script = [
    "#!/bin/sh",
    HOOK_MARKER,
    "# Blocks commits that break the RolePack registry's append-only rules (see rolepack-check --help).",
    `exec ${command.map(shellQuote).join(" ")}`,
    "",
  ].join("\n");
  await mkdir(hooks, { recursive: true });
  await writeFile(hookPath, script);
  await chmod(hookPath, 0o755);
  io.stdout(`installed ${shown}: runs ${command.map(shellQuote).join(" ")}\n`);
  if (kept !== undefined) io.stdout(`the previous hook is kept as ${relative(io.cwd, kept) || kept}\n`);
  return 0;
}

/** POSIX single-quoting: safe for any path, spaces and quotes included. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
