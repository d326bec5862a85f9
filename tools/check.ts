import { Command, Option } from "commander";
import pc from "picocolors";
import { CLOUD_PLUGINS } from "../providers/registry";
import { cloudListParser, exitOnUserError, parseArgs, runCli, CliIo, PROCESS_IO } from "./engine/cli";
import type { PairResult } from "./engine/check-pairs";

/** The clouds, in the registry's order (as components/config's CLOUDS, without loading the config schema). */
const CLOUDS = Object.keys(CLOUD_PLUGINS);

/**
 * `npm run check [-- --policy-config <file>] [--config KEY=VALUE ...] [--cloud <cloud> ...] [--format text|json]`
 *
 * Plans all six (cloud, environment) pairs offline (or only those of `--cloud`) and runs the
 * policy pack over each, through the same analyzer code path as
 * `pulumi preview --policy-pack policy`. All in one process: one child per cloud was measured
 * (npm run bench) and lost, 1.6× slower on this 2-core machine, each child paying the start-up
 * (SDK core, policy modules, the loader's transpiling) again. Prints a report per
 * pair; exits 1 on any mandatory violation (or a failed plan), 2 on bad usage/stack config/policy
 * config, 0 otherwise. A cloud whose
 * implementation is not available yet (its registry entry throws "not available yet") is
 * reported as skipped; any other error fails the check. The decisions live in
 * tools/engine/exit/check.ts.
 */

export async function main(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
    const program = new Command("check")
        .description("Plan all six (cloud, environment) pairs offline and run the policy pack over each.")
        .option("--policy-config <file>", "policy pack config JSON (same format as pulumi --policy-pack-config)")
        .option("--config <KEY=VALUE>", "config override for every pair, path-style (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
        .addOption(new Option("--cloud <cloud>", `check only this cloud's pairs (repeatable or comma-separated; default: ${CLOUDS.join(", ")})`).argParser(cloudListParser(CLOUDS)).default([]))
        .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"));
    let stop: number | undefined;
    try {
        stop = parseArgs(program, argv, io.err);
    } catch (err) {
        return exitOnUserError(err, io.err, "check: "); // a bad --cloud, in the words diff uses
    }
    if (stop !== undefined) return stop;
    const opts = program.opts<{ policyConfig?: string; config: string[]; cloud: string[]; format: string }>();
    let results: PairResult[];
    // Loaded once the arguments parse: `--help` and a usage error need no SDK nor policy pack.
    const [{ checkClouds, renderPair }, { PACK_ENFORCEMENT_LEVEL, policies }, { reconcileConfig }, { checkExitCode, isFailing, readPolicyConfig, stopExit }] =
        await Promise.all([import("./engine/check-pairs"), import("../policy/policies"), import("./engine/policies"), import("./engine/exit/check")]);
    try {
        const policyConfig = readPolicyConfig(opts.policyConfig, (c) => reconcileConfig(policies, PACK_ENFORCEMENT_LEVEL, c)); // fail fast, before planning
        const clouds = opts.cloud.length > 0 ? [...new Set(opts.cloud)] : [...CLOUDS];
        results = await checkClouds(clouds, opts.config, policyConfig, (r) => {
            if (opts.format !== "json") io.out(renderPair(r) + "\n");
        });
    } catch (err) {
        return stopExit(err, io.err);
    }
    const mandatory = results.reduce((n, r) => n + r.violations.filter((v) => v.level === "mandatory").length, 0);
    const failedPairs = results.filter((r) => isFailing(r.status));
    if (opts.format === "json") {
        io.out(JSON.stringify({ pairs: results, mandatory }, null, 2) + "\n");
    } else {
        const checked = results.filter((r) => r.status !== "skipped").length;
        const skipped = results.length - checked;
        const summary = `check: ${checked} pair(s) checked, ${skipped} skipped, ${mandatory} mandatory violation(s), ${failedPairs.length} failing pair(s)`;
        io.out((failedPairs.length ? pc.red(summary) : pc.green(summary)) + "\n");
    }
    return checkExitCode(results.map((r) => r.status));
}

if (require.main === module) runCli("check", () => main(process.argv.slice(2)));
