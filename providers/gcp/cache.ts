import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { CacheArgs, CacheOutputs } from "../../components/cache";
import { childName, limitedName } from "../../components/naming";
import type { GcpContext } from "./context";
import { gcpHandles } from "./handles";
import { memorystoreMaintenancePolicy } from "./maintenance";
import { storeSecret } from "./secrets";
import { REDIS_MEMORY_GB } from "./sizes";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { Transform } from "../../components/transform";
import { type GcpGrant, grantSecretRead } from "./workload-grants";
import type { EngineFacts } from "../shared/cloud-engine";
import { nameRule, type Rule } from "../shared/rules";
import { MM } from "./replacement";
import { waitsForPsa } from "./rules/data";
import { RFC1035, RFC1035_RULE } from "./rules/names";

/** RDB snapshots once a day (Memorystore keeps the latest; point-in-time copies are exports). */
const RDB_SNAPSHOT_PERIOD = "TWENTY_FOUR_HOURS";
/** Memorystore read replicas (how STANDARD_HA carries more than one replica) need at least 5 GB. */
const READ_REPLICA_MIN_GB = 5;

/**
 * Memorystore for Redis 7.2 on private service access: STANDARD_HA (nodes - 1 replicas in
 * other zones, automatic failover, a read endpoint) when the tier has more than one node,
 * BASIC otherwise; AUTH on,
 * in-transit encryption SERVER_AUTHENTICATION, encryption at rest by Google, RDB persistence
 * when the tier asks for it. The AUTH string is a provider output: it is copied, marked
 * secret, into Secret Manager, and compute only ever gets that secret's reference.
 */
