// One measured plan in a fresh process: prints {ms, maxRssKb, resources, modules} as JSON.
// Run precompiled (bin/) by tools/bench.ts, so the figure is the program, not the compiler.
// With BENCH_RECORDING=<file>, also writes the registrations for tools/bench/replay-child.ts.
const started = process.hrtime.bigint();
import * as fs from "fs";
// First, as in every engine process (tools/engine/run-plan.ts imports it too, but engine/plan loads the SDK before it).
import "../engine/lazy-sdk-modules";
import { countResources } from "../engine/plan";
import { runPlan } from "../engine/run-plan";
import { toReplay } from "./recording";

async function main(): Promise<void> {
    const [stack, cloud, ...config] = process.argv.slice(2);
    const { plan, recorded } = await runPlan({ stack: stack!, cloud, config });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const modules = Object.keys(require.cache).filter((f) => /node_modules[\\/]@pulumi[\\/]/.test(f));
    if (process.env.BENCH_RECORDING) fs.writeFileSync(process.env.BENCH_RECORDING, JSON.stringify(toReplay(recorded)));
    process.stdout.write(JSON.stringify({
        ms,
        maxRssKb: process.resourceUsage().maxRSS,
        resources: countResources(plan.resources).resources,
        modules,
    }));
}

main().then(() => process.exit(0), (err) => {
    process.stderr.write(String(err?.stack ?? err));
    process.exit(1);
});
