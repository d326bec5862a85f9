import { writeFileSync } from "fs";
import { main as planMain } from "../plan";
import { runCli } from "./cli";

/**
 * `node -r sucrase/register/ts tools/engine/plan-batch.ts --output FILE STACK:CLOUD...`
 *
 * Plans several (stack, cloud) pairs of this tree in ONE process, one after the other, each
 * through exactly `npm run plan -- --stack STACK --cloud CLOUD --format json` (tools/plan.ts's
 * own `main`), so the SDKs load once instead of once per pair. `npm run diff -- --base` runs
 * one of these per side. Writes `[{stack, cloud, exitCode, plan?, message?}]` to FILE (a file,
 * not stdout: see plan-sides.ts) and prints `planned STACK · CLOUD (exit N)` on stderr as each
 * pair finishes, for the caller's progress lines. A pair that fails (exit 2 bad config,
 * 3 the program threw) is reported and the next pair still runs.
 */

export interface BatchEntry {
    stack: string;
    cloud: string;
    /** tools/plan.ts's exit code: 0 clean, 1 mandatory violations, 2 bad config or usage, 3 the program failed. */
    exitCode: number;
    /** The plan's JSON text, for exit 0 and 1. */
    plan?: string;
    /** What went wrong, for exit 2 and 3. */
    message?: string;
}

export async function planBatch(pairs: Array<{ stack: string; cloud: string }>, progress: (entry: BatchEntry) => void): Promise<BatchEntry[]> {
    const entries: BatchEntry[] = [];
    for (const { stack, cloud } of pairs) {
        let out = "";
        let err = "";
        let exitCode: number;
        try {
            exitCode = await planMain(["--stack", stack, "--cloud", cloud, "--format", "json"], { out: (s) => (out += s), err: (s) => (err += s) });
        } catch (e) {
            // What runCli does with a bug in a one-pair run: exit 3 with the stack.
            exitCode = 3;
            err += `plan failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`;
        }
        const entry: BatchEntry = exitCode === 0 || exitCode === 1 ? { stack, cloud, exitCode, plan: out } : { stack, cloud, exitCode, message: err };
        entries.push(entry);
        progress(entry);
    }
    return entries;
}

function parsePairs(argv: string[]): { output: string; pairs: Array<{ stack: string; cloud: string }> } {
    const at = argv.indexOf("--output");
    const output = at >= 0 ? argv[at + 1] : undefined;
    const rest = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv;
    if (!output || rest.length === 0) throw new Error("usage: plan-batch.ts --output FILE STACK:CLOUD...");
    return {
        output,
        pairs: rest.map((p) => {
            const [stack, cloud] = p.split(":");
            if (!stack || !cloud) throw new Error(`plan-batch: ${JSON.stringify(p)} is not STACK:CLOUD`);
            return { stack, cloud };
        }),
    };
}

if (require.main === module) {
    runCli("plan-batch", async () => {
        const { output, pairs } = parsePairs(process.argv.slice(2));
        const entries = await planBatch(pairs, (e) => process.stderr.write(`planned ${e.stack} · ${e.cloud} (exit ${e.exitCode})\n`));
        writeFileSync(output, JSON.stringify(entries));
        return 0;
    });
}
