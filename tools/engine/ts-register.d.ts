// Types of tools/engine/ts-register.js (plain JavaScript: it is the hook that loads TypeScript).

/** Where the hook of this process keeps its transforms; undefined when PLATFORM_TS_CACHE=off. */
export const CACHE_DIR: string | undefined;
/** The cache directory a PLATFORM_TS_CACHE value names ("" is the default, "off" none). */
export function cacheDirOf(setting?: string): string | undefined;
/** A transform that keeps its results in `dir` (a plain transform when `dir` is undefined). */
export function cachedTransform(dir: string | undefined): (code: string, filePath: string) => string;
/** The cache entry of `filePath`'s transform in `dir`. */
export function entryFile(dir: string, filePath: string): string;
/** Exactly what sucrase/register/ts hands to Node for a file. */
export function transform(code: string, filePath: string): string;
