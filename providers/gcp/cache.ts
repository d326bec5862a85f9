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
