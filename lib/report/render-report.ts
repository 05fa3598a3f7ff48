/**
 * Every output format is a renderer of the same report: this picks one by name.
 *
 * @example
 * ```ts
 * process.stdout.write(renderCheckReport(report, { format: "sarif", color: false, version: "0.1.0" }));
 * process.stdout.write(renderChangelog(report, "markdown"));
 * ```
 */
import { renderChangelogJson, renderChangelogMarkdown } from "./render/changelog.ts";
import { renderGithub } from "./render/github.ts";
import { renderGitlab } from "./render/gitlab.ts";
import { renderJson } from "./render/json.ts";
import { renderJunit } from "./render/junit.ts";
import { renderSarif, renderSarifFailure } from "./render/sarif.ts";
import { renderText } from "./render/text.ts";
import type { CheckReport } from "./report.ts";

/**
 * The formats of a check report; the first is the default.
 *
 * @example
 * ```ts
 * CHECK_FORMATS.includes(format as CheckFormat); // "text", "json", "github", "gitlab", "sarif", "junit"
 * ```
 */
export const CHECK_FORMATS = ["text", "json", "github", "gitlab", "sarif", "junit"] as const;
/**
 * A format of a check report.
 *
 * @example
 * ```ts
 * const format: CheckFormat = "sarif";
 * ```
 */
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/**
 * The formats of a changelog; the first is the default.
 *
 * @example
 * ```ts
 * renderChangelog(report, CHANGELOG_FORMATS[0]); // markdown
 * ```
 */
export const CHANGELOG_FORMATS = ["markdown", "json"] as const;
/**
 * A format of a changelog.
 *
 * @example
 * ```ts
 * const format: ChangelogFormat = "markdown";
 * ```
 */
export type ChangelogFormat = (typeof CHANGELOG_FORMATS)[number];

/**
 * How to render a check report.
 *
 * @example
 * ```ts
 * const options: RenderOptions = { format: "text", color: true, version: VERSION };
 * ```
 */
export interface RenderOptions {
  format: CheckFormat;
  /** ANSI colors in text output. */
  color?: boolean;
  /** The checker's version, for SARIF's `tool.driver.version`. */
  version: string;
}

/**
 * A check report in one of {@link CHECK_FORMATS}.
 *
 * @example
 * ```ts
 * process.stdout.write(renderCheckReport(report, { format: "github", version: VERSION }));
 * ```
 */
export function renderCheckReport(report: CheckReport, options: RenderOptions): string {
  switch (options.format) {
    case "text":
      return renderText(report, { color: options.color === true });
    case "json":
      return renderJson(report);
    case "github":
      return renderGithub(report);
    case "gitlab":
      return renderGitlab(report);
    case "sarif":
      return renderSarif(report, options.version);
    case "junit":
      return renderJunit(report);
  }
}

/**
 * What a format says when the run could not happen (exit 2), for the formats a consumer reads
 * from a file that must exist and parse: SARIF (an upload step). Undefined for the others — the
 * one-line error on stderr says it all, and an empty report would read as "no findings".
 *
 * @example
 * ```ts
 * const log = renderRunFailure("sarif", "no git repository here", VERSION); // a valid SARIF log, executionSuccessful: false
 * ```
 */
export function renderRunFailure(format: CheckFormat, reason: string, version: string): string | undefined {
  return format === "sarif" ? renderSarifFailure(reason, version) : undefined;
}

/**
 * What a report's packs add and retire, as a changelog in one of {@link CHANGELOG_FORMATS}.
 *
 * @example
 * ```ts
 * await Bun.write("CHANGELOG.md", renderChangelog(report, "markdown"));
 * ```
 */
export function renderChangelog(report: CheckReport, format: ChangelogFormat): string {
  return format === "json" ? renderChangelogJson(report) : renderChangelogMarkdown(report);
}
