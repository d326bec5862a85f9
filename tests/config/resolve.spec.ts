import * as assert from "assert";
import { ConfigProblem, DEFAULT_RUNBOOK_URL } from "../../components/config";
import { rawOf } from "./message-cases";
import { resolveConfig, TIERS, tryResolveConfig } from "../../components/program-config";

/**
 * What the resolved config holds when a stack leaves a key out or sets it, and the cross-field
 * rules on both sides of their edges (the accepted value beside the rejected one). `rawOf`
 * builds a valid stack of the cloud and environment and sets dotted paths on it.
 */

type Set = Record<string, unknown>;
const resolve = (set: Set, cloud: "aws" | "gcp" | "azure" = "aws", environment: "staging" | "production" = "staging") => resolveConfig(rawOf({ cloud, environment, set }));
const problems = (set: Set, cloud: "aws" | "gcp" | "azure" = "aws", environment: "staging" | "production" = "staging"): ConfigProblem[] => {
    const r = tryResolveConfig(rawOf({ cloud, environment, set }));
    return Array.isArray(r) ? r : [];
};
const keys = (set: Set, cloud?: "aws" | "gcp" | "azure", environment?: "staging" | "production") => problems(set, cloud, environment).map((p) => p.key);
const job = { "jobs.migrate.image": "ghcr.io/acme/api:1.0.0", "jobs.migrate.command": ["migrate"] };
const http = (n: number, prefix = "/s") => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, { image: "ghcr.io/acme/s:1.0.0", http: { pathPrefix: `${prefix}${i}` } }]));

