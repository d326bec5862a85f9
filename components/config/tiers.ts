import { CLOUD_PLUGINS } from "../../providers/registry";
import type { WeeklyWindow } from "../maintenance";
import type { CloudPlugin } from "./cloud-plugin";
import type { Cloud, Environment, ReleasePhase, ReleaseStrategyName, Size } from "./schema";

/** A resolved release strategy: canary carries a percentage, canary and blueGreen a bake time. */
export interface ReleaseStrategy {
    strategy: ReleaseStrategyName;
    /** Canary share of traffic, 1-50 %. */
    percent: number;
    /** Minutes the new revision runs under its alarms before it takes all traffic / the old one goes. */
    bakeMinutes: number;
    /** The release's phase on the revision runtimes (`compute.releasePhase`); absent: deploy. */
    phase?: ReleasePhase;
}

/**
 * The production and staging profiles, distilled from DESIGN.md's requirements table.
 * A stack file overrides only what differs; anything not overridden comes from here.
 */
export interface TierProfile {
    /*
     * The fields below are also the components' Args (components/<component>.ts picks them),
     * so their JSDoc is what a component's reader sees: the default per tier and whether a
     * change replaces a stateful resource.
     */
    network: {
        /** Availability zones used for private (data, compute) and public (load balancer) subnets. @default production: 3, staging: 2 */
        zones: number;
        /** Address space of the platform network. @default production: 10.0.0.0/16, staging: 10.1.0.0/16. Changing it replaces the network and everything in it. */
        cidr: string;
    };
    database: {
        /** Cloud-neutral instance class. @default production: medium, staging: small. Changing it resizes in place (brief failover in production). */
        size: Size;
        /** Allocated storage in GB (grows automatically where the cloud supports it). @default production: 100, staging: 20 */
        storageGb: number;
        /** Days of automated backups; also the floor a stack may not go below. @default production: 30, staging: 7 */
        backupRetentionDays: number;
        /** Point-in-time recovery from the transaction log. @default true on both tiers */
        pointInTimeRecovery: boolean;
        /** Multi-AZ / regional / zone-redundant standby. @default production: true, staging: false. On Azure, enabling it later recreates the standby only. */
        highAvailability: boolean;
        /** The cloud's own deletion protection. @default production: true, staging: false */
        deletionProtection: boolean;
        /** Take a final snapshot on delete. @default production: true, staging: false */
        finalSnapshot: boolean;
        /** @default 03:00-04:00 UTC on every tier */
        backupWindow: { startHourUtc: number; durationHours: number };
        /**
         * The platform's one maintenance window, from which every cloud's database, cache and
         * cluster windows derive (components/maintenance.ts). @default Sunday 04:00-05:00 UTC on every tier
         */
        maintenanceWindow: WeeklyWindow;
    };
    cache: {
        /** Cloud-neutral node class. @default production: medium, staging: small. Changing it replaces the cache on GCP (BASIC) and resizes in place elsewhere. */
        size: Size;
        /** Nodes, including the primary; more than one enables automatic failover. @default production: 2, staging: 1 */
        nodes: number;
        /** Days of snapshots kept. @default production: 5, staging: 1 */
        snapshotRetentionDays: number;
        /** Automatic failover to a replica (on whenever `nodes` is above 1). @default production: true, staging: false */
        automaticFailover: boolean;
        /** RDB persistence / snapshots. @default production: true, staging: false */
        persistence: boolean;
        /**
         * Azure only: the access key slot services get (`primary` | `secondary`). Rotation switches it
         * to the other key after regenerating that one, then regenerates the old one. @default "primary"
         */
        keySlot: "primary" | "secondary";
    };
    objectStore: {
        /** Days before objects under `uploads/temp/` expire. @default 7 */
        tempExpirationDays: number;
        /** Days before objects under `exports/` move to archive storage. @default 30 */
        archiveAfterDays: number;
        /** Days before objects under `exports/` expire. @default 365 */
        expirationDays: number;
    };
    loadBalancer: {
        /** Web application firewall. @default production: true, staging: false */
        waf: boolean;
        /** Deletion protection on the load balancer. @default production: true, staging: false */
        deletionProtection: boolean;
        /** Health check. @default path /health every 30 s, healthy 2, unhealthy 3 */
        health: { path: string; intervalSeconds: number; healthyThreshold: number; unhealthyThreshold: number; timeoutSeconds: number };
        /** @default "1.2" */
        minimumTlsVersion: "1.2";
        /** @default true */
        accessLogs: boolean;
    };
    compute: {
        size: Size;
        minReplicas: number;
        maxReplicas: number;
        /** Target CPU utilisation for scaling. @default 70 */
        cpuTargetPercent: number;
        /** Target memory utilisation where the runtime supports it. @default 80 */
        memoryTargetPercent: number;
        /** @default 300 */
        scaleOutCooldownSeconds: number;
        /** @default 600 */
        scaleInCooldownSeconds: number;
        /** Days of application logs. @default production: 30, staging: 14 */
        logRetentionDays: number;
        /** Release strategy of HTTP services unless a service sets its own. */
        release: ReleaseStrategy;
    };
    /**
     * Audit logs (flow logs, control-plane audit logs, WAF logs, object-access logs): kept
     * apart from application logs, at least a year in production (DESIGN.md "Audit logs").
     */
    audit: { logRetentionDays: number };
    /** The managed Kubernetes cluster of `compute.runtime: kubernetes`. */
    kubernetes: {
        /** Kubernetes minor version. @default "1.33". Upgrading is in place, one minor at a time. */
        version: string;
        /** Cloud-neutral node class. @default production: medium, staging: small */
        nodeSize: Size;
        /** @default production: 3, staging: 1 */
        minNodes: number;
        /** @default production: 10, staging: 3 */
        maxNodes: number;
    };
    monitoring: {
        cpuPercent: number;
        memoryPercent: number;
        /** Critical: 5xx responses as a share of all requests. */
        http5xxRatePercent: number;
        /** Warning above this p95, critical above `p95LatencyCriticalSeconds`. */
        p95LatencySeconds: number;
        p95LatencyCriticalSeconds: number;
        databaseConnections: number;
        freeStoragePercent: number;
        /** Warning: cache keys evicted per minute (memory pressure pushing data out). */
        cacheEvictionsPerMinute: number;
        /** Critical: failed database connection attempts in 5 minutes. */
        databaseConnectionFailures: number;
        /** Critical: container restarts of one workload in 10 minutes (a crash loop). */
        restartsPer10Minutes: number;
        /** Monthly budget of the stack, alerting the warning destination at 80 % actual and 100 % forecast. */
        budget: { enabled: boolean; amount: number };
    };
    /** Stateful resources get Pulumi `protect` and their cloud's deletion protection. */
    protectStatefulResources: boolean;
    /**
     * Disaster recovery (DESIGN.md "Disaster recovery"). A zone failure is absorbed by the
     * multi-zone database and cache on every tier; `objectives` are for the loss of a region,
     * met from the copies `crossRegionCopies` keeps in the other region (none: zone-level only).
     */
    dr: {
        crossRegionCopies: boolean;
        objectives?: { rtoMinutes: number; databaseRpoMinutes: number; objectRpoMinutes: number };
    };
}

