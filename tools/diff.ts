import { Command, Option } from "commander";
import { readFileSync, writeFileSync } from "fs";
import { resolve } from "path";
import type { Plan } from "./engine/plan";
import { comparePlans, DiffReport, emptyPlan, reportExitCode, StackDiff } from "./engine/diff/compare";
import { addWorktree, GitError, planInChild, PlanOutcome, repoRootOf, Worktree } from "./engine/diff/plan-sides";
import { renderReportMarkdown } from "./engine/diff/render-markdown";
import { renderReportText } from "./engine/diff/render-text";
import { parseArgs, runCli } from "./engine/cli";

/**
 * `npm run diff -- --base <git-ref> [--stack <name>...] [--cloud <cloud>...] [--format text|markdown] [--output <file>] [--allow-stateful-replace]`
 * `npm run diff -- --base-plan <a.json> --head-plan <b.json> [...]`
 *
 * Exit codes: 0 nothing dangerous; 1 a stateful resource would be replaced or deleted (and
 * --allow-stateful-replace was not given); 2 usage error, unreadable plan file, bad git ref,
 * or an explicitly requested stack that does not plan.
 */

const CLOUDS = ["aws", "gcp", "azure"];
const STACKS = ["production", "staging"];

class UsageError extends Error {}

interface Options {
    base?: string;
    basePlan?: string;
    headPlan?: string;
    stack: string[];
    cloud: string[];
    format: "text" | "markdown";
    output?: string;
    allowStatefulReplace: boolean;
}

const collect = (v: string, acc: string[]) => [...acc, ...v.split(",").map((s) => s.trim()).filter(Boolean)];

function readPlan(file: string): Plan {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (err) {
        throw new UsageError(`cannot read plan file ${file}: ${(err as Error).message}`);
    }
    try {
        const plan = JSON.parse(text) as Plan;
        if (!Array.isArray(plan.resources) || !plan.policy || !Array.isArray(plan.policy.violations)) throw new Error("not a plan: resources or policy.violations missing");
        return plan;
    } catch (err) {
        throw new UsageError(`${file} is not a plan JSON (npm run plan -- --format json): ${(err as Error).message}`);
    }
}

async function fromGit(opts: Options, log: (s: string) => void): Promise<DiffReport> {
    const root = repoRootOf(resolve(__dirname, ".."));
    const explicit = opts.cloud.length > 0 || opts.stack.length > 0;
    const stacks = opts.stack.length > 0 ? opts.stack : STACKS;
    const clouds = opts.cloud.length > 0 ? opts.cloud : CLOUDS;
    const report: DiffReport = { baseLabel: opts.base!, headLabel: "working tree", stacks: [], skipped: [], allowStatefulReplace: opts.allowStatefulReplace };

    let worktree: Worktree;
    try {
        worktree = addWorktree(root, opts.base!);
    } catch (err) {
        throw new UsageError(err instanceof GitError ? `cannot check out base ${opts.base}: ${err.message}` : String(err));
    }
    report.baseLabel = `${opts.base} (${worktree.commit.slice(0, 12)})`;
    let failedExplicit = false;
    try {
        for (const stack of stacks) {
            for (const cloud of clouds) {
                log(`planning ${stack} · ${cloud}: head`);
                const head = await planInChild(root, stack, cloud);
                if (!head.ok) {
                    report.skipped.push({ stack, cloud, reason: `head does not plan (exit ${head.exitCode}): ${head.message}` });
                    if (explicit) failedExplicit = true;
                    continue;
                }
                log(`planning ${stack} · ${cloud}: base`);
                const base: PlanOutcome = await planInChild(worktree.path, stack, cloud);
                const diff: StackDiff = base.ok
                    ? comparePlans(base.plan, head.plan)
                    : comparePlans(emptyPlan(head.plan.stack, head.plan.cloud, head.plan.environment), head.plan, [
                          `The base could not be planned (exit ${base.exitCode}: ${base.message}); every head resource is shown as added.`,
                      ]);
                report.stacks.push(diff);
            }
        }
    } finally {
        worktree.remove();
    }
    if (report.stacks.length === 0) throw new UsageError(`no stack planned on the head side: ${report.skipped.map((s) => `${s.stack}·${s.cloud}: ${s.reason}`).join("; ")}`);
    if (failedExplicit) (report as DiffReport & { failed?: boolean }).failed = true;
    return report;
}

