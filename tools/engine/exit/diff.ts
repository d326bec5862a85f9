import { readFileSync } from "fs";
import type { Plan } from "../plan";
import { DiffReport, reportExitCode } from "../diff/compare";
import { UsageError } from "../stack-config";

/**
 * `npm run diff`'s decisions: which arguments go together, what a plan file must hold, and the
 * exit code (0 nothing dangerous; 1 a stateful resource would be replaced or deleted and
 * --allow-stateful-replace was not given; 2 usage, an unreadable plan file, a bad git ref or an
 * explicitly requested stack that does not plan; crashes: 3, tools/engine/cli.ts).
 */

/** The arguments that pick the two sides: a git ref, or two saved plans (and which stacks). */
export interface DiffSides {
    base?: string;
    basePlan?: string;
    headPlan?: string;
    stack: string[];
    cloud: string[];
}

/** Throws a UsageError naming what is wrong when the arguments do not pick exactly one way to get both sides. */
export function checkSides(opts: DiffSides): void {
    const pair = opts.basePlan !== undefined || opts.headPlan !== undefined;
    if (opts.base !== undefined && pair) throw new UsageError("give either --base <git-ref> or --base-plan/--head-plan, not both");
    if (pair && (opts.basePlan === undefined || opts.headPlan === undefined)) throw new UsageError("--base-plan and --head-plan go together");
    if (!pair && opts.base === undefined) throw new UsageError("give --base <git-ref>, or --base-plan <a.json> --head-plan <b.json>");
    if (pair && (opts.stack.length > 0 || opts.cloud.length > 0)) throw new UsageError("--stack/--cloud apply to --base only (a plan file is one stack)");
}

/** What is wrong with a file that should hold `npm run plan -- --format json` output, in words. */
export function planFileProblem(text: string): string | undefined {
    const first = text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
    if (first === "") return "is empty";
    if (first.startsWith("> ")) {
        return `starts with npm's banner line '${first.slice(0, 60)}' (npm prints it on stdout): save plans with \`npm run -s plan -- … --format json > FILE\` or \`npm run plan -- … --format json --output FILE\``;
    }
    if (/^Plan \S+ — cloud /.test(first)) return "holds the plan's text view: save it with --format json";
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (err) {
        return `is not JSON (${(err as Error).message}); it starts with '${first.slice(0, 60)}'`;
    }
    const plan = value as Partial<Plan> & { stacks?: unknown };
    if (plan === null || typeof plan !== "object" || Array.isArray(plan)) return "is JSON but not a plan object";
    if (Array.isArray(plan.stacks)) return "is a diff report (npm run diff -- --format json), not a plan";
    const missing = ["stack", "cloud", "environment", "resources", "outputs", "policy"].filter((k) => !(k in plan));
    if (missing.length > 0) return `is JSON but not a plan: ${missing.map((k) => `\`${k}\``).join(", ")} missing`;
    if (!Array.isArray(plan.resources)) return "is JSON but `resources` is not a list";
    if (!plan.policy || !Array.isArray(plan.policy.violations)) return "is JSON but `policy.violations` is not a list";
    return undefined;
}

/** A saved plan, or a UsageError naming the file and what is wrong with it. */
export function readPlan(file: string, read: (file: string) => string = (f) => readFileSync(f, "utf8")): Plan {
    let text: string;
    try {
        text = read(file);
    } catch (err) {
        throw new UsageError(`cannot read plan file ${file}: ${(err as Error).message}`);
    }
    const problem = planFileProblem(text);
    if (problem) throw new UsageError(`${file} is not a plan JSON: it ${problem}`);
    return JSON.parse(text) as Plan;
}

/**
 * A `--base` report once every stack was planned: a UsageError listing why when no stack planned
 * on the head side (there is nothing to compare); marked failed (exit 2, diffExitCode) when a
 * stack the user named with --stack/--cloud did not plan there. Unnamed stacks that do not plan
 * are only listed as skipped.
 */
export function gitReportVerdict(report: DiffReport, namedStackFailed: boolean): DiffReport & { failed?: boolean } {
    if (report.stacks.length === 0) throw new UsageError(`no stack planned on the head side: ${report.skipped.map((s) => `${s.stack}·${s.cloud}: ${s.reason}`).join("; ")}`);
    return namedStackFailed ? { ...report, failed: true } : report;
}

/**
 * The diff's exit code once it has a report: 2 when a stack the user asked for by name did not
 * plan on the head side (the report is incomplete, so "nothing dangerous" would be untrue), else
 * the report's own verdict (1 for a dangerous stateful change unless allowed, else 0).
 */
export function diffExitCode(report: DiffReport & { failed?: boolean }): number {
    return report.failed ? 2 : reportExitCode(report);
}
