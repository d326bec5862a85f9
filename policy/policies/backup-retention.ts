import { configures, DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS, DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS, envNote, get, minimumRetention, phrase, PlatformPolicy, resourcePolicy, stackPolicy, truthy } from "./support";
import { T } from "./types";

/**
 * Backup retention: database backups kept at least the minimum of the resource's environment
 * (config minimumBackupRetentionDays, default DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS), point-in-time recovery
 * in production, cache snapshots/persistence in production, object versioning everywhere.
 */

export const awsRdsRequireBackupRetention = resourcePolicy({
    name: "aws-rds-require-backup-retention",
    description: "RDS instances and Aurora clusters must keep automated backups (which give point-in-time recovery) for at least the environment's minimum retention.",
    area: "backup-retention",
    severity: "high",
    checkov: ["CKV_AWS_133"],
    config: ["minimumBackupRetentionDays"],
    types: [T.aws.rdsInstance, T.aws.rdsCluster],
    remediation: `set backupRetentionPeriod to at least the minimum for the environment (production ${DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS.production}, staging ${DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS.staging} by default)`,
    validate(ctx) {
        // Aurora member instances take their retention from the cluster.
        if (ctx.type === T.aws.rdsInstance && ctx.props.clusterIdentifier) ctx.notApplicable("Aurora member instance: the cluster holds the backup settings");
        const env = ctx.environment();
        const min = minimumRetention(ctx.config, env.environment);
        const days = ctx.props.backupRetentionPeriod;
        if (typeof days !== "number" || days < min) {
            ctx.report({
                problem: `backups are kept less than the ${min}-day minimum for ${envNote(env)}`,
                found: days ?? "~not set (the API default is 1 day)",
                fix: `set backupRetentionPeriod: ${min} or more`,
            });
        }
    },
});

export const gcpSqlRequireBackups = resourcePolicy({
    name: "gcp-sql-require-backups",
    description:
        "Cloud SQL instances must enable automated backups retaining at least the environment's minimum number of daily backups, with point-in-time recovery in production.",
    area: "backup-retention",
    severity: "high",
    checkov: ["CKV_GCP_14"],
    cis: ["GCP 6.7"],
    config: ["minimumBackupRetentionDays"],
    types: [T.gcp.sqlInstance],
    remediation: "set settings.backupConfiguration { enabled: true, pointInTimeRecoveryEnabled: true, backupRetentionSettings: { retainedBackups: <min>, retentionUnit: \"COUNT\" } }",
    validate(ctx) {
        const backup = ctx.props.settings?.backupConfiguration;
        const env = ctx.environment();
        const min = minimumRetention(ctx.config, env.environment);
        if (backup?.enabled !== true) {
            ctx.report({ problem: "automated backups are disabled", found: backup?.enabled, fix: "set settings.backupConfiguration.enabled: true" });
            return;
        }
        const retained = backup.backupRetentionSettings?.retainedBackups;
        if (typeof retained !== "number" || retained < min) {
            ctx.report({
                problem: `fewer daily backups are retained than the ${min}-day minimum for ${envNote(env)}`,
                found: retained ?? "~not set (the API default is 7)",
                fix: `set settings.backupConfiguration.backupRetentionSettings.retainedBackups: ${min} or more`,
            });
        }
        if (env.environment === "production" && backup.pointInTimeRecoveryEnabled !== true) {
            ctx.report({ problem: `point-in-time recovery is disabled in ${envNote(env)}`, found: backup.pointInTimeRecoveryEnabled, fix: "set settings.backupConfiguration.pointInTimeRecoveryEnabled: true" });
        }
    },
});

export const azurePostgresqlRequireBackupRetention = resourcePolicy({
    name: "azure-postgresql-require-backup-retention",
    description: "PostgreSQL flexible servers must keep backups (always point-in-time restorable) for at least the environment's minimum retention.",
    area: "backup-retention",
    severity: "high",
    config: ["minimumBackupRetentionDays"],
    types: [T.azure.postgresServer],
    remediation: "set backup.backupRetentionDays to at least the minimum (7-35)",
    validate(ctx) {
        const env = ctx.environment();
        const min = minimumRetention(ctx.config, env.environment);
        const days = ctx.props.backup?.backupRetentionDays;
        if (typeof days !== "number" || days < min) {
            ctx.report({ problem: `backups are kept less than the ${min}-day minimum for ${envNote(env)}`, found: days ?? "~not set (the service default is 7 days)", fix: `set backup.backupRetentionDays: ${min} or more` });
        }
    },
});

export const awsElasticacheRequireSnapshots = resourcePolicy({
    name: "aws-elasticache-require-snapshots",
    description: `Production ElastiCache replication groups must keep automatic snapshots at least minimumSnapshotRetentionDays (default ${DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS}) days.`,
    area: "backup-retention",
    severity: "medium",
    config: ["minimumSnapshotRetentionDays"],
    types: [T.aws.elasticacheReplicationGroup],
    remediation: "set snapshotRetentionLimit (days) to the minimum or more, and a snapshotWindow",
    validate(ctx) {
        const env = ctx.environment();
        if (env.environment !== "production") ctx.notApplicable(`snapshots are required in production only; this is ${envNote(env)}`);
        const min = ctx.config.minimumSnapshotRetentionDays;
        const limit = ctx.props.snapshotRetentionLimit;
        if (typeof limit !== "number" || limit < min) {
            ctx.report({
                problem: `automatic snapshots are kept less than the ${min}-day minimum in ${envNote(env)}`,
                found: limit ?? "~not set (defaults to 0, no snapshots)",
                fix: `set snapshotRetentionLimit: ${min} (days) or more`,
            });
        }
    },
});

