/**
 * JUnit XML renderer for CI test reports: a test suite per pack, a test case per rule family
 * (parse, schema, pack, append-only, registry version), failing with every error of that family.
 * Warnings and waived findings do not fail a run, so they do not fail a test case either: they go
 * to its `system-out`.
 *
 * @example
 * ```ts
 * await Bun.write("rolepack-junit.xml", renderJunit(report));
 * ```
 */
import type { CheckReport } from "../report.ts";
import { RULE_CATALOG, type RuleStage } from "../../rules/catalog.ts";
import { type Diagnostic, isFailing } from "../../rules/diagnostic.ts";
import { renderDiagnosticLine } from "./text.ts";

const FAMILIES: readonly { stage: RuleStage; name: string }[] = [
  { stage: "parse", name: "parseable and I-JSON" },
  { stage: "schema", name: "schema" },
  { stage: "pack", name: "pack rules" },
  { stage: "append-only", name: "append-only" },
  { stage: "versioning", name: "registry version" },
];

const STAGE_OF = new Map(RULE_CATALOG.map((rule) => [rule.code, rule.stage]));

export function renderJunit(report: CheckReport): string {
  const suites = report.packs.map((pack) => {
    const cases = FAMILIES.map(({ stage, name }) => {
      const codes = RULE_CATALOG.filter((rule) => rule.stage === stage).map((rule) => rule.code);
      const found = pack.diagnostics.filter((d) => STAGE_OF.get(d.code) === stage);
      const errors = found.filter(isFailing);
      const warnings = found.filter((d) => !isFailing(d));
      const title = `${name} (${codes.join(", ")})`;
      if (found.length === 0) return `    <testcase classname="${attr(pack.file)}" name="${attr(title)}"/>`;
      const lines = [`    <testcase classname="${attr(pack.file)}" name="${attr(title)}">`];
      if (errors.length > 0) {
        const body = errors.map((d) => renderDiagnosticLine(d)).join("\n");
        const types = [...new Set(errors.map((d) => d.code))].join(" ");
        lines.push(`      <failure message="${attr(`${errors.length} problem${errors.length === 1 ? "" : "s"}`)}" type="${attr(types)}">${xml(body)}</failure>`);
      }
      if (warnings.length > 0) lines.push(`      <system-out>${xml(warnings.map((d) => renderDiagnosticLine(d)).join("\n"))}</system-out>`);
      lines.push("    </testcase>");
      return lines.join("\n");
    });
    const failures = failedFamilies(pack.diagnostics);
    return [`  <testsuite name="${attr(pack.file)}" tests="${FAMILIES.length}" failures="${failures}" errors="0" skipped="0">`, ...cases, "  </testsuite>"].join("\n");
  });
  const tests = report.packs.length * FAMILIES.length;
  const failures = report.packs.reduce((sum, pack) => sum + failedFamilies(pack.diagnostics), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rolepack-check" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}

/** How many rule families have an error among `diagnostics`. */
function failedFamilies(diagnostics: readonly Diagnostic[]): number {
  return FAMILIES.filter(({ stage }) => diagnostics.some((d) => isFailing(d) && STAGE_OF.get(d.code) === stage)).length;
}

/**
 * XML escaping for text and attributes; characters XML 1.0 cannot carry at all become U+FFFD. Tab,
 * LF and CR are written as character references: in an attribute a parser would otherwise turn
 * each into a space (attribute-value normalization), and a path with a tab would read differently.
 */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("\t", "&#9;")
    .replaceAll("\r", "&#13;");
}

/** An attribute value: as {@link xml}, and line feeds as references too. */
function attr(text: string): string {
  return xml(text).replaceAll("\n", "&#10;");
}
