import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { REPO_ROOT } from "../engine/stack-config";

/**
 * Runs the stack's `runBeforeDeploy` jobs (migrations) before the full `pulumi up`, and stops
 * the deploy when one fails. `node -r sucrase/register/ts tools/ci/before-deploy-jobs.ts
 * <before|after> --stack <stack> --pulumi-stack <org>/<stack>`:
 *
 * - before: for every `runBeforeDeploy` job of the committed stack file that the stack already
 *   has (its `jobs.<name>` stack output exists), `pulumi up --target <the Job component's URN>
 *   --target-dependents` (its children depend on it, so the job definition takes the new image
 *   and nothing else changes; https://www.pulumi.com/docs/iac/guides/basics/targeted-updates/),
 *   then each job's `runCommand` output, one at a time, stopping at the first failure.
 *   A job the stack does not have yet (first deploy, or a job added in this change) cannot be
 *   targeted: its dependencies (network, database, cluster) may not exist. It is left to `after`.
 * - after (following the full `pulumi up`): runs the jobs `before` left out (`--jobs a,b`, which
 *   `before` writes to $GITHUB_OUTPUT as `deferred`).
 *
 * Needs the Pulumi CLI on PATH (pulumi/actions without `command` installs it).
 */

export interface JobOutput {
    runCommand: string;
    runBeforeDeploy: boolean;
}

/** `platform:jobs.<name>.runBeforeDeploy` of the committed stack file, sorted. */
export function jobsBeforeDeploy(stackFile: string): string[] {
    const config = (parse(fs.readFileSync(stackFile, "utf8")) ?? {}).config ?? {};
    const jobs = (config["platform:jobs"] ?? {}) as Record<string, { runBeforeDeploy?: boolean }>;
    return Object.keys(jobs).filter((n) => jobs[n]?.runBeforeDeploy === true).sort();
}

/** The Job component's URN: a root-level component `platform:components:Job` named `job-<name>` (components/platform.ts). */
export function jobUrn(stack: string, project: string, job: string): string {
    return `urn:pulumi:${stack}::${project}::platform:components:Job::job-${job}`;
}

export interface Phase {
    /** Jobs to update with a targeted up, then run. */
    run: string[];
    /** Jobs the stack does not have yet: `after` runs them. */
    deferred: string[];
}

/** Which jobs run now: `before` takes the deployed ones, `after` the rest. */
export function splitJobs(wanted: string[], deployed: Record<string, JobOutput> | undefined): Phase {
    const has = (n: string) => deployed?.[n] !== undefined;
    return { run: wanted.filter(has), deferred: wanted.filter((n) => !has(n)) };
}

export interface Runner {
    /** Runs a command; returns its exit status (stdout is returned for `capture`). */
    exec(command: string, args: string[], capture?: boolean): { status: number; stdout: string };
    log(line: string): void;
}

const spawnRunner: Runner = {
    exec(command, args, capture) {
        const r = spawnSync(command, args, { stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit", encoding: "utf8" });
        return { status: r.status ?? 1, stdout: r.stdout ?? "" };
    },
    log: (line) => console.log(line),
};

/** `pulumi stack output jobs --json`; undefined when the stack has no such output yet (first deploy). */
export function deployedJobs(runner: Runner, pulumiStack: string): Record<string, JobOutput> | undefined {
    const r = runner.exec("pulumi", ["stack", "output", "jobs", "--json", "--stack", pulumiStack], true);
    if (r.status !== 0 || r.stdout.trim() === "") return undefined;
    try {
        return JSON.parse(r.stdout) as Record<string, JobOutput>;
    } catch {
        return undefined;
    }
}

/** Runs the jobs' commands in order; the name of the first that fails, or undefined. */
export function runJobs(runner: Runner, jobs: string[], outputs: Record<string, JobOutput>): string | undefined {
    for (const name of jobs) {
        const command = outputs[name]?.runCommand;
        if (!command) return name;
        runner.log(`Running job ${name} before the services roll`);
        if (runner.exec("bash", ["-euo", "pipefail", "-c", command]).status !== 0) return name;
    }
    return undefined;
}

export interface Options {
    phase: "before" | "after";
    stack: string;
    pulumiStack: string;
    /** after: the jobs `before` deferred. */
    jobs?: string[];
    root?: string;
    /** Where `before` writes `deferred=<names>` (GitHub's $GITHUB_OUTPUT). */
    githubOutput?: string;
}

/** The exit code: 0 done, 1 a job (or the targeted up) failed, 2 usage. */
export function main(o: Options, runner: Runner = spawnRunner): number {
    const root = o.root ?? REPO_ROOT;
    const project = String(parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")).name);
    const wanted = jobsBeforeDeploy(path.join(root, `Pulumi.${o.stack}.yaml`));
    if (wanted.length === 0) {
        runner.log("No runBeforeDeploy jobs.");
        return 0;
    }
    if (o.phase === "before") {
        const { run, deferred } = splitJobs(wanted, deployedJobs(runner, o.pulumiStack));
        for (const n of deferred) runner.log(`Job ${n} is not deployed yet: it runs after this deploy's pulumi up`);
        if (o.githubOutput) fs.appendFileSync(o.githubOutput, `deferred=${deferred.join(",")}\n`);
        if (run.length === 0) return 0;
        const targets = run.flatMap((n) => ["--target", jobUrn(o.stack, project, n)]);
        if (runner.exec("pulumi", ["up", "--yes", "--non-interactive", "--stack", o.pulumiStack, "--policy-pack", "policy", ...targets, "--target-dependents"]).status !== 0) {
            runner.log("The targeted pulumi up of the jobs failed: the deploy stops.");
            return 1;
        }
        const outputs = deployedJobs(runner, o.pulumiStack) ?? {};
        const failed = runJobs(runner, run, outputs);
        if (failed) runner.log(`Job ${failed} failed: the deploy stops before the services roll.`);
        return failed ? 1 : 0;
    }
    // after: the jobs `before` could not run (they exist now), and only runBeforeDeploy ones.
    const pending = (o.jobs ?? []).filter((n) => wanted.includes(n));
    if (pending.length === 0) return 0;
    const failed = runJobs(runner, pending, deployedJobs(runner, o.pulumiStack) ?? {});
    if (failed) runner.log(`Job ${failed} failed after the deploy.`);
    return failed ? 1 : 0;
}

function parseArgs(argv: string[]): Options | string {
    const [phase, ...rest] = argv;
    if (phase !== "before" && phase !== "after") return "usage: before-deploy-jobs.ts <before|after> --stack <stack> --pulumi-stack <org>/<stack>";
    const value = (flag: string) => { const i = rest.indexOf(flag); return i >= 0 ? rest[i + 1] : undefined; };
    const stack = value("--stack");
    const pulumiStack = value("--pulumi-stack");
    if (!stack || !pulumiStack) return "--stack and --pulumi-stack are required";
    const jobs = (value("--jobs") ?? "").split(",").filter(Boolean);
    return { phase, stack, pulumiStack, jobs, githubOutput: process.env.GITHUB_OUTPUT };
}

if (require.main === module) {
    const o = parseArgs(process.argv.slice(2));
    if (typeof o === "string") {
        console.error(o);
        process.exit(2);
    }
    process.exit(main(o));
}
