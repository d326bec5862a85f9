import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, physicalName } from "../../components/naming";
import type { ObjectStoreArgs, ObjectStoreOutputs } from "../../components/object-store";
import type { Transform } from "../../components/transform";
import { AwsContext, policyJson } from "./context";
import { createKey } from "./kms";

/** Denies every request that is not HTTPS, or HTTPS below TLS 1.2. */
export function tlsOnlyStatements(bucketArn: pulumi.Input<string>): unknown[] {
    const resources = [bucketArn, pulumi.interpolate`${bucketArn}/*`];
    return [
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: "DenyOutdatedTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
    ];
}

/** The four public-access switches, all on. */
export function blockPublicAccess(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, bucket: aws.s3.Bucket, transform?: Transform<aws.s3.BucketPublicAccessBlockArgs>): aws.s3.BucketPublicAccessBlock {
    return ctx.create(aws.s3.BucketPublicAccessBlock, scope, name, {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    }, transform);
}

/**
 * The application bucket, on the v7 split S3 resources: versioning, KMS encryption with a
 * bucket key, all public access blocked, bucket-owner-enforced ownership, a TLS-only bucket
 * policy and the lifecycle of DESIGN.md. Never `forceDestroy`.
 */
export function createObjectStore(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: ObjectStoreArgs): ObjectStoreOutputs {
    const { cfg } = ctx;
    const t = args.transform?.aws;
    const key = createKey(ctx, scope, name, "S3 application bucket", { protect: args.protect, transform: t?.key });

    const bucket = ctx.create(aws.s3.Bucket, scope, childName(name, "bucket"), {
        bucket: pulumi.interpolate`${physicalName(cfg, "data")}-${ctx.accountId}`,
        tags: ctx.tags(physicalName(cfg, "data")),
    }, t?.bucket, { protect: args.protect });

    const pab = blockPublicAccess(ctx, scope, childName(name, "public-access-block"), bucket, t?.publicAccessBlock);

    ctx.create(aws.s3.BucketOwnershipControls, scope, childName(name, "ownership"), {
        bucket: bucket.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
    }, t?.ownershipControls);

    const versioning = ctx.create(aws.s3.BucketVersioning, scope, childName(name, "versioning"), {
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
    }, t?.versioning);

    ctx.create(aws.s3.BucketServerSideEncryptionConfiguration, scope, childName(name, "encryption"), {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
    }, t?.encryption);

    ctx.create(aws.s3.BucketPolicy, scope, childName(name, "policy"), {
        bucket: bucket.id,
        policy: policyJson({ Version: "2012-10-17", Statement: tlsOnlyStatements(bucket.arn) }),
    }, t?.policy, { dependsOn: [pab] });

    createAccessLogs(ctx, scope, name, bucket, args);

    ctx.create(aws.s3.BucketLifecycleConfiguration, scope, childName(name, "lifecycle"), {
        bucket: bucket.id,
        rules: [
            { id: "expire-temp-uploads", status: "Enabled", filter: { prefix: "uploads/temp/" }, expiration: { days: args.tempExpirationDays } },
            {
                id: "archive-then-expire-exports",
                status: "Enabled",
                filter: { prefix: "exports/" },
                transitions: [{ days: args.archiveAfterDays, storageClass: "GLACIER" }],
                expiration: { days: args.expirationDays },
            },
            {
                id: "housekeeping",
                status: "Enabled",
                filter: {},
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                noncurrentVersionExpiration: { noncurrentDays: 90 },
                expiration: { expiredObjectDeleteMarker: true },
            },
        ],
    }, t?.lifecycle, { dependsOn: [versioning] });

    ctx.state.objectStore = { bucket, key };

    return {
        bucketName: bucket.bucket,
        endpoint: pulumi.interpolate`https://${bucket.bucketRegionalDomainName}`,
        resourceId: bucket.arn,
    };
}

export const OBJECT_ACCESS_LOG_PREFIX = "s3/";

/**
 * S3 server access logs of the application bucket into a dedicated, locked-down bucket: no
 * public access, bucket-owner-enforced (ACLs off, so delivery is granted by bucket policy to
 * `logging.s3.amazonaws.com` for this source bucket and account only), TLS-only, versioned,
 * kept `audit.logRetentionDays`, protected like the data. SSE-S3, because server access log
 * delivery does not support SSE-KMS default encryption on the target bucket, see
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
function createAccessLogs(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, source: aws.s3.Bucket, args: ObjectStoreArgs): aws.s3.Bucket {
    const { cfg } = ctx;
    const target = ctx.create(aws.s3.Bucket, scope, childName(name, "access-logs"), {
        bucket: pulumi.interpolate`${physicalName(cfg, "access-logs")}-${ctx.accountId}`,
        tags: ctx.tags(physicalName(cfg, "access-logs")),
    }, undefined, { protect: args.protect });
    const pab = blockPublicAccess(ctx, scope, childName(name, "access-logs-public-access-block"), target);
    ctx.create(aws.s3.BucketOwnershipControls, scope, childName(name, "access-logs-ownership"), {
        bucket: target.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    ctx.create(aws.s3.BucketServerSideEncryptionConfiguration, scope, childName(name, "access-logs-encryption"), {
        bucket: target.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    const versioning = ctx.create(aws.s3.BucketVersioning, scope, childName(name, "access-logs-versioning"), {
        bucket: target.id,
        versioningConfiguration: { status: "Enabled" },
    });
    ctx.create(aws.s3.BucketLifecycleConfiguration, scope, childName(name, "access-logs-lifecycle"), {
        bucket: target.id,
        rules: [{
            id: "expire-access-logs",
            status: "Enabled",
            filter: { prefix: OBJECT_ACCESS_LOG_PREFIX },
            expiration: { days: cfg.audit.logRetentionDays },
            noncurrentVersionExpiration: { noncurrentDays: 7 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        }],
    }, undefined, { dependsOn: [versioning] });
    const policy = ctx.create(aws.s3.BucketPolicy, scope, childName(name, "access-logs-policy"), {
        bucket: target.id,
        policy: policyJson({
            Version: "2012-10-17",
            Statement: [
                ...tlsOnlyStatements(target.arn),
                {
                    Sid: "AllowServerAccessLogDelivery",
                    Effect: "Allow",
                    Principal: { Service: "logging.s3.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: pulumi.interpolate`${target.arn}/${OBJECT_ACCESS_LOG_PREFIX}*`,
                    Condition: { ArnLike: { "aws:SourceArn": source.arn }, StringEquals: { "aws:SourceAccount": ctx.accountId } },
                },
            ],
        }),
    }, undefined, { dependsOn: [pab] });
    ctx.create(aws.s3.BucketLogging, scope, childName(name, "access-logging"), {
        bucket: source.id,
        targetBucket: target.id,
        targetPrefix: OBJECT_ACCESS_LOG_PREFIX,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
    }, args.transform?.aws?.accessLogging, { dependsOn: [policy] });
    return target;
}
