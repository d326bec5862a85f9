import * as fc from "fast-check";
import { APP_NAME_PATTERN, SERVICE_NAME_PATTERN, type Cloud, type Environment } from "../../components/config";
import { EXISTING_CLUSTER_KUBECONFIG } from "./kubeconfig";

/**
 * Valid platform configs at the edges the schema allows, for planning: the longest app and
 * service names, one and three zones, the smallest and largest sizes and limits, one service
 * and many, and every optional feature on and off. Each value is a `--config` override list
 * for `runPlan`, applied over the committed stack file of its environment.
 */
export interface GeneratedConfig {
    stack: Environment;
    cloud: Cloud;
    config: string[];
}

const edge = <T>(values: T[], between: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: between });

/** App names: mostly the longest (12), sometimes the shortest (3) or anything the pattern allows. */
const appName = fc.oneof(
    fc.stringMatching(/^[a-z][a-z0-9-]{10}[a-z0-9]$/),
    fc.stringMatching(/^[a-z][a-z0-9][a-z0-9]$/),
    fc.stringMatching(/^[a-z][a-z0-9-]{1,10}[a-z0-9]$/),
).filter((n) => APP_NAME_PATTERN.test(n));
const serviceName = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{9}$/), fc.stringMatching(SERVICE_NAME_PATTERN));
const size = fc.constantFrom("small", "medium", "large");

const services = fc.uniqueArray(serviceName, { minLength: 1, maxLength: 6 }).chain((names) =>
    fc.tuple(...names.map((name, i) => fc.record({
        image: fc.constantFrom(`ghcr.io/acme/${name}:1.0.0`, `us-central1-docker.pkg.dev/acme-images/apps/${name}:2.1`, `${name}@sha256:${"a".repeat(64)}`),
        port: edge([1024, 8080, 65535], fc.integer({ min: 1024, max: 65535 })),
        size: fc.option(size, { nil: undefined }),
        // The first service is the default route; the others get their own prefix or none (workers).
        http: i === 0 ? fc.constant({ pathPrefix: "/" }) : fc.option(fc.constant({ pathPrefix: `/${name}` }), { nil: undefined }),
        healthPath: fc.constantFrom("/health", "/healthz/ready"),
    }))).map((specs) => Object.fromEntries(names.map((n, i) => [n, JSON.parse(JSON.stringify(specs[i]))]))));

export function generatedConfig(): fc.Arbitrary<GeneratedConfig> {
    return fc.record({
        cloud: fc.constantFrom<Cloud>("aws", "gcp", "azure"),
        stack: fc.constantFrom<Environment>("production", "staging"),
        runtime: fc.constantFrom("managed", "kubernetes"),
        existingCluster: fc.boolean(),
        appName,
        services,
        zones: fc.integer({ min: 1, max: 3 }),
        cidr: fc.constantFrom("10.0.0.0/16", "10.20.0.0/16", "172.16.0.0/20", "192.168.0.0/20"),
        databaseSize: size,
        storageGb: edge([20, 16384], fc.integer({ min: 20, max: 16384 })),
        backupDays: fc.integer({ min: 30, max: 35 }),
        highAvailability: fc.boolean(),
        deletionProtection: fc.boolean(),
        cacheSize: size,
        cacheNodes: fc.integer({ min: 2, max: 6 }),
        snapshotDays: edge([5, 35], fc.integer({ min: 5, max: 35 })),
        tempDays: edge([1, 3650], fc.integer({ min: 1, max: 3650 })),
        archiveDays: edge([1, 30, 3649], fc.integer({ min: 1, max: 3649 })),
        waf: fc.boolean(),
        lbDeletionProtection: fc.boolean(),
        computeSize: size,
        replicas: fc.tuple(edge([0, 1, 1000], fc.integer({ min: 0, max: 1000 })), edge([1, 1000], fc.integer({ min: 1, max: 1000 }))),
        logRetentionDays: fc.constantFrom(7, 14, 30, 60, 90, 180, 365),
        cpuTarget: edge([10, 95], fc.integer({ min: 10, max: 95 })),
        cooldowns: fc.tuple(edge([0, 3600], fc.integer({ min: 0, max: 3600 })), edge([0, 3600], fc.integer({ min: 0, max: 3600 }))),
        nodes: fc.tuple(edge([1, 100], fc.integer({ min: 1, max: 100 })), edge([1, 100], fc.integer({ min: 1, max: 100 }))),
        nodeSize: size,
        alertEmail: fc.boolean(),
        extraTags: fc.boolean(),
        budget: fc.boolean(),
        release: fc.constantFrom("rolling", "canary", "blueGreen"),
    }).map((g) => {
        const production = g.stack === "production";
        const [minR, maxR] = g.replicas[0] <= g.replicas[1] ? g.replicas : [g.replicas[1], g.replicas[0]];
        const [minN, maxN] = g.nodes[0] <= g.nodes[1] ? g.nodes : [g.nodes[1], g.nodes[0]];
        const kubernetes = g.runtime === "kubernetes";
        const set = (key: string, value: unknown) => `platform:${key}=${typeof value === "string" ? value : JSON.stringify(value)}`;
        const config = [
            set("appName", g.appName),
            set("services", g.services),
            set("network", { cidr: g.cidr, zones: production || g.cloud === "aws" ? Math.max(2, g.zones) : g.zones }),
            set("database", { size: g.databaseSize, storageGb: g.storageGb, backupRetentionDays: production ? g.backupDays : g.backupDays - 23, highAvailability: g.highAvailability, deletionProtection: g.deletionProtection }),
            set("cache", { size: g.cacheSize, nodes: Math.min(g.cloud === "azure" ? 4 : 6, production ? g.cacheNodes : g.cacheNodes - 1), snapshotRetentionDays: g.snapshotDays }),
            set("objectStore", { tempExpirationDays: g.tempDays, archiveAfterDays: g.archiveDays, expirationDays: Math.max(g.archiveDays + 1, 365) }),
            set("loadBalancer", { domain: `${g.appName}.example.com`, waf: g.waf, deletionProtection: g.lbDeletionProtection }),
            set("compute", { runtime: g.runtime, release: { strategy: g.release, ...(g.release === "canary" ? { percent: 10 } : {}) }, size: g.computeSize, minReplicas: minR, maxReplicas: maxR, logRetentionDays: g.logRetentionDays, cpuTargetPercent: g.cpuTarget, scaleOutCooldownSeconds: g.cooldowns[0], scaleInCooldownSeconds: g.cooldowns[1] }),
            set("kubernetes", { nodeSize: g.nodeSize, minNodes: minN, maxNodes: maxN, ...(kubernetes && g.existingCluster ? { ingressClass: "nginx" } : {}) }),
            set("monitoring", { ...(g.alertEmail ? { alertEmail: "oncall@example.com" } : {}), budget: { enabled: g.budget } }),
            set("tags", g.extraTags ? { team: "platform", "cost-center": "cc-1234" } : {}),
            ...(kubernetes && g.existingCluster ? [`platform:kubeconfig=${EXISTING_CLUSTER_KUBECONFIG}`] : []),
        ];
        return { stack: g.stack, cloud: g.cloud, config };
    });
}
