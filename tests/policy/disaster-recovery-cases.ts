import * as P from "../../policy/policies/disaster-recovery";
import { T } from "../../policy/policies/types";
import type { Fixture } from "../support/policy-harness";
import type { PolicyCase } from "./cases";

/*
 * The DR policies' rows of the per-policy table (cases.ts appends them): a compliant stack
 * (source and copy in two regions, key and role present), each way the copy can be missing or
 * useless, and the configurable environments.
 */

const env = (e = "production") => ({ environment: e, app: "platform", "managed-by": "pulumi" });
const ACCOUNT = "123456789012";
const STAGING_REQUIRED = { crossRegionCopiesRequiredIn: ["production", "staging"] };

const rdsInstance = (e = "production"): Fixture => ({
    type: T.aws.rdsInstance,
    name: "database-instance",
    props: { identifier: "platform-prod-postgres", arn: `arn:aws:rds:us-west-2:${ACCOUNT}:db:platform-prod-postgres`, region: "us-west-2", backupRetentionPeriod: 30, tags: env(e) },
});
const backupReplication = (): Fixture => ({
    type: T.aws.rdsBackupsReplication,
    name: "database-backup-replication",
    props: { region: "us-east-2", sourceDbInstanceArn: `arn:aws:rds:us-west-2:${ACCOUNT}:db:platform-prod-postgres`, kmsKeyId: `arn:aws:kms:us-east-2:${ACCOUNT}:key/dr`, retentionPeriod: 30 },
    dependsOn: [0],
});

const s3Bucket = (name: string, region: string, e = "production"): Fixture => ({ type: T.aws.s3Bucket, name, props: { bucket: `platform-prod-${name}-${ACCOUNT}`, region, tags: env(e) } });
const s3Replication = (): Fixture => ({
    type: T.aws.s3Replication,
    name: "object-store-replication",
    props: {
        bucket: `platform-prod-object-store-bucket-${ACCOUNT}`,
        role: `arn:aws:iam::${ACCOUNT}:role/platform-prod-s3-replication`,
        rules: [{
            id: "dr-copy",
            status: "Enabled",
            filter: {},
            destination: { bucket: `arn:aws:s3:::platform-prod-object-store-replica-${ACCOUNT}`, encryptionConfiguration: { replicaKmsKeyId: `arn:aws:kms:us-east-2:${ACCOUNT}:key/replica` } },
        }],
    },
    dependsOn: [0],
});
const accessLogging = (): Fixture => ({
    type: T.aws.s3Logging,
    name: "object-store-access-logging",
    props: { bucket: `platform-prod-object-store-bucket-${ACCOUNT}`, targetBucket: `platform-prod-object-store-access-logs-${ACCOUNT}` },
});

/** An ALB log bucket known only by its bucket policy (the kubernetes runtime's controller-made ALB). */
const albLogsPolicy = (): Fixture => ({
    type: T.aws.s3BucketPolicy,
    name: "load-balancer-logs-policy",
    props: {
        bucket: `platform-prod-load-balancer-logs-${ACCOUNT}`,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }, Action: "s3:PutObject", Resource: "*" }] }),
    },
});

const sqlInstance = (e = "production"): Fixture => ({
    type: T.gcp.sqlInstance,
    name: "database-instance",
    props: { name: "platform-prod-postgres", region: "us-central1", settings: { backupConfiguration: { enabled: true, location: "us-east1" }, userLabels: env(e) } },
});
const gcsBucket = (name: string, location: string, e = "production"): Fixture => ({ type: T.gcp.storageBucket, name, props: { name: `platform-prod-${name}`, location, labels: env(e) } });
const transferJob = (): Fixture => ({
    type: T.gcp.transferJob,
    name: "object-store-replication",
    props: { status: "ENABLED", replicationSpec: { gcsDataSource: { bucketName: "platform-prod-object-store-bucket" }, gcsDataSink: { bucketName: "platform-prod-object-store-replica" } } },
});

const flexServer = (e = "production"): Fixture => ({
    type: T.azure.postgresServer,
    name: "database-server",
    props: { serverName: "platform-prod-pg", backup: { backupRetentionDays: 30, geoRedundantBackup: "Enabled" }, tags: env(e) },
});
const storageAccount = (name: string, sku: string, e = "production"): Fixture => ({ type: T.azure.storageAccount, name, props: { accountName: `platformprod${name.slice(0, 4)}`, sku: { name: sku }, tags: env(e) } });
const container = (): Fixture => ({ type: T.azure.blobContainer, name: "object-store-container", props: { containerName: "data", accountName: "platformprodobje" }, dependsOn: [0] });