describe("config resolution: what a stack leaves out", () => {
    it("a service takes the compute defaults and its health path for readiness", () => {
        const cfg = resolve({ "compute.size": "large" });
        const api = cfg.services[0]!;
        assert.deepStrictEqual([api.size, api.port, api.healthPath, api.readinessPath, api.env, api.command], ["large", 8080, "/health", "/health", {}, undefined]);
        assert.deepStrictEqual([api.minReplicas, api.maxReplicas], [TIERS.staging.compute.minReplicas, TIERS.staging.compute.maxReplicas]);
        assert.deepStrictEqual(api.release, { ...TIERS.staging.compute.release });
    });
    it("a service's own values win", () => {
        const api = resolve({ "services.api.size": "small", "services.api.readinessPath": "/ready", "services.api.command": ["serve"], "services.api.env": { LOG_LEVEL: "debug" }, "services.api.port": 9000 }).services[0]!;
        assert.deepStrictEqual([api.size, api.readinessPath, api.healthPath, api.command, api.env, api.port], ["small", "/ready", "/health", ["serve"], { LOG_LEVEL: "debug" }, 9000]);
    });
    it("a worker always rolls; an HTTP service takes the release and the phase", () => {
        const cfg = resolve({ "services.worker": { image: "ghcr.io/acme/w:1.0.0" }, "compute.release": { strategy: "canary", percent: 10 }, "compute.releasePhase": "promote", "services.api.release": { strategy: "canary", bakeMinutes: 5 } });
        const [api, worker] = cfg.services;
        assert.deepStrictEqual(worker!.release, { strategy: "rolling", percent: 0, bakeMinutes: 0 });
        assert.deepStrictEqual(api!.release, { ...TIERS.staging.compute.release, strategy: "canary", percent: 10, bakeMinutes: 5, phase: "promote" });
        assert.strictEqual(resolve({}).services[0]!.release.phase, TIERS.staging.compute.release.phase);
    });
    it("a job takes the compute size and its defaults", () => {
        const j = resolve({ ...job, "compute.size": "medium" }).jobs[0]!;
        assert.deepStrictEqual(j, { name: "migrate", image: "ghcr.io/acme/api:1.0.0", command: ["migrate"], size: "medium", env: {}, secrets: {}, timeoutSeconds: 3600, runBeforeDeploy: false, databaseRole: "app" });
        const own = resolve({ ...job, "jobs.migrate.size": "large", "jobs.migrate.env": { A: "b" }, "jobs.migrate.timeoutSeconds": 60, "jobs.migrate.runBeforeDeploy": true, "jobs.migrate.databaseRole": "admin" }).jobs[0]!;
        assert.deepStrictEqual([own.size, own.env, own.timeoutSeconds, own.runBeforeDeploy, own.databaseRole], ["large", { A: "b" }, 60, true, "admin"]);
        assert.deepStrictEqual(resolve({}).jobs, []);
    });
    it("the database: name app, extensions once each, a restore parsed", () => {
        const db = resolve({}).database;
        assert.deepStrictEqual([db.name, db.extensions, db.restore], ["app", [], undefined]);
        const own = resolve({ "database.name": "shop", "database.extensions": ["postgis", "pgcrypto", "postgis"], "database.restore": "snap-1" }).database;
        assert.deepStrictEqual([own.name, own.extensions, own.restore], ["shop", ["postgis", "pgcrypto"], { kind: "backup", id: "snap-1", source: undefined }]);
        assert.deepStrictEqual(resolve({ "database.restore": 123456 }, "gcp").database.restore, { kind: "backup", id: "123456", source: undefined });
    });
    it("alert destinations default to alertEmail, one address or a list", () => {
        const none = resolve({}).monitoring;
        assert.deepStrictEqual([none.alertEmail, none.critical, none.warning, none.runbookUrl], [undefined, [], [], DEFAULT_RUNBOOK_URL]);
        assert.strictEqual(DEFAULT_RUNBOOK_URL, "docs/runbook.md");
        const fallback = resolve({ "monitoring.alertEmail": "ops@example.com" }).monitoring;
        assert.deepStrictEqual([fallback.critical, fallback.warning], [["ops@example.com"], ["ops@example.com"]]);
        const own = resolve({ "monitoring.alertEmail": "ops@example.com", "monitoring.critical": "pager@example.com", "monitoring.warning": ["a@example.com", "b@example.com"], "monitoring.runbookUrl": "https://example.com/runbook" }).monitoring;
        assert.deepStrictEqual([own.critical, own.warning, own.runbookUrl], [["pager@example.com"], ["a@example.com", "b@example.com"], "https://example.com/runbook"]);
    });
    it("the budget, the kubeconfig and the sections merge over the tier", () => {
        const cfg = resolve({ "monitoring.budget.amount": 500, "kubernetes.maxNodes": 7, "objectStore.expirationDays": 800, "audit.logRetentionDays": 731, "loadBalancer.waf": true, "cache.nodes": 3 });
        assert.deepStrictEqual(cfg.monitoring.budget, { ...TIERS.staging.monitoring.budget, amount: 500 });
        assert.deepStrictEqual([cfg.kubernetes.maxNodes, cfg.kubernetes.minNodes, cfg.kubernetes.kubeconfig], [7, TIERS.staging.kubernetes.minNodes, undefined]);
        assert.deepStrictEqual([cfg.objectStore.expirationDays, cfg.objectStore.archiveAfterDays], [800, TIERS.staging.objectStore.archiveAfterDays]);
        assert.deepStrictEqual([cfg.audit.logRetentionDays, cfg.loadBalancer.waf, cfg.loadBalancer.domain], [731, true, "app.example.com"]);
        assert.deepStrictEqual([cfg.cache.nodes, cfg.cache.automaticFailover], [3, true]);
        assert.deepStrictEqual([resolve({}).cache.automaticFailover, resolve({}, "aws", "production").cache.automaticFailover], [false, true]);
    });
    it("the tags, the protection and the cloud sections", () => {
        const cfg = resolve({ appName: "shop", "tags.team": "pay" }, "gcp", "production");
        assert.deepStrictEqual(cfg.tags, { team: "pay", environment: "production", app: "shop", "managed-by": "pulumi" });
        assert.deepStrictEqual([cfg.protect, resolve({}).protect, cfg.appName, cfg.cloud, cfg.environment], [true, false, "shop", "gcp", "production"]);
        assert.deepStrictEqual([cfg.gcp, cfg.aws, cfg.azure], [{ project: "acme-prod-1", billingAccount: "01A2B3-C4D5E6-F7A8B9" }, undefined, undefined]);
        assert.deepStrictEqual(resolve({ "azure.location": "westus" }, "azure").azure, { location: "westus" });
        assert.deepStrictEqual(resolve({ "aws.region": "eu-west-1" }).aws, { region: "eu-west-1" });
        assert.strictEqual(resolve({}).compute.runtime, "managed");
        assert.strictEqual(resolve({ "compute.runtime": "kubernetes" }).compute.runtime, "kubernetes");
    });
});

