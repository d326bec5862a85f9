// One measured plan in a fresh process: prints {ms, maxRssKb, resources, modules} as JSON.
// Run precompiled (bin/) by tools/bench.ts, so the figure is the program, not the compiler.
const started = process.hrtime.bigint();
import { runPlan } from "../engine/run-plan";

async function main(): Promise<void> {
    const [stack, cloud, ...config] = process.argv.slice(2);
    const { plan } = await runPlan({ stack: stack!, cloud, config });
    const modules = Object.keys(require.cache).filter((f) => /node_modules[\\/]@pulumi[\\/]/.test(f));
    process.stdout.write(JSON.stringify({
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        maxRssKb: process.resourceUsage().maxRSS,
        resources: plan.resources.filter((r) => r.custom).length,
        modules,
    }));
}

main().then(() => process.exit(0), (err) => {
    process.stderr.write(String(err?.stack ?? err));
    process.exit(1);
});
