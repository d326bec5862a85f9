import { envNote, onlyInProduction, PlatformPolicy, resourcePolicy } from "./support";
import { T } from "./types";

/**
 * High availability in production (DESIGN.md: database multi-AZ / regional / zone-redundant,
 * cache with automatic failover over 2-3 nodes). Staging is single-zone by design, so each
 * policy is "not applicable" outside production.
 */

export const awsRdsRequireMultiAz = resourcePolicy({
    name: "aws-rds-require-multi-az",
    description: "Production RDS instances must run Multi-AZ (a synchronous standby in another zone, automatic failover).",
    area: "high-availability",
    severity: "high",
    checkov: ["CKV_AWS_157"],
    types: [T.aws.rdsInstance],
    remediation: "set multiAz: true",
    validate(ctx) {
        // Aurora member instances: the cluster spreads its instances over zones.
        if (ctx.props.clusterIdentifier) ctx.notApplicable("Aurora member instance: availability comes from the cluster's instances");
        const env = onlyInProduction(ctx, "Multi-AZ");
        if (ctx.props.multiAz !== true) ctx.report({ problem: `the instance is single-AZ in ${envNote(env)}`, found: ctx.props.multiAz, fix: "set multiAz: true" });
    },
});

export const awsElasticacheRequireAutomaticFailover = resourcePolicy({
    name: "aws-elasticache-require-automatic-failover",
    description: "Production ElastiCache replication groups must fail over automatically to a replica in another zone: automaticFailoverEnabled, multiAzEnabled and at least 2 nodes.",
    area: "high-availability",
    severity: "high",
    types: [T.aws.elasticacheReplicationGroup],
    remediation: "set numCacheClusters: 2 or more, automaticFailoverEnabled: true, multiAzEnabled: true",
    validate(ctx) {
        const env = onlyInProduction(ctx, "automatic failover");
        const p = ctx.props;
        const nodes = typeof p.numCacheClusters === "number" ? p.numCacheClusters : typeof p.replicasPerNodeGroup === "number" ? p.replicasPerNodeGroup + 1 : undefined;
        if (typeof nodes !== "number" || nodes < 2) ctx.report({ problem: `the group has no replica to fail over to in ${envNote(env)}`, found: nodes ?? "~not set (1 node)", fix: "set numCacheClusters: 2 or more" });
        if (p.automaticFailoverEnabled !== true) ctx.report({ problem: `automatic failover is off in ${envNote(env)}`, found: p.automaticFailoverEnabled, fix: "set automaticFailoverEnabled: true" });
        if (p.multiAzEnabled !== true) ctx.report({ problem: `replicas may share the primary's zone in ${envNote(env)}`, found: p.multiAzEnabled, fix: "set multiAzEnabled: true" });
    },
});

export const gcpSqlRequireHighAvailability = resourcePolicy({
    name: "gcp-sql-require-high-availability",
    description: "Production Cloud SQL instances must be regional (a standby in another zone): settings.availabilityType REGIONAL.",
    area: "high-availability",
    severity: "high",
    types: [T.gcp.sqlInstance],
    remediation: "set settings.availabilityType: \"REGIONAL\"",
    validate(ctx) {
        // Read replicas take their availability from the primary.
        if (ctx.props.masterInstanceName) ctx.notApplicable("read replica: the primary holds the availability setting");
        const env = onlyInProduction(ctx, "a regional instance");
        const type = ctx.props.settings?.availabilityType;
        if (type !== "REGIONAL") ctx.report({ problem: `the instance is zonal in ${envNote(env)}`, found: type ?? "~not set (ZONAL)", fix: "set settings.availabilityType: \"REGIONAL\"" });
    },
});

export const gcpRedisRequireHighAvailability = resourcePolicy({
    name: "gcp-redis-require-high-availability",
    description: "Production Memorystore instances must use the STANDARD_HA tier (a replica in another zone with automatic failover).",
    area: "high-availability",
    severity: "high",
    types: [T.gcp.redisInstance],
    remediation: "set tier: \"STANDARD_HA\" (changing the tier replaces the instance)",
    validate(ctx) {
        const env = onlyInProduction(ctx, "a highly available cache");
        const tier = ctx.props.tier;
        if (tier !== "STANDARD_HA") ctx.report({ problem: `the instance has no failover replica in ${envNote(env)}`, found: tier ?? "~not set (BASIC)", fix: "set tier: \"STANDARD_HA\"" });
    },
});

const AZURE_HA_MODES = ["ZoneRedundant", "SameZone"];

export const azurePostgresqlRequireHighAvailability = resourcePolicy({
    name: "azure-postgresql-require-high-availability",
    description: "Production PostgreSQL flexible servers must run a standby: highAvailability.mode ZoneRedundant (or SameZone where the region has no zones).",
    area: "high-availability",
    severity: "high",
    types: [T.azure.postgresServer],
    remediation: "set highAvailability: { mode: \"ZoneRedundant\" } (General Purpose or Memory Optimized tier)",
    validate(ctx) {
        // Replicas (createMode Replica) have no standby of their own.
        if (ctx.props.createMode === "Replica") ctx.notApplicable("read replica: the primary holds the availability setting");
        const env = onlyInProduction(ctx, "a standby server");
        const mode = ctx.props.highAvailability?.mode;
        if (!AZURE_HA_MODES.includes(mode)) ctx.report({ problem: `the server has no standby in ${envNote(env)}`, found: mode ?? "~not set (Disabled)", fix: "set highAvailability.mode: \"ZoneRedundant\"" });
    },
});

export const azureRedisRequireHighAvailability = resourcePolicy({
    name: "azure-redis-require-high-availability",
    description: "Production Azure Cache for Redis must be replicated (Standard or Premium; a Premium cache keeps at least one replica per primary).",
    area: "high-availability",
    severity: "high",
    types: [T.azure.redis],
    remediation: "use sku Premium (or Standard) and leave replicasPerMaster at 1 or more",
    validate(ctx) {
        const env = onlyInProduction(ctx, "a replicated cache");
        const sku = ctx.props.sku?.name;
        if (sku !== "Standard" && sku !== "Premium") ctx.report({ problem: `the cache has no replica in ${envNote(env)}`, found: sku, fix: "set sku { name: \"Premium\", family: \"P\" }" });
        const replicas = ctx.props.replicasPerMaster ?? ctx.props.replicasPerPrimary;
        if (typeof replicas === "number" && replicas < 1) ctx.report({ problem: `the cache keeps no replica per primary in ${envNote(env)}`, found: replicas, fix: "set replicasPerMaster: 1 or more" });
    },
});

export const highAvailabilityPolicies: PlatformPolicy[] = [
    awsRdsRequireMultiAz,
    awsElasticacheRequireAutomaticFailover,
    gcpSqlRequireHighAvailability,
    gcpRedisRequireHighAvailability,
    azurePostgresqlRequireHighAvailability,
    azureRedisRequireHighAvailability,
];
