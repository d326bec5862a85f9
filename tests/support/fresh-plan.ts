import * as path from "path";
import { tsNodeArgs } from "../../tools/engine/ts-loader";
import { backgroundNode, Pending, readResult } from "./background-child";

const ROOT = path.resolve(__dirname, "..", "..");

/** What one offline plan showed in a process of its own. */
export interface FreshPlan {
    /** Every module file the plan loaded, with `/` separators. */
    files: string[];
    /** Module count per @pulumi package. */
    packages: Record<string, number>;
    /** Frames of the Resource constructor's source-position trace before the plan loaded anything, and after it ran. */
    sourcePosition: { before: number; after: number };
    /** The own properties the SDK's `debuggablePromise` gave a promise after the plan (tools/engine/promise-stacks.ts: none). */
    promiseDebugProperties: string[];
}

/**
 * Plans one stack in a fresh Node process and reports what it loaded and what its SDK records.
 * A fresh process is the only honest way to see what a `pulumi up` of that stack would load,
 * and what a plan installs in a process the suite has not touched. The process starts now, in
 * the background (tests/support/background-child.ts): call this when the spec file loads and
 * await the result in the spec. Specs asking for the same variant share its process
 * (tests/registry.spec.ts and tests/promise-stacks.spec.ts both read aws/staging's): each costs
 * node, the loader and a cloud's SDK, about 2.5 s of CPU.
 */
export function freshPlan(stack: string, cloud: string, config: string[] = []): Pending<FreshPlan> {
    const key = JSON.stringify([stack, cloud, config]);
    let pending = started.get(key);
    if (!pending) started.set(key, (pending = start(stack, cloud, config)));
    return pending;
}

const started = new Map<string, Pending<FreshPlan>>();

function start(stack: string, cloud: string, config: string[]): Pending<FreshPlan> {
    // The SDK's Resource module before the plan loads (it loads no zod, so the plan's lazy zod
    // locales still go in first): its trace as the SDK makes it, before the engine's process
    // changes it. The module list is taken before the promise probe's require.
    const script = `
        const r = require("@pulumi/pulumi/resource");
        const before = r.Resource.stackTrace(0).length;
        const { runPlan } = require("./tools/engine/run-plan");
        runPlan({ stack: ${JSON.stringify(stack)}, cloud: ${JSON.stringify(cloud)}, config: ${JSON.stringify(config)} }).then(() => {
            const modules = Object.keys(require.cache);
            const p = Promise.resolve(1);
            require("@pulumi/pulumi/runtime/debuggable").debuggablePromise(p, "probe");
            const report = { modules, sourcePosition: { before, after: r.Resource.stackTrace(0).length }, promiseDebugProperties: Object.getOwnPropertyNames(p) };
            process.stdout.write(JSON.stringify(report), () => process.exit(0));
        }, (err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });`;
    const child = backgroundNode(tsNodeArgs("-e", script), { cwd: ROOT });
    return readResult(child, ({ status, signal, stdout, stderr, error }) => {
        if (status !== 0) throw new Error(`the plan of ${stack}/${cloud} ${JSON.stringify(config)} in a fresh process failed (status ${status}, signal ${signal}): ${error ?? ""}${stderr}`);
        const { modules, sourcePosition, promiseDebugProperties } = JSON.parse(stdout) as { modules: string[] } & Omit<FreshPlan, "files" | "packages">;
        return { ...loadedModules(modules), sourcePosition, promiseDebugProperties };
    });
}

function loadedModules(required: string[]): Pick<FreshPlan, "files" | "packages"> {
    const files = required.map((f) => f.split(path.sep).join("/"));
    const packages: Record<string, number> = {};
    for (const f of files) {
        const m = /node_modules\/(@pulumi\/[^/]+)\//.exec(f);
        if (m) packages[m[1]!] = (packages[m[1]!] ?? 0) + 1;
    }
    return { files, packages };
}
