import * as pulumi from "@pulumi/pulumi";
import * as redis from "@pulumi/azure-native/redis";
import * as storage from "@pulumi/azure-native/storage";
import { CACHE_ENV, type CacheArgs, type CacheOutputs } from "../../components/cache";
import { childName } from "../../components/naming";
import { AzureContext } from "./context";
import { azureHandles, type StoredVaultSecret } from "./handles";
import { diagnostics } from "./diagnostics";
import { privateEndpoint } from "./private-endpoint";
import { hardenedStorageAccount } from "./object-store";
import { cacheSku } from "./sizes";
import { BACKUP_STORAGE_SKU } from "./storage-redundancy";
import { vaultSecret } from "./secrets";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { Transform } from "../../components/transform";
import { AzureGrant, grantTo } from "./workload-grants";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import type { Rule } from "../shared/rules";
import { SPEC, TAGS } from "./replacement";
import { azureNameRule as n } from "./rules/names";

/**
 * Redis version: Azure Cache for Redis offers 6 as its newest major version (Redis 7.x is
 * only in Azure Managed Redis, a different service and module). Clients see the same
 * RESP protocol and TLS endpoint.
 */
export const REDIS_VERSION = "6";

/**
 * Azure Cache for Redis: TLS only (non-TLS port off, TLS >= 1.2), no public network access
 * (private endpoint + DNS zone group), Premium with zone redundancy, replicas and hourly RDB
 * snapshots in production (written with a managed identity to a dedicated hardened account
 * whose blob versioning keeps `snapshotRetentionDays` of history), Standard in staging.
 *
 * Auth: access keys stay enabled because the cloud-neutral contract hands services an auth
 * token; the primary key is read once after creation (`listRedisKeys`) straight into Key Vault
 * as a secret and reaches containers only as a Key Vault reference.
 */
export function createCache(run: AzureContext, scope: pulumi.ComponentResource, name: string, args: CacheArgs): CacheOutputs {
    const ctx = run.withFoundation(azureHandles.read("network", args.network.handle, "cache"));
    const f = ctx.foundation;
    const t = args.transform?.azure;
    const premium = args.persistence || args.nodes > 2;
    const sku = cacheSku(args.size, premium);

    const dependsOn: pulumi.Resource[] = [];
    let persistence: Partial<redis.RedisArgs> = {};
    if (args.persistence) {
        const backups = hardenedStorageAccount(ctx, scope, childName(name, "backups"), { purpose: "b", sku: BACKUP_STORAGE_SKU[ctx.cfg.environment], protect: args.protect, transform: t?.backupAccount });
        ctx.create(storage.BlobServiceProperties, scope, childName(name, "backups-blob-service"), {
            accountName: backups.name,
            resourceGroupName: f.resourceGroupName,
            blobServicesName: "default",
            isVersioningEnabled: true,
            deleteRetentionPolicy: { enabled: true, days: args.snapshotRetentionDays },
        });
        ctx.create(storage.ManagementPolicy, scope, childName(name, "backups-retention"), {
            accountName: backups.name,
            resourceGroupName: f.resourceGroupName,
            managementPolicyName: "default",
            policy: {
                rules: [{
                    name: "keep-snapshots",
                    enabled: true,
                    type: "Lifecycle",
                    definition: {
                        filters: { blobTypes: ["blockBlob", "pageBlob"] },
                        actions: { version: { delete: { daysAfterCreationGreaterThan: args.snapshotRetentionDays } } },
                    },
                }],
            },
        });
        const identity = ctx.identity(scope, childName(name, "backups-identity"), "redis-backup");
        const grant = ctx.grant(scope, childName(name, "backups-writer"), { principalId: identity.principalId, role: "storageBlobDataContributor", on: backups.id });
        dependsOn.push(grant);
        persistence = {
            identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
            redisConfiguration: {
                rdbBackupEnabled: "true",
                rdbBackupFrequency: "60",
                rdbBackupMaxSnapshotCount: "1",
                preferredDataPersistenceAuthMethod: "ManagedIdentity",
                rdbStorageConnectionString: pulumi.interpolate`BlobEndpoint=${backups.primaryEndpoints.apply((e) => e.blob)}`,
                storageSubscriptionId: f.resourceGroupId.apply((id) => id.split("/")[2] ?? ""),
                maxmemoryPolicy: "volatile-lru",
            },
        };
    }

    const cache = ctx.create(redis.Redis, scope, childName(name, "redis"), {
        name: ctx.physical("redis"),
        resourceGroupName: f.resourceGroupName,
        location: ctx.location,
        sku,
        redisVersion: REDIS_VERSION,
        enableNonSslPort: false,
        minimumTlsVersion: "1.2",
        publicNetworkAccess: "Disabled",
        redisConfiguration: { maxmemoryPolicy: "volatile-lru" },
        // One node per zone: the primary and its replicas spread over as many zones as there are nodes.
        ...(premium ? { replicasPerMaster: Math.max(1, args.nodes - 1), zones: f.zones.length > 1 ? f.zones.slice(0, Math.max(2, args.nodes)) : undefined } : {}),
        ...persistence,
        tags: ctx.tags,
    }, t?.redis, { protect: args.protect, dependsOn });

    privateEndpoint(ctx, scope, name, { key: "redis", target: cache.id, groupId: "redisCache", zoneId: f.privateDnsZoneIds.redis });
    diagnostics(ctx, scope, childName(name, "diagnostics"), cache.id);
    if (args.protect) ctx.deleteLock(scope, childName(name, "lock"), cache.id, "Production cache: remove this lock deliberately before deleting it.");

    // Read after creation (dependsOn keeps it unknown in a first preview instead of failing).
    // `cache.keySlot` picks the key services get: rotation regenerates the idle key, switches
    // to it (a new Key Vault secret version), then regenerates the other (docs/cloud-mapping.md).
    const keys = redis.listRedisKeysOutput({ name: cache.name, resourceGroupName: f.resourceGroupName }, { provider: ctx.provider, parent: scope, dependsOn: [cache] });
    const { reference, stored } = vaultSecret(ctx, scope, childName(name, "auth-secret"), {
        secretName: "redis-auth-token",
        value: pulumi.secret(ctx.cfg.cache.keySlot === "secondary" ? keys.secondaryKey : keys.primaryKey),
        contentType: "text/plain; redis access key",
    });

    return {
        endpoint: cache.hostName,
        port: cache.sslPort,
        authSecret: reference,
        tls: pulumi.output(true),
        resourceId: cache.id,
        handle: azureHandles.wrap("cache", { cacheId: cache.id, secret: stored, grant }),
    };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/azure/index.ts. */
export const builder: CloudBuilder<AzureContext, "cache"> = createCache;

/** What a workload bound to the cache is given on Azure (workload-grants.ts): `Key Vault Secrets User` on the access key's secret only, which Container Apps reference as `redis-auth-token`. */
export const grant: AzureGrant<{ secret: StoredVaultSecret }, CacheOutputs> = (ctx, scope, name, to, cache) => ({
    grants: [grantTo(ctx, scope, name, to, "redis-auth-reader", "keyVaultSecretsUser", cache.secret.secretId)],
    secretNames: { [CACHE_ENV.authToken]: "redis-auth-token" },
});

/** Typed escape hatches for this component's Azure children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface AzureCacheTransforms {
    /** The Azure Cache for Redis instance. */
    redis?: Transform<redis.RedisArgs>;
    /** The RDB backup storage account (production). */
    backupAccount?: Transform<storage.StorageAccountArgs>;
}

