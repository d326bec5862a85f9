import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import { CLOUD_PLUGINS } from "../providers/registry";
import { Environment, SIZES } from "../components/config";
import { AWS_REGIONS } from "../providers/aws/regions";
import { AZURE_LOCATIONS } from "../providers/azure/regions";
import { GCP_REGIONS } from "../providers/gcp/regions";
import { CACHE_NODE, FARGATE, RDS_CLASS, rdsMaxConnections } from "../providers/aws/sizes";
import { CLOUD_RUN_RESOURCES, CLOUD_SQL_TIER, REDIS_MEMORY_GB } from "../providers/gcp/sizes";
import { CONTAINER_RESOURCES, TMP_SIZE_LIMIT } from "../providers/kubernetes/sizes";
import * as azureSizes from "../providers/azure/sizes";
import { resolveConfig, TIERS } from "../components/program-config";

/**
 * The tier profiles and the per-cloud size mappings as contracts users read:
 * - the README's config reference states each key's production and staging default, and a
 *   stack that sets nothing gets exactly those;
 * - DESIGN.md's fixed requirements (windows, health checks, alert thresholds) per tier;
 * - a larger cloud-neutral size never gets less CPU, memory or connections than a smaller one,
 *   and every class is a real class name of its cloud.
 */

const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

function stack(environment: Environment) {
    return resolveConfig({
        cloud: "aws",
        environment,
        loadBalancer: { domain: "app.example.com" },
        services: { api: { image: "ghcr.io/acme/api:1.0.0", http: {} } },
        jobs: { migrate: { image: "ghcr.io/acme/api:1.0.0", command: ["migrate"] } },
    }) as unknown as Record<string, any>;
}

/** `a.b` of the resolved config; service keys read the first service. */
function at(cfg: Record<string, any>, key: string): unknown {
    const parts = key.replace(/^(services|jobs)\.<name>\./, "$1.0.").split(".");
    return parts.reduce<any>((node, k) => node?.[k], cfg);
}

/** README rows `| \`key\` [/ \`key2\`] | allowed | production | staging | change |` whose defaults are plain values. */
function readmeDefaults(): Array<{ key: string; production: string; staging: string }> {
    const rows: Array<{ key: string; production: string; staging: string }> = [];
    for (const line of README.split("\n")) {
        const cells = line.replace(/\\\|/g, "¦").split("|").map((c) => c.trim());
        if (cells.length < 7 || !/^`[a-zA-Z.<>]+`/.test(cells[1]!)) continue;
        const keys = [...cells[1]!.matchAll(/`([a-zA-Z.<>]+)`/g)].map((m) => m[1]!);
        const prod = cells[3]!.split(" / ");
        const staging = cells[4]!.split(" / ");
        if (keys.length !== prod.length || keys.length !== staging.length) continue;
        keys.forEach((k, i) => {
            // `compute.minReplicas` / `maxReplicas`: the second key is relative to the first's section.
            const section = keys[0]!.split(".").slice(0, -1).join(".");
            const key = k.startsWith(".") ? `${section}${k}` : i === 0 || k.includes(".") ? k : `${section}.${k}`;
            rows.push({ key, production: prod[i]!, staging: staging[i]! });
        });
    }
    return rows;
}

/** Keys the resolved config keeps under another name. */
const RESOLVED_AS: Record<string, string> = { "aws.region": "region" };

