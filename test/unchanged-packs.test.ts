/**
 * Git's object ids, as unchanged-packs.ts computes and reads them, held to git itself: a blob's id
 * is what `git hash-object` says, and a tree's entries are what `git ls-tree` lists.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { gitBlobId, treeEntries } from "../lib/git/unchanged-packs.ts";
import { GitRepo, removeTempDirs } from "./helpers/git-repo.ts";

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
