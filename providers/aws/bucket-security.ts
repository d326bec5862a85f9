import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Transform } from "../../components/transform";
import type { AwsContext } from "./context";

/* The security every platform bucket gets (the application bucket, its DR replica, the log buckets). */

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
