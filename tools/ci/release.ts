import { execFile } from "child_process";
import * as fs from "fs";
import { Command } from "commander";
import { CLOUDS, type Cloud } from "../../components/config/schema";
import type { ReleaseStatus } from "../../components/release";
import { CLOUD_PLUGINS } from "../../providers/registry";
import type { AlertSource, AlertSourceFactory, Run } from "../../providers/shared/alert-source";
import { runCli, CliIo, PROCESS_IO } from "../engine/cli";
import { smokeTest } from "./smoke-test";

/**
 * The deploy workflow's release gates, driven by the stack outputs `releases` (one
 * ReleaseStatus per service, components/release.ts) and `alerts` of the `pulumi up` just run:
 *
 * `release.ts status --releases JSON`   which gates this update opened: GITHUB_OUTPUT `traffic`, `rollout` (true|false)
 * `release.ts smoke --releases JSON`    GET every open candidate's own URL + health path before traffic moves
 * `release.ts bake --releases JSON --alerts JSON --cloud C`
 *     `kubectl rollout status` of every Deployment, then the bake: for the longest bake time of
 *     the open releases, poll the stack's critical alerts with the cloud's CLI; exit 1 as soon
 *     as one fires (the workflow then rolls back)
 * `release.ts undo --releases JSON`     `kubectl rollout undo` of every Deployment (the kubernetes rollback)
 *
 * Cloud Run and Container Apps roll back with a second `pulumi up` under
 * PLATFORM_RELEASE_PHASE=rollback (and promote under promote): README "Releases".
 */

export type Releases = Record<string, ReleaseStatus>;

const run: Run = (cmd, args) => new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 16 << 20 }, (err, stdout, stderr) => (err ? reject(new Error(`${cmd} ${args[0] ?? ""}: ${String(stderr || err.message).trim()}`)) : resolve(stdout)));
});

/** Services whose traffic split is open: a candidate beside a stable revision, to smoke-test, bake and promote. */
export function openCandidates(releases: Releases): Array<[string, ReleaseStatus]> {
    return Object.entries(releases).filter(([, r]) => r.gate === "traffic" && r.inProgress);
}

/** Kubernetes Deployments of this update. */
export function rollouts(releases: Releases): Array<[string, ReleaseStatus & { deployment: { namespace: string; name: string } }]> {
    return Object.entries(releases).filter((e): e is [string, ReleaseStatus & { deployment: { namespace: string; name: string } }] => e[1].gate === "rollout" && e[1].deployment !== undefined);
}

/** Minutes to watch the alerts: the longest bake of the open canaries / blue-greens (rolling Deployments bake 0). */
export function bakeMinutes(releases: Releases): number {
    const baking = [...openCandidates(releases), ...rollouts(releases).filter(([, r]) => r.strategy !== "rolling")];
    return Math.max(0, ...baking.map(([, r]) => r.bakeMinutes));
}

export type { AlertSource, FiringAlert, Run } from "../../providers/shared/alert-source";

export interface AlertSourceOptions {
    cloud: Cloud;
    /** The stack's alert names (stack output `alerts`). */
    alerts: string[];
    env: NodeJS.ProcessEnv;
    run?: Run;
    fetchJson?: (url: string, token: string) => Promise<unknown>;
}

/** The stack cloud's alert query (`providers/<cloud>/release-alerts.ts`, loaded by the plugin's name). */
export function alertSource(o: AlertSourceOptions): AlertSource {
    if (!Object.hasOwn(CLOUD_PLUGINS, o.cloud)) throw new Error(`--cloud ${JSON.stringify(o.cloud)}: allowed: ${CLOUDS.join(" | ")}`);
    const { alertSource: forCloud } = require(`../../providers/${CLOUD_PLUGINS[o.cloud].name}/release-alerts`) as { alertSource: AlertSourceFactory };
    return forCloud({ alerts: o.alerts, env: o.env, run: o.run ?? run, fetchJson: o.fetchJson ?? defaultFetchJson });
}

async function defaultFetchJson(url: string, token: string): Promise<unknown> {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`GET ${url.split("?")[0]}: HTTP ${res.status}`);
    return res.json();
}

export interface BakeOptions {
    releases: Releases;
    alerts: AlertSource;
    run?: Run;
    pollMs: number;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
    log?: (line: string) => void;
}

export interface BakeResult {
    ok: boolean;
    reason: string;
}

/** Rollout status of every Deployment, then the alert watch for the bake time: the first critical alert fails it. */
export async function bake(o: BakeOptions): Promise<BakeResult> {
    const exec = o.run ?? run;
    const now = o.now ?? Date.now;
    const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const log = o.log ?? (() => undefined);
    const start = now();
    for (const [name, r] of rollouts(o.releases)) {
        // progressDeadlineSeconds (bake + 10 min) marks a stuck rollout failed; wait a little past it.
        const timeout = `${(r.bakeMinutes + 15) * 60}s`;
        try {
            await exec("kubectl", ["rollout", "status", `deployment/${r.deployment.name}`, "--namespace", r.deployment.namespace, `--timeout=${timeout}`]);
            log(`${name}: rollout of deployment/${r.deployment.name} complete`);
        } catch (err) {
            return { ok: false, reason: `${name}: rollout of deployment/${r.deployment.name} failed: ${(err as Error).message}` };
        }
    }
    const minutes = bakeMinutes(o.releases);
    const deadline = start + minutes * 60_000;
    for (;;) {
        const firing = await o.alerts(start);
        if (firing.length > 0) return { ok: false, reason: `critical alerts fired during the bake: ${firing.map((a) => `${a.name} (since ${a.since})`).join(", ")}` };
        if (now() >= deadline) return { ok: true, reason: `no critical alert fired in ${minutes} minute(s)` };
        await sleep(Math.min(o.pollMs, Math.max(0, deadline - now())));
    }
}

