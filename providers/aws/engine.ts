import { builderEngineFacts } from "../shared/builder-engine-facts";
import { CloudEngine, EngineFacts, mergeEngineFacts } from "../shared/cloud-engine";
import { AWS_REPLACEMENT } from "./replacement";
import { awsRules } from "./rules";

/**
 * The facts of the AWS types several components (or none) create: the types one component
 * creates are stated in its builder file (`engineFacts`), tests/engine-facts.spec.ts says which.
 */
const shared: EngineFacts = {
    replacement: AWS_REPLACEMENT,
    rules: awsRules,
    guardTypes: {
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "S3 public access block",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": "S3 default encryption",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": "S3 default encryption",
        "aws:s3/bucketVersioning:BucketVersioning": "S3 versioning",
        "aws:s3/bucketVersioningV2:BucketVersioningV2": "S3 versioning",
        "aws:s3/bucketPolicy:BucketPolicy": "S3 bucket policy (TLS-only access)",
    },
    statefulTypes: {
        "aws:rds/cluster:Cluster": "Aurora cluster",
        "aws:elasticache/cluster:Cluster": "ElastiCache cluster",
        "aws:s3/bucket:Bucket": "S3 bucket",
        "aws:s3/bucketV2:BucketV2": "S3 bucket",
        "aws:kms/key:Key": "KMS key (data encrypted with it becomes unreadable)",
    },
};

/** What the offline engine knows about AWS (providers/shared/cloud-engine.ts): the shared facts and each builder file's. */
export const engine: CloudEngine = {
    ...mergeEngineFacts("aws", [{ file: "providers/aws/engine.ts", facts: shared }, ...builderEngineFacts("aws", (file) => require(file))]),
    sdkLayout: "bridged",
};
