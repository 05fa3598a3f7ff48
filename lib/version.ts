/**
 * The tool's version, from package.json (embedded at build time in the compiled binary).
 *
 * @example
 * ```ts
 * console.log(`rolepack-check ${VERSION}`);
 * ```
 */
import manifest from "../package.json" with { type: "json" };

/**
 * This package's version.
 *
 * @example
 * ```ts
 * console.log(`rolepack-check ${VERSION}`);
 * ```
 */
export const VERSION: string = manifest.version;

/**
 * Where the tool is described (package.json's `homepage`), for SARIF's `informationUri`;
 * undefined while the package names none — a made-up address would be worse than none.
 *
 * @example
 * ```ts
 * if (HOMEPAGE !== undefined) console.log(`see ${HOMEPAGE}`);
 * ```
 */
export const HOMEPAGE: string | undefined = (manifest as { homepage?: string }).homepage;
