import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { PlanRun } from "../tools/engine/run-plan";
import { policyRunner } from "../tools/engine/policies";
import { assertExplicitProviders, assertSecretsStaySecret, assertStandardTags, assertStatefulProtection, assertUrnSnapshot, assertParentedToComponents, assertOnlyImageDigestAdvisories } from "./support/assertions";
import { ENVIRONMENTS, ofType, one, planFor, rawInputs, named, inputs } from "./support/harness";
import { computeSubnetCidr } from "../providers/gcp/network";
import { pathsFor, urlMapRouting } from "../providers/gcp/load-balancer";
import { alertSpecs } from "../providers/gcp/monitoring";
import { TIERS } from "../components/program-config";

const T = {
    provider: "pulumi:providers:gcp",
    network: "gcp:compute/network:Network",
    subnet: "gcp:compute/subnetwork:Subnetwork",
    address: "gcp:compute/globalAddress:GlobalAddress",
    peering: "gcp:servicenetworking/connection:Connection",
    router: "gcp:compute/router:Router",
    nat: "gcp:compute/routerNat:RouterNat",
    firewall: "gcp:compute/firewall:Firewall",
    sql: "gcp:sql/databaseInstance:DatabaseInstance",
    sqlDatabase: "gcp:sql/database:Database",
    sqlUser: "gcp:sql/user:User",
    password: "random:index/randomPassword:RandomPassword",
    secret: "gcp:secretmanager/secret:Secret",
    secretVersion: "gcp:secretmanager/secretVersion:SecretVersion",
    secretIam: "gcp:secretmanager/secretIamMember:SecretIamMember",
    redis: "gcp:redis/instance:Instance",
    bucket: "gcp:storage/bucket:Bucket",
    bucketIam: "gcp:storage/bucketIAMMember:BucketIAMMember",
    projectIam: "gcp:projects/iAMMember:IAMMember",
    account: "gcp:serviceaccount/account:Account",
    run: "gcp:cloudrunv2/service:Service",
    logBucket: "gcp:logging/projectBucketConfig:ProjectBucketConfig",
    logSink: "gcp:logging/projectSink:ProjectSink",
    neg: "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup",
    backend: "gcp:compute/backendService:BackendService",
    armor: "gcp:compute/securityPolicy:SecurityPolicy",
    urlMap: "gcp:compute/uRLMap:URLMap",
    cert: "gcp:compute/managedSslCertificate:ManagedSslCertificate",
    sslPolicy: "gcp:compute/sSLPolicy:SSLPolicy",
    httpsProxy: "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
    httpProxy: "gcp:compute/targetHttpProxy:TargetHttpProxy",
    forwardingRule: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    channel: "gcp:monitoring/notificationChannel:NotificationChannel",
    alert: "gcp:monitoring/alertPolicy:AlertPolicy",
} as const;

const STATEFUL = [T.sql, T.redis, T.bucket];

const EXPECT = {
    production: {
        availability: "REGIONAL", retained: 30, deletionProtection: true, finalBackup: true, tier: "db-custom-2-7680", disk: 100,
        redisTier: "STANDARD_HA", redisReplicas: 1, persistence: "RDB", redisGb: 5, waf: true, lbDeletionPolicy: "PREVENT",
        min: 3, max: 20, logRetention: 30, protect: true, resources: { cpu: "1", memory: "1Gi" }, cidr: "10.0.0.0/17",
        project: "acme-platform-prod", domain: "app.acme-platform.example.com", email: true, maxConnections: 200,
    },
    staging: {
        availability: "ZONAL", retained: 7, deletionProtection: false, finalBackup: false, tier: "db-custom-1-3840", disk: 20,
        redisTier: "BASIC", redisReplicas: undefined, persistence: "DISABLED", redisGb: 1, waf: false, lbDeletionPolicy: "DELETE",
        min: 1, max: 3, logRetention: 14, protect: false, resources: { cpu: "1", memory: "512Mi" }, cidr: "10.1.0.0/17",
        project: "acme-platform-stg", domain: "staging.acme-platform.example.com", email: false, maxConnections: 100,
    },
} as const;

const envOf = (svc: Record<string, any>) => Object.fromEntries((svc.template.containers[0].envs as any[]).map((e) => [e.name, e]));

const GCP_SDK = path.dirname(require.resolve("@pulumi/gcp/package.json"));
/** Whether the SDK's Args for a type token has a top-level `labels` input (read from its .d.ts). */
function takesLabels(type: string): boolean {
    const m = /^gcp:([^/]+)\/([^:]+):/.exec(type);
    if (!m) return false;
    // Module file names fold the token's casing (`uRLMap` -> urlmap.d.ts, `iAMMember` -> iammember.d.ts).
    const dir = path.join(GCP_SDK, m[1]!);
    const file = fs.readdirSync(dir).find((f) => f.toLowerCase() === `${m[2]!.toLowerCase()}.d.ts`);
    assert.ok(file, `no SDK module for ${type}`);
    const src = fs.readFileSync(path.join(dir, file), "utf8");
    const args = /export interface \w+Args \{([\s\S]*?)\n\}/.exec(src);
    return Boolean(args && /\n    labels\?:/.test(args[1]!));
}

