import { ChildProcess, execFile } from "child_process";
import { Command, Option } from "commander";
import { availableParallelism, loadavg } from "os";
import pc from "picocolors";
import { CLOUDS, ENVIRONMENTS } from "../components/config";
import { PACK_ENFORCEMENT_LEVEL, policies } from "../policy/policies";
import { evaluatePack, PolicyPackConfigFile, reconcileConfig, toPlanViolations } from "./engine/policies";
import { countResources, type PlanViolation } from "./engine/plan";
import { violationLines } from "./engine/render-text";
import { runPlan } from "./engine/run-plan";
import { tsNodeArgs } from "./engine/ts-loader";
import { cloudListParser, exitOnUserError, parseArgs, runCli } from "./engine/cli";
import { checkExitCode, failedStatus, isFailing, PairStatus, plannedStatus, readPolicyConfig, stopExit } from "./engine/exit/check";

/**
 * `npm run check [-- --policy-config <file>] [--config KEY=VALUE ...] [--cloud <cloud> ...] [--format text|json]`
 *
 * Plans all six (cloud, environment) pairs offline (or only those of `--cloud`) and runs the
 * policy pack over each, through the same analyzer code path as
 * `pulumi preview --policy-pack policy`. In two processes when a second core is free: the
 * first cloud here, the others in one helper (checkAll below; PLATFORM_CHECK_PROCESSES=1 or 2
 * decides instead). Prints a report per pair, in the same order either way; exits 1 on any mandatory violation (or a failed plan), 2 on bad usage/stack config/policy
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

/** "1" or "2" processes; the helper process below gets "1", so it does not split its share again. */
const PROCESSES = "PLATFORM_CHECK_PROCESSES";

/**
 * Two processes pay only with a core to spare: each pays the start-up (about 1.2 s of CPU: the
 * SDK core, the policy modules, the loader), so on a busy machine the split costs more than it
 * saves. Unless PLATFORM_CHECK_PROCESSES says, split when the last minute's load average
 * leaves a core free.
 */
function twoProcesses(): boolean {
    const asked = process.env[PROCESSES];
    if (asked === "1" || asked === "2") return asked === "2";
    return availableParallelism() >= 2 && loadavg()[0]! < availableParallelism() - 1;
}

/** What the helper process ended with, when it did not report its pairs: the check stops with it. */
class HelperStop extends Error {
    constructor(readonly code: number, readonly stderr: string) {
        super(`check: the process checking the other clouds ended with ${code}`);
    }
}

/**
 * The check of `clouds` as its own `npm run check -- --format json` process, started now. Its
 * JSON report carries every pair's result (what it printed on stderr is passed on); a check it
 * stopped (exit 2 on a usage or policy config error, 3 on a crash) prints no report, and stops
 * this one the same way.
 */
function checkInHelper(clouds: string[], argv: { config: string[]; policyConfig?: string }, writeErr: (s: string) => void): { pairs: Promise<PairResult[]>; stop: () => void } {
    const args = tsNodeArgs(__filename, "--format", "json", "--cloud", clouds.join(","), ...argv.config.flatMap((c) => ["--config", c]), ...(argv.policyConfig ? ["--policy-config", argv.policyConfig] : []));
    let child: ChildProcess | undefined;
    const pairs = new Promise<PairResult[]>((resolve, reject) => {
        child = execFile(process.execPath, args, { env: { ...process.env, [PROCESSES]: "1" }, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
            let report: { pairs?: PairResult[] } | undefined;
            try {
                report = JSON.parse(stdout) as { pairs?: PairResult[] };
            } catch {
                report = undefined;
            }
            if (!Array.isArray(report?.pairs)) {
                const code = (err as { code?: unknown } | null)?.code;
                reject(new HelperStop(typeof code === "number" ? code : 3, stderr || String(err ?? "no report")));
                return;
            }
            if (stderr) writeErr(stderr);
            resolve(report.pairs);
        });
    });
    pairs.catch(() => undefined); // awaited by checkAll; a failure is handled there
    return { pairs, stop: () => child?.kill() };
}

/**
 * The pairs of `clouds`. With a second core free the first cloud is checked here while
 * one helper process checks the others, so two plans run at once; results come out in the same
 * order either way (the helper's after this process's own), so the report and the exit code
 * are what the one-process check gives. One process per cloud was measured and lost (each pays
 * the start-up again); two halves can win on wall time only with a core to spare
 * (twoProcesses), for about a start-up's worth of CPU more (README "Performance").
 */
async function checkAll(clouds: string[], argv: { config: string[]; policyConfig?: string }, policyConfig: PolicyPackConfigFile | undefined, io: { out: (s: string) => void; err: (s: string) => void }, done: (r: PairResult) => void): Promise<PairResult[]> {
    if (clouds.length < 2 || !twoProcesses()) return checkClouds(clouds, argv.config, policyConfig, done);
    const [first, ...rest] = clouds as [string, ...string[]];
    const helper = checkInHelper(rest, argv, io.err);
    let own: PairResult[];
    try {
        own = await checkClouds([first], argv.config, policyConfig, done);
    } catch (err) {
        helper.stop(); // this check stops here: the other clouds' results would not be read
        throw err;
    }
    const others = await helper.pairs;
    for (const r of others) done(r);
    return [...own, ...others];
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
        results = await checkAll(clouds, opts, policyConfig, io, (r) => {
            if (opts.format !== "json") io.out(renderPair(r) + "\n");
        });
    } catch (err) {
        if (err instanceof HelperStop) {
            io.err(err.stderr);
            return err.code;
        }
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
