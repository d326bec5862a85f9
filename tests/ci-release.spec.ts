import * as assert from "assert";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import type { ReleaseStatus } from "../components/release";
import { tsNodeArgs } from "../tools/engine/ts-loader";
import { backgroundNode } from "./support/background-child";
import { alertSource, bake, bakeMinutes, main as releaseMain, openCandidates, Run, undoRollouts } from "../tools/ci/release";
import { runMain } from "./support/cli-in-process";

/** tools/ci/release.ts: the deploy workflow's candidate smoke test, bake under the critical alerts, and kubernetes rollback. */

const ROOT = path.resolve(__dirname, "..");
const T0 = Date.parse("2026-12-01T12:00:00Z");

const traffic = (over: Partial<ReleaseStatus> = {}): ReleaseStatus => ({ strategy: "canary", bakeMinutes: 10, gate: "traffic", phase: "deploy", inProgress: true, candidatePercent: 10, stableRevision: "api-00007", candidateUrl: "https://candidate---api.a.run.app", healthPath: "/health", ...over });
const rollout = (name: string, strategy: ReleaseStatus["strategy"] = "blueGreen", bake = 5): ReleaseStatus => ({ strategy, bakeMinutes: bake, gate: "rollout", deployment: { namespace: "acme-staging", name } });

/** A fake clock the bake's sleeps advance, and a command log. */
function harness(answers: (cmd: string, args: string[], calls: number) => string) {
    let now = T0;
    const calls: string[][] = [];
    const run: Run = async (cmd, args) => {
        calls.push([cmd, ...args]);
        return answers(cmd, args, calls.length);
    };
    return { run, calls, now: () => now, sleep: async (ms: number) => void (now += ms), at: (min: number) => new Date(T0 + min * 60_000).toISOString() };
}

describe("ci release: which services the workflow gates", () => {
    it("open traffic splits are smoke-tested and baked; the bake is the longest open release's; rolling Deployments do not bake", () => {
        const releases = { api: traffic(), web: traffic({ bakeMinutes: 30 }), worker: traffic({ strategy: "rolling", inProgress: false }), ecs: { strategy: "canary" as const, bakeMinutes: 60, gate: "native" as const } };
        assert.deepStrictEqual(openCandidates(releases).map(([n]) => n), ["api", "web"]);
        assert.strictEqual(bakeMinutes(releases), 30);
        assert.strictEqual(bakeMinutes({ a: rollout("a", "rolling", 0), b: rollout("b", "canary", 12) }), 12);
        assert.strictEqual(bakeMinutes({ ecs: releases.ecs }), 0, "ECS bakes by itself");
    });
});