function plainValue(cell: string): unknown {
    const code = /^`([^`]*)`$/.exec(cell);
    // A default that names another key (`compute.release`, `alertEmail`) is not a plain value.
    if (code) return /^(compute|monitoring|services)\.|^(alertEmail|healthPath)$/.test(code[1]!) ? undefined : code[1];
    if (/^\d+$/.test(cell)) return Number(cell);
    if (cell === "true" || cell === "false") return cell === "true";
    return undefined;
}

describe("tier profiles: a stack that sets nothing gets the README's defaults", () => {
    // `compute.releasePhase` is a per-run switch of the deploy workflow (its default applies at release time), not a tier value.
    const NOT_TIER = new Set(["compute.releasePhase"]);
    const rows = readmeDefaults().filter((r) => !NOT_TIER.has(r.key) && plainValue(r.production) !== undefined && plainValue(r.staging) !== undefined);

    it("the README states plain defaults for the tier-driven keys", () => {
        const keys = rows.map((r) => r.key);
        for (const k of ["database.backupRetentionDays", "cache.nodes", "cache.snapshotRetentionDays", "compute.minReplicas", "compute.maxReplicas", "loadBalancer.waf", "audit.logRetentionDays", "kubernetes.minNodes"]) {
            assert.ok(keys.includes(k), `${k} has no plain default row: ${keys.join(", ")}`);
        }
    });

    for (const environment of ["production", "staging"] as const) {
        it(`${environment}: every stated default`, () => {
            const cfg = stack(environment);
            const wrong = rows.filter((r) => !isDeepStrictEqual(at(cfg, RESOLVED_AS[r.key] ?? r.key), plainValue(r[environment])))
                .map((r) => `${r.key}: README ${r[environment]}, stack gets ${JSON.stringify(at(cfg, RESOLVED_AS[r.key] ?? r.key))}`);
            assert.deepStrictEqual(wrong, []);
        });
    }
});

describe("tier profiles: DESIGN.md's fixed requirements, per tier", () => {
    const FIXED = {
        production: { zones: 3, ha: true, pitr: true, deletion: true, finalSnapshot: true, failover: true, persistence: true, protect: true, copies: true, audit: 365, logs: 30, waf: true },
        staging: { zones: 2, ha: false, pitr: true, deletion: false, finalSnapshot: false, failover: false, persistence: false, protect: false, copies: false, audit: 90, logs: 14, waf: false },
    } as const;
    for (const environment of ["production", "staging"] as const) {
        it(`${environment}`, () => {
            const t = TIERS[environment];
            const want = FIXED[environment];
            assert.deepStrictEqual(
                [t.network.zones, t.database.highAvailability, t.database.pointInTimeRecovery, t.database.deletionProtection, t.database.finalSnapshot, t.cache.automaticFailover, t.cache.persistence, t.protectStatefulResources, t.dr.crossRegionCopies, t.audit.logRetentionDays, t.compute.logRetentionDays, t.loadBalancer.waf],
                [want.zones, want.ha, want.pitr, want.deletion, want.finalSnapshot, want.failover, want.persistence, want.protect, want.copies, want.audit, want.logs, want.waf],
            );
            assert.deepStrictEqual(t.database.backupWindow, { startHourUtc: 3, durationHours: 1 });
            assert.deepStrictEqual(t.database.maintenanceWindow, { day: "sun", startHourUtc: 4, durationHours: 1 });
            assert.deepStrictEqual(t.objectStore, { tempExpirationDays: 7, archiveAfterDays: 30, expirationDays: 365 });
            assert.deepStrictEqual(t.loadBalancer.health, { path: "/health", intervalSeconds: 30, healthyThreshold: 2, unhealthyThreshold: 3, timeoutSeconds: 5 });
            assert.strictEqual(t.loadBalancer.minimumTlsVersion, "1.2");
            assert.strictEqual(t.loadBalancer.accessLogs, true);
            assert.deepStrictEqual([t.compute.cpuTargetPercent, t.compute.memoryTargetPercent, t.compute.scaleOutCooldownSeconds, t.compute.scaleInCooldownSeconds], [70, 80, 300, 600]);
            assert.deepStrictEqual([t.monitoring.cpuPercent, t.monitoring.memoryPercent, t.monitoring.p95LatencySeconds, t.monitoring.freeStoragePercent], [80, 85, 2, 10]);
            assert.strictEqual(t.compute.release.strategy, "rolling");
            if (environment === "production") assert.deepStrictEqual(t.dr.objectives, { rtoMinutes: 60, databaseRpoMinutes: 15, objectRpoMinutes: 60 });
            else assert.strictEqual(t.dr.objectives, undefined);
        });
    }
});

/** CPU in cores and memory in MiB from Kubernetes-style quantities ("500m", "1", "512Mi", "2Gi"). */
const cores = (q: string | number) => (typeof q === "number" ? q : q.endsWith("m") ? Number(q.slice(0, -1)) / 1000 : Number(q));
const mib = (q: string) => {
    const m = /^(\d+(?:\.\d+)?)(Mi|Gi)$/.exec(q);
    assert.ok(m, `a memory quantity: ${JSON.stringify(q)}`);
    return Number(m[1]) * (m[2] === "Gi" ? 1024 : 1);
};

function increasing(label: string, values: number[]): void {
    for (const v of values) assert.ok(Number.isFinite(v) && v > 0, `${label}: ${values}`);
    for (let i = 1; i < values.length; i++) assert.ok(values[i]! >= values[i - 1]!, `${label} shrinks from ${SIZES[i - 1]} to ${SIZES[i]}: ${values}`);
    assert.ok(values.at(-1)! > values[0]!, `${label}: large must be bigger than small: ${values}`);
}

describe("per-cloud size mappings: small < medium < large, real class names", () => {
    it("AWS: RDS classes, ElastiCache nodes, Fargate tasks", () => {
        for (const s of SIZES) {
            assert.match(RDS_CLASS[s].instanceClass, /^db\.(t4g|r6g|r7g|m6g|m7g)\.(medium|large|\d*xlarge)$/, s);
            assert.match(CACHE_NODE[s], /^cache\.(t4g|r7g|r6g|m7g)\.(small|medium|large|\d*xlarge)$/, s);
        }
        // Performance Insights needs at least db.t4g.medium (4 GiB).
        assert.ok(RDS_CLASS.small.memoryGiB >= 4);
        increasing("RDS memory", SIZES.map((s) => RDS_CLASS[s].memoryGiB));
        assert.strictEqual(new Set(SIZES.map((s) => CACHE_NODE[s])).size, 3, "three different cache nodes");
        increasing("Fargate cpu", SIZES.map((s) => FARGATE[s].cpu));
        increasing("Fargate memory", SIZES.map((s) => FARGATE[s].memory));
        // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
        for (const s of SIZES) assert.ok(FARGATE[s].memory >= FARGATE[s].cpu * 2 && FARGATE[s].memory <= FARGATE[s].cpu * 8, `Fargate pair ${s}`);
    });

    it("AWS: max_connections follows RDS's formula, capped at 5000", () => {
        assert.strictEqual(rdsMaxConnections(4), 450);
        assert.strictEqual(rdsMaxConnections(16), 1802);
        assert.strictEqual(rdsMaxConnections(1024), 5000);
    });

    it("GCP: Cloud SQL tiers, Memorystore capacity, Cloud Run limits", () => {
        for (const s of SIZES) assert.match(CLOUD_SQL_TIER[s].tier, /^db-custom-\d+-\d+$/, s);
        increasing("Cloud SQL vCPU", SIZES.map((s) => Number(CLOUD_SQL_TIER[s].tier.split("-")[2])));
        increasing("Cloud SQL memory", SIZES.map((s) => Number(CLOUD_SQL_TIER[s].tier.split("-")[3])));
        increasing("Cloud SQL connections", SIZES.map((s) => CLOUD_SQL_TIER[s].maxConnections));
        increasing("Memorystore GB", SIZES.map((s) => REDIS_MEMORY_GB[s]));
        increasing("Cloud Run cpu", SIZES.map((s) => cores(CLOUD_RUN_RESOURCES[s].cpu)));
        increasing("Cloud Run memory", SIZES.map((s) => mib(CLOUD_RUN_RESOURCES[s].memory)));
        // https://cloud.google.com/run/docs/configuring/services/memory-limits: at most 4 GiB per vCPU... and 512 MiB at least.
        for (const s of SIZES) assert.ok(mib(CLOUD_RUN_RESOURCES[s].memory) >= 512, s);
    });

    it("Azure: flexible server SKUs and their max_connections, Redis SKUs, Container Apps pairs, AKS node sizes", () => {
        const { DATABASE_SKUS, databaseSku, cacheSku, CONTAINER_RESOURCES: APPS, NODE_VM_SIZES } = azureSizes;
        for (const s of SIZES) {
            const sku = DATABASE_SKUS[s];
            // Burstable is the B series, General Purpose the D series (Azure's compute tiers for flexible server).
            assert.match(sku.name, sku.tier === "Burstable" ? /^Standard_B\d+ms$/ : /^Standard_D\d+ds_v5$/, s);
        }
        // max_connections, Azure Database for PostgreSQL flexible server "Limits": B2ms and D2ds_v5 859, D4ds_v5 1719.
        assert.deepStrictEqual(SIZES.map((s) => [DATABASE_SKUS[s].name, DATABASE_SKUS[s].tier, DATABASE_SKUS[s].maxConnections]), [
            ["Standard_B2ms", "Burstable", 859], ["Standard_D2ds_v5", "GeneralPurpose", 859], ["Standard_D4ds_v5", "GeneralPurpose", 1719],
        ]);
        // Burstable has no high availability: a highly available small server moves to General Purpose, nothing else moves.
        assert.strictEqual(databaseSku("small", true), DATABASE_SKUS.medium);
        for (const s of SIZES) assert.strictEqual(databaseSku(s, false), DATABASE_SKUS[s], s);
        for (const s of ["medium", "large"] as const) assert.strictEqual(databaseSku(s, true), DATABASE_SKUS[s], s);
        // Premium (persistence, zones, replicas): P1, P1, P2; Standard: C1, C2, C3.
        assert.deepStrictEqual(SIZES.map((s) => cacheSku(s, true)), [1, 1, 2].map((capacity) => ({ name: "Premium", family: "P", capacity })));
        assert.deepStrictEqual(SIZES.map((s) => cacheSku(s, false)), [1, 2, 3].map((capacity) => ({ name: "Standard", family: "C", capacity })));
        // Consumption profile: the allowed pairs give 2 GiB per vCPU (learn.microsoft.com, Container Apps "Allocations").
        increasing("Container Apps cpu", SIZES.map((s) => APPS[s].cpu));
        for (const s of SIZES) assert.strictEqual(mib(APPS[s].memory), APPS[s].cpu * 2048, `${s}: memory ${APPS[s].memory} for ${APPS[s].cpu} cores`);
        // Dds_v5: a local temp disk, so the OS disk can be Ephemeral.
        for (const s of SIZES) assert.match(NODE_VM_SIZES[s], /^Standard_D\d+ds_v5$/, s);
        increasing("AKS node vCPU", SIZES.map((s) => Number(/^Standard_D(\d+)/.exec(NODE_VM_SIZES[s])![1])));
    });

    it("Kubernetes: requests below limits (limits twice the requests), a bounded /tmp", () => {
        increasing("cpu requests", SIZES.map((s) => cores(CONTAINER_RESOURCES[s].requests.cpu)));
        increasing("memory requests", SIZES.map((s) => mib(CONTAINER_RESOURCES[s].requests.memory)));
        for (const s of SIZES) {
            const r = CONTAINER_RESOURCES[s];
            assert.strictEqual(cores(r.limits.cpu), 2 * cores(r.requests.cpu), `${s} cpu limit`);
            assert.strictEqual(mib(r.limits.memory), 2 * mib(r.requests.memory), `${s} memory limit`);
        }
        assert.strictEqual(mib(TMP_SIZE_LIMIT), 256);
    });
});

describe("disaster recovery: every default region pair is another real region of the same cloud and geography", () => {
    const REGIONS = { aws: AWS_REGIONS, gcp: GCP_REGIONS, azure: AZURE_LOCATIONS } as const;
    const geography = (cloud: keyof typeof REGIONS, region: string) => (cloud === "azure" ? "" : region.split("-")[0]);
    for (const cloud of ["aws", "gcp", "azure"] as const) {
        it(`${cloud}`, () => {
            const pairs = Object.entries(CLOUD_PLUGINS[cloud].disasterRecovery.regionPairs);
            assert.ok(pairs.length >= 7, `${pairs.length} pairs`);
            for (const [primary, dr] of pairs) {
                assert.ok((REGIONS[cloud] as readonly string[]).includes(dr), `${primary} → ${JSON.stringify(dr)} is not a ${cloud} region`);
                assert.notStrictEqual(dr, primary);
                assert.strictEqual(geography(cloud, dr), geography(cloud, primary), `${primary} → ${dr} leaves its geography`);
            }
            assert.ok(primaryHasPair(cloud), `the default ${cloud} region has a pair`);
        });
    }
    function primaryHasPair(cloud: keyof typeof REGIONS): boolean {
        return CLOUD_PLUGINS[cloud].defaultRegion in CLOUD_PLUGINS[cloud].disasterRecovery.regionPairs;
    }
});