export const DISASTER_RECOVERY_CASES: PolicyCase[] = [
    {
        policy: P.awsRdsRequireCrossRegionBackups,
        type: T.aws.rdsInstance,
        fixtures: [rdsInstance(), backupReplication()],
        variants: [
            { label: "no backup replication", remove: [1], found: "no InstanceAutomatedBackupsReplication" },
            { label: "replicated into its own region", set: [[1, "region", "us-west-2"]], found: '"region":"us-west-2"' },
            { label: "no key in the DR region", set: [[1, "kmsKeyId", undefined]], found: '"kmsKeyId":null' },
            { label: "staging when staging is required by config", set: [[0, "tags.environment", "staging"]], remove: [1], config: STAGING_REQUIRED, found: "no InstanceAutomatedBackupsReplication" },
        ],
        unknown: [1, "kmsKeyId"],
    },
    {
        policy: P.awsS3RequireCrossRegionReplication,
        type: T.aws.s3Bucket,
        fixtures: [s3Bucket("object-store-bucket", "us-west-2"), s3Replication(), s3Bucket("object-store-replica", "us-east-2"), s3Bucket("object-store-access-logs", "us-west-2"), accessLogging(), s3Bucket("load-balancer-logs", "us-west-2"), albLogsPolicy()],
        variants: [
            { label: "no replication", remove: [1], found: "no BucketReplicationConfig" },
            { label: "rule disabled", set: [[1, "rules.0.status", "Disabled"]], found: '"status":"Disabled"' },
            { label: "replica in the same region", set: [[2, "region", "us-west-2"]], found: "object-store-replica" },
            { label: "replica not encrypted with a replica key", set: [[1, "rules.0.destination.encryptionConfiguration", undefined]], found: '"status":"Enabled"' },
            { label: "no replication role", set: [[1, "role", undefined]], found: '"status":"Enabled"' },
        ],
        unknown: [1, "rules"],
    },
    {
        policy: P.gcpSqlRequireCrossRegionBackups,
        type: T.gcp.sqlInstance,
        fixtures: [sqlInstance()],
        variants: [
            { label: "backups in the instance's region", set: [[0, "settings.backupConfiguration.location", "us-central1"]], found: '"us-central1"' },
            { label: "location unset", set: [[0, "settings.backupConfiguration.location", undefined]], found: "not set" },
            { label: "staging when staging is required by config", set: [[0, "settings.userLabels.environment", "staging"], [0, "settings.backupConfiguration.location", undefined]], config: STAGING_REQUIRED, found: "not set" },
        ],
        unknown: [0, "settings.backupConfiguration"],
    },
    {
        policy: P.gcpStorageRequireCrossRegionCopies,
        type: T.gcp.storageBucket,
        fixtures: [gcsBucket("object-store-bucket", "US-CENTRAL1"), transferJob(), gcsBucket("object-store-replica", "US-EAST1")],
        variants: [
            { label: "no replication job", remove: [1], found: "no cross-bucket replication job" },
            { label: "job disabled", set: [[1, "status", "DISABLED"]], found: '"status":"DISABLED"' },
            { label: "replica in the same location", set: [[2, "location", "US-CENTRAL1"]], found: "object-store-replica" },
        ],
        unknown: [1, "status"],
    },
    {
        policy: P.azurePostgresqlRequireGeoRedundantBackup,
        type: T.azure.postgresServer,
        fixtures: [flexServer()],
        variants: [
            { label: "geo-redundant backup disabled", set: [[0, "backup.geoRedundantBackup", "Disabled"]], found: '"Disabled"' },
            { label: "unset", set: [[0, "backup.geoRedundantBackup", undefined]], found: "default is Disabled" },
        ],
        unknown: [0, "backup"],
    },
    {
        policy: P.azureStorageRequireGeoRedundancy,
        type: T.azure.storageAccount,
        fixtures: [storageAccount("object-store-account", "Standard_RAGZRS"), container(), storageAccount("cache-backups-account", "Standard_ZRS")],
        variants: [
            { label: "zone-redundant only", set: [[0, "sku.name", "Standard_ZRS"]], found: '"Standard_ZRS"' },
            { label: "locally redundant", set: [[0, "sku.name", "Standard_LRS"]], found: '"Standard_LRS"' },
        ],
        unknown: [0, "sku"],
    },
    // ---- shapes linked by name only, and the resources each policy leaves alone
    {
        // The replication names the instance by ARN (no dependency); an Aurora member and a read replica need no copy of their own.
        policy: P.awsRdsRequireCrossRegionBackups,
        type: T.aws.rdsInstance,
        fixtures: [
            rdsInstance(),
            { ...backupReplication(), dependsOn: [] },
            { type: T.aws.rdsInstance, name: "database-cluster-member", props: { identifier: "platform-prod-aurora-1", clusterIdentifier: "platform-prod-aurora", region: "us-west-2", tags: env() } },
            { type: T.aws.rdsInstance, name: "database-read-replica", props: { identifier: "platform-prod-postgres-replica", replicateSourceDb: "platform-prod-postgres", region: "us-west-2", tags: env() } },
        ],
        variants: [
            { label: "replication names another instance", set: [[1, "sourceDbInstanceArn", `arn:aws:rds:us-west-2:${ACCOUNT}:db:other`]], found: "no InstanceAutomatedBackupsReplication" },
            { label: "replicated to the provider's region", set: [[0, "region", undefined], [0, "!provider", { urn: "urn:pulumi:production::platform::pulumi:providers:aws::aws-dr", type: "pulumi:providers:aws", name: "aws-dr", inputs: { region: "us-east-2" } }]], found: '"region":"us-east-2"' },
        ],
        unknown: [1, "kmsKeyId"],
    },
    {
        // Log buckets known by an ALB's accessLogs.bucket, or by a policy granting a log service (list of principals) write.
        policy: P.awsS3RequireCrossRegionReplication,
        type: T.aws.s3Bucket,
        fixtures: [
            s3Bucket("object-store-bucket", "us-west-2"),
            { ...s3Replication(), dependsOn: [] },
            s3Bucket("object-store-replica", "us-east-2"),
            s3Bucket("load-balancer-alb-logs", "us-west-2"),
            { type: T.aws.lb, name: "load-balancer-alb", props: { loadBalancerType: "application", accessLogs: { enabled: true, bucket: `platform-prod-load-balancer-alb-logs-${ACCOUNT}` }, tags: env() } },
            s3Bucket("network-trail-logs", "us-west-2"),
            {
                type: T.aws.s3BucketPolicy,
                name: "network-trail-logs-policy",
                props: {
                    bucket: `platform-prod-network-trail-logs-${ACCOUNT}`,
                    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: ["config.amazonaws.com", "cloudtrail.amazonaws.com"] }, Action: "s3:PutObject", Resource: "*" }] },
                },
            },
        ],
        variants: [
            { label: "replication names another bucket", set: [[1, "bucket", "platform-prod-other"]], found: "no BucketReplicationConfig" },
            { label: "replica known by arn only, in the same region", set: [[2, "bucket", undefined], [2, "arn", `arn:aws:s3:::platform-prod-object-store-replica-${ACCOUNT}`], [2, "region", "us-west-2"]], found: '"status":"Enabled"' },
        ],
        unknown: [1, "role"],
    },
    {
        // A bucket whose policy denies (not grants) a log service is still a data bucket.
        policy: P.awsS3RequireCrossRegionReplication,
        type: T.aws.s3Bucket,
        fixtures: [
            s3Bucket("object-store-bucket", "us-west-2"),
            s3Replication(),
            s3Bucket("object-store-replica", "us-east-2"),
            {
                type: T.aws.s3BucketPolicy,
                name: "object-store-policy",
                props: { bucket: `platform-prod-object-store-bucket-${ACCOUNT}`, policy: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:*", Resource: "*" }, { Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:GetObject", Resource: "*" }] }) },
            },
        ],
        variants: [
            { label: "data bucket with a deny statement for a log service, not replicated", remove: [1], found: "no BucketReplicationConfig" },
            { label: "data bucket with an unparsable policy, not replicated", remove: [1], set: [[3, "policy", "{not json"]], found: "no BucketReplicationConfig" },
        ],
        unknown: [1, "rules"],
    },
    {
        // A read replica's backups are its primary's.
        policy: P.gcpSqlRequireCrossRegionBackups,
        type: T.gcp.sqlInstance,
        fixtures: [{ ...sqlInstance(), props: { ...sqlInstance().props, masterInstanceName: "platform-prod-postgres-primary", settings: { userLabels: env() } } }],
        variants: [{ label: "not a replica after all", set: [[0, "masterInstanceName", undefined]], found: "not set" }],
        unknown: [0, "settings"],
    },
    {
        // A multi-region location already spans regions; a deleted job protects nothing.
        policy: P.gcpStorageRequireCrossRegionCopies,
        type: T.gcp.storageBucket,
        fixtures: [gcsBucket("object-store-bucket", "US"), transferJob(), gcsBucket("object-store-replica", "US-EAST1")],
        variants: [
            { label: "multi-region moved to one region, job deleted", set: [[0, "location", "US-CENTRAL1"], [1, "status", "DELETED"]], found: '"status":"DELETED"' },
            { label: "no location and no job", set: [[0, "location", undefined]], remove: [1], found: "no copy outside the bucket's region" },
            { label: "job with another source", set: [[0, "location", "US-CENTRAL1"], [1, "replicationSpec.gcsDataSource.bucketName", "platform-prod-other"]], found: "no cross-bucket replication job" },
        ],
        unknown: [0, "location"],
    },
    {
        // The container names its account (no dependency); an account without platform containers needs no geo copy.
        policy: P.azureStorageRequireGeoRedundancy,
        type: T.azure.storageAccount,
        fixtures: [storageAccount("object-store-account", "Standard_GZRS"), { ...container(), dependsOn: [] }, storageAccount("cache-backups-account", "Standard_LRS")],
        variants: [
            { label: "container named by account, LRS", set: [[0, "sku.name", "Standard_LRS"]], found: '"Standard_LRS"' },
            { label: "no SKU", set: [[0, "sku", undefined]], found: "not set" },
        ],
        unknown: [0, "sku"],
    },
];
