import * as assert from "assert";
import type { Cloud } from "../components/config";
import { ConfigError } from "../components/config/errors";
import { stableRevisionOf, trafficSplit } from "../components/release";
import { withReleasePhase } from "../components/config/read";
import { rolloutSettings } from "../providers/kubernetes/deployment";
import { LIVE_IMAGE } from "../tools/engine/mocks/gcp";
import { deployFindings } from "./support/deploy-checks";
import { inputs, named, ofType, planFor } from "./support/harness";
import { resolveConfig } from "../components/program-config";

/** Release strategies (`compute.release`, `services.<name>.release`) on every cloud and runtime. */

const STRATEGIES = ["rolling", "canary", "blueGreen"] as const;
const CLOUDS: Cloud[] = ["aws", "gcp", "azure"];
const strategy = (s: string) => [`platform:compute.release.strategy=${s}`, ...(s === "canary" ? ["platform:compute.release.percent=20", "platform:compute.release.bakeMinutes=15"] : [])];

describe("releases: the traffic split of revision-based runtimes", () => {
    const canary = { strategy: "canary" as const, percent: 20, bakeMinutes: 15 };
    const live = { latestRevision: "api-00007-abc", latestImage: "ghcr.io/acme/api:1.4.1" };
    const midRelease = { latestRevision: "api-00008-new", latestImage: "ghcr.io/acme/api:1.4.2", stableRevision: "api-00007-abc" };
    it("canary sends percent to the new revision and the rest to the serving one", () => {
        assert.deepStrictEqual(trafficSplit(canary, "ghcr.io/acme/api:1.4.2", live), { candidatePercent: 20, stable: { revision: "api-00007-abc", percent: 80 } });
    });
    it("blueGreen gives the new revision no traffic until promoted", () => {
        assert.deepStrictEqual(trafficSplit({ ...canary, strategy: "blueGreen" }, "ghcr.io/acme/api:1.4.2", live), { candidatePercent: 0, stable: { revision: "api-00007-abc", percent: 100 } });
    });
    it("all to latest on a first deploy, for a config-only change, and under rolling", () => {
        assert.deepStrictEqual(trafficSplit(canary, "ghcr.io/acme/api:1.4.2", undefined), { candidatePercent: 100 });
        assert.deepStrictEqual(trafficSplit(canary, live.latestImage, live), { candidatePercent: 100 });
        assert.deepStrictEqual(trafficSplit({ ...canary, strategy: "rolling" }, "x:2", live), { candidatePercent: 100 });
    });
    it("a re-run of deploy while a release is open keeps the split against the stable revision (it never promotes by itself)", () => {
        assert.deepStrictEqual(trafficSplit(canary, midRelease.latestImage, midRelease), { candidatePercent: 20, stable: { revision: "api-00007-abc", percent: 80 } });
        assert.deepStrictEqual(trafficSplit(canary, "ghcr.io/acme/api:1.4.3", midRelease), { candidatePercent: 20, stable: { revision: "api-00007-abc", percent: 80 } }, "a newer image is measured against the last promoted revision");
    });
    it("promote sends everything to the latest revision; rollback everything back to stable", () => {
        assert.deepStrictEqual(trafficSplit({ ...canary, phase: "promote" }, midRelease.latestImage, midRelease), { candidatePercent: 100 });
        assert.deepStrictEqual(trafficSplit({ ...canary, phase: "rollback" }, midRelease.latestImage, midRelease), { candidatePercent: 0, stable: { revision: "api-00007-abc", percent: 100 } });
        assert.deepStrictEqual(trafficSplit({ ...canary, phase: "rollback" }, live.latestImage, live), { candidatePercent: 100 }, "no release open: nothing to move back to");
    });
    it("the stable revision is the one tagged `stable` that still carries traffic", () => {
        assert.strictEqual(stableRevisionOf([{ tag: "candidate", percent: 0 }, { tag: "stable", revision: "r7", percent: 80 }]), "r7");
        assert.strictEqual(stableRevisionOf([{ tag: "stable", revision: "r7", percent: 0 }, { tag: "", percent: 100 }]), undefined);
        assert.strictEqual(stableRevisionOf(undefined), undefined);
    });
});

