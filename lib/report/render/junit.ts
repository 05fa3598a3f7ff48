/**
 * JUnit XML renderer for CI test reports: a test suite per pack, a test case per rule family
 * (parse, schema, pack, append-only), failing with every message of that family.
 *
 * @example
 * ```ts
 * await Bun.write("rolepack-junit.xml", renderJunit(report));
 * ```
 */
import type { CheckReport } from "../report.ts";
import { RULE_CATALOG, type RuleStage } from "../../rules/catalog.ts";
import { renderDiagnosticLine } from "./text.ts";

const FAMILIES: readonly { stage: RuleStage; name: string }[] = [
  { stage: "parse", name: "parseable and I-JSON" },
  { stage: "schema", name: "schema" },
  { stage: "pack", name: "pack rules" },
  { stage: "append-only", name: "append-only" },
];

const STAGE_OF = new Map(RULE_CATALOG.map((rule) => [rule.code, rule.stage]));

export function renderJunit(report: CheckReport): string {
  const suites = report.packs.map((pack) => {
    const cases = FAMILIES.map(({ stage, name }) => {
      const codes = RULE_CATALOG.filter((rule) => rule.stage === stage).map((rule) => rule.code);
      const found = pack.diagnostics.filter((d) => STAGE_OF.get(d.code) === stage);
      const title = `${name} (${codes.join(", ")})`;
      if (found.length === 0) return `    <testcase classname="${xml(pack.file)}" name="${xml(title)}"/>`;
      const body = found.map((d) => renderDiagnosticLine(d)).join("\n");
      const types = [...new Set(found.map((d) => d.code))].join(" ");
      return [
        `    <testcase classname="${xml(pack.file)}" name="${xml(title)}">`,
        `      <failure message="${xml(`${found.length} problem${found.length === 1 ? "" : "s"}`)}" type="${xml(types)}">${xml(body)}</failure>`,
        "    </testcase>",
      ].join("\n");
    });
    const failures = FAMILIES.filter(({ stage }) => pack.diagnostics.some((d) => STAGE_OF.get(d.code) === stage)).length;
    return [`  <testsuite name="${xml(pack.file)}" tests="${FAMILIES.length}" failures="${failures}" errors="0" skipped="0">`, ...cases, "  </testsuite>"].join("\n");
  });
  const tests = report.packs.length * FAMILIES.length;
  const failures = report.packs.reduce(
    (sum, pack) => sum + FAMILIES.filter(({ stage }) => pack.diagnostics.some((d) => STAGE_OF.get(d.code) === stage)).length,
    0,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rolepack-check" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}

/** XML text/attribute escaping; characters XML 1.0 cannot carry at all become U+FFFD. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
