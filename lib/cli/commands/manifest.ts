/**
 * `rolepack-check manifest [PACK]`: the provenance record of a pack (see lib/report/manifest.ts).
 * The pack must pass the checks that need no baseline; otherwise its diagnostics are printed
 * and the exit code is 1, because a manifest of an invalid pack would certify nothing.
 *
 * @example
 * ```ts
 * await runManifest({ pack: "assets/pack.json" }, io);
 * ```
 */
import { absoluteGitEnv, readPackBytes, resolveTargets, RunError } from "../../git/mod.ts";
import { packManifest, readPack, renderDiagnosticLine, renderManifest } from "../../mod.ts";
import type { CliIO } from "../io.ts";

export async function runManifest(options: { pack: string | undefined; maxBytes?: number }, io: CliIO): Promise<number> {
  const targets = await resolveTargets(options.pack === undefined ? [] : [options.pack], io.cwd, absoluteGitEnv(io.env, io.cwd));
  if (targets.length > 1) {
    throw new RunError(`manifest describes one pack, and ${targets.length} were found (${targets.map((t) => t.shown).join(", ")}); name one: rolepack-check manifest PACK`);
  }
  const [target] = targets;
  const bytes = await readPackBytes(target!.absolute, target!.shown, options.maxBytes);
  const { pack, diagnostics } = await readPack(bytes, { file: target!.shown });
  if (pack === undefined) {
    io.stdout(`${diagnostics.map((d) => renderDiagnosticLine(d)).join("\n")}\n`);
    io.stderr(`rolepack-check: no manifest: ${target!.shown} has ${diagnostics.length} problem(s)\n`);
    return 1;
  }
  io.stdout(renderManifest(packManifest(pack)));
  return 0;
}
