/**
 * `rolepack-check manifest [PACK]`: the provenance record of a pack (see lib/manifest.ts).
 * The pack must pass the checks that need no baseline; otherwise its diagnostics are printed
 * and the exit code is 1, because a manifest of an invalid pack would certify nothing.
 *
 * @example
 * ```ts
 * await runManifest({ pack: "assets/pack.json" }, io);
 * ```
 */
import { checkPack } from "../../check/check-pack.ts";
import type { CliIO } from "../io.ts";
import { absoluteGitEnv } from "../../git/git.ts";
import { buildManifest, renderManifest } from "../../report/manifest.ts";
import { readPackBytes } from "../../git/pack-file.ts";
import { renderDiagnosticLine } from "../../report/render/text.ts";
import { SourceText } from "../../json/source-text.ts";
import { decodeUtf8 } from "../../json/utf8.ts";
import { resolveTargets } from "./check.ts";

export async function runManifest(options: { pack: string | undefined; maxBytes?: number }, io: CliIO): Promise<number> {
  const [target] = await resolveTargets(options.pack === undefined ? [] : [options.pack], io.cwd, absoluteGitEnv(io.env, io.cwd));
  const decoded = decodeUtf8(await readPackBytes(target!.absolute, target!.shown, options.maxBytes));
  const result = await checkPack({
    current: new SourceText(target!.shown, decoded.text),
    published: [],
    ...(decoded.invalidAt !== undefined && { invalidUtf8At: decoded.invalidAt }),
  });
  if (result.diagnostics.length > 0 || result.pack === undefined) {
    io.stdout(`${result.diagnostics.map((d) => renderDiagnosticLine(d)).join("\n")}\n`);
    io.stderr(`rolepack-check: no manifest: ${target!.shown} has ${result.diagnostics.length} problem(s)\n`);
    return 1;
  }
  io.stdout(renderManifest(buildManifest(result.pack.model, result.pack.value as Parameters<typeof buildManifest>[1])));
  return 0;
}