describe("config resolution: disaster recovery", () => {
    it("a primary stack runs in its region and copies to the pair", () => {
        const dr = resolve({ "aws.region": "eu-west-1" }, "aws", "production");
        assert.strictEqual(dr.region, "eu-west-1");
        assert.deepStrictEqual({ ...dr.dr }, { role: "primary", primaryRegion: "eu-west-1", drRegion: "eu-central-1", copyRegion: "eu-central-1", crossRegionCopies: true, objectives: TIERS.production.dr.objectives });
        assert.strictEqual(resolve({}).dr.crossRegionCopies, false);
        assert.strictEqual(resolve({ "dr.crossRegionCopies": true }).dr.crossRegionCopies, true);
    });
    it("a recovery stack runs in the DR region and copies back", () => {
        const cfg = resolve({ "dr.role": "recovery", "dr.region": "us-east-1" });
        assert.deepStrictEqual([cfg.region, cfg.dr.primaryRegion, cfg.dr.drRegion, cfg.dr.copyRegion], ["us-east-1", "us-west-2", "us-east-1", "us-west-2"]);
    });
    it("the DR region is checked against the selected cloud's regions", () => {
        assert.deepStrictEqual(problems({ "dr.region": "us-west1" }, "aws").map((p) => p.allowed), ["an AWS region, other than the primary region us-west-2"]);
        assert.deepStrictEqual(problems({ "dr.region": "us-west-2" }, "gcp").map((p) => p.allowed), ["a GCP region, other than the primary region us-central1"]);
        assert.deepStrictEqual(problems({ "dr.region": "us-east1" }, "azure").map((p) => p.allowed), ["an Azure region, other than the primary region eastus"]);
        assert.deepStrictEqual(keys({ "dr.region": "us-west1" }, "gcp"), []);
    });
    it("off Azure any other region of the cloud is a pair; on Azure only its pair, where it has one", () => {
        assert.deepStrictEqual(keys({ "dr.region": "eu-west-1" }), []);
        assert.deepStrictEqual(keys({ "dr.region": "westus" }, "azure"), []);
        assert.deepStrictEqual(keys({ "azure.location": "qatarcentral", "dr.region": "westus" }, "azure"), []);
        assert.deepStrictEqual(keys({ "azure.location": "qatarcentral" }, "azure"), ["platform:dr.region"]);
    });
    it("restore ids: an RDS snapshot id of 255 characters, not 256; an ARN; rds: automated snapshots", () => {
        for (const ok of ["a".repeat(255), "rds:snap-2026", "arn:aws:rds:us-west-2:123456789012:snapshot:snap-1", "2026-11-30T09:15:00+01:00"]) assert.deepStrictEqual(keys({ "database.restore": ok }), [], ok);
        assert.deepStrictEqual(keys({ "database.restore": "a".repeat(256) }), ["platform:database.restore"]);
        assert.deepStrictEqual(keys({ "database.restore": "1234567890123456789" }, "gcp"), []);
        assert.deepStrictEqual(keys({ "database.restore": "12345678901234567890" }, "gcp"), ["platform:database.restore"]);
        assert.deepStrictEqual(keys({ "database.restore": "2026-11-30T09:15:00Z" }, "azure"), []);
    });
    it("restore sources per cloud, and a recovery stack's point in time from the replicated backups", () => {
        const arn = "arn:aws:rds:us-east-2:123456789012:auto-backup:ab-abc123";
        assert.deepStrictEqual(keys({ "database.restore": "2026-11-30T09:15:00Z", "dr.role": "recovery", "database.restoreSource": arn }), []);
        assert.deepStrictEqual(keys({ "database.restore": "2026-11-30T09:15:00Z", "dr.role": "recovery", "database.restoreSource": "prod-db" }), ["platform:database.restoreSource"]);
        assert.deepStrictEqual(keys({ "database.restore": "2026-11-30T09:15:00Z", "database.restoreSource": "prod-db" }), []);
        assert.deepStrictEqual(keys({ "database.restore": "123", "database.restoreSource": "prod-db" }, "gcp"), []);
        assert.deepStrictEqual(keys({ "database.restore": "123", "dr.role": "recovery", "dr.region": "us-east1" }, "gcp"), []);
        const armId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/prod-db";
        assert.deepStrictEqual(keys({ "database.restore": "2026-11-30T09:15:00Z", "database.restoreSource": armId }, "azure"), []);
    });
});

