import { configures, get, phrase, PlatformPolicy, resourcePolicy, stackPolicy } from "./support";
import { T } from "./types";

/** No public access to databases, caches and object stores. */

export const awsRdsDisallowPublicAccess = resourcePolicy({
    name: "aws-rds-disallow-public-access",
    description: "RDS instances must not be publicly accessible.",
    area: "public-access",
    severity: "critical",
    checkov: ["CKV_AWS_17"],
    cis: ["AWS 2.3.3"],
    types: [T.aws.rdsInstance],
    remediation: "set publiclyAccessible: false and place the instance in private subnets",
    validate(ctx) {
        const v = ctx.props.publiclyAccessible;
        if (v === true) ctx.report({ problem: "the database is publicly accessible", found: v, fix: "set publiclyAccessible: false" });
    },
});

const OPEN_NETWORKS = ["0.0.0.0/0", "::/0"];

export const gcpSqlDisallowPublicIp = resourcePolicy({
    name: "gcp-sql-disallow-public-ip",
    description: "Cloud SQL instances must not have a public IPv4 address nor authorize the whole internet.",
    area: "public-access",
    severity: "critical",
    checkov: ["CKV_GCP_11"],
    cis: ["GCP 6.5", "GCP 6.6"],
    types: [T.gcp.sqlInstance],
    remediation: "set settings.ipConfiguration { ipv4Enabled: false, privateNetwork: <vpc> } with no authorizedNetworks",
    validate(ctx) {
        const ip = ctx.props.settings?.ipConfiguration;
        const ipv4 = ip?.ipv4Enabled;
        if (ipv4 !== false) {
            ctx.report({ problem: "the instance has a public IPv4 address", found: ipv4 ?? "~not set (defaults to true)", fix: "set settings.ipConfiguration.ipv4Enabled: false and use privateNetwork" });
        }
        const nets: Array<Record<string, any>> = ip?.authorizedNetworks ?? [];
        const open = nets.filter((n) => OPEN_NETWORKS.includes(n.value));
        if (open.length > 0) {
            ctx.report({ problem: "authorized networks open the instance to the internet", found: open.map((n) => n.value), fix: "remove 0.0.0.0/0 from settings.ipConfiguration.authorizedNetworks" });
        }
    },
});

export const azurePostgresqlDisallowPublicAccess = resourcePolicy({
    name: "azure-postgresql-disallow-public-access",
    description: "PostgreSQL flexible servers must disable public network access (VNet-integrated or private endpoint only).",
    area: "public-access",
    severity: "critical",
    types: [T.azure.postgresServer],
    remediation: "set network { publicNetworkAccess: \"Disabled\", delegatedSubnetResourceId, privateDnsZoneArmResourceId }",
    validate(ctx) {
        const v = ctx.props.network?.publicNetworkAccess;
        if (v !== "Disabled") ctx.report({ problem: "public network access is enabled", found: v, fix: "set network.publicNetworkAccess: \"Disabled\" with a delegated subnet" });
    },
});

export const azureRedisDisallowPublicAccess = resourcePolicy({
    name: "azure-redis-disallow-public-access",
    description: "Azure Cache for Redis must disable public network access (subnet-injected or private endpoint only).",
    area: "public-access",
    severity: "high",
    checkov: ["CKV_AZURE_89"],
    types: [T.azure.redis],
    remediation: "set publicNetworkAccess: \"Disabled\"",
    validate(ctx) {
        const v = ctx.props.publicNetworkAccess;
        if (v !== "Disabled") ctx.report({ problem: "public network access is enabled", found: v ?? "~not set (defaults to Enabled)", fix: "set publicNetworkAccess: \"Disabled\"" });
    },
});

const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const awsS3RequirePublicAccessBlock = stackPolicy({
    name: "aws-s3-require-public-access-block",
    description: "Every S3 bucket must have a BucketPublicAccessBlock with all four settings true (a stack policy: the block is a separate resource).",
    area: "public-access",
    severity: "critical",
    checkov: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
    types: [T.aws.s3Bucket, T.aws.s3BucketV2],
    remediation: "add an aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true",
    validate(ctx) {
        const blocks = ctx.ofType(T.aws.s3PublicAccessBlock);
        for (const bucket of ctx.ofType(T.aws.s3Bucket, T.aws.s3BucketV2)) {
            const mine = blocks.filter((b) => configures(b, bucket, "bucket", ["bucket", "id"]));
            if (mine.length === 0) {
                ctx.report(bucket, { problem: "public access is not blocked", found: phrase("no BucketPublicAccessBlock for this bucket"), fix: "add an aws.s3.BucketPublicAccessBlock with all four settings true" });
                continue;
            }
            for (const b of mine) {
                const off = PAB_FLAGS.filter((f) => get(b.props, f) !== true);
                if (off.length > 0) {
                    ctx.report(bucket, {
                        problem: `public access block ${b.name} leaves public access open`,
                        found: Object.fromEntries(off.map((f) => [f, get(b.props, f) ?? null])),
                        fix: `set ${off.join(", ")} to true`,
                    });
                }
            }
        }
    },
});

export const gcpStorageRequirePublicAccessPrevention = resourcePolicy({
    name: "gcp-storage-require-public-access-prevention",
    description: "Cloud Storage buckets must enforce public access prevention and uniform bucket-level access (no per-object ACLs).",
    area: "public-access",
    severity: "critical",
    checkov: ["CKV_GCP_29"],
    cis: ["GCP 5.2"],
    types: [T.gcp.storageBucket],
    remediation: "set publicAccessPrevention: \"enforced\" and uniformBucketLevelAccess: true",
    validate(ctx) {
        const pap = ctx.props.publicAccessPrevention;
        if (pap !== "enforced") ctx.report({ problem: "public access prevention is not enforced", found: pap ?? "~not set (inherited)", fix: "set publicAccessPrevention: \"enforced\"" });
        const ubla = ctx.props.uniformBucketLevelAccess;
        if (ubla !== true) ctx.report({ problem: "uniform bucket-level access is off (object ACLs can make objects public)", found: ubla, fix: "set uniformBucketLevelAccess: true" });
    },
});

export const azureStorageDisallowPublicBlobAccess = resourcePolicy({
    name: "azure-storage-disallow-public-blob-access",
    description: "Storage accounts must forbid anonymous blob access (allowBlobPublicAccess false).",
    area: "public-access",
    severity: "critical",
    types: [T.azure.storageAccount],
    remediation: "set allowBlobPublicAccess: false",
    validate(ctx) {
        const v = ctx.props.allowBlobPublicAccess;
        if (v !== false) ctx.report({ problem: "anonymous blob access can be enabled on containers", found: v, fix: "set allowBlobPublicAccess: false" });
    },
});

export const publicAccessPolicies: PlatformPolicy[] = [
    awsRdsDisallowPublicAccess,
    gcpSqlDisallowPublicIp,
    azurePostgresqlDisallowPublicAccess,
    azureRedisDisallowPublicAccess,
    awsS3RequirePublicAccessBlock,
    gcpStorageRequirePublicAccessPrevention,
    azureStorageDisallowPublicBlobAccess,
];
