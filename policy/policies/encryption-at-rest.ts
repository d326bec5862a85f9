import { configures, get, phrase, PlatformPolicy, resourcePolicy, stackPolicy } from "./support";
import { T } from "./types";

/** Encryption at rest for every stateful resource the program can create. */

export const awsRdsRequireStorageEncryption = resourcePolicy({
    name: "aws-rds-require-storage-encryption",
    description: "RDS instances and Aurora clusters must encrypt their storage (with a customer-managed KMS key when requireCustomerManagedKeys).",
    area: "encryption-at-rest",
    severity: "high",
    checkov: ["CKV_AWS_16"],
    cis: ["AWS 2.3.1"],
    config: ["requireCustomerManagedKeys"],
    types: [T.aws.rdsInstance, T.aws.rdsCluster],
    remediation: "set storageEncrypted: true (and kmsKeyId to a customer-managed key); encrypting an existing database means restoring a snapshot into a new one",
    validate(ctx) {
        const encrypted = ctx.props.storageEncrypted;
        if (encrypted !== true) {
            ctx.report({ problem: "storage encryption is not enabled", found: encrypted, fix: "set storageEncrypted: true (replaces the database: restore from an encrypted snapshot copy)" });
        }
        if (ctx.config.requireCustomerManagedKeys && !ctx.props.kmsKeyId) {
            ctx.report({ problem: "storage is not encrypted with a customer-managed KMS key", found: ctx.props.kmsKeyId, fix: "set kmsKeyId to a customer-managed aws.kms.Key ARN" });
        }
    },
});

export const awsElasticacheRequireAtRestEncryption = resourcePolicy({
    name: "aws-elasticache-require-at-rest-encryption",
    description: "ElastiCache replication groups must encrypt data at rest (with a customer-managed KMS key when requireCustomerManagedKeys).",
    area: "encryption-at-rest",
    severity: "high",
    checkov: ["CKV_AWS_29"],
    config: ["requireCustomerManagedKeys"],
    types: [T.aws.elasticacheReplicationGroup],
    remediation: "set atRestEncryptionEnabled: true (replaces the replication group)",
    validate(ctx) {
        const v = ctx.props.atRestEncryptionEnabled;
        if (v !== true && v !== "true") {
            ctx.report({ problem: "encryption at rest is not enabled", found: v, fix: "set atRestEncryptionEnabled: true (replaces the replication group)" });
        }
        if (ctx.config.requireCustomerManagedKeys && !ctx.props.kmsKeyId) {
            ctx.report({ problem: "data at rest is not encrypted with a customer-managed KMS key", found: ctx.props.kmsKeyId, fix: "set kmsKeyId to a customer-managed aws.kms.Key ARN" });
        }
    },
});

const S3_ALGORITHMS = ["aws:kms", "aws:kms:dsse", "AES256"];