describe("releases: config", () => {
    const base = () => ({
        cloud: "aws", environment: "production", loadBalancer: { domain: "app.example.com" },
        services: { api: { image: "ghcr.io/acme/api:1", http: { pathPrefix: "/" } }, worker: { image: "ghcr.io/acme/worker:1" } },
    });
    const problems = (raw: Record<string, unknown>) => {
        try { resolveConfig(raw); } catch (e) { if (e instanceof ConfigError) return e.message; throw e; }
        return "";
    };
    it("defaults to rolling; compute.release applies to HTTP services; a service may override it; workers always roll", () => {
        const plain = resolveConfig(base());
        assert.strictEqual(plain.services[0]!.release.strategy, "rolling");
        const cfg = resolveConfig({ ...base(), compute: { release: { strategy: "canary" } } });
        assert.deepStrictEqual(cfg.services.find((s) => s.name === "api")!.release, { strategy: "canary", percent: 10, bakeMinutes: 10 });
        assert.strictEqual(cfg.services.find((s) => s.name === "worker")!.release.strategy, "rolling");
        const own = resolveConfig({ ...base(), compute: { release: { strategy: "canary", percent: 5 } }, services: { ...base().services, api: { ...base().services.api, release: { strategy: "blueGreen", bakeMinutes: 30 } } } });
        assert.deepStrictEqual(own.services.find((s) => s.name === "api")!.release, { strategy: "blueGreen", percent: 5, bakeMinutes: 30 });
    });
    it("rejects a canary percent outside 1-50, a percent without canary, and a non-rolling worker, naming the key", () => {
        assert.match(problems({ ...base(), compute: { release: { strategy: "canary", percent: 80 } } }), /platform:compute\.release\.percent = 80/);
        assert.match(problems({ ...base(), compute: { release: { strategy: "blueGreen", percent: 10 } } }), /platform:compute\.release\.percent = 10: allowed: only with strategy canary/);
        assert.match(problems({ ...base(), compute: { release: { strategy: "linear" } } }), /platform:compute\.release\.strategy = "linear"/);
        assert.match(problems({ ...base(), services: { ...base().services, worker: { image: "w:1", release: { strategy: "canary" } } } }), /platform:services\.worker\.release\.strategy = "canary": allowed: rolling for a service without `http`/);
    });
    it("alert destinations default to alertEmail for both severities; the budget on GCP needs the billing account", () => {
        const cfg = resolveConfig({ ...base(), monitoring: { alertEmail: "ops@example.com", critical: ["a@example.com", "b@example.com"] } });
        assert.deepStrictEqual([cfg.monitoring.critical, cfg.monitoring.warning], [["a@example.com", "b@example.com"], ["ops@example.com"]]);
        assert.deepStrictEqual(resolveConfig(base()).monitoring.warning, []);
        const gcp = { ...base(), cloud: "gcp", gcp: { project: "acme-prod-1" } };
        assert.match(problems(gcp), /platform:gcp\.billingAccount = \(missing\): allowed: the billing account id .* unless platform:monitoring\.budget\.enabled is false/);
        assert.strictEqual(problems({ ...gcp, monitoring: { budget: { enabled: false } } }), "");
        assert.match(problems({ ...gcp, gcp: { project: "acme-prod-1", billingAccount: "nope" } }), /platform:gcp\.billingAccount = "nope"/);
    });
});

describe("releases: kubernetes rollouts", () => {
    it("rolling 1/1, canary surges percent with none unavailable and bakes each step, blueGreen surges a full set", () => {
        assert.deepStrictEqual(rolloutSettings({ strategy: "rolling", percent: 0, bakeMinutes: 0 }), { strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } });
        assert.deepStrictEqual(rolloutSettings({ strategy: "canary", percent: 20, bakeMinutes: 15 }), {
            strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "20%" } }, minReadySeconds: 900, progressDeadlineSeconds: 1500,
        });
        assert.deepStrictEqual(rolloutSettings({ strategy: "blueGreen", percent: 10, bakeMinutes: 10 }).strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "100%" } });
    });
});

