import { Command, Option } from "commander";
import pc from "picocolors";
import { CLOUDS, ENVIRONMENTS } from "../components/config";
import { PACK_ENFORCEMENT_LEVEL, policies } from "../policy/policies";
import { evaluatePack, PolicyPackConfigFile, reconcileConfig, toPlanViolations } from "./engine/policies";
import { countResources, type PlanViolation } from "./engine/plan";
import { violationLines } from "./engine/render-text";
import { runPlan } from "./engine/run-plan";
import { cloudListParser, exitOnUserError, parseArgs, runCli } from "./engine/cli";
import { checkExitCode, failedStatus, isFailing, PairStatus, plannedStatus, readPolicyConfig, stopExit } from "./engine/exit/check";

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

interface PairResult {
    stack: string;
    cloud: string;
    status: PairStatus;
    resources: number;
    violations: PlanViolation[];
    note?: string;
}

async function checkPair(stack: string, cloud: string, config: string[], policyConfig?: PolicyPackConfigFile): Promise<PairResult> {
    try {
        const run = await runPlan({ stack, cloud, config });
        const violations = toPlanViolations(await evaluatePack(run.recorded, { config: policyConfig }));
        return { stack, cloud, status: plannedStatus(violations), resources: countResources(run.plan.resources).resources, violations };
    } catch (err) {
        return { stack, cloud, resources: 0, violations: [], ...failedStatus(err) };
    }
}

function renderPair(r: PairResult): string {
    const title = `${r.cloud}/${r.stack}`;
    const lines: string[] = [];
    const count = (level: string) => r.violations.filter((v) => v.level === level).length;
    switch (r.status) {
        case "skipped":
            lines.push(`${pc.yellow("SKIP")} ${title}: ${r.note}`);
            return lines.join("\n");
        case "config-error":
        case "error":
            lines.push(`${pc.red("ERROR")} ${title}: the plan failed\n    ${String(r.note).split("\n").join("\n    ")}`);
            return lines.join("\n");
        default:
            lines.push(
                `${r.status === "ok" ? pc.green("PASS") : pc.red("FAIL")} ${title}: ${r.resources} resources, ` +
                    `${count("mandatory")} mandatory, ${count("advisory")} advisory violation(s)`,
            );
    }
    for (const v of r.violations) lines.push(...violationLines(v));
    return lines.join("\n");
}

/** The pairs of `clouds`, planned one after the other in this process (the SDKs of those clouds load here). */
async function checkClouds(clouds: string[], config: string[], policyConfig: PolicyPackConfigFile | undefined, done: (r: PairResult) => void): Promise<PairResult[]> {
    const results: PairResult[] = [];
    for (const cloud of clouds) {
        for (const stack of ENVIRONMENTS) {
            const r = await checkPair(stack, cloud, config, policyConfig);
            results.push(r);
            done(r);
        }
    }
    return results;
}

export async function main(argv: string[], io: { out: (s: string) => void; err: (s: string) => void } = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
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
