import { existsSync } from "fs";
import * as path from "path";

/**
 * How every TypeScript entry point in this repository runs without a build step: sucrase's
 * transform through the repository's require hook (tools/engine/ts-register.js), which keeps
 * each file's transform on disk until the file changes. Sucrase strips types without
 * type-checking (CI runs `npm run typecheck` for that) and keeps every line number where it
 * was, so stack traces point at the right source line without source maps. ts-node installs
 * source-map-support instead, whose stack rewriting the Pulumi SDK pays on every promise it
 * creates (over 8,000 per plan): a plan starts in 1.1 s under sucrase against 2.6 s under
 * ts-node's transpile-only mode (`npm run bench`, "start-up").
 *
 * Pulumi.yaml ships the same hook (`nodeargs: --require ./tools/engine/ts-register.js`), and so
 * do the npm scripts and .mocharc.json, so the CLI, the tests and the offline tools run the
 * program the same way. The path is relative to the repository root (the CLI and npm run there).
 */
export const TS_LOADER = "./tools/engine/ts-register.js";

/** This repository's root: the nearest folder above this file with a package.json (so also from the compiled copy in bin/). */
export const REPO_ROOT = ((dir: string): string => {
    while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    return dir;
})(__dirname);

/** The hook by absolute path, for a child whose working directory is not this repository's root. */
export const TS_LOADER_PATH = path.join(REPO_ROOT, "tools", "engine", "ts-register.js");

/**
 * The environment of a child that runs another checkout's code (`npm run diff --base`'s side, in a
 * temporary worktree): the transform cache keys entries by path, so that checkout's files would
 * leave entries nobody reads again; its one process gains nothing from it.
 */
export function childTsEnv(root: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    return path.resolve(root) === REPO_ROOT || env.PLATFORM_TS_CACHE !== undefined ? env : { ...env, PLATFORM_TS_CACHE: "off" };
}

/** Node arguments that run a TypeScript file (or `-e` script) under the loader. */
export function tsNodeArgs(...args: string[]): string[] {
    return ["-r", TS_LOADER_PATH, ...args];
}