describe("gcp: pure helpers", () => {
    it("carves the compute subnet out of the network CIDR", () => {
        assert.strictEqual(computeSubnetCidr("10.0.0.0/16"), "10.0.0.0/17");
        assert.strictEqual(computeSubnetCidr("10.1.0.0/16"), "10.1.0.0/17");
        assert.strictEqual(computeSubnetCidr("10.2.16.0/20"), "10.2.16.0/21");
    });
    it("routes paths and hosts through one URL map", () => {
        assert.deepStrictEqual(pathsFor("/api"), ["/api", "/api/*"]);
        assert.deepStrictEqual(pathsFor("/api/"), ["/api", "/api/*"]);
        assert.deepStrictEqual(pathsFor("/"), []);
        assert.deepStrictEqual(pathsFor(undefined), []);
        const routing = urlMapRouting([
            { service: "api", port: 8080, pathPrefix: "/api", healthPath: "/health" },
            { service: "web", port: 3000, pathPrefix: "/", healthPath: "/health" },
            { service: "admin", port: 8080, host: "admin.example.com", healthPath: "/health" },
        ], (s) => `backend/${s}`);
        assert.strictEqual(routing.defaultService, "backend/web");
        assert.deepStrictEqual(routing.hostRules, [
            { hosts: ["admin.example.com"], pathMatcher: "host-1" },
            { hosts: ["*"], pathMatcher: "default" },
        ]);
        assert.deepStrictEqual(routing.pathMatchers, [
            { name: "host-1", defaultService: "backend/admin", pathRules: [] },
            { name: "default", defaultService: "backend/web", pathRules: [{ paths: ["/api", "/api/*"], service: "backend/api" }] },
        ]);
        assert.throws(() => urlMapRouting([], (s) => s));
    });
    it("derives every alert threshold from the tier", () => {
        const specs = alertSpecs({ thresholds: TIERS.production.monitoring }, {
            project: "p", region: "us-central1", cloudRunServices: ["acme-prod-api", "acme-prod-worker"], routedCloudRunServices: ["acme-prod-api"],
            urlMap: "acme-prod-https", sqlInstance: "acme-prod-postgres", redisInstance: "acme-prod-redis", maxConnections: 200,
            counters: { dbConnectionFailures: "acme-prod-db-connection-failures", runCrashes: "acme-prod-run-crashes" },
        });
        const by = Object.fromEntries(specs.map((s) => [s.key, s.threshold]));
        assert.deepStrictEqual(Object.keys(by).sort(), ["cache-cpu", "cache-evictions", "cache-memory", "cpu", "crash-loop", "db-connection-failures", "db-connections",
            "db-cpu", "db-storage", "healthy-instances", "http-5xx", "latency-p95", "latency-p95-critical", "memory"]);
        assert.strictEqual(by.cpu!.thresholdValue, 0.8);
        assert.strictEqual(by.memory!.thresholdValue, 0.85);
        assert.strictEqual(by["latency-p95"]!.thresholdValue, 2000);
        assert.strictEqual(by["latency-p95-critical"]!.thresholdValue, 5000);
        assert.strictEqual(by["db-storage"]!.thresholdValue, 0.9);
        assert.strictEqual(by["db-connections"]!.thresholdValue, 160);
        // 5xx as a share of requests: a ratio condition.
        assert.strictEqual(by["http-5xx"]!.thresholdValue, 0.1);
        assert.match(String(by["http-5xx"]!.filter), /response_code_class = 500/);
        assert.doesNotMatch(String(by["http-5xx"]!.denominatorFilter), /response_code_class/);
        assert.match(String(by["healthy-instances"]!.filter), /one_of\("acme-prod-api"\)/);
        assert.match(String(by["db-connection-failures"]!.filter), /logging\.googleapis\.com\/user\/acme-prod-db-connection-failures/);
        assert.match(String(by["cache-evictions"]!.filter), /instance_id = "projects\/p\/locations\/us-central1\/instances\/acme-prod-redis"/);
        assert.match(String(by.cpu!.filter), /service_name = one_of\("acme-prod-api", "acme-prod-worker"\)/);
        assert.match(String(by["db-connections"]!.filter), /database_id = "p:acme-prod-postgres"/);
    });
});

