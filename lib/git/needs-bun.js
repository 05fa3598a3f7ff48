// What Node gets for `import "rolepack-check/git"` (the package's "default" condition): the git entry
// spawns git with Bun.spawn and reads files with Bun's APIs, so it runs on Bun only.
throw new Error(
  'rolepack-check/git runs on Bun only (it spawns git with Bun.spawn). On Node, import "rolepack-check" ' +
    "and pass the published texts to checkRegistry, or run the rolepack-check command.",
);