for (const s of STRATEGIES) {
    describe(`releases: ${s} plans on every cloud and runtime`, () => {
        for (const cloud of CLOUDS) {
            it(`${cloud} managed`, async function () {
                this.timeout(60_000);
                const run = await planFor("staging", cloud, strategy(s));
                if (cloud === "aws") {
                    const api = inputs(named(run, "aws:ecs/service:Service", "service-api-service"));
                    assert.deepStrictEqual(api.deploymentCircuitBreaker, { enable: true, rollback: true });
                    assert.strictEqual(api.alarms.enable, true);
                    assert.strictEqual(api.alarms.rollback, true);
                    assert.deepStrictEqual(api.alarms.alarmNames, [inputs(named(run, "aws:cloudwatch/metricAlarm:MetricAlarm", "service-api-release-5xx")).name]);
                    const rule = named(run, "aws:lb/listenerRule:ListenerRule", "load-balancer-api-rule");
                    if (s === "rolling") {
                        assert.strictEqual(api.deploymentConfiguration, undefined);
                        assert.strictEqual(api.loadBalancers[0].advancedConfiguration, undefined);
                        assert.strictEqual(ofType(run, "aws:lb/targetGroup:TargetGroup").filter((t) => t.name.endsWith("-tg-alt")).length, 0);
                    } else {
                        assert.strictEqual(api.deploymentConfiguration.strategy, s === "canary" ? "CANARY" : "BLUE_GREEN");
                        assert.strictEqual(api.deploymentConfiguration.bakeTimeInMinutes, s === "canary" ? "15" : "10");
                        if (s === "canary") assert.deepStrictEqual(api.deploymentConfiguration.canaryConfiguration, { canaryPercent: 20, canaryBakeTimeInMinutes: "15" });
                        const alt = named(run, "aws:lb/targetGroup:TargetGroup", "load-balancer-api-tg-alt");
                        const adv = api.loadBalancers[0].advancedConfiguration;
                        assert.match(adv.alternateTargetGroupArn, new RegExp(`targetgroup/${inputs(alt).name}/`));
                        assert.match(adv.roleArn, /role\/acme-stg-api-release$/);
                        assert.deepStrictEqual(inputs(rule).actions[0].forward.targetGroups.map((g: { weight: number }) => g.weight), [100, 0]);
                        assert.deepStrictEqual(run.recorded.find((r) => r.urn === rule.urn)!.options.ignoreChanges, ["actions"]);
                        const policy = named(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "service-api-release-role-policy");
                        assert.match(inputs(policy).policyArn, /:policy\/AmazonECSInfrastructureRolePolicyForLoadBalancers$/);
                    }
                    const worker = inputs(named(run, "aws:ecs/service:Service", "service-worker-service"));
                    assert.strictEqual(worker.deploymentConfiguration, undefined);
                    assert.strictEqual(worker.alarms, undefined);
                } else if (cloud === "gcp") {
                    const api = inputs(named(run, "gcp:cloudrunv2/service:Service", "service-api-service"));
                    if (s === "rolling") assert.strictEqual(api.traffics, undefined);
                    else {
                        const candidate = s === "canary" ? 20 : 0;
                        assert.deepStrictEqual(api.traffics.map((t: any) => [t.type, t.percent, t.tag]), [
                            ["TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", candidate, "candidate"],
                            ["TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", 100 - candidate, "stable"],
                        ]);
                        assert.match(api.traffics[1].revision, /^acme-stg-api-00007-[0-9a-f]{3}$/, "the live revision, by its short name");
                        assert.notStrictEqual(api.template.containers[0].image, LIVE_IMAGE);
                    }
                    assert.strictEqual(inputs(named(run, "gcp:cloudrunv2/service:Service", "service-worker-service")).traffics, undefined);
                } else {
                    const api = inputs(named(run, "azure-native:app:ContainerApp", "service-api-app"));
                    assert.strictEqual(api.configuration.activeRevisionsMode, s === "rolling" ? "Single" : "Multiple");
                    if (s === "rolling") assert.strictEqual(api.configuration.ingress.traffic, undefined);
                    else {
                        const candidate = s === "canary" ? 20 : 0;
                        assert.deepStrictEqual(api.configuration.ingress.traffic.map((t: any) => [t.latestRevision ?? false, t.weight, t.label]), [[true, candidate, undefined], [false, 100 - candidate, "stable"]]);
                        assert.match(api.configuration.ingress.traffic[1].revisionName, /^acme-stg-api--[0-9a-f]{7}$/);
                    }
                    assert.strictEqual(inputs(named(run, "azure-native:app:ContainerApp", "service-worker-app")).configuration.activeRevisionsMode, "Single");
                }
            });
            it(`${cloud} kubernetes`, async function () {
                this.timeout(60_000);
                const run = await planFor("staging", cloud, ["platform:compute.runtime=kubernetes", ...strategy(s)]);
                const api = inputs(named(run, "kubernetes:apps/v1:Deployment", "service-api-deployment")).spec;
                const worker = inputs(named(run, "kubernetes:apps/v1:Deployment", "service-worker-deployment")).spec;
                const expected = rolloutSettings(s === "canary" ? { strategy: s, percent: 20, bakeMinutes: 15 } : { strategy: s, percent: 10, bakeMinutes: 10 });
                assert.deepStrictEqual(api.strategy, expected.strategy);
                assert.strictEqual(api.minReadySeconds, expected.minReadySeconds);
                assert.deepStrictEqual(worker.strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } });
            });
        }
    });
}

