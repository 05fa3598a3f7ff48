/**
 * The tool's version, from package.json (embedded at build time in the compiled binary).
 *
 * @example
 * ```ts
 * console.log(`rolepack-check ${VERSION}`);
 * ```
 */
import { version } from "../package.json" with { type: "json" };

/**
 * This package's version.
 *
 * @example
 * ```ts
 * console.log(`rolepack-check ${VERSION}`);
 * ```
 */
export const VERSION: string = version;