describe("gcp: physical names for the longest accepted app and service names", () => {
    // 12-character app name, 10-character service name: config accepts them, so GCP must too.
    const config = [
        "platform:appName=abcdefgh-jkl",
        "platform:services.abcdefghij.image=ghcr.io/acme/long:1",
        "platform:services.abcdefghij.http.host=long.example.com",
    ];
    const RFC1035 = (max: number) => new RegExp(`^[a-z](?:[-a-z0-9]{0,${max - 2}}[a-z0-9])?$`);
    const RULES: Array<{ types: string[]; key: string; rule: RegExp }> = [
        { types: [T.network, T.subnet, T.address, T.router, T.nat, T.firewall, T.neg, T.backend, T.armor, T.urlMap, T.cert, T.sslPolicy, T.httpsProxy, T.httpProxy, T.forwardingRule], key: "name", rule: RFC1035(63) },
        { types: [T.sql], key: "name", rule: RFC1035(63) },
        { types: [T.redis], key: "name", rule: RFC1035(40) },
        { types: [T.run], key: "name", rule: RFC1035(49) },
        { types: [T.account], key: "accountId", rule: /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/ },
        { types: [T.bucket], key: "name", rule: /^[a-z0-9][-a-z0-9_]{1,61}[a-z0-9]$/ },
        { types: [T.secret], key: "secretId", rule: /^[A-Za-z0-9_-]{1,255}$/ },
        { types: [T.logBucket], key: "bucketId", rule: /^[A-Za-z0-9_-]{1,100}$/ },
        { types: [T.logSink], key: "name", rule: /^[A-Za-z0-9_.-]{1,100}$/ },
    ];
    let run: PlanRun;
    before(async () => { run = await planFor("production", "gcp", config); });

    it("plans, and every physical name fits its GCP rule", () => {
        let checked = 0;
        for (const { types, key, rule } of RULES) {
            for (const type of types) {
                const found = ofType(run, type);
                assert.ok(found.length > 0, `no ${type} in the plan`);
                for (const r of found) {
                    const value = String(inputs(r)[key]);
                    assert.match(value, rule, `${r.name}.${key} = ${value} (${value.length} chars)`);
                    assert.ok(value.startsWith("abcdefgh-jkl-prod") || type === T.bucket, `${r.name}.${key} carries the app and env`);
                    checked++;
                }
            }
        }
        assert.ok(checked >= 40, `only ${checked} names checked`);
        assert.strictEqual(inputs(named(run, T.account, "service-abcdefghij-identity")).accountId, "abcdefgh-jkl-prod-abcdefghij");
        assert.strictEqual(inputs(named(run, T.neg, "load-balancer-abcdefghij-neg")).cloudRun.service, inputs(named(run, T.run, "service-abcdefghij-service")).name);
    });
});

