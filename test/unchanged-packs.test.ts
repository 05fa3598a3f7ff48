/**
 * Git's object ids, as unchanged-packs.ts computes and reads them, held to git itself: a blob's id
 * is what `git hash-object` says, and a tree's entries are what `git ls-tree` lists. A pack whose
 * baseline git lists with its text's very id is checked without reading that blob (a damaged blob
 * shows it is never read), and a changed one still is.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gitBlobId, treeEntries } from "../lib/git/object-id.ts";
import { CLI_RUNNERS } from "./helpers/cli-runner.ts";
import { GitRepo, removeTempDirs } from "./helpers/git-repo.ts";
import { packText, role, smallPack } from "./helpers/packs.ts";

afterAll(removeTempDirs);

describe("git's object ids", () => {
  const texts = ["", "{}\n", '{"display_name": "Éditeur — ü 🎬"}\n', "a\r\nb\r\n"];

  test("a text's blob id is git hash-object's for its UTF-8 bytes (SHA-1 and SHA-256)", () => {
    for (const format of ["sha1", "sha256"] as const) {
      const repo = GitRepo.create();
      if (format === "sha256") {
        rmSync(join(repo.dir, ".git"), { recursive: true, force: true });
        repo.git("init", "-q", "--object-format=sha256", "--initial-branch=main");
      }
      const length = format === "sha256" ? 32 : 20;
      for (const [index, text] of texts.entries()) {
        const path = repo.write(`t${index}.json`, text);
        const expected = repo.git("hash-object", path).trim();
        expect(expected).toHaveLength(length * 2);
        expect(gitBlobId(text, length)).toBe(expected);
      }
    }
  });

  test("a tree's entries are git ls-tree's: modes, names (non-ASCII too) and ids", () => {
    const repo = GitRepo.create();
    repo.write("packs/a.rolepack.json", "{}\n");
    repo.write("packs/été.rolepack.json", '{"x": 1}\n');
    repo.write("packs/sub/b.json", "[]\n");
    repo.git("config", "core.quotePath", "false");
    repo.commit("files");
    const tree = Bun.spawnSync(["git", "cat-file", "tree", "HEAD:packs"], { cwd: repo.dir }).stdout;
    const entries = treeEntries(new Uint8Array(tree), 20);
    const listed = repo
      .git("ls-tree", "HEAD:packs")
      .trim()
      .split("\n")
      .map((line) => {
        const [info, name] = line.split("\t");
        const [mode, , id] = info!.split(" ");
        return [name!, mode === "040000" ? "40000" : mode!, id!];
      });
    expect([...entries].map(([name, entry]) => [name, entry.mode, entry.id])).toEqual(listed);
  });
});

for (const cli of CLI_RUNNERS) {
  describe(`${cli.name}: one pack whose baseline is its very text`, () => {
    /** A repository whose published pack blob is damaged on disk: reading it fails. */
    function damagedBlob(path: string, objectFormat?: "sha256"): { repo: GitRepo; text: string } {
      const repo = GitRepo.create();
      if (objectFormat !== undefined) {
        rmSync(join(repo.dir, ".git"), { recursive: true, force: true });
        repo.git("init", "-q", `--object-format=${objectFormat}`, "--initial-branch=main");
      }
      const text = packText(smallPack([role("editor"), role("colorist")]));
      const file = repo.write(path, text);
      repo.commit("publish");
      const id = repo.git("hash-object", file).trim();
      const object = join(repo.dir, ".git", "objects", id.slice(0, 2), id.slice(2));
      chmodSync(object, 0o644);
      writeFileSync(object, "not a git object");
      return { repo, text };
    }

    for (const [where, path, format] of [
      ["in a folder", "packs/studio.rolepack.json", undefined],
      ["at the root", "studio.rolepack.json", undefined],
      ["in a SHA-256 repository", "packs/studio.rolepack.json", "sha256"],
    ] as const) {
      test(`${where}: git's tree tells it is unchanged, and the published blob is never read`, async () => {
        const { repo } = damagedBlob(path, format);
        const clean = await cli.run([path], { cwd: repo.dir });
        expect(clean.stderr).toBe("");
        expect(clean.exitCode).toBe(0);
        expect(clean.stdout).toContain("no problems");
        // Changed, the baseline must be read: the damage shows (exit 2, one line), never a pass.
        repo.write(path, packText(smallPack([role("editor")], "2")));
        const changed = await cli.run([path], { cwd: repo.dir });
        expect(changed.exitCode).toBe(2);
        expect(changed.stderr.trim().split("\n")).toHaveLength(1);
      });
    }
  });
}
