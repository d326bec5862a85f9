import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, physicalName, limitedName, regionCode } from "../../components/naming";
import { AwsContext, policyJson } from "./context";
import { createKey } from "./kms";
import { blockPublicAccess, tlsOnlyStatements } from "./bucket-security";

/*
 * Copies in the other region of the pair (platform:dr). aws v7 manages a resource in another
 * region through the per-resource `region` argument on the stack's one explicit provider, so the
 * provider's default tags and credentials apply unchanged:
 * https://www.pulumi.com/registry/packages/aws/how-to-guides/7-0-migration/ (multi-region support).
 */

/**
 * RDS automated backups (snapshots and transaction logs) replicated to `region`, encrypted
 * there with a key of that region, kept as long as the source keeps them. Point-in-time
 * restore in the DR region reads them (`restoreToPointInTime.sourceDbInstanceAutomatedBackupsArn`).
 * aws_db_instance_automated_backups_replication: source_db_instance_arn, kms_key_id,
 * retention_period (internal/service/rds/instance_automated_backups_replication.go).
 */
export function replicateBackups(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: {
    instance: aws.rds.Instance;
    region: string;
    retentionDays: number;
    protect: boolean;
}): { key: aws.kms.Key; replication: aws.rds.InstanceAutomatedBackupsReplication } {
    const key = createKey(ctx, scope, `${name}-dr`, `RDS automated backups replicated to ${args.region}`, { protect: args.protect, region: args.region });
    const replication = ctx.create(aws.rds.InstanceAutomatedBackupsReplication, scope, childName(name, "backup-replication"), {
        region: args.region as aws.Region,
        sourceDbInstanceArn: args.instance.arn,
        kmsKeyId: key.arn,
        retentionPeriod: args.retentionDays,
    });
    return { key, replication };
}

/** The replica bucket's name: the source's, plus the code of the region it lives in. */
export function replicaBucketName(ctx: AwsContext, region: string): pulumi.Output<string> {
    return pulumi.interpolate`${physicalName(ctx.cfg, "data", regionCode(region))}-${ctx.accountId}`;
}

/**
 * S3 Cross-Region Replication of every object version (and delete markers) to a replica bucket
 * in `region` that carries the same guarantees as the source (versioning, KMS encryption under a
 * key of its own region, all public access blocked, owner-enforced, TLS-only). Replication Time
 * Control bounds the copy at 15 minutes, within the objects' 1-hour RPO. The role may read the
 * source's versions, decrypt with the source key and write/encrypt in the replica only.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-walkthrough-4.html (SSE-KMS),
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html
 */
export function replicateBucket(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: {
    source: aws.s3.Bucket;
    sourceKey: aws.kms.Key;
    /** The source's versioning: replication needs it on both sides first. */
    sourceVersioning: aws.s3.BucketVersioning;
    region: string;
    protect: boolean;
}): { bucket: aws.s3.Bucket; key: aws.kms.Key; role: aws.iam.Role; replication: aws.s3.BucketReplicationConfig } {
    const region = args.region as aws.Region;
    const key = createKey(ctx, scope, `${name}-replica`, `S3 replica bucket in ${args.region}`, { protect: args.protect, region: args.region });
    const bucketName = replicaBucketName(ctx, args.region);
    const bucket = ctx.create(aws.s3.Bucket, scope, childName(name, "replica"), {
        region,
        bucket: bucketName,
        tags: ctx.tags(physicalName(ctx.cfg, "data", regionCode(args.region))),
    }, undefined, { protect: args.protect });
    const pab = blockPublicAccess(ctx, scope, childName(name, "replica-public-access-block"), bucket, { region });
    ctx.create(aws.s3.BucketOwnershipControls, scope, childName(name, "replica-ownership"), {
        region,
        bucket: bucket.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    const versioning = ctx.create(aws.s3.BucketVersioning, scope, childName(name, "replica-versioning"), {
        region,
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
    });
    ctx.create(aws.s3.BucketServerSideEncryptionConfiguration, scope, childName(name, "replica-encryption"), {
        region,
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
    });
    ctx.create(aws.s3.BucketPolicy, scope, childName(name, "replica-policy"), {
        region,
        bucket: bucket.id,
        policy: policyJson({ Version: "2012-10-17", Statement: tlsOnlyStatements(bucket.arn) }),
    }, undefined, { dependsOn: [pab] });

    const role = ctx.create(aws.iam.Role, scope, childName(name, "replication-role"), {
        name: limitedName(ctx.cfg, 64, "s3-replication"),
        description: `S3 replication of ${physicalName(ctx.cfg, "data")} to ${args.region}`,
        assumeRolePolicy: policyJson({
            Version: "2012-10-17",
            Statement: [{
                Effect: "Allow",
                Principal: { Service: "s3.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId }, ArnLike: { "aws:SourceArn": args.source.arn } },
            }],
        }),
        tags: ctx.tags(),
    });
    const rolePolicy = ctx.create(aws.iam.RolePolicy, scope, childName(name, "replication-permissions"), {
        role: role.id,
        policy: policyJson({
            Version: "2012-10-17",
            Statement: [
                { Sid: "ReadSourceConfiguration", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: args.source.arn },
                {
                    Sid: "ReadSourceVersions",
                    Effect: "Allow",
                    Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                    Resource: pulumi.interpolate`${args.source.arn}/*`,
                },
                { Sid: "WriteReplicas", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: pulumi.interpolate`${bucket.arn}/*` },
                {
                    Sid: "DecryptSource",
                    Effect: "Allow",
                    Action: "kms:Decrypt",
                    Resource: args.sourceKey.arn,
                    Condition: { StringLike: { "kms:ViaService": `s3.${ctx.cfg.region}.amazonaws.com` } },
                },
                {
                    Sid: "EncryptReplicas",
                    Effect: "Allow",
                    Action: ["kms:Encrypt", "kms:GenerateDataKey"],
                    Resource: key.arn,
                    Condition: { StringLike: { "kms:ViaService": `s3.${args.region}.amazonaws.com` } },
                },
            ],
        }),
    });

    // aws_s3_bucket_replication_configuration (V2 rule schema: filter + priority + deleteMarkerReplication).
    const replication = ctx.create(aws.s3.BucketReplicationConfig, scope, childName(name, "replication"), {
        bucket: args.source.id,
        role: role.arn,
        rules: [{
            id: "dr-copy",
            status: "Enabled",
            priority: 1,
            filter: {},
            deleteMarkerReplication: { status: "Enabled" },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: {
                bucket: bucket.arn,
                storageClass: "STANDARD",
                encryptionConfiguration: { replicaKmsKeyId: key.arn },
                replicationTime: { status: "Enabled", time: { minutes: 15 } },
                metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
            },
        }],
    }, undefined, { dependsOn: [args.sourceVersioning, versioning, rolePolicy] });
    return { bucket, key, role, replication };
}

