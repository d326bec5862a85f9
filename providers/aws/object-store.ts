import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, physicalName } from "../../components/naming";
import type { ObjectStoreArgs, ObjectStoreOutputs } from "../../components/object-store";
import type { Transform } from "../../components/transform";
import { AwsContext, policyJson } from "./context";
import { replicateBucket } from "./disaster-recovery";
import { blockPublicAccess, tlsOnlyStatements } from "./bucket-security";
import { awsHandles } from "./handles";
import { createKey } from "./kms";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import type { Rule } from "../shared/rules";
import { TF } from "./replacement";
import type { AwsGrant } from "./workload-grants";

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
    if (args.copyRegion) replicateBucket(ctx, scope, name, { source: bucket, sourceKey: key, sourceVersioning: versioning, region: args.copyRegion, protect: args.protect });

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

    return {
        bucketName: bucket.bucket,
        endpoint: pulumi.interpolate`https://${bucket.bucketRegionalDomainName}`,
        resourceId: bucket.arn,
        handle: awsHandles.wrap("objectStore", { bucket, key, grant }),
    };
}

/** The application's own bucket and its key, nothing else: the ECS task role and the EKS workload (IRSA) role share this document. */
export function serviceBucketPolicy(objectStore: { bucket: aws.s3.Bucket; key: aws.kms.Key }) {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ListBucket", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: objectStore.bucket.arn },
            { Sid: "ReadWriteObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"], Resource: pulumi.interpolate`${objectStore.bucket.arn}/*` },
            { Sid: "BucketKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: objectStore.key.arn },
        ],
    };
}

/** What a workload bound to the object store is given on AWS (workload-grants.ts): its role's bucket policy. */
export const grant: AwsGrant<{ bucket: aws.s3.Bucket; key: aws.kms.Key }> = (_ctx, store) => ({ policies: [{ suffix: "bucket", document: serviceBucketPolicy(store) }] });

export const OBJECT_ACCESS_LOG_PREFIX = "s3/";

export interface LogBucketSpec {
    /** Child-name base: `<base>`, `<base>-public-access-block`, `<base>-ownership`, ... */
    base: string;
    bucketName: pulumi.Input<string>;
    tagName: string;
    /** Key prefix the log service writes under (with a trailing slash). */
    prefix: string;
    expirationDays: number;
    /** Statements that let the log service deliver, given the bucket's ARN. */
    delivery: (bucketArn: pulumi.Output<string>) => unknown[];
    protect: boolean;
    transform?: Transform<aws.s3.BucketArgs>;
}

/**
 * A dedicated, locked-down log bucket (audit data, protected like the other stateful
 * resources): all public access blocked, bucket-owner-enforced (ACLs off, delivery is granted
 * by bucket policy), SSE-S3 (the only default encryption ALB log and S3 server access log
 * delivery support), TLS-only, versioned, logs expiring after `expirationDays`.
 */