export const awsS3RequireBucketEncryption = stackPolicy({
    name: "aws-s3-require-bucket-encryption",
    description:
        "Every S3 bucket must have a BucketServerSideEncryptionConfiguration with a default algorithm (aws:kms, aws:kms:dsse or AES256; aws:kms with a key when requireCustomerManagedKeys). A stack policy: in aws v7 encryption is a separate resource.",
    area: "encryption-at-rest",
    severity: "high",
    checkov: ["CKV_AWS_19"],
    config: ["requireCustomerManagedKeys"],
    types: [T.aws.s3Bucket, T.aws.s3BucketV2],
    remediation: "add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with applyServerSideEncryptionByDefault.sseAlgorithm \"aws:kms\"",
    validate(ctx) {
        const configs = ctx.ofType(T.aws.s3Sse, T.aws.s3SseV2);
        for (const bucket of ctx.ofType(T.aws.s3Bucket, T.aws.s3BucketV2)) {
            const mine = configs.filter((c) => configures(c, bucket, "bucket", ["bucket", "id"]));
            if (mine.length === 0) {
                ctx.report(bucket, {
                    problem: "no server-side encryption configuration",
                    found: phrase("no BucketServerSideEncryptionConfiguration for this bucket"),
                    fix: "add an aws.s3.BucketServerSideEncryptionConfiguration with bucket: <bucket>.id and rules[0].applyServerSideEncryptionByDefault.sseAlgorithm \"aws:kms\"",
                });
                continue;
            }
            for (const c of mine) {
                const rules = (get(c.props, "rules") as Array<Record<string, any>> | undefined) ?? [];
                const defaults = rules.map((r) => get(r, "applyServerSideEncryptionByDefault") as Record<string, unknown> | undefined).filter(Boolean) as Record<string, unknown>[];
                const algorithms = defaults.map((d) => get(d, "sseAlgorithm"));
                if (defaults.length === 0 || algorithms.some((a) => typeof a === "string" && !S3_ALGORITHMS.includes(a)) || algorithms.every((a) => a === undefined)) {
                    ctx.report(bucket, {
                        problem: `default encryption of ${c.name} is missing or invalid`,
                        found: algorithms.length ? algorithms : phrase("no applyServerSideEncryptionByDefault rule"),
                        fix: `set rules[0].applyServerSideEncryptionByDefault.sseAlgorithm to one of ${S3_ALGORITHMS.join(", ")}`,
                    });
                } else if (ctx.config.requireCustomerManagedKeys && !defaults.some((d) => String(get(d, "sseAlgorithm")).startsWith("aws:kms") && get(d, "kmsMasterKeyId"))) {
                    ctx.report(bucket, {
                        problem: `default encryption of ${c.name} does not use a customer-managed KMS key`,
                        found: algorithms,
                        fix: "set sseAlgorithm \"aws:kms\" and kmsMasterKeyId to a customer-managed key ARN",
                    });
                }
            }
        }
    },
});

export const gcpSqlRequireCustomerManagedKey = resourcePolicy({
    name: "gcp-sql-require-customer-managed-key",
    description: "Cloud SQL always encrypts at rest; when requireCustomerManagedKeys is true, instances must use a Cloud KMS key (encryptionKeyName).",
    area: "encryption-at-rest",
    severity: "medium",
    config: ["requireCustomerManagedKeys"],
    types: [T.gcp.sqlInstance],
    remediation: "set encryptionKeyName to a Cloud KMS CryptoKey id (replaces the instance)",
    validate(ctx) {
        if (!ctx.config.requireCustomerManagedKeys) return;
        if (!ctx.props.encryptionKeyName) {
            ctx.report({ problem: "the instance is not encrypted with a customer-managed key", found: ctx.props.encryptionKeyName, fix: "set encryptionKeyName to a Cloud KMS CryptoKey id (replaces the instance)" });
        }
    },
});

export const gcpRedisRequireCustomerManagedKey = resourcePolicy({
    name: "gcp-redis-require-customer-managed-key",
    description: "Memorystore always encrypts at rest; when requireCustomerManagedKeys is true, instances must use a Cloud KMS key (customerManagedKey).",
    area: "encryption-at-rest",
    severity: "medium",
    config: ["requireCustomerManagedKeys"],
    types: [T.gcp.redisInstance],
    remediation: "set customerManagedKey to a Cloud KMS CryptoKey id (replaces the instance)",
    validate(ctx) {
        if (!ctx.config.requireCustomerManagedKeys) return;
        if (!ctx.props.customerManagedKey) {
            ctx.report({ problem: "the instance is not encrypted with a customer-managed key", found: ctx.props.customerManagedKey, fix: "set customerManagedKey to a Cloud KMS CryptoKey id (replaces the instance)" });
        }
    },
});

