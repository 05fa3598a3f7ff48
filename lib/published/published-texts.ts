/**
 * What was published, as the core receives it: versions as texts (a baseline read from git, or
 * texts a service holds) or already read (a history is read as it streams in, see
 * history-reader.ts), folded into one {@link PublishedRegistry}.
 *
 * @example
 * ```ts
 * const { registry, warnings } = readPublished([{ commit: sha, source: new SourceText("main:pack.json", text) }]);
 * registry?.roles.has("editor"); // true when the baseline publishes it
 * ```
 */
import type { SourceText } from "../json/source-text.ts";
import type { RoleTexts } from "../pack/role-texts.ts";
import { readPublishedPack } from "./version-reader.ts";
import { type PackVersion, type PublishedRegistry, registryFromHistory } from "./registry.ts";

/** One published version: its text (undefined where the file was deleted) and where it came from. */
export interface PublishedText {
  /** The commit's sha (empty for a version that did not come from git). */
  readonly commit: string;
  /** How messages name this version when something was removed in it (default: `commit <sha, 12 digits>`). */
  readonly label?: string;
  readonly source: SourceText | undefined;
}

/** A published version as text, or already read. */
export type PublishedVersion = PublishedText | PackVersion;

/**
 * Folds the published versions into one registry. Each version is read as the fold reaches it and
 * left to the garbage collector after: a long history does not fit in memory all at once. With
 * `current` (a large pack read role by role), roles whose text has not changed are not read again.
 */
export function readPublished(published: readonly PublishedVersion[], current?: RoleTexts): { registry: PublishedRegistry | undefined; warnings: string[] } {
  if (published.length === 0) return { registry: undefined, warnings: [] };
  const warnings: string[] = [];
  let readable = 0;
  function* versions(): Generator<PackVersion> {
    for (const version of published) {
      if ("pack" in version) {
        if (version.pack !== undefined) readable++;
        yield version;
        continue;
      }
      const { commit, label, source } = version;
      if (source === undefined) {
        yield { commit, ...(label !== undefined && { label }), pack: undefined };
        continue;
      }
      const pack = readPublishedPack(source, warnings, { ...(current !== undefined && { current }), internTexts: published.length > 1 });
      // An unreadable version is skipped, not taken as a deletion of everything in it.
      if (pack === undefined) continue;
      readable++;
      yield { commit, ...(label !== undefined && { label }), pack };
    }
  }
  const registry = registryFromHistory(versions());
  return { registry: readable === 0 ? undefined : registry, warnings };
}
