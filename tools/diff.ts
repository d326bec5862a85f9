import { Command, Option } from "commander";
import { writeFileSync } from "fs";
import { resolve } from "path";
import { comparePlans, DiffReport, emptyPlan, StackDiff } from "./engine/diff/compare";
import { addWorktree, GitError, headLabelOf, pairKey, planSide, repoRootOf, StackPair, Worktree } from "./engine/diff/plan-sides";
import { renderReportJson } from "./engine/diff/render-json";
import { renderComment, renderReportMarkdown } from "./engine/diff/render-markdown";
import { renderReportText } from "./engine/diff/render-text";
import { cloudListParser, collectList, exitOnUserError, parseArgs, runCli, CliIo, PROCESS_IO } from "./engine/cli";
import { checkSides, diffExitCode, gitReportVerdict, readPlan } from "./engine/exit/diff";
import { UsageError } from "./engine/stack-config";
import { CLOUD_PLUGINS } from "../providers/registry";

/**
 * `npm run -s diff -- --base <git-ref> [--stack <name>...] [--cloud <cloud>...] [--format text|markdown|json] [--output <file>] [--allow-stateful-replace]`
 * `npm run -s diff -- --base-plan <a.json> --head-plan <b.json> [...]`
 * PR comment: `[--comment-output <file>|-] [--artifact <name>] [--run-url <url>] [--head-sha <sha>]`
 *
 * Exit codes: 0 nothing dangerous; 1 a stateful resource would be (or may be) replaced or
 * deleted (and --allow-stateful-replace was not given); 2 usage error, unreadable plan file,
 * bad git ref, or an explicitly requested stack that does not plan; 3 a crash (the decisions:
 * tools/engine/exit/diff.ts, tools/engine/cli.ts).
 */

const CLOUDS: string[] = Object.keys(CLOUD_PLUGINS);
const STACKS = ["production", "staging"];

interface Options {
    base?: string;
    basePlan?: string;
    headPlan?: string;
    stack: string[];
    cloud: string[];
    format: "text" | "markdown" | "json";
    output?: string;
    commentOutput?: string;
    artifact?: string;
    runUrl?: string;
    headSha?: string;
    allowStatefulReplace: boolean;
}

/** The CI run to link from the comment: --run-url, else GitHub Actions' own variables. */
function runUrlOf(opts: Options, env: NodeJS.ProcessEnv): string | undefined {
    if (opts.runUrl) return opts.runUrl;
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
    return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}

async function fromGit(opts: Options, log: (s: string) => void): Promise<DiffReport> {
    const root = repoRootOf(resolve(__dirname, ".."));
    const explicit = opts.cloud.length > 0 || opts.stack.length > 0;
    const stacks = opts.stack.length > 0 ? opts.stack : STACKS;
    const clouds = opts.cloud.length > 0 ? opts.cloud : CLOUDS;
    const headSha = opts.headSha ?? process.env.GITHUB_SHA;
    const headLabel = headSha ? headSha.slice(0, 12) : headLabelOf(root);
    const report: DiffReport = { baseLabel: opts.base!, headLabel, stacks: [], skipped: [], allowStatefulReplace: opts.allowStatefulReplace };

    let worktree: Worktree;
    try {
        worktree = addWorktree(root, opts.base!, log);
    } catch (err) {
        throw new UsageError(err instanceof GitError ? `cannot check out base ${opts.base}: ${err.message}` : String(err));
    }
    report.baseLabel = `${opts.base} (${worktree.commit.slice(0, 12)})`;
    const baseNotes = worktree.dependencies === "installed" ? ["The base was planned with its own dependencies (its package-lock.json differs from the head's): provider SDK changes show up as changes."] : [];
    let failedExplicit = false;
    // Ctrl-C or a CI cancel mid-plan must not leave the base's worktree registered in the repository:
    // remove it, then die of the same signal (the shell and CI see the usual 130 / 143).
    const onSignal = (signal: NodeJS.Signals) => {
        worktree.remove();
        process.kill(process.pid, signal);
    };
    process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
    try {
        const pairs: StackPair[] = stacks.flatMap((stack) => clouds.map((cloud) => ({ stack, cloud })));
        const planned = (side: string) => (p: StackPair, exitCode: number) => log(`planned ${p.stack} · ${p.cloud}: ${side}${exitCode > 1 ? ` (failed, exit ${exitCode})` : ""}`);
        log(`planning ${pairs.length} stack(s) on each side, head and base at once`);
        const [heads, bases] = await Promise.all([planSide(root, pairs, planned("head")), planSide(worktree.path, pairs, planned("base"))]);
        for (const pair of pairs) {
            const { stack, cloud } = pair;
            const head = heads.get(pairKey(pair))!;
            if (!head.ok) {
                report.skipped.push({ stack, cloud, reason: `head does not plan (exit ${head.exitCode}): ${head.message}` });
                if (explicit) failedExplicit = true;
                continue;
            }
            const base = bases.get(pairKey(pair))!;
            const diff: StackDiff = base.ok
                ? comparePlans(base.plan, head.plan, baseNotes)
                : comparePlans(emptyPlan(head.plan.stack, head.plan.cloud, head.plan.environment), head.plan, [
                      ...baseNotes,
                      `The base could not be planned (exit ${base.exitCode}: ${base.message}); every head resource is shown as added.`,
                  ]);
            report.stacks.push(diff);
        }
    } finally {
        process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
        worktree.remove();
    }
    return gitReportVerdict(report, failedExplicit);
}

