import type { CloudEngine } from "../shared/cloud-engine";
import { AWS_REPLACEMENT } from "./replacement";
import { awsRules } from "./rules";

/** What the offline engine knows about AWS (providers/shared/cloud-engine.ts). */
export const engine: CloudEngine = {
    replacement: AWS_REPLACEMENT,
    rules: awsRules,
    guardTypes: {
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "S3 public access block",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": "S3 default encryption",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": "S3 default encryption",
        "aws:s3/bucketVersioning:BucketVersioning": "S3 versioning",
        "aws:s3/bucketVersioningV2:BucketVersioningV2": "S3 versioning",
        "aws:s3/bucketPolicy:BucketPolicy": "S3 bucket policy (TLS-only access)",
        "aws:wafv2/webAclAssociation:WebAclAssociation": "WAF association",
    },
    sdkLayout: "bridged",
};