describe("config resolution: cross-field rules on both sides of their edges", () => {
    it("the network prefix: /16 to /20", () => {
        for (const ok of ["10.0.0.0/16", "10.0.0.0/20"]) assert.deepStrictEqual(keys({ "network.cidr": ok }), [], ok);
        for (const bad of ["10.0.0.0/15", "10.0.0.0/21"]) assert.deepStrictEqual(keys({ "network.cidr": bad }), ["platform:network.cidr"], bad);
    });
    it("a service's replicas are checked against the compute defaults only where it sets one", () => {
        assert.deepStrictEqual(keys({ "compute.minReplicas": 5, "compute.maxReplicas": 10 }), []);
        assert.deepStrictEqual(keys({ "compute.minReplicas": 5, "compute.maxReplicas": 10, "services.api.maxReplicas": 2 }), ["platform:services.api.minReplicas"]);
        assert.deepStrictEqual(keys({ "compute.minReplicas": 5, "compute.maxReplicas": 10, "services.api.minReplicas": 11 }), ["platform:services.api.minReplicas"]);
        assert.deepStrictEqual(keys({ "services.api.minReplicas": 3, "services.api.maxReplicas": 3 }), []);
        assert.deepStrictEqual(keys({ "compute.minReplicas": 4, "compute.maxReplicas": 4 }), []);
        assert.deepStrictEqual(keys({ "kubernetes.minNodes": 4, "kubernetes.maxNodes": 4 }), []);
    });
    it("percent only with a canary, on compute and on each service", () => {
        assert.deepStrictEqual(keys({ "compute.release": { strategy: "canary", percent: 20 }, "services.api.release": { strategy: "canary", percent: 5 } }), []);
        assert.deepStrictEqual(keys({ "compute.release": { strategy: "rolling", percent: 20 }, "services.api.release": { strategy: "blueGreen", percent: 5 } }), ["platform:compute.release.percent", "platform:services.api.release.percent"]);
        assert.deepStrictEqual(keys({ "services.worker": { image: "ghcr.io/acme/w:1.0.0", release: { strategy: "rolling" } } }), []);
        assert.deepStrictEqual(keys({ "services.worker": { image: "ghcr.io/acme/w:1.0.0", release: { strategy: "blueGreen" } } }), ["platform:services.worker.release.strategy"]);
    });
    it("every reserved service name, each job named like a service, every extension of the wrong cloud", () => {
        assert.deepStrictEqual(keys({ "services.alb": { image: "ghcr.io/acme/a:1.0.0" }, "services.agw": { image: "ghcr.io/acme/a:1.0.0" } }), ["platform:services.alb", "platform:services.agw"]);
        assert.deepStrictEqual(keys({ "jobs.api.image": "ghcr.io/acme/api:1.0.0", "jobs.api.command": ["x"], ...job }), ["platform:jobs.api"]);
        // Listed twice, checked once: the list is deduplicated first.
        assert.deepStrictEqual(keys({ "database.extensions": ["timescaledb", "postgis", "timescaledb"] }), ["platform:database.extensions[0]"]);
        assert.deepStrictEqual(keys({ "database.extensions": ["timescaledb"] }, "azure"), []);
    });
    it("the load balancer's route limit: 100 HTTP services on AWS and Azure, none on GCP", () => {
        for (const cloud of ["aws", "azure"] as const) {
            assert.deepStrictEqual(keys({ services: http(100) }, cloud), [], `${cloud}: 100`);
            const found = problems({ services: http(101) }, cloud);
            assert.deepStrictEqual(found.map((p) => [p.key, p.value]), [["platform:services", "101 services with an http route"]], cloud);
            assert.match(found[0]!.allowed, new RegExp(`^at most 100 on ${cloud}: `));
        }
        assert.deepStrictEqual(keys({ services: http(101) }, "gcp"), []);
    });
    it("routes compare as the cloud matches them: trailing slashes everywhere, case on Azure only", () => {
        const two = (a: string, b: string) => ({ "services.api.http.pathPrefix": a, "services.web": { image: "ghcr.io/acme/web:1.0.0", http: { pathPrefix: b } } });
        assert.deepStrictEqual(keys(two("/api", "/api/")), ["platform:services.web.http"]);
        assert.deepStrictEqual(keys(two("/api", "/API")), []);
        assert.deepStrictEqual(keys(two("/api", "/API"), "azure"), ["platform:services.web.http"]);
        assert.match(problems(two("/api", "/API"), "azure")[0]!.allowed, /^a route different from service api's \(both are \*\/api on /);
        assert.deepStrictEqual(keys({ "services.api.http": { host: "a.example.com" }, "services.web": { image: "ghcr.io/acme/web:1.0.0", http: { host: "b.example.com" } } }), []);
    });
    it("a worker beside an HTTP service is fine; env names the platform does not set are the service's", () => {
        assert.deepStrictEqual(keys({ "services.worker": { image: "ghcr.io/acme/w:1.0.0", env: { QUEUE: "jobs" } }, ...job, "jobs.migrate.env": { MODE: "x" } }), []);
    });
    it("GCP's budget needs a billing account only while it is on", () => {
        assert.deepStrictEqual(keys({ "gcp.billingAccount": undefined, "monitoring.budget.enabled": false }, "gcp"), []);
        assert.deepStrictEqual(keys({ "gcp.billingAccount": undefined }, "gcp"), ["platform:gcp.billingAccount"]);
    });
});

describe("config resolution: the application's secrets", () => {
    const secretTop = (key: string) => key === "platform:services" || key === "platform:jobs";
    const withSecrets = (set: Set, isSecret: (k: string) => boolean) => tryResolveConfig(rawOf({ set }), isSecret);
    const found = (set: Set, isSecret: (k: string) => boolean) => {
        const r = withSecrets(set, isSecret);
        return Array.isArray(r) ? r.map((p) => [p.key, p.allowed]) : [];
    };
    it("secure values resolve to Pulumi secrets, on services and jobs", async () => {
        const cfg = withSecrets({ "services.api.secrets": { API_KEY: "k1" }, ...job, "jobs.migrate.secrets": { TOKEN: "t1" } }, secretTop);
        assert.ok(!Array.isArray(cfg), JSON.stringify(cfg));
        const unwrap = (o: any) => new Promise((resolve) => o.apply((v: string) => resolve(v)));
        assert.deepStrictEqual(Object.keys(cfg.services[0]!.secrets), ["API_KEY"]);
        assert.strictEqual(await unwrap(cfg.services[0]!.secrets.API_KEY), "k1");
        assert.strictEqual(await unwrap(cfg.jobs[0]!.secrets.TOKEN), "t1");
        assert.ok(await (cfg.jobs[0]!.secrets.TOKEN as any).isSecret);
        assert.deepStrictEqual(resolve({}).services[0]!.secrets, {});
    });
    it("plain values are refused per key, for services and for jobs", () => {
        assert.deepStrictEqual(found({ ...job, "jobs.migrate.secrets": { TOKEN: "t1" } }, (k) => k === "platform:services"), [
            ["platform:jobs.migrate.secrets.TOKEN", "a secure value: set it with pulumi config set --secret --path 'platform:jobs.migrate.secrets.TOKEN' (a plain value in the stack file is not accepted)"],
        ]);
        assert.deepStrictEqual(found({ "services.api.secrets": { TOKEN: "t1" } }, (k) => k === "platform:jobs").map(([k]) => k), ["platform:services.api.secrets.TOKEN"]);
    });
    it("a secret may not be a binding variable nor also a plain variable", () => {
        assert.deepStrictEqual(found({ "services.api.secrets": { DATABASE_PASSWORD: "x" } }, secretTop).map(([k, a]) => [k, a.split(" (")[0]]), [["platform:services.api.secrets.DATABASE_PASSWORD", "a name the platform does not set itself"]]);
        assert.deepStrictEqual(found({ "services.api.secrets": { API_KEY: "x" }, "services.api.env": { API_KEY: "y" } }, secretTop), [["platform:services.api.secrets.API_KEY", "a name not also in platform:services.api.env"]]);
        assert.deepStrictEqual(found({ ...job, "jobs.migrate.secrets": { API_KEY: "x" }, "jobs.migrate.env": { API_KEY: "y", OTHER: "z" } }, secretTop), [["platform:jobs.migrate.secrets.API_KEY", "a name not also in platform:jobs.migrate.env"]]);
        assert.deepStrictEqual(found({ "services.api.secrets": { API_KEY: "x" }, "services.api.env": { OTHER: "y" } }, secretTop), []);
    });
    it("at most 100 secrets and 100 variables per service or job, at most 200 jobs", () => {
        const many = (n: number, prefix: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, "x"]));
        assert.deepStrictEqual(found({ "services.api.secrets": many(100, "S") }, secretTop), []);
        assert.deepStrictEqual(found({ "services.api.secrets": many(101, "S") }, secretTop), [["platform:services.api.secrets", "at most 100 secrets"]]);
        assert.deepStrictEqual(found({ ...job, "jobs.migrate.env": many(100, "V") }, secretTop), []);
        assert.deepStrictEqual(found({ ...job, "jobs.migrate.env": many(101, "V") }, secretTop), [["platform:jobs.migrate.env", "at most 100 variables"]]);
        const jobs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`j${i}`, { image: "ghcr.io/acme/j:1.0.0", command: ["run"] }]));
        assert.deepStrictEqual(found({ jobs: jobs(200) }, secretTop), []);
        assert.deepStrictEqual(found({ jobs: jobs(201) }, secretTop), [["platform:jobs", "at most 200 jobs per stack"]]);
    });
    it("without the engine's word, no value is secure", () => {
        assert.throws(() => resolveConfig(rawOf({ set: { "services.api.secrets": { API_KEY: "x" } } })), /platform:services\.api\.secrets\.API_KEY = \[secret\]: allowed: a secure value/);
    });
    it("every such problem masks the value", () => {
        const r = withSecrets({ "services.api.secrets": { PORT: "hunter2" }, "services.api.env": { PORT: "1" } }, () => false);
        assert.ok(Array.isArray(r));
        assert.strictEqual(r.length, 3);
        for (const p of r) assert.strictEqual(typeof p.value, "symbol", p.key);
    });
});