export const gcpStorageRequireCustomerManagedKey = resourcePolicy({
    name: "gcp-storage-require-customer-managed-key",
    description: "Cloud Storage always encrypts at rest; when requireCustomerManagedKeys is true, buckets must set a default Cloud KMS key.",
    area: "encryption-at-rest",
    severity: "medium",
    config: ["requireCustomerManagedKeys"],
    types: [T.gcp.storageBucket],
    remediation: "set encryption.defaultKmsKeyName to a Cloud KMS CryptoKey id",
    validate(ctx) {
        if (!ctx.config.requireCustomerManagedKeys) return;
        const key = ctx.props.encryption?.defaultKmsKeyName;
        if (!key) ctx.report({ problem: "the bucket has no default customer-managed key", found: key, fix: "set encryption.defaultKmsKeyName to a Cloud KMS CryptoKey id" });
    },
});

export const azurePostgresqlRequireCustomerManagedKey = resourcePolicy({
    name: "azure-postgresql-require-customer-managed-key",
    description: "Flexible servers always encrypt at rest with service-managed keys; when requireCustomerManagedKeys is true, they must use a Key Vault key (dataEncryption.type AzureKeyVault).",
    area: "encryption-at-rest",
    severity: "medium",
    config: ["requireCustomerManagedKeys"],
    types: [T.azure.postgresServer],
    remediation: "set dataEncryption: { type: \"AzureKeyVault\", primaryKeyURI, primaryUserAssignedIdentityId } (only at creation)",
    validate(ctx) {
        if (!ctx.config.requireCustomerManagedKeys) return;
        const type = ctx.props.dataEncryption?.type;
        if (type !== "AzureKeyVault") {
            ctx.report({ problem: "data is not encrypted with a customer-managed key", found: type, fix: "set dataEncryption.type \"AzureKeyVault\" with primaryKeyURI and a user-assigned identity (only at creation)" });
        }
    },
});

export const azureStorageRequireEncryption = resourcePolicy({
    name: "azure-storage-require-encryption",
    description:
        "Storage accounts must keep blob and file encryption on; with requireInfrastructureEncryption they must enable infrastructure (double) encryption, with requireCustomerManagedKeys use a Key Vault key.",
    area: "encryption-at-rest",
    severity: "high",
    config: ["requireCustomerManagedKeys", "requireInfrastructureEncryption"],
    types: [T.azure.storageAccount],
    remediation: "keep encryption.services.blob/file.enabled true; set encryption.requireInfrastructureEncryption / keySource \"Microsoft.Keyvault\" as the config requires",
    validate(ctx) {
        const enc = ctx.props.encryption;
        for (const service of ["blob", "file"]) {
            const enabled = enc?.services?.[service]?.enabled;
            if (enabled === false) {
                ctx.report({ problem: `${service} encryption is disabled`, found: enabled, fix: `set encryption.services.${service}.enabled: true` });
            }
        }
        if (ctx.config.requireInfrastructureEncryption && enc?.requireInfrastructureEncryption !== true) {
            ctx.report({
                problem: "infrastructure encryption is not enabled",
                found: enc?.requireInfrastructureEncryption,
                fix: "set encryption.requireInfrastructureEncryption: true (replaces the account)",
            });
        }
        if (ctx.config.requireCustomerManagedKeys && enc?.keySource !== "Microsoft.Keyvault") {
            ctx.report({ problem: "the account is not encrypted with a customer-managed key", found: enc?.keySource, fix: "set encryption.keySource \"Microsoft.Keyvault\" with encryption.keyVaultProperties" });
        }
    },
});

export const encryptionAtRestPolicies: PlatformPolicy[] = [
    awsRdsRequireStorageEncryption,
    awsElasticacheRequireAtRestEncryption,
    awsS3RequireBucketEncryption,
    gcpSqlRequireCustomerManagedKey,
    gcpRedisRequireCustomerManagedKey,
    gcpStorageRequireCustomerManagedKey,
    azurePostgresqlRequireCustomerManagedKey,
    azureStorageRequireEncryption,
];