/**
 * The phase switch on the revision runtimes, planned against live services: `api` serves an
 * earlier image (a new release starts), `canary` is mid-release (its revision 00006 still
 * carries the `stable` tag, tools/engine/mocks MID_RELEASE_SERVICE).
 */
const midRelease = ["platform:services.canary.image=ghcr.io/acme/canary:2.0.0", "platform:services.canary.http.pathPrefix=/canary"];
const revisionTraffic = (run: Awaited<ReturnType<typeof planFor>>, cloud: Cloud, service: string): Array<[string, number, string | undefined]> => {
    if (cloud === "gcp") {
        return inputs(named(run, "gcp:cloudrunv2/service:Service", `service-${service}-service`)).traffics
            .map((t: any) => [t.type === "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST" ? "latest" : t.revision, t.percent, t.tag]);
    }
    return inputs(named(run, "azure-native:app:ContainerApp", `service-${service}-app`)).configuration.ingress.traffic
        .map((t: any) => [t.latestRevision ? "latest" : t.revisionName, t.weight, t.label]);
};

for (const cloud of ["gcp", "azure"] as const) {
    describe(`releases: ${cloud} promote and rollback through compute.releasePhase`, () => {
        const plan = (phase?: string) => planFor("staging", cloud, [...strategy("canary"), ...midRelease, ...(phase ? [`platform:compute.releasePhase=${phase}`] : [])]);
        const stableOf = (run: Awaited<ReturnType<typeof planFor>>, service: string) => revisionTraffic(run, cloud, service).find((t) => t[0] !== "latest")?.[0];

        it("deploy opens a canary for a new image and keeps an open release's split against its stable revision", async function () {
            this.timeout(60_000);
            const run = await plan();
            const api = revisionTraffic(run, cloud, "api");
            assert.deepStrictEqual(api.map((t) => t[1]), [20, 80]);
            const canary = revisionTraffic(run, cloud, "canary");
            assert.deepStrictEqual(canary.map((t) => t[1]), [20, 80]);
            assert.match(String(stableOf(run, "canary")), cloud === "gcp" ? /-00006-old$/ : /--0000old$/, "the revision still tagged stable, not the newest one");
            const releases = run.plan.outputs.releases as Record<string, any>;
            assert.deepStrictEqual([releases.api.gate, releases.api.phase, releases.api.inProgress, releases.api.candidatePercent], ["traffic", "deploy", true, 20]);
            assert.strictEqual(releases.api.stableRevision, stableOf(run, "api"));
            assert.match(releases.api.candidateUrl, cloud === "gcp" ? /^https:\/\/candidate---acme-stg-api-[0-9a-f]+-uc\.a\.run\.app$/ : /^https:\/\/acme-stg-api--[0-9a-f]{7}\.[0-9a-f]+\.eastus\.azurecontainerapps\.io$/);
            assert.strictEqual(releases.api.healthPath, "/health");
            assert.deepStrictEqual([releases.worker.strategy, releases.worker.inProgress], ["rolling", false]);
        });

        it("promote sends all traffic to the new revisions", async function () {
            this.timeout(60_000);
            const run = await plan("promote");
            for (const s of ["api", "canary"]) assert.deepStrictEqual(revisionTraffic(run, cloud, s).map((t) => [t[0], t[1]]), [["latest", 100]], s);
            const releases = run.plan.outputs.releases as Record<string, any>;
            assert.deepStrictEqual([releases.api.phase, releases.api.inProgress], ["promote", false]);
        });

        it("rollback sends all traffic back to the stable revision of an open release, and leaves a service with none as it is", async function () {
            this.timeout(60_000);
            const run = await plan("rollback");
            const canary = revisionTraffic(run, cloud, "canary");
            assert.deepStrictEqual(canary.map((t) => t[1]), [0, 100]);
            assert.strictEqual(canary[1]![2], "stable");
            assert.deepStrictEqual(revisionTraffic(run, cloud, "api").map((t) => [t[0], t[1]]), [["latest", 100]]);
        });

        it("every phase's plan passes the SDK schema check and the clouds' deploy rules (traffic adds up to 100, tags unique)", async function () {
            this.timeout(120_000);
            for (const phase of [undefined, "promote", "rollback"]) assert.deepStrictEqual(deployFindings(await plan(phase)), [], String(phase));
        });

        it("the phase changes only the traffic: the rest of every resource is the same as the deploy plan's", async function () {
            this.timeout(120_000);
            const [deploy, promote] = [await plan(), await plan("promote")];
            const strip = (r: { urn: string; inputs: any }) => {
                const i = JSON.parse(JSON.stringify(r.inputs ?? {}));
                delete i.traffics;
                if (i.configuration?.ingress) delete i.configuration.ingress.traffic;
                return [r.urn, i];
            };
            assert.deepStrictEqual(promote.plan.resources.map(strip), deploy.plan.resources.map(strip));
        });
    });
}

