import { pathStartsWith } from "./flatten";

/**
 * Resource types that hold data (or the keys to it): replacing or deleting one loses
 * that data unless someone restores it. A replace or delete of any of these is the loudest
 * thing the diff can say, and it makes `npm run diff` exit 1 unless overridden.
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

/**
 * Inputs of the stateful types whose change makes the provider replace the resource
 * (create-only / ForceNew properties, per the provider docs). Paths are dotted and match the
 * changed path or anything under it. Only the properties this platform sets or a reviewer is
 * likely to touch are listed; the URN rule (rename without alias) catches the rest.
 */
export const REPLACE_ON_CHANGE: Record<string, string[]> = {
    "aws:rds/instance:Instance": ["engine", "identifier", "identifierPrefix", "dbName", "kmsKeyId", "storageEncrypted", "username", "availabilityZone", "characterSetName", "ncharCharacterSetName", "timezone", "snapshotIdentifier"],
    "aws:rds/cluster:Cluster": ["engine", "engineMode", "clusterIdentifier", "databaseName", "kmsKeyId", "storageEncrypted", "masterUsername", "availabilityZones", "snapshotIdentifier"],
    "aws:elasticache/replicationGroup:ReplicationGroup": ["replicationGroupId", "atRestEncryptionEnabled", "kmsKeyId", "port", "subnetGroupName", "snapshotName", "snapshotArns"],
    "aws:elasticache/cluster:Cluster": ["clusterId", "engine", "port", "subnetGroupName", "availabilityZone", "snapshotName", "snapshotArns"],
    "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "objectLockEnabled"],
    "aws:s3/bucketV2:BucketV2": ["bucket", "bucketPrefix", "objectLockEnabled"],
    "aws:kms/key:Key": ["keyUsage", "customerMasterKeySpec", "keySpec", "customKeyStoreId", "multiRegion"],
    "gcp:sql/databaseInstance:DatabaseInstance": ["name", "region", "project", "encryptionKeyName", "masterInstanceName"],
    "gcp:redis/instance:Instance": ["name", "region", "project", "tier", "locationId", "alternativeLocationId", "authorizedNetwork", "connectMode", "transitEncryptionMode", "reservedIpRange", "customerManagedKey"],
    "gcp:sql/database:Database": ["name", "instance", "project"],
    "gcp:storage/bucket:Bucket": ["name", "location", "project"],
    "gcp:kms/cryptoKey:CryptoKey": ["name", "keyRing", "purpose"],
    "azure-native:dbforpostgresql:Server": ["serverName", "location", "resourceGroupName", "administratorLogin", "network.delegatedSubnetResourceId", "network.privateDnsZoneArmResourceId"],
    "azure-native:dbforpostgresql:Database": ["databaseName", "serverName", "resourceGroupName"],
    "azure-native:redis:Redis": ["name", "location", "resourceGroupName", "subnetId", "zones"],
    "azure-native:cache:Redis": ["name", "location", "resourceGroupName", "subnetId", "zones"],
    "azure-native:storage:StorageAccount": ["accountName", "location", "resourceGroupName", "isHnsEnabled"],
    "azure-native:storage:BlobContainer": ["containerName", "accountName", "resourceGroupName"],
    "azure-native:keyvault:Vault": ["vaultName", "location", "resourceGroupName"],
};

/** The replace-on-change property a changed path falls under, if any. */
export function replaceOnChangeProperty(type: string, path: string): string | undefined {
    return (REPLACE_ON_CHANGE[type] ?? []).find((prop) => pathStartsWith(path, prop));
}