export async function main(argv: string[], io: { out: (s: string) => void; err: (s: string) => void } = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
    const program = new Command("diff")
        .description("Compare two plans (a git ref against the working tree, or two saved plan JSON files) and report what a reviewer must see.")
        .option("--base <git-ref>", "plan this ref (in a temporary git worktree) as the base, and the working tree as the head")
        .option("--base-plan <file>", "saved base plan JSON (npm run plan -- --format json)")
        .option("--head-plan <file>", "saved head plan JSON")
        .option("--stack <name>", `stack(s) to compare with --base (repeatable or comma-separated; default ${STACKS.join(", ")})`, collect, [] as string[])
        .addOption(new Option("--cloud <cloud>", `cloud(s) to compare with --base (default: every one that plans on the head)`).argParser((v: string, acc: string[] = []) => {
            const values = collect(v, acc);
            for (const c of values) if (!CLOUDS.includes(c)) throw new UsageError(`--cloud ${JSON.stringify(c)}: allowed: one of ${CLOUDS.join(", ")}`);
            return values;
        }).default([]))
        .addOption(new Option("--format <format>", "report format").choices(["text", "markdown"]).default("text"))
        .option("--output <file>", "write the report to a file instead of stdout")
        .option("--allow-stateful-replace", "exit 0 even when a stateful resource would be replaced or deleted", false)
        .configureOutput({ writeOut: io.out });
    let opts: Options;
    try {
        const stop = parseArgs(program, argv, io.err);
        if (stop !== undefined) return stop;
        opts = program.opts<Options>();
        const pair = opts.basePlan !== undefined || opts.headPlan !== undefined;
        if (opts.base !== undefined && pair) throw new UsageError("give either --base <git-ref> or --base-plan/--head-plan, not both");
        if (pair && (opts.basePlan === undefined || opts.headPlan === undefined)) throw new UsageError("--base-plan and --head-plan go together");
        if (!pair && opts.base === undefined) throw new UsageError("give --base <git-ref>, or --base-plan <a.json> --head-plan <b.json>");
        if (pair && (opts.stack.length > 0 || opts.cloud.length > 0)) throw new UsageError("--stack/--cloud apply to --base only (a plan file is one stack)");
    } catch (err) {
        const code = (err as { exitCode?: number; code?: string }).exitCode;
        if (code === 0) return 0;
        if (err instanceof UsageError) io.err(`diff: ${err.message}\n`);
        return 2;
    }

    let report: DiffReport & { failed?: boolean };
    try {
        if (opts.base !== undefined) {
            report = await fromGit(opts, (s) => io.err(`${s}\n`));
        } else {
            const base = readPlan(opts.basePlan!);
            const head = readPlan(opts.headPlan!);
            report = { baseLabel: opts.basePlan!, headLabel: opts.headPlan!, stacks: [comparePlans(base, head)], skipped: [], allowStatefulReplace: opts.allowStatefulReplace };
        }
    } catch (err) {
        if (err instanceof UsageError) {
            io.err(`diff: ${err.message}\n`);
            return 2;
        }
        throw err;
    }
    const text = opts.format === "markdown" ? renderReportMarkdown(report) : renderReportText(report);
    if (opts.output) writeFileSync(opts.output, text);
    else io.out(text);
    if (report.failed) return 2;
    return reportExitCode(report);
}

if (require.main === module) {
    runCli("diff", () => main(process.argv.slice(2)));
}
