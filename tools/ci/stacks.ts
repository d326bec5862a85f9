import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { CLOUDS, ENVIRONMENTS, RUNTIMES, type Cloud, type Environment, type Runtime } from "../../components/config/schema";
import { CLOUD_PLUGINS } from "../../providers/registry";
import { runCli, CliIo, PROCESS_IO } from "../engine/cli";
import { loadStackConfig, REPO_ROOT, UsageError } from "../engine/stack-config";

/**
 * The one source of truth for which stacks CI previews, deploys and checks for drift: the
 * `Pulumi.<stack>.yaml` files committed at the repository root. Each file says its own cloud,
 * environment and runtime; nothing is inferred from the name and no workflow ever writes one.
 *
 * `node -r sucrase/register/ts tools/ci/stacks.ts matrix [--environment E] [--stack S] [--name N]`
 *   prints `{"include":[{stack, cloud, environment, runtime, runner}, ...]}` and, on GitHub,
 *   writes `N=<json>` and `N-count=<n>` to $GITHUB_OUTPUT (N defaults to "matrix").
 * `... stacks.ts require <stack>` exits 2, saying how to create it, unless Pulumi.<stack>.yaml
 *   is committed and unmodified in the checkout.
 */

export interface CommittedStack {
    stack: string;
    cloud: Cloud;
    environment: Environment;
    runtime: Runtime;
    /** A service taking HTTP traffic releases canary / blue-green (its candidate is smoke-tested on its own URL). */
    progressive: boolean;
}

/** A GitHub `runs-on` value: one label, or every label a self-hosted runner must carry. */
export type Runner = string | string[];

export interface MatrixRow extends CommittedStack {
    runner: Runner;
}

/** GitHub-hosted image for stacks whose every API is public (pinned, not ubuntu-latest). */
export const HOSTED_RUNNER = "ubuntu-24.04";
/** Default label of the self-hosted runners inside each cloud's network (see README "CI/CD"). */
export const DEFAULT_PRIVATE_RUNNER_LABEL = "platform-private";

const STACK_FILE = /^Pulumi\.([A-Za-z0-9_.-]+)\.yaml$/;