const shared = {
    backupWindow: { startHourUtc: 3, durationHours: 1 },
    maintenanceWindow: { day: "sun" as const, startHourUtc: 4, durationHours: 1 },
    objectStore: { tempExpirationDays: 7, archiveAfterDays: 30, expirationDays: 365 },
    health: { path: "/health", intervalSeconds: 30, healthyThreshold: 2, unhealthyThreshold: 3, timeoutSeconds: 5 },
    monitoring: {
        cpuPercent: 80, memoryPercent: 85, http5xxRatePercent: 10, p95LatencySeconds: 2, p95LatencyCriticalSeconds: 5,
        databaseConnections: 80, freeStoragePercent: 10, cacheEvictionsPerMinute: 100, databaseConnectionFailures: 10, restartsPer10Minutes: 3,
    },
    /** Today's behaviour: replace tasks a few at a time, rolled back by the runtime's health gates. */
    release: { strategy: "rolling" as const, percent: 10, bakeMinutes: 10 },
};

export const TIERS: Record<Environment, TierProfile> = {
    production: {
        network: { zones: 3, cidr: "10.0.0.0/16" },
        database: {
            size: "medium",
            storageGb: 100,
            backupRetentionDays: 30,
            pointInTimeRecovery: true,
            highAvailability: true,
            deletionProtection: true,
            finalSnapshot: true,
            backupWindow: shared.backupWindow,
            maintenanceWindow: shared.maintenanceWindow,
        },
        cache: { size: "medium", nodes: 2, snapshotRetentionDays: 5, automaticFailover: true, persistence: true, keySlot: "primary" },
        objectStore: shared.objectStore,
        loadBalancer: { waf: true, deletionProtection: true, health: shared.health, minimumTlsVersion: "1.2", accessLogs: true },
        compute: {
            size: "medium",
            minReplicas: 3,
            maxReplicas: 20,
            cpuTargetPercent: 70,
            memoryTargetPercent: 80,
            scaleOutCooldownSeconds: 300,
            scaleInCooldownSeconds: 600,
            logRetentionDays: 30,
            release: shared.release,
        },
        audit: { logRetentionDays: 365 },
        kubernetes: { version: "1.33", nodeSize: "medium", minNodes: 3, maxNodes: 10 },
        monitoring: { ...shared.monitoring, budget: { enabled: true, amount: 5000 } },
        protectStatefulResources: true,
        dr: { crossRegionCopies: true, objectives: { rtoMinutes: 60, databaseRpoMinutes: 15, objectRpoMinutes: 60 } },
    },
    staging: {
        network: { zones: 2, cidr: "10.1.0.0/16" },
        database: {
            size: "small",
            storageGb: 20,
            backupRetentionDays: 7,
            pointInTimeRecovery: true,
            highAvailability: false,
            deletionProtection: false,
            finalSnapshot: false,
            backupWindow: shared.backupWindow,
            maintenanceWindow: shared.maintenanceWindow,
        },
        cache: { size: "small", nodes: 1, snapshotRetentionDays: 1, automaticFailover: false, persistence: false, keySlot: "primary" },
        objectStore: shared.objectStore,
        loadBalancer: { waf: false, deletionProtection: false, health: shared.health, minimumTlsVersion: "1.2", accessLogs: true },
        compute: {
            size: "small",
            minReplicas: 1,
            maxReplicas: 3,
            cpuTargetPercent: 70,
            memoryTargetPercent: 80,
            scaleOutCooldownSeconds: 300,
            scaleInCooldownSeconds: 600,
            logRetentionDays: 14,
            release: shared.release,
        },
        audit: { logRetentionDays: 90 },
        kubernetes: { version: "1.33", nodeSize: "small", minNodes: 1, maxNodes: 3 },
        monitoring: { ...shared.monitoring, budget: { enabled: true, amount: 1000 } },
        protectStatefulResources: false,
        dr: { crossRegionCopies: false },
    },
};

/**
 * The default DR region of each primary region, per cloud (`platform:dr.region` overrides it):
 * each cloud states its pairs and their source in its plugin (`disasterRecovery.regionPairs`).
 */
export const DR_REGION_PAIRS: Readonly<Record<Cloud, Readonly<Record<string, string>>>> =
    Object.fromEntries(Object.values(CLOUD_PLUGINS).map((p: CloudPlugin) => [p.name, p.disasterRecovery.regionPairs])) as Record<Cloud, Record<string, string>>;