declare module "../../components/cache" {
    interface CacheTransforms { azure?: AzureCacheTransforms }
}

/** What this component hands to the components built on it (providers/azure/handles.ts). */
declare module "./handles" {
    interface AzureHandles {
        cache: { cacheId: pulumi.Output<string>; secret: StoredVaultSecret; grant: typeof grant };
    }
}

/*
 * The offline engine's facts (`npm run diff` and the deploy-rule specs read them) of the Azure types only the cache
 * creates: which inputs replace them, their deploy rules and which of them hold data. providers/azure/engine.ts
 * merges them with the facts of the types several components create.
 */

const replacement: ReplacementTable = {
    "azure-native:redis:Redis": {
        source: `${SPEC}redis/resource-manager/Microsoft.Cache/stable/*/redis.json (subnetId, staticIP, zones create-only)`,
        replace: ["name", "resourceGroupName", "location", "subnetId", "staticIP", "zones"],
        update: [...TAGS, "disableAccessKeyAuthentication", "enableNonSslPort", "identity", "minimumTlsVersion", "publicNetworkAccess", "redisConfiguration",
            "redisVersion", "replicasPerMaster", "replicasPerPrimary", "sku", "shardCount", "tenantSettings", "updateChannel", "zonalAllocationPolicy"],
    },
};

const rules: Rule[] = [
    n("redis-name", "azure-native:redis:Redis", "name", 63, /^[A-Za-z0-9](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/, "letters, digits and single hyphens, starting and ending with a letter or digit"),
    {
        // Premium for VNet/private endpoint + zones + RDB persistence; replicas 1-3; RDB frequency from the allowed set; capacity per family.
        id: "azure/redis-sku-features",
        family: "combinations",
        types: ["azure-native:redis:Redis"],
        doc: "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-premium-persistence",
        check: (r) => {
            const i = r.inputs;
            const premium = i.sku?.name === "Premium";
            const problems: string[] = [];
            if (i.sku?.family === "P" ? !premium || i.sku.capacity < 1 || i.sku.capacity > 5 : premium || i.sku?.capacity < 0 || i.sku?.capacity > 6) problems.push(`sku ${i.sku?.name} ${i.sku?.family}${i.sku?.capacity} is not an offered size`);
            const rdb = i.redisConfiguration?.rdbBackupEnabled === "true";
            if ((rdb || i.zones || i.replicasPerMaster) && !premium) problems.push("persistence, zones and replicas need the Premium tier");
            if (rdb && !["15", "30", "60", "360", "720", "1440"].includes(String(i.redisConfiguration?.rdbBackupFrequency))) problems.push(`rdbBackupFrequency ${i.redisConfiguration?.rdbBackupFrequency}: 15, 30, 60, 360, 720 or 1440 minutes`);
            if (i.replicasPerMaster !== undefined && (i.replicasPerMaster < 1 || i.replicasPerMaster > 3)) problems.push(`replicasPerMaster ${i.replicasPerMaster}: allowed 1-3`);
            if (i.zones && i.replicasPerMaster !== undefined && i.zones.length > i.replicasPerMaster + 1) problems.push(`${i.zones.length} zones for ${i.replicasPerMaster + 1} nodes`);
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = { replacement, rules, statefulTypes: { "azure-native:redis:Redis": "Azure Cache for Redis" } };