/** `kubectl rollout undo` of every Deployment of the update; returns what it undid. */
export async function undoRollouts(releases: Releases, exec: Run = run): Promise<string[]> {
    const done: string[] = [];
    for (const [, r] of rollouts(releases)) {
        await exec("kubectl", ["rollout", "undo", `deployment/${r.deployment.name}`, "--namespace", r.deployment.namespace]);
        done.push(`${r.deployment.namespace}/${r.deployment.name}`);
    }
    return done;
}

/** Parses a stack output handed over as JSON text (pulumi/actions sets objects as JSON step outputs). */
export function parseOutput<T>(flag: string, text: string | undefined, fallback: T): T {
    if (!text) return fallback;
    try {
        return JSON.parse(text) as T;
    } catch {
        throw new Error(`${flag}: not JSON (the stack output as \`pulumi stack output --json\` prints it)`);
    }
}

function summary(line: string): void {
    if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `\n${line}\n`);
}

/** main's streams: the process's from the bin entry below, captured ones in a spec (tests/support/cli-in-process.ts). */
export async function main(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
    const program = new Command("release").exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    let code = 0;
    const releasesOf = (o: { releases?: string }) => parseOutput<Releases>("--releases", o.releases, {});
    program.command("status").requiredOption("--releases <json>", "stack output `releases`").action((o: { releases: string }) => {
        const r = releasesOf(o);
        const traffic = openCandidates(r).length > 0;
        const rollout = rollouts(r).length > 0;
        io.out(`${Object.entries(r).map(([n, s]) => `${n}: ${s.strategy} (${s.gate}${s.inProgress ? `, candidate at ${s.candidatePercent}%` : ""})`).join("\n")}\n`);
        if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `traffic=${traffic}\nrollout=${rollout}\n`);
    });
    program.command("smoke").requiredOption("--releases <json>", "stack output `releases`")
        .option("--attempts <n>", "attempts per candidate", "10").option("--interval <seconds>", "seconds between attempts", "15")
        .action(async (o: { releases: string; attempts: string; interval: string }) => {
            for (const [name, r] of openCandidates(releasesOf(o))) {
                if (!r.candidateUrl) {
                    io.err(`${name}: the release has no candidate URL to test\n`);
                    code = 1;
                    continue;
                }
                const res = await smokeTest({ url: r.candidateUrl, path: r.healthPath ?? "/health", attempts: Math.max(1, Number(o.attempts) || 1), intervalMs: Math.max(0, Number(o.interval) || 0) * 1000, timeoutMs: 10_000 });
                io.out(`${name} candidate: ${res.ok ? "passed" : "FAILED"} (${res.last})\n`);
                summary(`**Candidate ${name}**: ${res.ok ? "passed" : "FAILED"} (${res.last})`);
                if (!res.ok) code = 1;
            }
        });
    program.command("bake").requiredOption("--releases <json>", "stack output `releases`").requiredOption("--cloud <cloud>", CLOUDS.join(" | "))
        .option("--alerts <json>", "stack output `alerts`").option("--poll <seconds>", "seconds between alert checks", "60")
        .action(async (o: { releases: string; cloud: string; alerts?: string; poll: string }) => {
            const alerts = alertSource({ cloud: o.cloud as Cloud, alerts: parseOutput<string[]>("--alerts", o.alerts, []), env: process.env });
            const res = await bake({ releases: releasesOf(o), alerts, pollMs: Math.max(5, Number(o.poll) || 60) * 1000, log: (l) => io.out(`${l}\n`) });
            io.out(`bake ${res.ok ? "passed" : "FAILED"}: ${res.reason}\n`);
            summary(`**Bake**: ${res.ok ? "passed" : "FAILED, rolling back"} (${res.reason})`);
            if (!res.ok) code = 1;
        });
    program.command("undo").requiredOption("--releases <json>", "stack output `releases`").action(async (o: { releases: string }) => {
        const done = await undoRollouts(releasesOf(o));
        io.out(`rolled back: ${done.join(", ") || "no Deployment"}\n`);
        summary(`**Rollback**: kubectl rollout undo ${done.join(", ") || "(none)"}`);
    });
    try {
        await program.parseAsync(argv, { from: "user" });
    } catch (err) {
        if (err && typeof err === "object" && "exitCode" in err) return Number((err as { exitCode: number }).exitCode) === 0 ? 0 : 2;
        io.err(`${(err as Error).message}\n`);
        return 2;
    }
    return code;
}

if (require.main === module) runCli("release", () => main(process.argv.slice(2)));