/** Stack files git tracks at `root` (a file generated in the checkout is not one of them). */
export function committedStackNames(root = REPO_ROOT): string[] {
    const out = execFileSync("git", ["-C", root, "ls-files", "-z", "--", "Pulumi.*.yaml"], { encoding: "utf8" });
    return out
        .split("\0")
        .map((f) => STACK_FILE.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** Reads one stack file's cloud, environment and runtime, failing with the file, key, value and what is allowed. */
export function describeStack(stack: string, root = REPO_ROOT): CommittedStack {
    const { config } = loadStackConfig(stack, [], root);
    const pick = <T extends string>(key: string, allowed: readonly T[], fallback?: T): T => {
        const value = config[key] ?? fallback;
        if (value === undefined || !allowed.includes(value as T)) {
            throw new UsageError(`Pulumi.${stack}.yaml: ${key} is ${value === undefined ? "not set" : JSON.stringify(value)}; allowed: ${allowed.join(" | ")}`);
        }
        return value as T;
    };
    const compute = config["platform:compute"] ? (JSON.parse(config["platform:compute"]) as { runtime?: string; releasePhase?: string; release?: { strategy?: string } }) : {};
    const services = config["platform:services"] ? (JSON.parse(config["platform:services"]) as Record<string, { http?: unknown; release?: { strategy?: string } }>) : {};
    const progressive = Object.values(services).some((s) => s?.http !== undefined && (s.release?.strategy ?? compute.release?.strategy ?? "rolling") !== "rolling");
    if (compute.releasePhase !== undefined) {
        // The phase is the deploy workflow's per-run switch (promote / rollback): committed, it would skip every canary.
        throw new UsageError(`Pulumi.${stack}.yaml: platform:compute.releasePhase is ${JSON.stringify(compute.releasePhase)}; allowed: not set in a committed stack (the deploy workflow sets it for its promote / rollback update)`);
    }
    const runtime = compute.runtime ?? "managed";
    if (!RUNTIMES.includes(runtime as Runtime)) {
        throw new UsageError(`Pulumi.${stack}.yaml: platform:compute.runtime is ${JSON.stringify(runtime)}; allowed: ${RUNTIMES.join(" | ")}`);
    }
    return {
        stack,
        cloud: pick("platform:cloud", CLOUDS),
        environment: pick("platform:environment", ENVIRONMENTS),
        runtime: runtime as Runtime,
        progressive,
    };
}

/**
 * The runner a stack's jobs need, inside the cloud's network (a self-hosted runner carrying the
 * private label and the cloud) when:
 * - the runtime is kubernetes: the clusters have private API endpoints (EKS private endpoint,
 *   GKE private/DNS endpoint, private AKS), so preview, refresh and up must run there;
 * - a managed GCP or Azure stack releases canary / blue-green: the candidate's own URL (Cloud
 *   Run tag URL, Container Apps revision FQDN) answers only internal callers, since the services
 *   take traffic only through the load balancer. ECS tests and shifts by itself.
 */
export function runnerFor(stack: CommittedStack, privateLabel = DEFAULT_PRIVATE_RUNNER_LABEL): Runner {
    const internalCandidates = stack.progressive && CLOUD_PLUGINS[stack.cloud].internalReleaseCandidates;
    return stack.runtime === "kubernetes" || internalCandidates ? ["self-hosted", privateLabel, stack.cloud] : HOSTED_RUNNER;
}

/** The command that creates a missing stack from its environment template, as the README documents. */
export function howToCreate(stack: string): string {
    const [prefix, ...rest] = stack.split("-");
    const environment = ENVIRONMENTS.find((e) => e === prefix) ?? "<production|staging>";
    const cloud = CLOUDS.find((c) => c === rest[rest.length - 1]);
    const lines = [
        `pulumi stack init <org>/${stack} --copy-config-from <org>/${environment}`,
        `pulumi config set --stack <org>/${stack} platform:cloud ${cloud ?? `<${CLOUDS.join("|")}>`}`,
    ];
    const initKeys: Readonly<Record<string, string>> = cloud ? CLOUD_PLUGINS[cloud].stackInitKeys : {};
    for (const [key, placeholder] of Object.entries(initKeys)) lines.push(`pulumi config set --stack <org>/${stack} --path platform:${cloud}.${key} ${placeholder}`);
    lines.push(`git add Pulumi.${stack}.yaml && git commit -m "Add the ${stack} stack"`);
    return lines.map((l) => `  ${l}`).join("\n");
}

/** Fails unless Pulumi.<stack>.yaml is committed and the checkout has not changed it. */
export function requireCommittedStack(stack: string, root = REPO_ROOT): CommittedStack {
    const file = `Pulumi.${stack}.yaml`;
    if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !committedStackNames(root).includes(stack)) {
        const present = fs.existsSync(path.join(root, file)) ? " (the file exists in this checkout but is not committed)" : "";
        throw new UsageError(
            `${file} is not committed${present}, and a workflow never creates a stack file. ` +
                `Create the stack from its environment template and commit the file:\n${howToCreate(stack)}`,
        );
    }
    const changed = execFileSync("git", ["-C", root, "status", "--porcelain", "--", file], { encoding: "utf8" }).trim();
    if (changed) throw new UsageError(`${file} differs from the commit (${changed}): a workflow deploys only committed stack config`);
    return describeStack(stack, root);
}

export interface MatrixOptions {
    environment?: Environment;
    stack?: string;
    privateRunnerLabel?: string;
}

/** The matrix rows of every committed stack, optionally one environment or one named stack. */
export function stackMatrix(options: MatrixOptions = {}, root = REPO_ROOT): MatrixRow[] {
    const stacks = options.stack ? [requireCommittedStack(options.stack, root)] : committedStackNames(root).map((s) => describeStack(s, root));
    return stacks
        .filter((s) => !options.environment || s.environment === options.environment)
        .map((s) => ({ ...s, runner: runnerFor(s, options.privateRunnerLabel || undefined) }));
}

/** main's streams: the process's from the bin entry below, captured ones in a spec (tests/support/cli-in-process.ts). */
export async function main(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
    const program = new Command("stacks").exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    program
        .command("matrix")
        .description("GitHub matrix of the committed stacks")
        .option("--environment <name>", `only stacks of this environment (${ENVIRONMENTS.join(" | ")})`)
        .option("--stack <name>", "only this stack (it must be committed)")
        .option("--name <output>", "GITHUB_OUTPUT key", "matrix")
        .action((opts: { environment?: string; stack?: string; name: string }) => {
            if (opts.environment !== undefined && !ENVIRONMENTS.includes(opts.environment as Environment)) {
                throw new UsageError(`--environment ${JSON.stringify(opts.environment)}: allowed: ${ENVIRONMENTS.join(" | ")}`);
            }
            const rows = stackMatrix({
                environment: opts.environment as Environment | undefined,
                stack: opts.stack || undefined,
                privateRunnerLabel: process.env.PRIVATE_RUNNER_LABEL,
            });
            const json = JSON.stringify({ include: rows });
            io.out(`${json}\n`);
            if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `${opts.name}=${json}\n${opts.name}-count=${rows.length}\n`);
        });
    program
        .command("require <stack>")
        .description("fail unless Pulumi.<stack>.yaml is committed and unmodified")
        .action((stack: string) => {
            const s = requireCommittedStack(stack);
            io.out(`Pulumi.${stack}.yaml is committed: ${s.environment} on ${s.cloud} (${s.runtime} runtime)\n`);
        });
    try {
        await program.parseAsync(argv, { from: "user" });
    } catch (err) {
        if (err instanceof UsageError) {
            io.err(`${err.message}\n`);
            if (process.env.GITHUB_ACTIONS) io.err(`::error title=Stack file::${err.message.split("\n")[0]}\n`);
            return 2;
        }
        if (err && typeof err === "object" && "exitCode" in err) return Number((err as { exitCode: number }).exitCode) === 0 ? 0 : 2;
        throw err;
    }
    return 0;
}

if (require.main === module) runCli("stacks", () => main(process.argv.slice(2)));