export const gcpRedisRequirePersistence = resourcePolicy({
    name: "gcp-redis-require-persistence",
    description: "Production Memorystore instances must persist data with RDB snapshots.",
    area: "backup-retention",
    severity: "medium",
    types: [T.gcp.redisInstance],
    remediation: "set persistenceConfig { persistenceMode: \"RDB\", rdbSnapshotPeriod: \"TWELVE_HOURS\" }",
    validate(ctx) {
        const env = ctx.environment();
        if (env.environment !== "production") ctx.notApplicable(`persistence is required in production only; this is ${envNote(env)}`);
        const mode = ctx.props.persistenceConfig?.persistenceMode;
        if (mode !== "RDB") ctx.report({ problem: `RDB persistence is off in ${envNote(env)}`, found: mode, fix: "set persistenceConfig.persistenceMode: \"RDB\" with an rdbSnapshotPeriod" });
    },
});

export const azureRedisRequireRdbBackup = resourcePolicy({
    name: "azure-redis-require-rdb-backup",
    description: "Production Azure Cache for Redis must run the Premium SKU with RDB backups enabled (redisConfiguration.rdbBackupEnabled).",
    area: "backup-retention",
    severity: "medium",
    types: [T.azure.redis],
    remediation: "use sku Premium and set redisConfiguration { rdbBackupEnabled: \"true\", rdbBackupFrequency: \"60\", rdbStorageConnectionString }",
    validate(ctx) {
        const env = ctx.environment();
        if (env.environment !== "production") ctx.notApplicable(`RDB backups are required in production only; this is ${envNote(env)}`);
        const sku = ctx.props.sku?.name;
        if (sku !== "Premium") ctx.report({ problem: `the SKU cannot persist data in ${envNote(env)}`, found: sku, fix: "set sku { name: \"Premium\", family: \"P\" }" });
        const rdb = ctx.props.redisConfiguration?.rdbBackupEnabled;
        if (!truthy(rdb)) ctx.report({ problem: `RDB backups are disabled in ${envNote(env)}`, found: rdb, fix: "set redisConfiguration.rdbBackupEnabled: \"true\" with rdbBackupFrequency and rdbStorageConnectionString" });
    },
});

export const awsS3RequireVersioning = stackPolicy({
    name: "aws-s3-require-versioning",
    description: "Every S3 bucket must have a BucketVersioning resource with status Enabled (a stack policy: versioning is a separate resource in aws v7).",
    area: "backup-retention",
    severity: "medium",
    checkov: ["CKV_AWS_21"],
    types: [T.aws.s3Bucket, T.aws.s3BucketV2],
    remediation: "add an aws.s3.BucketVersioning { bucket: <bucket>.id, versioningConfiguration: { status: \"Enabled\" } }",
    validate(ctx) {
        const versionings = ctx.ofType(T.aws.s3Versioning, T.aws.s3VersioningV2);
        for (const bucket of ctx.ofType(T.aws.s3Bucket, T.aws.s3BucketV2)) {
            const mine = versionings.filter((v) => configures(v, bucket, "bucket", ["bucket", "id"]));
            const statuses = mine.map((v) => get(v.props, "versioningConfiguration", "status"));
            if (!statuses.includes("Enabled")) {
                ctx.report(bucket, {
                    problem: "object versioning is not enabled",
                    found: mine.length ? statuses : phrase("no BucketVersioning for this bucket"),
                    fix: "add an aws.s3.BucketVersioning with versioningConfiguration.status \"Enabled\"",
                });
            }
        }
    },
});

export const gcpStorageRequireVersioning = resourcePolicy({
    name: "gcp-storage-require-versioning",
    description: "Cloud Storage buckets must enable object versioning.",
    area: "backup-retention",
    severity: "medium",
    types: [T.gcp.storageBucket],
    remediation: "set versioning: { enabled: true }",
    validate(ctx) {
        const enabled = ctx.props.versioning?.enabled;
        if (enabled !== true) ctx.report({ problem: "object versioning is not enabled", found: enabled, fix: "set versioning: { enabled: true }" });
    },
});

export const azureStorageRequireBlobVersioning = stackPolicy({
    name: "azure-storage-require-blob-versioning",
    description: "Every storage account must have a BlobServiceProperties resource with isVersioningEnabled (a stack policy linking account and blob service).",
    area: "backup-retention",
    severity: "medium",
    types: [T.azure.storageAccount],
    remediation: "add a storage.BlobServiceProperties { accountName, blobServicesName: \"default\", isVersioningEnabled: true }",
    validate(ctx) {
        const services = ctx.ofType(T.azure.blobServiceProperties);
        for (const account of ctx.ofType(T.azure.storageAccount)) {
            const mine = services.filter((s) => configures(s, account, "accountName", ["accountName", "name"]));
            const flags = mine.map((s) => get(s.props, "isVersioningEnabled"));
            if (!flags.includes(true)) {
                ctx.report(account, {
                    problem: "blob versioning is not enabled",
                    found: mine.length ? flags : phrase("no BlobServiceProperties for this account"),
                    fix: "add a storage.BlobServiceProperties for the account with isVersioningEnabled: true",
                });
            }
        }
    },
});

export const backupRetentionPolicies: PlatformPolicy[] = [
    awsRdsRequireBackupRetention,
    gcpSqlRequireBackups,
    azurePostgresqlRequireBackupRetention,
    awsElasticacheRequireSnapshots,
    gcpRedisRequirePersistence,
    azureRedisRequireRdbBackup,
    awsS3RequireVersioning,
    gcpStorageRequireVersioning,
    azureStorageRequireBlobVersioning,
];