describe("ci release: the bake", () => {
    it("aws: passes when no critical alarm fires for the bake time, polling each minute; a warning-only alarm does not fail it", async () => {
        const h = harness(() => JSON.stringify({ MetricAlarms: [{ AlarmName: "acme-stg-api-cpu", AlarmActions: ["arn:aws:sns:us-west-2:1:acme-stg-alerts-warning"], StateUpdatedTimestamp: new Date(T0 + 1000).toISOString() }] }));
        const alerts = alertSource({ cloud: "aws", alerts: ["acme-stg-api-cpu", "acme-stg-alb-5xx"], env: {}, run: h.run });
        const r = await bake({ releases: { api: traffic() }, alerts, pollMs: 60_000, run: h.run, now: h.now, sleep: h.sleep });
        assert.strictEqual(r.ok, true, r.reason);
        assert.strictEqual(h.calls.length, 11, "one check per minute of a 10-minute bake, and one at its end");
        assert.deepStrictEqual(h.calls[0], ["aws", "cloudwatch", "describe-alarms", "--state-value", "ALARM", "--output", "json", "--alarm-names", "acme-stg-api-cpu", "acme-stg-alb-5xx"]);
    });

    it("aws: fails as soon as a critical alarm (on the critical topic) enters ALARM during the bake, naming it; one already firing before is not the release's", async () => {
        const h = harness((_c, _a, n) => JSON.stringify({ MetricAlarms: [
            { AlarmName: "acme-stg-db-free-storage", AlarmActions: ["arn:aws:sns:us-west-2:1:acme-stg-alerts"], StateUpdatedTimestamp: new Date(T0 - 3600_000).toISOString() },
            ...(n >= 3 ? [{ AlarmName: "acme-stg-alb-5xx", AlarmActions: ["arn:aws:sns:us-west-2:1:acme-stg-alerts"], StateUpdatedTimestamp: new Date(T0 + 120_000).toISOString() }] : []),
        ] }));
        const alerts = alertSource({ cloud: "aws", alerts: ["acme-stg-alb-5xx", "acme-stg-db-free-storage"], env: {}, run: h.run });
        const r = await bake({ releases: { api: traffic() }, alerts, pollMs: 60_000, run: h.run, now: h.now, sleep: h.sleep });
        assert.strictEqual(r.ok, false);
        assert.match(r.reason, /critical alerts fired during the bake: acme-stg-alb-5xx \(since 2026-12-01T12:02:00/);
        assert.doesNotMatch(r.reason, /free-storage/);
        assert.strictEqual(h.calls.length, 3);
    });

    it("gcp: open alerts from Cloud Monitoring's Alerts API, only CRITICAL policies of this stack", async () => {
        const h = harness(() => "ya29.token\n");
        const seen: Array<[string, string]> = [];
        let polls = 0;
        const fetchJson = async (url: string, token: string) => {
            seen.push([url, token]);
            polls++;
            return { alerts: [
                { openTime: new Date(T0 + 1000).toISOString(), policy: { displayName: "acme-staging: Cloud Run CPU above 80%", severity: "WARNING" } },
                { openTime: new Date(T0 + 1000).toISOString(), policy: { displayName: "other-stack: 5xx", severity: "CRITICAL" } },
                ...(polls >= 2 ? [{ openTime: new Date(T0 + 60_000).toISOString(), policy: { displayName: "acme-staging: Load balancer 5xx above 10% of requests", severity: "CRITICAL" } }] : []),
            ] };
        };
        const alerts = alertSource({ cloud: "gcp", alerts: ["acme-staging: Cloud Run CPU above 80%", "acme-staging: Load balancer 5xx above 10% of requests"], env: { CLOUDSDK_CORE_PROJECT: "acme-stg-1" }, run: h.run, fetchJson });
        const r = await bake({ releases: { api: traffic() }, alerts, pollMs: 60_000, run: h.run, now: h.now, sleep: h.sleep });
        assert.strictEqual(r.ok, false);
        assert.match(r.reason, /acme-staging: Load balancer 5xx above 10% of requests/);
        assert.deepStrictEqual(seen[0], [`https://monitoring.googleapis.com/v3/projects/acme-stg-1/alerts?filter=${encodeURIComponent('state = "OPEN"')}`, "ya29.token"]);
        assert.deepStrictEqual(h.calls[0], ["gcloud", "auth", "print-access-token"]);
        assert.throws(() => alertSource({ cloud: "gcp", alerts: [], env: {}, run: h.run }), /CLOUDSDK_CORE_PROJECT/);
    });

    it("azure: fired Sev0 alerts from Alerts Management (az rest), matched to the stack's alert rules", async () => {
        const h = harness(() => JSON.stringify({ value: [
            { properties: { essentials: { alertRule: "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/metricalerts/acme-stg-http-5xx-rate", startDateTime: new Date(T0 + 30_000).toISOString() } } },
            { properties: { essentials: { alertRule: "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/metricalerts/someone-else", startDateTime: new Date(T0 + 30_000).toISOString() } } },
        ] }));
        const alerts = alertSource({ cloud: "azure", alerts: ["acme-stg-http-5xx-rate"], env: { AZURE_SUBSCRIPTION_ID: "0000-1111" }, run: h.run });
        assert.deepStrictEqual(await alerts(T0), [{ name: "acme-stg-http-5xx-rate", since: new Date(T0 + 30_000).toISOString() }]);
        assert.deepStrictEqual(h.calls[0]!.slice(0, 4), ["az", "rest", "--method", "get"]);
        assert.match(h.calls[0]![5]!, /^https:\/\/management\.azure\.com\/subscriptions\/0000-1111\/providers\/Microsoft\.AlertsManagement\/alerts\?api-version=2019-05-05-preview&monitorCondition=Fired&severity=Sev0/);
        assert.deepStrictEqual(await alerts(T0 + 60_000), [], "fired before the bake began");
    });

    it("kubernetes: waits on kubectl rollout status first; a failed rollout fails the bake before any alert check", async () => {
        const h = harness((cmd, args) => {
            if (cmd === "kubectl" && args[2] === "deployment/web") throw new Error('deployment "web" exceeded its progress deadline');
            return JSON.stringify({ MetricAlarms: [] });
        });
        const alerts = alertSource({ cloud: "aws", alerts: ["acme-stg-alb-5xx"], env: {}, run: h.run });
        const r = await bake({ releases: { api: rollout("api"), web: rollout("web") }, alerts, pollMs: 60_000, run: h.run, now: h.now, sleep: h.sleep });
        assert.strictEqual(r.ok, false);
        assert.match(r.reason, /web: rollout of deployment\/web failed: deployment "web" exceeded its progress deadline/);
        assert.deepStrictEqual(h.calls[0], ["kubectl", "rollout", "status", "deployment/api", "--namespace", "acme-staging", "--timeout=1200s"]);
        assert.ok(!h.calls.some((c) => c[0] === "aws"));
    });

    it("kubernetes rollback: kubectl rollout undo of every Deployment of the update", async () => {
        const h = harness(() => "");
        assert.deepStrictEqual(await undoRollouts({ api: rollout("api"), web: rollout("web", "rolling", 0), run: traffic() }, h.run), ["acme-staging/api", "acme-staging/web"]);
        assert.deepStrictEqual(h.calls, [["kubectl", "rollout", "undo", "deployment/api", "--namespace", "acme-staging"], ["kubectl", "rollout", "undo", "deployment/web", "--namespace", "acme-staging"]]);
    });
});

describe("ci release: the CLI", () => {
    // The release gates' environment as a developer's shell has it: no GitHub step files.
    const noGithub = { GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", GITHUB_OUTPUT: "" };
    /** release's main in this process (tests/support/cli-in-process.ts): what it prints and returns. */
    const cli = (...args: string[]) => runMain("release", releaseMain, args, noGithub);

    it("smoke GETs each open candidate's own URL and health path, and fails when one is broken", async function () {
        this.timeout(30_000);
        const paths: string[] = [];
        const server = http.createServer((req, res) => {
            paths.push(`${req.headers.host?.split(":")[0]} ${req.url}`);
            res.statusCode = req.url === "/broken/ready" ? 500 : 200;
            res.end();
        });
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        try {
            const good = { api: traffic({ candidateUrl: `${base}/`, healthPath: "/health" }), worker: traffic({ inProgress: false, candidateUrl: `${base}/never` }) };
            const ok = await cli("smoke", "--releases", JSON.stringify(good), "--attempts", "1", "--interval", "0");
            assert.strictEqual(ok.status, 0, ok.stderr);
            assert.deepStrictEqual(paths, ["127.0.0.1 /health"], "only the open candidate, on its health path");
            const bad = await cli("smoke", "--releases", JSON.stringify({ web: traffic({ candidateUrl: `${base}/broken/`, healthPath: "ready" }) }), "--attempts", "1", "--interval", "0");
            assert.strictEqual(bad.status, 1);
            assert.match(bad.stdout, /web candidate: FAILED \(GET http:\/\/127\.0\.0\.1:\d+\/broken\/ready: HTTP 500\)/);
        } finally {
            await new Promise((r) => server.close(r));
        }
    });

    // The one run in its own process (tests/support/background-child.ts), started when the file
    // loads: the bin entry's wiring, the exit status a shell sees and what reaches its stderr.
    const notJson = backgroundNode(tsNodeArgs("tools/ci/release.ts", "bake", "--releases", "{nope", "--cloud", "aws"), { cwd: ROOT, env: { ...process.env, ...noGithub } });
    it("bad input exits 2 naming the flag (the --releases case end to end in a process)", async function () {
        this.timeout(30_000);
        const r = await notJson.result();
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /--releases: not JSON/);
        const c = await cli("bake", "--releases", "{}", "--cloud", "ibm");
        assert.strictEqual(c.status, 2);
        assert.match(c.stderr, /--cloud "ibm": allowed: aws \| gcp \| azure/);
    });
});