export function createLogBucket(ctx: AwsContext, scope: pulumi.ComponentResource, spec: LogBucketSpec): { bucket: aws.s3.Bucket; policy: aws.s3.BucketPolicy } {
    const part = (suffix: string) => `${spec.base}-${suffix}`;
    const bucket = ctx.create(aws.s3.Bucket, scope, spec.base, { bucket: spec.bucketName, tags: ctx.tags(spec.tagName) }, spec.transform, { protect: spec.protect });
    const pab = blockPublicAccess(ctx, scope, part("public-access-block"), bucket);
    ctx.create(aws.s3.BucketOwnershipControls, scope, part("ownership"), {
        bucket: bucket.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    ctx.create(aws.s3.BucketServerSideEncryptionConfiguration, scope, part("encryption"), {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    const versioning = ctx.create(aws.s3.BucketVersioning, scope, part("versioning"), {
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
    });
    ctx.create(aws.s3.BucketLifecycleConfiguration, scope, part("lifecycle"), {
        bucket: bucket.id,
        rules: [{
            id: "expire-access-logs",
            status: "Enabled",
            filter: { prefix: spec.prefix },
            expiration: { days: spec.expirationDays },
            noncurrentVersionExpiration: { noncurrentDays: 7 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        }],
    }, undefined, { dependsOn: [versioning] });
    const policy = ctx.create(aws.s3.BucketPolicy, scope, part("policy"), {
        bucket: bucket.id,
        policy: policyJson({ Version: "2012-10-17", Statement: [...tlsOnlyStatements(bucket.arn), ...spec.delivery(bucket.arn)] }),
    }, undefined, { dependsOn: [pab] });
    return { bucket, policy };
}

/**
 * S3 server access logs of the application bucket into a dedicated log bucket, kept
 * `audit.logRetentionDays`; delivery is granted to `logging.s3.amazonaws.com` for this source
 * bucket and account only. SSE-S3, because server access log delivery does not support SSE-KMS
 * default encryption on the target bucket, see
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
function createAccessLogs(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, source: aws.s3.Bucket, args: ObjectStoreArgs): aws.s3.Bucket {
    const { cfg } = ctx;
    const { bucket: target, policy } = createLogBucket(ctx, scope, {
        base: childName(name, "access-logs"),
        bucketName: pulumi.interpolate`${physicalName(cfg, "access-logs")}-${ctx.accountId}`,
        tagName: physicalName(cfg, "access-logs"),
        prefix: OBJECT_ACCESS_LOG_PREFIX,
        expirationDays: cfg.audit.logRetentionDays,
        protect: args.protect,
        delivery: (arn) => [{
            Sid: "AllowServerAccessLogDelivery",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${arn}/${OBJECT_ACCESS_LOG_PREFIX}*`,
            Condition: { ArnLike: { "aws:SourceArn": source.arn }, StringEquals: { "aws:SourceAccount": ctx.accountId } },
        }],
    });
    ctx.create(aws.s3.BucketLogging, scope, childName(name, "access-logging"), {
        bucket: source.id,
        targetBucket: target.id,
        targetPrefix: OBJECT_ACCESS_LOG_PREFIX,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
    }, args.transform?.aws?.accessLogging, { dependsOn: [policy] });
    return target;
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/aws/index.ts. */
export const builder: CloudBuilder<AwsContext, "objectStore"> = createObjectStore;

/** Typed escape hatches for this component's AWS children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface AwsObjectStoreTransforms {
    key?: Transform<aws.kms.KeyArgs>;
    bucket?: Transform<aws.s3.BucketArgs>;
    versioning?: Transform<aws.s3.BucketVersioningArgs>;
    encryption?: Transform<aws.s3.BucketServerSideEncryptionConfigurationArgs>;
    publicAccessBlock?: Transform<aws.s3.BucketPublicAccessBlockArgs>;
    ownershipControls?: Transform<aws.s3.BucketOwnershipControlsArgs>;
    policy?: Transform<aws.s3.BucketPolicyArgs>;
    lifecycle?: Transform<aws.s3.BucketLifecycleConfigurationArgs>;
    /** The application bucket's server access logging (target: the dedicated access-log bucket). */
    accessLogging?: Transform<aws.s3.BucketLoggingArgs>;
}

declare module "../../components/object-store" {
    interface ObjectStoreTransforms { aws?: AwsObjectStoreTransforms }
}

/** What this component hands to the components built on it (providers/aws/handles.ts). */
declare module "./handles" {
    interface AwsHandles {
        objectStore: { bucket: aws.s3.Bucket; key: aws.kms.Key; grant: typeof grant };
    }
}

// The offline engine's facts of the AWS types only this component creates (npm run diff and the
// deploy-rule specs read them; providers/shared/cloud-engine.ts): engine.ts holds the shared ones.

const REPLACEMENT: ReplacementTable = {
    "aws:s3/bucketLogging:BucketLogging": {
        source: `${TF}s3/bucket_logging.go (bucket, expected_bucket_owner RequiresReplace)`,
        replace: ["region", "bucket", "expectedBucketOwner"],
        update: ["targetBucket", "targetPrefix", "targetGrants", "targetObjectKeyFormat"],
    },
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": {
        source: `${TF}s3/bucket_replication_configuration.go (bucket ForceNew; role, rule, token update via PutBucketReplication)`,
        replace: ["region", "bucket"],
        update: ["role", "rules", "token"],
    },
};

const RULES: Rule[] = [
    {
        // V2 rules (with `filter`) need deleteMarkerReplication; RTC needs metrics; SSE-KMS objects need a replica key.
        id: "aws/s3-replication-rule",
        family: "companions",
        types: ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"],
        doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-add-config.html",
        check: (r) => ((r.inputs.rules ?? []) as any[]).flatMap((rule) => [
            ...(rule.filter !== undefined && !rule.deleteMarkerReplication ? [`rule ${rule.id}: a filter needs deleteMarkerReplication`] : []),
            ...(rule.destination?.replicationTime?.status === "Enabled" && rule.destination?.metrics?.status !== "Enabled" ? [`rule ${rule.id}: Replication Time Control needs metrics enabled`] : []),
            ...(rule.sourceSelectionCriteria?.sseKmsEncryptedObjects?.status === "Enabled" && !rule.destination?.encryptionConfiguration?.replicaKmsKeyId ? [`rule ${rule.id}: SSE-KMS objects need destination.encryptionConfiguration.replicaKmsKeyId`] : []),
        ]),
    },
    {
        // Server access logs: target bucket in the same Region and account, not the source itself,
        // with bucket-owner-enforced ownership (logging then needs a bucket policy, not ACLs); key
        // formats are SimplePrefix or PartitionedPrefix with EventTime or DeliveryTime.
        id: "aws/s3-access-logging",
        family: "companions",
        types: ["aws:s3/bucketLogging:BucketLogging"],
        doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
        check: (r, plan) => {
            const problems: string[] = [];
            const source = plan.resolve("aws:s3/bucket:Bucket", r.inputs.bucket);
            const target = plan.resolve("aws:s3/bucket:Bucket", r.inputs.targetBucket);
            if (!source || !target) problems.push("bucket and targetBucket must be buckets of this plan");
            if (source && target && source.urn === target.urn) problems.push("a bucket may not log its own access (every log write would log again)");
            if (source && target && (source.inputs.region ?? "") !== (target.inputs.region ?? "")) problems.push(`targetBucket is in ${target.inputs.region ?? "the provider's region"}, the source in ${source.inputs.region ?? "the provider's region"}: access logs stay in the source's Region`);
            const date = r.inputs.targetObjectKeyFormat?.partitionedPrefix?.partitionDateSource;
            if (date !== undefined && !["EventTime", "DeliveryTime"].includes(date)) problems.push(`targetObjectKeyFormat.partitionedPrefix.partitionDateSource ${JSON.stringify(date)}: allowed EventTime, DeliveryTime`);
            if (target && !plan.ofType("aws:s3/bucketPolicy:BucketPolicy").some((p) => p.inputs.bucket === target.id || JSON.stringify(p.inputs.policy ?? "").includes("logging.s3.amazonaws.com"))) {
                problems.push("the target bucket has no policy granting logging.s3.amazonaws.com s3:PutObject");
            }
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = {
    replacement: REPLACEMENT,
    rules: RULES,
};