describe("releases: the gate of ECS and Kubernetes services", () => {
    it("ECS bakes and rolls back by itself (gate native); Kubernetes names the Deployment the workflow watches and undoes", async function () {
        this.timeout(120_000);
        const ecs = (await planFor("staging", "aws", strategy("canary"))).plan.outputs.releases as Record<string, any>;
        assert.deepStrictEqual(ecs.api, { strategy: "canary", bakeMinutes: 15, gate: "native" });
        const k8s = (await planFor("staging", "gcp", ["platform:compute.runtime=kubernetes", ...strategy("canary")])).plan.outputs.releases as Record<string, any>;
        assert.deepStrictEqual(k8s.api, { strategy: "canary", bakeMinutes: 15, gate: "rollout", deployment: { namespace: "acme-staging", name: "api" } });
    });
});

describe("releases: the phase switch", () => {
    const all = { "platform:cloud": "gcp", "platform:environment": "staging", "platform:compute": JSON.stringify({ minReplicas: 1 }) };
    it("PLATFORM_RELEASE_PHASE sets compute.releasePhase without touching the rest of compute", () => {
        assert.deepStrictEqual(JSON.parse(withReleasePhase(all, "promote")["platform:compute"]!), { minReplicas: 1, releasePhase: "promote" });
        assert.deepStrictEqual(JSON.parse(withReleasePhase({ "platform:cloud": "gcp" }, "rollback")["platform:compute"]!), { releasePhase: "rollback" });
        assert.strictEqual(withReleasePhase(all, undefined), all);
    });
    it("a bad phase fails naming the key and the allowed phases; a service cannot carry its own phase", () => {
        const base = { cloud: "aws", environment: "staging", loadBalancer: { domain: "app.example.com" }, services: { api: { image: "ghcr.io/acme/api:1", http: { pathPrefix: "/" } } } };
        assert.throws(() => resolveConfig({ ...base, compute: { releasePhase: "ship" } }), /platform:compute\.releasePhase = "ship".*deploy.*promote.*rollback/s);
        assert.throws(() => resolveConfig({ ...base, services: { api: { ...base.services.api, release: { strategy: "canary", phase: "promote" } } } }), /platform:services\.api\.release\.phase/);
        assert.strictEqual(resolveConfig({ ...base, compute: { releasePhase: "promote", release: { strategy: "canary" } } }).services[0]!.release.phase, "promote");
    });
});
