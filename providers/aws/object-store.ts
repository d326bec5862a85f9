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
