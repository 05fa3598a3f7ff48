#!/usr/bin/env bun
/**
 * rolepack-check: keeps a RolePack registry append-only. See README.md and `--help`.
 *
 * This file is the thin shell: process arguments, streams and exit code. Everything else
 * takes values and returns data (lib/).
 */
import { main } from "./lib/cli.ts";

try {
  process.exitCode = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => new Uint8Array(await Bun.stdin.arrayBuffer()),
  });
} catch (error) {
  // A bug, not a user error: still one line and exit 2, never a stack trace in a hook.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`rolepack-check: internal error: ${message.split("\n")[0]} (please report it)\n`);
  process.exitCode = 2;
}
