import * as fs from "fs";
import { Command } from "commander";
import { runCli } from "../engine/cli";

/**
 * The post-deploy smoke test: GET `<url><path>` (the stack's `url` output, the load balancer's
 * HTTPS address) until it answers 2xx, or fail the deploy with the rollback steps.
 *
 * `node -r sucrase/register/ts tools/ci/smoke-test.ts --url https://app.example.com --stack production
 *   [--path /health] [--attempts 10] [--interval 15]`
 *
 * Retries cover the seconds a new task/revision needs to pass the load balancer's health check
 * (healthy threshold 2 × 30 s); a persistent failure is a broken release, not a slow one.
 */

export interface SmokeOptions {
    url: string;
    path: string;
    attempts: number;
    intervalMs: number;
    timeoutMs: number;
}

export interface SmokeResult {
    ok: boolean;
    attempts: number;
    last: string;
}

export async function smokeTest(o: SmokeOptions, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<SmokeResult> {
    const target = new URL(o.path, o.url.endsWith("/") ? o.url : `${o.url}/`).toString();
    let last = "";
    for (let attempt = 1; attempt <= o.attempts; attempt++) {
        try {
            const res = await fetch(target, { redirect: "manual", signal: AbortSignal.timeout(o.timeoutMs) });
            last = `GET ${target}: HTTP ${res.status}`;
            if (res.status >= 200 && res.status < 300) return { ok: true, attempts: attempt, last };
        } catch (err) {
            last = `GET ${target}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`;
        }
        if (attempt < o.attempts) await sleep(o.intervalMs);
    }
    return { ok: false, attempts: o.attempts, last };
}

/** What to do when the release is broken: the pipeline itself is the rollback path. */
export function rollbackInstructions(stack: string, commit = "<this commit>"): string {
    return [
        `Roll back ${stack}:`,
        `  1. git revert ${commit} && git push (through a pull request): the deploy workflow previews and applies the previous config, production again behind approval.`,
        `  2. Urgent, from a workstation with the deploy identity: git checkout <last good commit> && npm ci && pulumi up --stack <org>/${stack} --policy-pack policy`,
        `  Stateful resources (database, cache, bucket) are protected: a rollback changes services and images, it never deletes data.`,
    ].join("\n");
}

async function main(argv: string[]): Promise<number> {
    const opts = new Command("smoke-test")
        .requiredOption("--url <url>", "the stack's url output")
        .requiredOption("--stack <name>", "stack name, for the rollback message")
        .option("--path <path>", "path to probe", "/health")
        .option("--attempts <n>", "attempts before failing", "10")
        .option("--interval <seconds>", "seconds between attempts", "15")
        .option("--commit <sha>", "the deployed commit, for the rollback message")
        .parse(argv, { from: "user" })
        .opts<{ url: string; stack: string; path: string; attempts: string; interval: string; commit?: string }>();
    if (!/^https?:\/\//.test(opts.url)) {
        process.stderr.write(`--url ${JSON.stringify(opts.url)}: allowed: an http(s) URL (the stack's url output; is it exported?)\n`);
        return 2;
    }
    const result = await smokeTest({
        url: opts.url,
        path: opts.path,
        attempts: Math.max(1, Number(opts.attempts) || 1),
        intervalMs: Math.max(0, Number(opts.interval) || 0) * 1000,
        timeoutMs: 10_000,
    });
    const summary = process.env.GITHUB_STEP_SUMMARY;
    if (result.ok) {
        process.stdout.write(`smoke test passed after ${result.attempts} attempt(s): ${result.last}\n`);
        if (summary) fs.appendFileSync(summary, `\n**Smoke test ${opts.stack}**: passed (${result.last})\n`);
        return 0;
    }
    const help = rollbackInstructions(opts.stack, opts.commit);
    process.stderr.write(`smoke test failed after ${result.attempts} attempts: ${result.last}\n${help}\n`);
    if (process.env.GITHUB_ACTIONS) process.stdout.write(`::error title=Smoke test ${opts.stack}::${result.last}: see the job summary for the rollback\n`);
    if (summary) fs.appendFileSync(summary, `\n**Smoke test ${opts.stack}: FAILED** (${result.last})\n\n\`\`\`\n${help}\n\`\`\`\n`);
    return 1;
}

if (require.main === module) runCli("smoke-test", () => main(process.argv.slice(2)));