for (const env of ENVIRONMENTS) {
    const e = EXPECT[env];
    describe(`gcp ${env} plan`, () => {
        let run: PlanRun;
        before(async () => { run = await planFor(env, "gcp"); });

        describe("platform guarantees", () => {
            it("passes the policy pack without violations", async () => {
                assertOnlyImageDigestAdvisories(await policyRunner()(run));
            });
            it("uses the explicit gcp provider (project and region from config) and the explicit random provider", () => {
                assertExplicitProviders(run, "gcp");
                assertExplicitProviders(run, "random");
                const provider = inputs(one(run, T.provider));
                assert.strictEqual(provider.project, e.project);
                assert.strictEqual(provider.region, "us-central1");
            });
            it("labels every resource that takes labels with environment, app and managed-by", () => {
                const types = [...new Set(run.plan.resources.filter((r) => r.custom && r.type.startsWith("gcp:")).map((r) => r.type))];
                // A notification channel's `labels` is its configuration (email_address); it is labelled through userLabels.
                const labelled = types.filter((t) => t !== T.channel && takesLabels(t));
                assert.ok(labelled.length >= (e.waf ? 7 : 6), `only ${labelled.length} label-taking types: ${labelled.join(", ")}`);
                assertStandardTags(run, { key: "labels", types: labelled, environment: env, app: "acme" });
                // Cloud SQL, alert policies and notification channels call them user labels.
                const userLabelled = [
                    ...ofType(run, T.sql).map((r) => ({ r, l: inputs(r).settings.userLabels })),
                    ...[...ofType(run, T.alert), ...ofType(run, T.channel)].map((r) => ({ r, l: inputs(r).userLabels })),
                ];
                assert.ok(userLabelled.length >= 7);
                for (const { r, l } of userLabelled) assert.deepStrictEqual(l, { environment: env, app: "acme", "managed-by": "pulumi" }, `${r.name} user labels`);
                for (const svc of ofType(run, T.run)) assert.strictEqual(inputs(svc).template.labels.environment, env, `${svc.name} revision labels`);
            });
            it(`protects stateful resources: ${e.protect}`, () => {
                assertStatefulProtection(run, STATEFUL, e.protect);
            });
            it("keeps secrets secret", () => {
                assertSecretsStaySecret(run, [{ type: T.secretVersion, key: "secretData" }, { type: T.sqlUser, key: "password", name: "database-user" }]);
                const values = ofType(run, T.secretVersion).map((v) => (rawInputs(run, v.urn).secretData as { value: string }).value);
                assert.strictEqual(values.length, 2);
                const password = rawInputs(run, named(run, T.sqlUser, "database-user").urn).password as { value: string };
                assert.ok(values.includes(password.value), "the database password reaches Secret Manager");
                assert.ok(values.some((v) => v.startsWith("mock-auth-")), "the Redis AUTH string reaches Secret Manager");
                const plain = JSON.stringify(run.plan);
                for (const v of values) assert.ok(!plain.includes(v), "no secret value in the plan");
            });
            it("matches the URN snapshot (a replaced stateful resource needs an alias)", () => {
                assertUrnSnapshot(run.plan, `gcp-${env}.urns.json`);
            });
            it("parents every gcp and random resource to a platform component with its name as prefix", () => assertParentedToComponents(run, ["gcp:", "random:"]));
        });

        describe("network", () => {
            it("is a custom-mode VPC with one private regional subnet, Cloud NAT and private service access", () => {
                const vpc = inputs(one(run, T.network));
                assert.strictEqual(vpc.autoCreateSubnetworks, false);
                const subnet = inputs(one(run, T.subnet));
                assert.strictEqual(subnet.ipCidrRange, e.cidr);
                assert.strictEqual(subnet.region, "us-central1");
                assert.strictEqual(subnet.privateIpGoogleAccess, true);
                assert.ok(subnet.logConfig, "flow logs");
                const psa = inputs(named(run, T.address, "network-psa-range"));
                assert.strictEqual(psa.purpose, "VPC_PEERING");
                assert.strictEqual(psa.addressType, "INTERNAL");
                const peering = inputs(one(run, T.peering));
                assert.strictEqual(peering.service, "servicenetworking.googleapis.com");
                assert.deepStrictEqual(peering.reservedPeeringRanges, [psa.name]);
                const nat = inputs(one(run, T.nat));
                assert.strictEqual(nat.sourceSubnetworkIpRangesToNat, "ALL_SUBNETWORKS_ALL_IP_RANGES");
                assert.strictEqual(nat.router, inputs(one(run, T.router)).name);
            });
            it("lets only compute (by network tag) reach PostgreSQL and Redis; everything else is denied", () => {
                const rules = ofType(run, T.firewall).map(inputs);
                const allow = rules.find((r) => r.allows);
                const deny = rules.find((r) => r.denies);
                assert.ok(allow && deny);
                const psaCidr = "10.200.0.0/20";
                assert.deepStrictEqual(allow.destinationRanges, [psaCidr]);
                assert.deepStrictEqual(deny.destinationRanges, [psaCidr]);
                assert.strictEqual(allow.direction, "EGRESS");
                assert.deepStrictEqual(allow.allows, [{ protocol: "tcp", ports: ["5432", "6378"] }]);
                assert.deepStrictEqual(deny.denies, [{ protocol: "all" }]);
                assert.ok(allow.priority < deny.priority, "the allow wins over the deny");
                assert.strictEqual(deny.targetTags, undefined, "the deny applies to every instance");
                assert.strictEqual(allow.targetTags.length, 1);
                for (const svc of ofType(run, T.run)) {
                    const nic = inputs(svc).template.vpcAccess.networkInterfaces[0];
                    assert.deepStrictEqual(nic.tags, allow.targetTags, `${svc.name} egress carries the compute tag`);
                }
            });
        });

        describe("database", () => {
            it("is Cloud SQL PostgreSQL 16, private IP only, TLS-only, with query insights and slow-query logging", () => {
                const db = inputs(one(run, T.sql));
                assert.strictEqual(db.databaseVersion, "POSTGRES_16");
                const ip = db.settings.ipConfiguration;
                assert.strictEqual(ip.ipv4Enabled, false);
                assert.strictEqual(ip.sslMode, "ENCRYPTED_ONLY");
                assert.strictEqual(ip.privateNetwork, `projects/${e.project}/global/networks/acme-${env === "production" ? "prod" : "stg"}-vpc`);
                assert.strictEqual(ip.allocatedIpRange, inputs(named(run, T.address, "network-psa-range")).name);
                assert.ok(!ip.authorizedNetworks || ip.authorizedNetworks.length === 0);
                assert.strictEqual(db.settings.insightsConfig.queryInsightsEnabled, true);
                const flags = Object.fromEntries(db.settings.databaseFlags.map((f: any) => [f.name, f.value]));
                assert.strictEqual(flags.log_min_duration_statement, "1000");
                assert.strictEqual(flags.max_connections, String(e.maxConnections));
                assert.strictEqual(db.settings.tier, e.tier);
                assert.strictEqual(db.settings.diskSize, e.disk);
                assert.strictEqual(db.settings.diskAutoresize, true);
            });
            it(`has the ${env} availability, backup and deletion settings`, () => {
                const s = inputs(one(run, T.sql)).settings;
                assert.strictEqual(s.availabilityType, e.availability);
                assert.strictEqual(s.backupConfiguration.enabled, true);
                assert.strictEqual(s.backupConfiguration.startTime, "03:00");
                assert.strictEqual(s.backupConfiguration.pointInTimeRecoveryEnabled, true);
                assert.strictEqual(s.backupConfiguration.transactionLogRetentionDays, 7);
                assert.deepStrictEqual(s.backupConfiguration.backupRetentionSettings, { retainedBackups: e.retained, retentionUnit: "COUNT" });
                assert.deepStrictEqual(s.maintenanceWindow, { day: 7, hour: 4, updateTrack: "stable" });
                assert.strictEqual(s.deletionProtectionEnabled, e.deletionProtection);
                assert.strictEqual(inputs(one(run, T.sql)).deletionProtection, e.deletionProtection);
                assert.strictEqual(s.finalBackupConfig.enabled, e.finalBackup);
            });
            it("creates the app database and user, password generated and kept in Secret Manager", () => {
                const instance = inputs(one(run, T.sql)).name;
                assert.strictEqual(inputs(one(run, T.sqlDatabase)).name, "app");
                assert.strictEqual(inputs(one(run, T.sqlDatabase)).instance, instance);
                const user = inputs(named(run, T.sqlUser, "database-user"));
                assert.strictEqual(user.instance, instance);
                assert.strictEqual(user.password, "[secret]");
                assert.ok(inputs(one(run, T.password)).length >= 32);
                assert.match(String(run.plan.outputs.databasePasswordSecret), new RegExp(`^projects/${e.project}/secrets/acme-\\w+-db-password$`));
            });
            it("waits for the private service access peering (as does the cache)", () => {
                const peering = one(run, T.peering).urn;
                for (const type of [T.sql, T.redis]) {
                    const rec = run.recorded.find((r) => r.type === type)!;
                    assert.ok(rec.options.dependencies.includes(peering), `${type} depends on the peering`);
                }
            });
        });

        describe("cache", () => {
            it(`is Memorystore Redis 7.2 ${e.redisTier}, AUTH on, TLS (server authentication), private service access`, () => {
                const r = inputs(one(run, T.redis));
                assert.strictEqual(r.redisVersion, "REDIS_7_2");
                assert.strictEqual(r.tier, e.redisTier);
                assert.strictEqual(r.replicaCount, e.redisReplicas);
                assert.strictEqual(r.memorySizeGb, e.redisGb);
                assert.strictEqual(r.authEnabled, true);
                assert.strictEqual(r.transitEncryptionMode, "SERVER_AUTHENTICATION");
                assert.strictEqual(r.connectMode, "PRIVATE_SERVICE_ACCESS");
                assert.strictEqual(r.authorizedNetwork, inputs(one(run, T.sql)).settings.ipConfiguration.privateNetwork);
                assert.strictEqual(r.persistenceConfig.persistenceMode, e.persistence);
                assert.strictEqual(r.deletionProtection, e.protect);
            });
            it("hands compute the AUTH string only as a Secret Manager reference", () => {
                const version = ofType(run, T.secretVersion).find((v) => v.name === "cache-redis-auth-secret-version")!;
                assert.strictEqual(inputs(version).secretData, "[secret]");
                assert.strictEqual(inputs(version).secret, `projects/${e.project}/secrets/acme-${env === "production" ? "prod" : "stg"}-redis-auth`);
            });
        });

        describe("object store", () => {
            it("is a regional bucket with uniform access, public access prevention, versioning, soft delete, never forceDestroy", () => {
                const b = inputs(one(run, T.bucket, "object-store-bucket"));
                assert.strictEqual(b.location, "US-CENTRAL1");
                assert.strictEqual(b.uniformBucketLevelAccess, true);
                assert.strictEqual(b.publicAccessPrevention, "enforced");
                assert.deepStrictEqual(b.versioning, { enabled: true });
                assert.ok(b.softDeletePolicy.retentionDurationSeconds >= 7 * 86400);
                assert.strictEqual(b.forceDestroy, false);
                assert.strictEqual(b.name, `acme-${env === "production" ? "prod" : "stg"}-${e.project}-objects`);
            });
            it("applies the lifecycle: uploads/temp/ deleted at 7 days, exports/ to ARCHIVE at 30 and deleted at 365", () => {
                const rules = inputs(one(run, T.bucket, "object-store-bucket")).lifecycleRules as any[];
                const find = (prefix: string, type: string) => rules.filter((r) => r.action.type === type && r.condition.matchesPrefixes?.includes(prefix));
                assert.deepStrictEqual(find("uploads/temp/", "Delete").map((r) => r.condition.age), [7]);
                const archive = find("exports/", "SetStorageClass");
                assert.deepStrictEqual(archive.map((r) => [r.condition.age, r.action.storageClass]), [[30, "ARCHIVE"]]);
                assert.deepStrictEqual(find("exports/", "Delete").map((r) => r.condition.age), [365]);
                assert.ok(rules.some((r) => r.condition.daysSinceNoncurrentTime > 0), "noncurrent versions expire");
            });
        });

        describe("load balancer", () => {
            const urlMap = () => inputs(named(run, T.urlMap, "load-balancer-url-map"));
            it("is a global external ALB: one serverless NEG and logged EXTERNAL_MANAGED backend per routed service", () => {
                const negs = ofType(run, T.neg);
                assert.deepStrictEqual(negs.map((n) => n.name).sort(), ["load-balancer-api-neg", "load-balancer-web-neg"]);
                for (const svc of ["api", "web"]) {
                    const neg = inputs(named(run, T.neg, `load-balancer-${svc}-neg`));
                    assert.strictEqual(neg.networkEndpointType, "SERVERLESS");
                    assert.strictEqual(neg.cloudRun.service, inputs(named(run, T.run, `service-${svc}-service`)).name);
                    const backend = inputs(named(run, T.backend, `load-balancer-${svc}-backend`));
                    assert.strictEqual(backend.loadBalancingScheme, "EXTERNAL_MANAGED");
                    assert.deepStrictEqual(backend.logConfig, { enable: true, sampleRate: 1 });
                    assert.strictEqual(backend.backends[0].group, `projects/${e.project}/regions/us-central1/networkEndpointGroups/${neg.name}`);
                }
            });
            it("routes /api to api and everything else to web", () => {
                const map = urlMap();
                const backendId = (svc: string) => `projects/${e.project}/global/backendServices/${inputs(named(run, T.backend, `load-balancer-${svc}-backend`)).name}`;
                assert.strictEqual(map.defaultService, backendId("web"));
                assert.deepStrictEqual(map.hostRules, [{ hosts: ["*"], pathMatcher: "default" }]);
                assert.deepStrictEqual(map.pathMatchers[0].pathRules, [{ paths: ["/api", "/api/*"], service: backendId("api") }]);
            });
            it("serves HTTPS with a managed certificate and an SSL policy of TLS 1.2+", () => {
                const cert = inputs(one(run, T.cert));
                assert.deepStrictEqual(cert.managed.domains, [e.domain]);
                const ssl = inputs(one(run, T.sslPolicy));
                assert.strictEqual(ssl.minTlsVersion, "TLS_1_2");
                assert.ok(["MODERN", "RESTRICTED"].includes(ssl.profile));
                const proxy = inputs(one(run, T.httpsProxy));
                assert.deepStrictEqual(proxy.sslCertificates, [`projects/${e.project}/global/sslCertificates/${cert.name}`]);
                assert.strictEqual(proxy.sslPolicy, `projects/${e.project}/global/sslPolicies/${ssl.name}`);
                assert.strictEqual(proxy.urlMap, `projects/${e.project}/global/urlMaps/${urlMap().name}`);
                const https = inputs(named(run, T.forwardingRule, "load-balancer-https"));
                assert.strictEqual(https.portRange, "443");
                assert.strictEqual(https.loadBalancingScheme, "EXTERNAL_MANAGED");
                assert.strictEqual(https.target, `projects/${e.project}/global/targetHttpsProxies/${proxy.name}`);
                assert.strictEqual(https.deletionPolicy, e.lbDeletionPolicy);
                assert.strictEqual(run.plan.outputs.url, `https://${e.domain}`);
            });
            it("answers HTTP on port 80 with a 301 to HTTPS on the same address", () => {
                const redirect = inputs(named(run, T.urlMap, "load-balancer-http-redirect"));
                assert.deepStrictEqual(redirect.defaultUrlRedirect, { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false });
                assert.strictEqual(redirect.defaultService, undefined);
                const proxy = inputs(one(run, T.httpProxy));
                assert.strictEqual(proxy.urlMap, `projects/${e.project}/global/urlMaps/${redirect.name}`);
                const http = inputs(named(run, T.forwardingRule, "load-balancer-http"));
                assert.strictEqual(http.portRange, "80");
                assert.strictEqual(http.target, `projects/${e.project}/global/targetHttpProxies/${proxy.name}`);
                assert.strictEqual(http.ipAddress, inputs(named(run, T.forwardingRule, "load-balancer-https")).ipAddress);
            });
            it(`Cloud Armor ${e.waf ? "guards every backend" : "is absent"}`, () => {
                assert.strictEqual(ofType(run, T.armor).length, e.waf ? 1 : 0);
                for (const backend of ofType(run, T.backend)) {
                    assert.strictEqual(Boolean(inputs(backend).securityPolicy), e.waf, `${backend.name} security policy`);
                }
                if (e.waf) {
                    const policy = inputs(one(run, T.armor));
                    const exprs = policy.rules.map((r: any) => r.match.expr?.expression).filter(Boolean).join("\n");
                    for (const set of ["sqli-v33-stable", "xss-v33-stable", "rce-v33-stable", "lfi-v33-stable"]) assert.ok(exprs.includes(`evaluatePreconfiguredWaf('${set}'`), set);
                    assert.ok(policy.rules.some((r: any) => r.priority === 2147483647 && r.action === "allow"), "a default rule");
                    for (const backend of ofType(run, T.backend)) {
                        assert.strictEqual(inputs(backend).securityPolicy, `projects/${e.project}/global/securityPolicies/${policy.name}`);
                    }
                }
            });
        });

        describe("compute", () => {
            const services = ["api", "web", "worker"];
            const svc = (name: string) => inputs(named(run, T.run, `service-${name}-service`));
            it("runs Cloud Run v2 reachable only through the load balancer (workers: internal only), egress via the VPC", () => {
                for (const name of services) {
                    const s = svc(name);
                    assert.strictEqual(s.location, "us-central1");
                    assert.strictEqual(s.ingress, name === "worker" ? "INGRESS_TRAFFIC_INTERNAL_ONLY" : "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");
                    assert.strictEqual(s.invokerIamDisabled, name !== "worker");
                    assert.strictEqual(s.template.vpcAccess.egress, "PRIVATE_RANGES_ONLY");
                    const nic = s.template.vpcAccess.networkInterfaces[0];
                    assert.strictEqual(nic.subnetwork, `projects/${e.project}/regions/us-central1/subnetworks/${inputs(one(run, T.subnet)).name}`);
                }
            });
            it(`scales ${e.min}-${e.max} instances with ${e.resources.cpu} CPU / ${e.resources.memory} for the tier's size`, () => {
                for (const name of services) {
                    const s = svc(name);
                    assert.deepStrictEqual(s.template.scaling, { minInstanceCount: e.min, maxInstanceCount: e.max });
                }
                assert.deepStrictEqual(svc("api").template.containers[0].resources.limits, e.resources);
                // The worker is configured `size: small` in production.
                assert.deepStrictEqual(svc("worker").template.containers[0].resources.limits, { cpu: "1", memory: "512Mi" });
                assert.strictEqual(svc("worker").template.containers[0].resources.cpuIdle, false);
            });
            it("probes the health path at start-up and for liveness (every 30 s, 3 failures)", () => {
                for (const name of services) {
                    const c = svc(name).template.containers[0];
                    assert.strictEqual(c.startupProbe.httpGet.path, "/health");
                    assert.strictEqual(c.livenessProbe.httpGet.path, "/health");
                    assert.strictEqual(c.livenessProbe.httpGet.port, c.ports.containerPort);
                    assert.strictEqual(c.livenessProbe.periodSeconds, 30);
                    assert.strictEqual(c.livenessProbe.failureThreshold, 3);
                }
                assert.strictEqual(svc("api").template.containers[0].ports.containerPort, 8080);
            });
            it("injects the AUTH string from Secret Manager, never as a plain value, and no admin password", () => {
                const secretIds = Object.fromEntries(ofType(run, T.secret).map((s) => [s.name, `projects/${e.project}/secrets/${inputs(s).secretId}`]));
                for (const name of services) {
                    const env = envOf(svc(name));
                    assert.ok(env.DATABASE_HOST.value && env.REDIS_HOST.value && env.OBJECT_STORE_BUCKET.value && env.DATABASE_USER.value);
                    assert.strictEqual(env.REDIS_PORT.value, "6378");
                    assert.strictEqual(env.DATABASE_PORT.value, "5432");
                    assert.strictEqual(env.DATABASE_PASSWORD, undefined, "services log in with IAM, never with the admin password");
                    assert.strictEqual(env.DATABASE_AUTH.value, "iam");
                    assert.deepStrictEqual(env.REDIS_AUTH_TOKEN, { name: "REDIS_AUTH_TOKEN", valueSource: { secretKeyRef: { secret: secretIds["cache-redis-auth-secret"], version: "latest" } } });
                }
                const allEnv = JSON.stringify(run.recorded.filter((r) => r.type === T.run).map((r) => r.rawInputs));
                for (const v of ofType(run, T.secretVersion)) {
                    assert.ok(!allEnv.includes((rawInputs(run, v.urn).secretData as { value: string }).value), "no secret value in a Cloud Run service");
                }
            });
            it("runs each service as its own service account with only the roles it needs", () => {
                const bucket = inputs(one(run, T.bucket, "object-store-bucket")).name;
                const secretIds = ofType(run, T.secret).map((s) => `projects/${e.project}/secrets/${inputs(s).secretId}`).sort();
                for (const name of services) {
                    const account = inputs(named(run, T.account, `service-${name}-identity`));
                    const email = `${account.accountId}@${e.project}.iam.gserviceaccount.com`;
                    const member = `serviceAccount:${email}`;
                    assert.strictEqual(svc(name).template.serviceAccount, email);
                    const mine = (type: string) => ofType(run, type).filter((r) => r.parent?.endsWith(`::service-${name}`)).map(inputs);
                    const secrets = mine(T.secretIam);
                    // The cache token only: services log in with their Cloud SQL IAM user, not the admin password.
                    assert.deepStrictEqual(secrets.map((s) => s.secretId).sort(), secretIds.filter((id) => !id.endsWith("-db-password")));
                    for (const s of secrets) assert.deepStrictEqual([s.role, s.member], ["roles/secretmanager.secretAccessor", member]);
                    assert.deepStrictEqual(mine(T.bucketIam).map((b) => [b.bucket, b.role, b.member]), [[bucket, "roles/storage.objectAdmin", member]]);
                    assert.deepStrictEqual(mine(T.projectIam).map((p) => [p.project, p.role, p.member]).sort(), [[e.project, "roles/cloudsql.client", member], [e.project, "roles/cloudsql.instanceUser", member]]);
                }
                assert.strictEqual(ofType(run, T.projectIam).length, 2 * services.length, "no other project-level grants");
            });
            it(`keeps logs ${e.logRetention} days in a per-service log bucket`, () => {
                for (const name of services) {
                    const bucket = inputs(named(run, T.logBucket, `service-${name}-log-bucket`));
                    assert.strictEqual(bucket.retentionDays, e.logRetention);
                    const sink = inputs(named(run, T.logSink, `service-${name}-log-sink`));
                    assert.strictEqual(sink.destination, `logging.googleapis.com/projects/${e.project}/locations/us-central1/buckets/${bucket.bucketId}`);
                    assert.match(sink.filter, new RegExp(`service_name="${svc(name).name}"`));
                }
            });
        });

        describe("monitoring", () => {
            const alert = (key: string) => inputs(named(run, T.alert, `monitoring-${key}`));
            const cond = (key: string) => alert(key).conditions[0].conditionThreshold;
            it("alerts on Cloud Run CPU > 80 % and memory > 85 % for every service", () => {
                assert.strictEqual(cond("cpu").thresholdValue, 0.8);
                assert.match(cond("cpu").filter, /run\.googleapis\.com\/container\/cpu\/utilizations/);
                assert.strictEqual(cond("memory").thresholdValue, 0.85);
                assert.match(cond("memory").filter, /run\.googleapis\.com\/container\/memory\/utilizations/);
                for (const name of ["api", "web", "worker"]) assert.ok(cond("cpu").filter.includes(`"${svc(name)}"`), `${name} watched`);
                function svc(n: string) { return inputs(named(run, T.run, `service-${n}-service`)).name; }
            });
            it("alerts on the load balancer's 5xx share of requests and p95 latency > 2 s", () => {
                const map = inputs(named(run, T.urlMap, "load-balancer-url-map")).name;
                assert.strictEqual(cond("http-5xx").thresholdValue, 0.1);
                assert.ok(cond("http-5xx").denominatorFilter.includes(`url_map_name = "${map}"`));
                assert.match(cond("http-5xx").filter, /response_code_class = 500/);
                assert.ok(cond("http-5xx").filter.includes(`url_map_name = "${map}"`));
                assert.strictEqual(cond("latency-p95").thresholdValue, 2000);
                assert.strictEqual(cond("latency-p95").aggregations[0].crossSeriesReducer, "REDUCE_PERCENTILE_95");
            });
            it("alerts on database connections and free storage < 10 %", () => {
                const instance = inputs(one(run, T.sql)).name;
                assert.ok(cond("db-connections").filter.includes(`database_id = "${e.project}:${instance}"`));
                assert.strictEqual(cond("db-connections").thresholdValue, e.maxConnections * 0.8);
                assert.strictEqual(cond("db-storage").thresholdValue, 0.9);
            });
            it(`notifies the alerts Pub/Sub topic${e.email ? " and the on-call email, one channel per severity" : " (no email channel without alertEmail)"}`, () => {
                assert.strictEqual(ofType(run, T.channel).length, e.email ? 4 : 2);
                const expected = e.email ? 2 : 1;
                for (const a of ofType(run, T.alert)) {
                    const channels = inputs(a).notificationChannels as string[];
                    assert.strictEqual(channels.length, expected, `${a.name} channels`);
                    for (const c of channels) assert.ok(c.startsWith(`projects/${e.project}/notificationChannels/`), c);
                }
                const pubsub = inputs(named(run, T.channel, "monitoring-alerts-pubsub"));
                assert.strictEqual(pubsub.type, "pubsub");
                const topic = named(run, "gcp:pubsub/topic:Topic", "monitoring-alerts-topic");
                assert.strictEqual(pubsub.labels.topic, `projects/${e.project}/topics/${inputs(topic).name}`);
                const publisher = inputs(named(run, "gcp:pubsub/topicIAMMember:TopicIAMMember", "monitoring-alerts-publisher"));
                assert.strictEqual(publisher.role, "roles/pubsub.publisher");
                assert.match(publisher.member, /^serviceAccount:service-\d+@gcp-sa-monitoring-notification\.iam\.gserviceaccount\.com$/);
                for (const c of ofType(run, T.channel).filter((c) => inputs(c).type === "email")) assert.deepStrictEqual(inputs(c).labels, { email_address: "oncall@acme-platform.example.com" });
                assert.strictEqual((run.plan.outputs.alerts as string[]).length, 14);
            });
        });
    });
}
