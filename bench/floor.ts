/**
 * The floor for the large-pack scenario: the least any checker must do — read the current file
 * and the baseline blob, JSON.parse both and SHA-256 every schema_json's bytes. Compiled like the
 * checker; the large-pack target is "at most 2× this".
 *
 * @example
 * ```sh
 * bun build --compile bench/floor.ts --outfile bench/.work/floor && bench/.work/floor pack.json
 * ```
 */
const path = process.argv[2] ?? "pack.json";
const git = Bun.spawn(["git", "cat-file", "blob", `main:${path}`], { stdout: "pipe" });
const [current, baseline] = await Promise.all([Bun.file(path).text(), new Response(git.stdout).text()]);
let hashed = 0;
for (const text of [current, baseline]) {
  for (const role of JSON.parse(text).roles) {
    for (const contract of [...role.extract_contracts, ...role.produce_contracts]) {
      new Bun.CryptoHasher("sha256").update(JSON.stringify(contract.schema_json)).digest("hex");
      hashed++;
    }
  }
}
await Bun.write(Bun.stdout, `${hashed} schemas hashed\n`);
export {};