export function createCache(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: CacheArgs): CacheOutputs {
    const { cfg } = ctx;
    const t = args.transform?.gcp;
    const net = gcpHandles.read("network", args.network.handle, "cache");
    const ha = args.automaticFailover && args.nodes > 1;

    const instanceName = limitedName(cfg, 40, "redis");
    const instance = ctx.create(gcp.redis.Instance, scope, childName(name, "instance"), {
        name: instanceName,
        displayName: `${cfg.appName} ${cfg.environment} cache`,
        region: ctx.region,
        tier: ha ? "STANDARD_HA" : "BASIC",
        memorySizeGb: ha ? Math.max(REDIS_MEMORY_GB[args.size], READ_REPLICA_MIN_GB) : REDIS_MEMORY_GB[args.size],
        redisVersion: "REDIS_7_2",
        authEnabled: true,
        transitEncryptionMode: "SERVER_AUTHENTICATION",
        connectMode: "PRIVATE_SERVICE_ACCESS",
        authorizedNetwork: net.network.id,
        reservedIpRange: net.privateRange.name,
        ...(ha ? { readReplicasMode: "READ_REPLICAS_ENABLED", replicaCount: args.nodes - 1 } : {}),
        persistenceConfig: args.persistence
            ? { persistenceMode: "RDB", rdbSnapshotPeriod: RDB_SNAPSHOT_PERIOD }
            : { persistenceMode: "DISABLED" },
        maintenancePolicy: memorystoreMaintenancePolicy(ctx.cfg.database.maintenanceWindow),
        redisConfigs: { "maxmemory-policy": "allkeys-lru" },
        deletionProtection: args.protect,
        labels: ctx.labels(),
    }, t?.instance, { protect: args.protect, dependsOn: [net.peering] });

    const { secret, stored } = storeSecret(ctx, scope, name, "redis-auth", instance.authString, { secret: t?.secret, version: t?.secretVersion });

    return {
        endpoint: instance.host,
        port: instance.port,
        authSecret: { id: secret.id },
        tls: pulumi.output(true),
        resourceId: instance.id,
        handle: gcpHandles.wrap("cache", { instance, name: instanceName, secretValues: [stored], grant }),
    };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/gcp/index.ts. */
export const builder: CloudBuilder<GcpContext, "cache"> = createCache;

/** What a workload bound to the cache is given on GCP (workload-grants.ts): secret accessor on the AUTH string's secret only. */
export const grant: GcpGrant<unknown, CacheOutputs> = (ctx, scope, name, to, _cache, outputs) => ({
    grants: [grantSecretRead(ctx, scope, name, to, "redis-auth-access", outputs.authSecret.id)],
});

/** Typed escape hatches for this component's GCP children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface GcpCacheTransforms {
    instance?: Transform<gcp.redis.InstanceArgs>;
    secret?: Transform<gcp.secretmanager.SecretArgs>;
    secretVersion?: Transform<gcp.secretmanager.SecretVersionArgs>;
}

declare module "../../components/cache" {
    interface CacheTransforms { gcp?: GcpCacheTransforms }
}

/** What this component hands to the components built on it (providers/gcp/handles.ts). */
declare module "./handles" {
    interface GcpHandles {
        cache: { instance: gcp.redis.Instance; name: string; secretValues: StoredSecretValue[]; grant: typeof grant };
    }
}

/*
 * The offline engine's facts of the GCP types only the cache creates (npm run diff and the deploy-rule specs read them):
 * providers/gcp/engine.ts merges them with the facts of the types several components create.
 */

const REDIS = "gcp:redis/instance:Instance";

const cacheRules: Rule[] = [
    // https://cloud.google.com/memorystore/docs/redis/create-instance-console (instance ID: 1-40, lowercase, digits, hyphens)
    nameRule({ id: "gcp/memorystore-instance-id", types: ["gcp:redis/instance:Instance"], field: "name", max: 40, pattern: RFC1035, allowed: RFC1035_RULE, doc: "https://cloud.google.com/memorystore/docs/redis/reference/rest/v1/projects.locations.instances/create" }),
    {
        // Memorystore: STANDARD_HA read replicas 1-5 need >= 5 GB; BASIC has no replicas; PSA mode waits for the connection.
        id: "gcp/memorystore-tier",
        family: "combinations",
        types: [REDIS],
        doc: "https://cloud.google.com/memorystore/docs/redis/about-read-replicas",
        check: (r, plan) => {
            const i = r.inputs;
            const problems: string[] = [];
            if (i.memorySizeGb < 1 || i.memorySizeGb > 300) problems.push(`memorySizeGb ${i.memorySizeGb}: allowed 1-300`);
            if (i.tier === "BASIC" && (i.replicaCount ?? 0) > 0) problems.push("BASIC instances have no replicas");
            if (i.readReplicasMode === "READ_REPLICAS_ENABLED") {
                if (i.tier !== "STANDARD_HA") problems.push("read replicas need tier STANDARD_HA");
                if (i.memorySizeGb < 5) problems.push(`read replicas need at least 5 GB; memorySizeGb is ${i.memorySizeGb}`);
                if (!(i.replicaCount >= 1 && i.replicaCount <= 5)) problems.push(`replicaCount ${i.replicaCount}: allowed 1-5`);
            }
            if (i.connectMode === "PRIVATE_SERVICE_ACCESS") problems.push(...waitsForPsa(plan, r, i.authorizedNetwork));
            for (const w of i.maintenancePolicy?.weeklyMaintenanceWindows ?? []) {
                if (w.startTime?.hours < 0 || w.startTime?.hours > 23) problems.push(`maintenance start hour ${w.startTime?.hours}: 0-23`);
            }
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = {
    replacement: {
        "gcp:redis/instance:Instance": {
            source: `${MM}redis/Instance.yaml`,
            replace: ["name", "region", "project", "tier", "locationId", "alternativeLocationId", "authorizedNetwork", "connectMode", "transitEncryptionMode",
                "reservedIpRange", "customerManagedKey", "readReplicasMode"],
            update: ["authEnabled", "deletionProtection", "displayName", "labels", "maintenancePolicy", "memorySizeGb", "persistenceConfig", "redisConfigs",
                "redisVersion", "replicaCount", "secondaryIpRange"],
        },
    },
    statefulTypes: {
        "gcp:redis/instance:Instance": "Memorystore instance",
    },
    rules: cacheRules,
};
