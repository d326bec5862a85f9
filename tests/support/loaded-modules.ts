import * as path from "path";
import { tsNodeArgs } from "../../tools/engine/ts-loader";
import { backgroundNode, Pending, readResult } from "./background-child";

const ROOT = path.resolve(__dirname, "..", "..");

export interface LoadedModules {
    /** Every module file the plan loaded, with `/` separators. */
    files: string[];
    /** Module count per @pulumi package. */
    packages: Record<string, number>;
}

/**
 * Plans one stack in a fresh Node process and reports what it loaded. A fresh process is the
 * only honest way to see what a `pulumi up` of that stack would load. The process starts now, in
 * the background (tests/support/background-child.ts): call this when the spec file loads and
 * await the result in the spec.
 */
export function modulesLoadedBy(stack: string, cloud: string, config: string[] = []): Pending<LoadedModules> {
    const script = `
        const { runPlan } = require("./tools/engine/run-plan");
        runPlan({ stack: ${JSON.stringify(stack)}, cloud: ${JSON.stringify(cloud)}, config: ${JSON.stringify(config)} }).then(() => {
            process.stdout.write(JSON.stringify(Object.keys(require.cache)), () => process.exit(0));
        }, (err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });`;
    const child = backgroundNode(tsNodeArgs("-e", script), { cwd: ROOT });
    return readResult(child, ({ status, signal, stdout, stderr, error }) => {
        if (status !== 0) throw new Error(`the plan of ${stack}/${cloud} ${JSON.stringify(config)} in a fresh process failed (status ${status}, signal ${signal}): ${error ?? ""}${stderr}`);
        return loadedModules(JSON.parse(stdout) as string[]);
    });
}

function loadedModules(required: string[]): LoadedModules {
    const files = required.map((f) => f.split(path.sep).join("/"));
    const packages: Record<string, number> = {};
    for (const f of files) {
        const m = /node_modules\/(@pulumi\/[^/]+)\//.exec(f);
        if (m) packages[m[1]!] = (packages[m[1]!] ?? 0) + 1;
    }
    return { files, packages };
}
