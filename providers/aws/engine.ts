import { builderEngineFacts } from "../shared/builder-engine-facts";
import { CloudEngine, CloudEngineSpec, cloudEngineOf, StatedFacts, typesListing } from "../shared/cloud-engine";
import { AWS_REPLACEMENT } from "./replacement";
import { awsRules } from "./rules";
import { awsTagRule } from "./rules/tags";

/**
 * The AWS engine's own part: the facts of the types several components (or none) create (the
 * types one component creates are stated in its builder file's `engineFacts`;
 * tests/engine-facts.spec.ts says which), and the tag rule over every type whose replacement
 * entry lists `tags`. That includes the types the table knows but no plan creates (Aurora and
 * ElastiCache clusters, BucketV2): each carries `tags` in the provider (`@Tags` and
 * `names.AttrTags` in its internal/service resource file, elasticache/cluster.go).
 */
export const AWS_ENGINE: CloudEngineSpec = {
    cloud: "aws",
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
    derivedRules: ({ replacement }) => [{ ...awsTagRule, types: typesListing(replacement, () => ["tags"]) }],
    sdkLayout: "bridged",
};

/** The AWS engine over these builder files' facts (the specs hand it fakes). */
export const engineFactsWith = (builders: readonly StatedFacts[]): CloudEngine => cloudEngineOf(AWS_ENGINE, builders);

/** What the offline engine knows about AWS (providers/shared/cloud-engine.ts): the shared facts and each builder file's. */
export const engine: CloudEngine = engineFactsWith(builderEngineFacts("aws", (file) => require(file)));
