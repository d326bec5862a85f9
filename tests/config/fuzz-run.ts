/**
 * `npm run fuzz [-- <runs>]`: the long config fuzz (default 3,000 mutations of both committed
 * stack files). Prints the exit-code counts and the first crash with its stack file; exits 1
 * on a crash. FUZZ_SEED reproduces a run.
 */
import fc from "fast-check";
import { assertClean, mutation, planMutation } from "./fuzz";

async function main(): Promise<number> {
    const runs = Number(process.argv[2] ?? process.env.FUZZ_RUNS ?? 3000);
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    const codes: Record<number, number> = {};
    const started = Date.now();
    let done = 0;
    const result = await fc.check(
        fc.asyncProperty(mutation, async (m) => {
            const o = await planMutation(m);
            codes[o.exitCode] = (codes[o.exitCode] ?? 0) + 1;
            if (++done % 250 === 0) process.stderr.write(`${done} mutations, ${JSON.stringify(codes)}\n`);
            assertClean(o, m);
        }),
        { numRuns: runs, seed, endOnFailure: true },
    );
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`fuzz: ${done} mutations in ${secs} s (seed ${seed}), exit codes ${JSON.stringify(codes)}\n`);
    if (result.failed) {
        process.stdout.write(`CRASH: ${String(result.errorInstance)}\n`);
        return 1;
    }
    return 0;
}

main().then((code) => process.exit(code), (err) => { process.stderr.write(`fuzz failed: ${err?.stack ?? err}\n`); process.exit(3); });