export async function main(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
    const program = new Command("diff")
        .description("Compare two plans (a git ref against the working tree, or two saved plan JSON files) and report what a reviewer must see.")
        .option("--base <git-ref>", "plan this ref (in a temporary git worktree) as the base, and the working tree as the head")
        .option("--base-plan <file>", "saved base plan JSON (npm run plan -- --format json)")
        .option("--head-plan <file>", "saved head plan JSON")
        .option("--stack <name>", `stack(s) to compare with --base (repeatable or comma-separated; default ${STACKS.join(", ")})`, collectList, [] as string[])
        .addOption(new Option("--cloud <cloud>", `cloud(s) to compare with --base (default: every one that plans on the head)`).argParser(cloudListParser(CLOUDS)).default([]))
        .addOption(new Option("--format <format>", "report format").choices(["text", "markdown", "json"]).default("text"))
        .option("--output <file>", "write the full report to a file instead of stdout (Markdown is never shortened there)")
        .option("--comment-output <file>", "also write the Markdown report shortened to fit a PR comment (65,536 characters) to <file>, or - for stdout")
        .option("--artifact <name>", "name of the workflow artifact holding the full report, for the comment's truncation note")
        .option("--run-url <url>", "workflow run to link from the report (default: from GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID)")
        .option("--head-sha <sha>", "commit to label the head with (default: GITHUB_SHA, else the checked-out commit)")
        .option("--allow-stateful-replace", "exit 0 even when a stateful resource would be replaced or deleted", false)
        .configureOutput({ writeOut: io.out });
    let opts: Options;
    try {
        const stop = parseArgs(program, argv, io.err);
        if (stop !== undefined) return stop;
        opts = program.opts<Options>();
        checkSides(opts);
    } catch (err) {
        return exitOnUserError(err, io.err, "diff: ");
    }

    let report: DiffReport & { failed?: boolean };
    try {
        if (opts.base !== undefined) {
            report = await fromGit(opts, (s) => io.err(`${s}\n`));
        } else {
            const base = readPlan(opts.basePlan!);
            const head = readPlan(opts.headPlan!);
            report = { baseLabel: opts.basePlan!, headLabel: opts.headSha ? `${opts.headPlan!} (${opts.headSha.slice(0, 12)})` : opts.headPlan!, stacks: [comparePlans(base, head)], skipped: [], allowStatefulReplace: opts.allowStatefulReplace };
        }
    } catch (err) {
        return exitOnUserError(err, io.err, "diff: ");
    }
    report.runUrl = runUrlOf(opts, process.env);
    const comment = () => renderComment(report, { artifact: opts.artifact });
    if (opts.output) {
        writeFileSync(opts.output, opts.format === "json" ? renderReportJson(report) : opts.format === "markdown" ? renderReportMarkdown(report) : renderReportText(report));
    } else if (opts.commentOutput !== "-") {
        // On stdout, Markdown is what gets posted: the comment-sized form.
        io.out(opts.format === "json" ? renderReportJson(report) : opts.format === "markdown" ? comment() : renderReportText(report));
    }
    if (opts.commentOutput === "-") io.out(comment());
    else if (opts.commentOutput) writeFileSync(opts.commentOutput, comment());
    return diffExitCode(report);
}

if (require.main === module) {
    runCli("diff", () => main(process.argv.slice(2)));
}
