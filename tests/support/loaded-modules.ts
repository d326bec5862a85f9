import { execFileSync } from "child_process";
import * as path from "path";
import { tsNodeArgs } from "../../tools/engine/ts-loader";

const ROOT = path.resolve(__dirname, "..", "..");

export interface LoadedModules {
    /** Every module file the plan loaded, with `/` separators. */
    files: string[];
    /** Module count per @pulumi package. */
    packages: Record<string, number>;
}

/**
 * Plans one stack in a fresh Node process and reports what it loaded. A fresh process is the
 * only honest way to see what a `pulumi up` of that stack would load.
 */
export function modulesLoadedBy(stack: string, cloud: string, config: string[] = []): LoadedModules {
    const script = `
        const { runPlan } = require("./tools/engine/run-plan");
        runPlan({ stack: ${JSON.stringify(stack)}, cloud: ${JSON.stringify(cloud)}, config: ${JSON.stringify(config)} }).then(() => {
            process.stdout.write(JSON.stringify(Object.keys(require.cache)), () => process.exit(0));
        }, (err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });`;
    const out = execFileSync(process.execPath, tsNodeArgs("-e", script), { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
    const files = (JSON.parse(out) as string[]).map((f) => f.split(path.sep).join("/"));
    const packages: Record<string, number> = {};
    for (const f of files) {
        const m = /node_modules\/(@pulumi\/[^/]+)\//.exec(f);
        if (m) packages[m[1]!] = (packages[m[1]!] ?? 0) + 1;
    }
    return { files, packages };
}
