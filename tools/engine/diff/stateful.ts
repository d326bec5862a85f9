/**
 * Resource types that hold data (or the keys to it): replacing or deleting one loses
 * that data unless someone restores it. A replace or delete of any of these is the loudest
 * thing the diff can say, and it makes `npm run diff` exit 1 unless overridden. Which inputs
 * replace them is in the per-cloud tables (providers/<cloud>/replacement.ts).
 */
export const STATEFUL_TYPES: Record<string, string> = {
    // AWS
    "aws:rds/instance:Instance": "RDS database instance",
    "aws:rds/cluster:Cluster": "Aurora cluster",
    "aws:elasticache/replicationGroup:ReplicationGroup": "ElastiCache replication group",
    "aws:elasticache/cluster:Cluster": "ElastiCache cluster",
    "aws:s3/bucket:Bucket": "S3 bucket",
    "aws:s3/bucketV2:BucketV2": "S3 bucket",
    "aws:kms/key:Key": "KMS key (data encrypted with it becomes unreadable)",
    // GCP
    "gcp:sql/databaseInstance:DatabaseInstance": "Cloud SQL instance",
    "gcp:redis/instance:Instance": "Memorystore instance",
    "gcp:sql/database:Database": "Cloud SQL database (its tables)",
    "gcp:storage/bucket:Bucket": "GCS bucket",
    "gcp:kms/cryptoKey:CryptoKey": "Cloud KMS key (data encrypted with it becomes unreadable)",
    // Azure
    "azure-native:dbforpostgresql:Server": "PostgreSQL flexible server",
    "azure-native:dbforpostgresql:Database": "PostgreSQL database (its tables)",
    "azure-native:redis:Redis": "Azure Cache for Redis",
    "azure-native:cache:Redis": "Azure Cache for Redis",
    "azure-native:storage:StorageAccount": "storage account",
    "azure-native:storage:BlobContainer": "blob container",
    "azure-native:keyvault:Vault": "Key Vault",
};

export function isStateful(type: string): boolean {
    return type in STATEFUL_TYPES;
}
