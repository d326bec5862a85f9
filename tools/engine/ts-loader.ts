/**
 * How every TypeScript entry point in this repository runs without a build step: sucrase's
 * require hook. It strips types without type-checking (CI runs `npm run typecheck` for that)
 * and keeps every line number where it was, so stack traces point at the right source line
 * without source maps. ts-node installs source-map-support instead, whose stack rewriting the
 * Pulumi SDK pays on every promise it creates (over 8,000 per plan): a plan starts in 1.1 s
 * under sucrase against 2.6 s under ts-node's transpile-only mode (`npm run bench`, "start-up").
 *
 * Pulumi.yaml ships the same hook (`nodeargs: --require sucrase/register/ts`), so the CLI,
 * the tests and the offline tools run the program the same way.
 */
export const TS_LOADER = "sucrase/register/ts";

/** Node arguments that run a TypeScript file (or `-e` script) under the loader. */
export function tsNodeArgs(...args: string[]): string[] {
    return ["-r", TS_LOADER, ...args];
}
