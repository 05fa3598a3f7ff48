/**
 * The GitHub Action (action.yml, issue #15): its steps run as GitHub runs a composite action — each
 * `run` under bash, with the inputs in the step's `env` and the variables GitHub sets — in a scratch
 * pull-request checkout. Annotations go to standard output, SARIF to the file asked for, and the
 * step's exit code is the check's.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./helpers/cli-runner.ts";
import { GIT_ENV, GitRepo, makeTempDir, removeTempDirs } from "./helpers/git-repo.ts";
import { packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

interface Step {
  name: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
}
const ACTION = Bun.YAML.parse(readFileSync(join(PROJECT_ROOT, "action.yml"), "utf8")) as {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
};

/** The action's steps run in `workspace` with `inputs`, as GitHub would: the last step's output and exit code. */
function runAction(workspace: string, inputs: Record<string, string>, github: Record<string, string>) {
  const outputFile = join(makeTempDir(), "github-output");
  const value = (name: string) => inputs[name] ?? ACTION.inputs[name]!.default;
  let last = { exitCode: 0, stdout: "", stderr: "" };
  for (const step of ACTION.runs.steps) {
    expect(step.shell).toBe("bash");
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, text]) => [key, text.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, name) => value(name))]));
    const proc = Bun.spawnSync(["bash", "-e", "-c", step.run], {
      cwd: workspace,
      env: { ...GIT_ENV, ...github, ...env, GITHUB_ACTION_PATH: PROJECT_ROOT, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile },
      stdout: "pipe",
      stderr: "pipe",
    });
    last = { exitCode: proc.exitCode ?? -1, stdout: proc.stdout.toString(), stderr: proc.stderr.toString() };
    if (last.exitCode !== 0) break;
  }
  return { ...last, outputs: Bun.file(outputFile).size > 0 ? readFileSync(outputFile, "utf8") : "" };
}

/** A pull request's checkout: main published a pack; the branch `pr` changes it with `change`. */
function pullRequest(change: (roles: ReturnType<typeof role>[]) => ReturnType<typeof role>[]): string {
  const origin = GitRepo.create();
  const roles = [role("editor"), role("colorist"), role("composer")];
  origin.write("packs/studio.rolepack.json", packText(smallPack(roles)));
  origin.commit("publish");
  const clone = origin.clone();
  clone.git("checkout", "-q", "-b", "pr");
  clone.write("packs/studio.rolepack.json", packText(smallPack(change(roles), "2")));
  clone.commit("the pull request");
  return clone.dir;
}

const PR = { GITHUB_EVENT_NAME: "pull_request", GITHUB_BASE_REF: "main", GITHUB_HEAD_REF: "pr" };

describe("action.yml", () => {
  test("is a composite action with the inputs the README shows", () => {
    expect(ACTION.runs.using).toBe("composite");
    expect(Object.keys(ACTION.inputs).sort()).toEqual(["base", "history", "packs", "sarif"]);
  });

  test("in a pull request: compared with the target branch without configuration; annotations, SARIF, exit 1", () => {
    const workspace = pullRequest((roles) => roles.slice(0, 2));
    const result = runAction(workspace, { sarif: "reports/rolepack.sarif" }, PR);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("::error file=packs/studio.rolepack.json,line=");
    // The target branch as --base-branch: the clone's main (a runner's checkout has only origin/main).
    expect(result.stdout).toContain("title=HSK-RR-001::Role removed: role \"composer\" was removed; it is published at main:packs/studio.rolepack.json");
    expect(result.outputs).toBe("exit-code=1\n");
    const sarif = JSON.parse(readFileSync(join(workspace, "reports", "rolepack.sarif"), "utf8"));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("HSK-RR-001");
  });

  test("a pull request checked out at its head, behind its target, is not blamed for what the target gained since", () => {
    const origin = GitRepo.create();
    origin.write("packs/studio.rolepack.json", packText(smallPack([role("editor"), role("colorist")])));
    origin.commit("publish");
    origin.git("checkout", "-q", "-b", "pr");
    origin.write("packs/studio.rolepack.json", packText(smallPack([role("editor"), role("colorist"), role("painter")], "2")));
    origin.commit("the pull request");
    origin.git("checkout", "-q", "main");
    origin.write("packs/studio.rolepack.json", packText(smallPack([role("editor"), role("colorist"), role("sound_mixer")], "2")));
    origin.commit("main gains sound_mixer");
    const clone = origin.clone();
    clone.git("checkout", "-q", "pr");
    const result = runAction(clone.dir, {}, PR);
    expect(result.stdout).not.toContain("sound_mixer");
    expect(result.exitCode).toBe(0);
  });

  test("a clean pull request passes; the packs input names the packs, one per line", () => {
    const workspace = pullRequest((roles) => [...roles, role("sound_designer")]);
    const result = runAction(workspace, { packs: "  packs/studio.rolepack.json\n\n" }, PR);
    expect(result.stderr).not.toContain("error");
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toBe("exit-code=0\n");
  });

  test("a pull request whose target branch was not fetched fails (exit 2) instead of passing as a first publish, and still writes SARIF", () => {
    const workspace = pullRequest((roles) => roles);
    const result = runAction(workspace, { sarif: "out.sarif" }, { ...PR, GITHUB_BASE_REF: "release" });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("origin/release");
    const sarif = JSON.parse(readFileSync(join(workspace, "out.sarif"), "utf8"));
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  test("the README's workflow uses it with inputs it has, fetches the full history and uploads the SARIF it asks for", () => {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    const block = /```yaml\n(# GitHub Actions[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const workflow = Bun.YAML.parse(block!) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
    const steps = Object.values(workflow.jobs)[0]!.steps;
    const ours = steps.find((step) => step.uses?.includes("/rolepack-check@"))!;
    for (const input of Object.keys(ours.with ?? {})) expect(Object.keys(ACTION.inputs)).toContain(input);
    expect(steps.find((step) => step.uses?.startsWith("actions/checkout"))?.with?.["fetch-depth"]).toBe(0);
    expect(steps.find((step) => step.uses?.startsWith("github/codeql-action/upload-sarif"))?.with?.sarif_file).toBe(ours.with?.sarif);
  });

  test("a wrong history input is one ::error line and exit 2", () => {
    const workspace = pullRequest((roles) => roles);
    const result = runAction(workspace, { history: "yes" }, PR);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('::error::rolepack-check: the history input is "yes"; write true or false\n');
  });
});
