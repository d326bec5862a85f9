import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Plans one stack in a fresh Node process and returns the @pulumi packages it loaded,
 * with how many modules each contributed. A fresh process is the only honest way to see
 * what a `pulumi up` of that stack would load.
 */
export function pulumiPackagesLoaded(stack: string, cloud: string): Record<string, number> {
    const script = `
        const { runPlan } = require("./tools/engine/run-plan");
        runPlan({ stack: ${JSON.stringify(stack)}, cloud: ${JSON.stringify(cloud)} }).then(() => {
            const counts = {};
            for (const file of Object.keys(require.cache)) {
                const m = /node_modules[\\\\/](@pulumi[\\\\/][^\\\\/]+)[\\\\/]/.exec(file);
                if (m) counts[m[1].replace("\\\\", "/")] = (counts[m[1].replace("\\\\", "/")] || 0) + 1;
            }
            process.stdout.write(JSON.stringify(counts));
            process.exit(0);
        }, (err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });`;
    const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
    return JSON.parse(out);
}
