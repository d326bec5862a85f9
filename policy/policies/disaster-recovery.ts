import type { PolicyConfigSchema, PolicyResource } from "@pulumi/policy";
import { configures, get, phrase, PlatformPolicy, read, ResourceContext, resourcePolicy, stackPolicy } from "./support";
import { T } from "./types";

/*
 * Disaster recovery: the region-failure objectives (the tiers' `dr.objectives` in
 * components/config/tiers.ts) are met only from copies in a second region, so in
 * the environments that must survive a region (config crossRegionCopiesRequiredIn, default
 * production) every database keeps its backups and every data bucket its objects in another
 * region. Log buckets (ALB access logs, S3 server access logs), replicas themselves and the Redis
 * persistence accounts (the cache is re-creatable) are not data that needs a copy.
 */

/** The environments whose tier keeps cross-region copies (`dr.crossRegionCopies`; tests/policy/defaults.spec.ts). */
export const DEFAULT_CROSS_REGION_COPIES_REQUIRED_IN = ["production"];

/** The config key the DR policies add to the pack's shared ones. */
const DR_CONFIG: PolicyConfigSchema["properties"] = {
    crossRegionCopiesRequiredIn: {
        type: "array",
        description: "Environments whose databases and data buckets must keep copies in a second region (DESIGN.md: production).",
        default: DEFAULT_CROSS_REGION_COPIES_REQUIRED_IN,
        items: { type: "string", minLength: 1 },
    },
};

function withDrConfig(p: PlatformPolicy): PlatformPolicy {
    return { ...p, configSchema: { properties: { ...p.configSchema?.properties, ...DR_CONFIG } } } as PlatformPolicy;
}

function requiredIn(args: { getConfig<T extends object>(): T }): string[] {
    return args.getConfig<{ crossRegionCopiesRequiredIn?: string[] }>().crossRegionCopiesRequiredIn ?? DEFAULT_CROSS_REGION_COPIES_REQUIRED_IN;
}

/** A resource policy's gate: the required environments, or not applicable to this resource's. */
function requiredHere(ctx: ResourceContext): string[] {
    const envs = requiredIn(ctx.args);
    const env = ctx.environment();
    if (!envs.includes(env.environment)) ctx.notApplicable(`cross-region copies are required in ${envs.join(", ")}; this is ${env.environment} (from ${env.source})`);
    return envs;
}

/** An AWS resource's region: its own `region` argument (aws v7), else its provider's. */
function awsRegion(r: PolicyResource): unknown {
    return read(r.props, "region") ?? read(r.provider?.props, "region");
}

function bucketArn(bucket: PolicyResource): string | undefined {
    const name = read(bucket.props, "bucket");
    return typeof name === "string" ? `arn:aws:s3:::${name}` : (read(bucket.props, "arn") as string | undefined);
}

/** Service principals that deliver logs into a bucket (ALB, S3 server access logs, CloudWatch/VPC log delivery, CloudTrail). */
const LOG_DELIVERY_PRINCIPAL = /^(logdelivery\.elasticloadbalancing|logging\.s3|delivery\.logs|cloudtrail)\.amazonaws\.com$/;

/** Is this bucket a log destination: its bucket policy lets a log-delivery service write into it? */
function receivesLogs(bucket: PolicyResource, policies: PolicyResource[]): boolean {
    return policies.filter((p) => configures(p, bucket, "bucket", ["bucket", "id"])).some((p) => {
        const text = read(p.props, "policy");
        let doc: { Statement?: Array<{ Effect?: string; Principal?: { Service?: string | string[] } }> };
        try {
            doc = typeof text === "string" ? JSON.parse(text) : (text as typeof doc) ?? {};
        } catch {
            return false;
        }
        return (doc.Statement ?? []).some((st) => st.Effect === "Allow" && [st.Principal?.Service ?? []].flat().some((svc) => LOG_DELIVERY_PRINCIPAL.test(svc)));
    });
}

export const awsRdsRequireCrossRegionBackups = withDrConfig(stackPolicy({
    name: "aws-rds-require-cross-region-backups",
    description: "RDS instances in environments that must survive a region (production) replicate their automated backups to another region, encrypted with a key there.",
    area: "disaster-recovery",
    severity: "high",
    types: [T.aws.rdsInstance],
    remediation: "add an aws.rds.InstanceAutomatedBackupsReplication { region: <DR region>, sourceDbInstanceArn: <instance>.arn, kmsKeyId: <key in the DR region> }",
    validate(ctx) {
        const envs = requiredIn(ctx.args);
        const replications = ctx.ofType(T.aws.rdsBackupsReplication);
        for (const instance of ctx.ofType(T.aws.rdsInstance)) {
            if (read(instance.props, "clusterIdentifier") || read(instance.props, "replicateSourceDb")) continue;
            if (!envs.includes(ctx.environment(instance).environment)) continue;
            const mine = replications.filter((r) => configures(r, instance, "sourceDbInstanceArn", ["arn"]));
            const home = awsRegion(instance);
            const good = mine.filter((r) => get(r.props, "kmsKeyId") && get(r.props, "region") !== undefined && get(r.props, "region") !== home);
            if (good.length === 0) {
                ctx.report(instance, {
                    problem: `automated backups are not replicated to another region (required in ${envs.join(", ")})`,
                    found: mine.length ? mine.map((r) => ({ region: read(r.props, "region") ?? home, kmsKeyId: read(r.props, "kmsKeyId") ?? null })) : phrase("no InstanceAutomatedBackupsReplication for this instance"),
                    fix: "replicate the automated backups with an InstanceAutomatedBackupsReplication in the DR region, with a kmsKeyId of that region",
                });
            }
        }
    },
}));

export const awsS3RequireCrossRegionReplication = withDrConfig(stackPolicy({
    name: "aws-s3-require-cross-region-replication",
    description:
        "Data buckets in environments that must survive a region (production) replicate every object to a bucket in another region, under a replica KMS key, through a replication role. Log buckets and replicas are exempt.",
    area: "disaster-recovery",
    severity: "high",
    types: [T.aws.s3Bucket, T.aws.s3BucketV2],
    remediation: "add an aws.s3.BucketReplicationConfig { bucket, role, rules: [{ status: \"Enabled\", destination: { bucket: <replica in the DR region>.arn, encryptionConfiguration: { replicaKmsKeyId } } }] }",
    validate(ctx) {
        const envs = requiredIn(ctx.args);
        const buckets = ctx.resources.filter((r) => r.type === T.aws.s3Bucket || r.type === T.aws.s3BucketV2);
        const configs = ctx.ofType(T.aws.s3Replication);
        const destinations = new Set(configs.flatMap((c) => ((read(c.props, "rules") as any[]) ?? []).map((rule) => read(rule, "destination", "bucket"))));
        const bucketPolicies = ctx.ofType(T.aws.s3BucketPolicy);
        const logTargets = new Set([
            ...ctx.ofType(T.aws.s3Logging).map((l) => read(l.props, "targetBucket")),
            ...ctx.ofType(T.aws.lb).map((lb) => read(lb.props, "accessLogs", "bucket")),
        ]);
        for (const bucket of ctx.ofType(T.aws.s3Bucket, T.aws.s3BucketV2)) {
            if (!envs.includes(ctx.environment(bucket).environment)) continue;
            const name = read(bucket.props, "bucket");
            if (destinations.has(bucketArn(bucket)) || logTargets.has(name) || receivesLogs(bucket, bucketPolicies)) continue;
            const mine = configs.filter((c) => configures(c, bucket, "bucket", ["bucket", "id"]));
            const home = awsRegion(bucket);
            const rules = mine.flatMap((c) => ((get(c.props, "rules") as any[]) ?? []).map((rule) => ({ rule, role: get(c.props, "role") })));
            const good = rules.filter(({ rule, role }) => {
                const target = buckets.find((b) => bucketArn(b) === get(rule, "destination", "bucket"));
                return role && get(rule, "status") === "Enabled" && target && awsRegion(target) !== home && get(rule, "destination", "encryptionConfiguration", "replicaKmsKeyId");
            });
            if (good.length === 0) {
                ctx.report(bucket, {
                    problem: `objects are not replicated to a bucket in another region (required in ${envs.join(", ")})`,
                    found: rules.length ? rules.map(({ rule }) => ({ status: read(rule, "status") ?? null, destination: read(rule, "destination", "bucket") ?? null })) : phrase("no BucketReplicationConfig for this bucket"),
                    fix: "replicate to a versioned, KMS-encrypted bucket in the DR region with an enabled rule carrying encryptionConfiguration.replicaKmsKeyId and a replication role",
                });
            }
        }
    },
}));

export const gcpSqlRequireCrossRegionBackups = withDrConfig(resourcePolicy({
    name: "gcp-sql-require-cross-region-backups",
    description: "Cloud SQL instances in environments that must survive a region (production) store their backups outside the instance's region (another region or a multi-region).",
    area: "disaster-recovery",
    severity: "high",
    types: [T.gcp.sqlInstance],
    remediation: "set settings.backupConfiguration.location to the DR region (or a multi-region such as us)",
    validate(ctx) {
        if (ctx.props.masterInstanceName) ctx.notApplicable("read replica: the primary holds the backups");
        const envs = requiredHere(ctx);
        const location = ctx.props.settings?.backupConfiguration?.location;
        if (typeof location !== "string" || location.length === 0 || location.toLowerCase() === String(ctx.props.region ?? "").toLowerCase()) {
            ctx.report({
                problem: `backups are kept in the instance's own region (required elsewhere in ${envs.join(", ")})`,
                found: location ?? "~not set (the API default is the instance's region's multi-region, chosen by Google)",
                fix: "set settings.backupConfiguration.location to the DR region",
            });
        }
    },
}));

/** A GCS location that already spans regions: a multi-region (`US`) or a dual-region (`NAM4`, or custom placement). */
function spansRegions(bucket: PolicyResource): boolean {
    const location = String(read(bucket.props, "location") ?? "");
    const custom = read(bucket.props, "customPlacementConfig", "dataLocations");
    return (location.length > 0 && !location.includes("-")) || (Array.isArray(custom) && custom.length >= 2);
}

export const gcpStorageRequireCrossRegionCopies = withDrConfig(stackPolicy({
    name: "gcp-storage-require-cross-region-copies",
    description:
        "Buckets in environments that must survive a region (production) are dual- or multi-region, or replicated by a Storage Transfer cross-bucket replication job to a bucket in another location. Replicas are exempt.",
    area: "disaster-recovery",
    severity: "high",
    types: [T.gcp.storageBucket],
    remediation: "add a gcp.storage.TransferJob { replicationSpec: { gcsDataSource: { bucketName: <bucket> }, gcsDataSink: { bucketName: <bucket in the DR region> } } }, or use a dual-region location",
    validate(ctx) {
        const envs = requiredIn(ctx.args);
        const buckets = ctx.resources.filter((r) => r.type === T.gcp.storageBucket);
        const jobs = ctx.ofType(T.gcp.transferJob).filter((j) => read(j.props, "replicationSpec"));
        const sinks = new Set(jobs.map((j) => read(j.props, "replicationSpec", "gcsDataSink", "bucketName")));
        for (const bucket of ctx.ofType(T.gcp.storageBucket)) {
            if (!envs.includes(ctx.environment(bucket).environment)) continue;
            const name = read(bucket.props, "name");
            if (sinks.has(name) || spansRegions(bucket)) continue;
            const mine = jobs.filter((j) => get(j.props, "replicationSpec", "gcsDataSource", "bucketName") === name);
            const location = String(read(bucket.props, "location") ?? "").toUpperCase();
            const good = mine.filter((j) => {
                const sink = buckets.find((b) => read(b.props, "name") === get(j.props, "replicationSpec", "gcsDataSink", "bucketName"));
                return get(j.props, "status") !== "DISABLED" && get(j.props, "status") !== "DELETED" && sink && String(read(sink.props, "location") ?? "").toUpperCase() !== location;
            });
            if (good.length === 0) {
                ctx.report(bucket, {
                    problem: `objects have no copy outside ${location || "the bucket's region"} (required in ${envs.join(", ")})`,
                    found: mine.length ? mine.map((j) => ({ status: read(j.props, "status") ?? null, sink: read(j.props, "replicationSpec", "gcsDataSink", "bucketName") ?? null })) : phrase("no cross-bucket replication job and a single-region location"),
                    fix: "replicate the bucket to a bucket in the DR region with a TransferJob replicationSpec (or use a dual-region location)",
                });
            }
        }
    },
}));

export const azurePostgresqlRequireGeoRedundantBackup = withDrConfig(resourcePolicy({
    name: "azure-postgresql-require-geo-redundant-backup",
    description: "PostgreSQL flexible servers in environments that must survive a region (production) keep geo-redundant backups in the paired region (geo-restore).",
    area: "disaster-recovery",
    severity: "high",
    types: [T.azure.postgresServer],
    remediation: "set backup.geoRedundantBackup: \"Enabled\" (at creation: Azure does not toggle it in place)",
    validate(ctx) {
        const envs = requiredHere(ctx);
        const geo = ctx.props.backup?.geoRedundantBackup;
        if (geo !== "Enabled") ctx.report({ problem: `backups stay in the server's region (required in the paired region in ${envs.join(", ")})`, found: geo ?? "~not set (the default is Disabled)", fix: "set backup.geoRedundantBackup: \"Enabled\"" });
    },
}));

/** Redundancy SKUs that keep a copy in the paired region (https://learn.microsoft.com/azure/storage/common/storage-redundancy). */
export const GEO_REDUNDANT_SKUS = ["Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS"];

export const azureStorageRequireGeoRedundancy = withDrConfig(stackPolicy({
    name: "azure-storage-require-geo-redundancy",
    description:
        "Storage accounts holding platform blob containers in environments that must survive a region (production) use a geo-redundant SKU (GRS, RA-GRS, GZRS, RA-GZRS), replicating to the paired region.",
    area: "disaster-recovery",
    severity: "high",
    types: [T.azure.storageAccount],
    remediation: "set sku.name to Standard_RAGZRS (zone- and geo-redundant, readable in the paired region) or another geo-redundant SKU",
    validate(ctx) {
        const envs = requiredIn(ctx.args);
        const containers = ctx.ofType(T.azure.blobContainer);
        for (const account of ctx.ofType(T.azure.storageAccount)) {
            if (!envs.includes(ctx.environment(account).environment)) continue;
            if (!containers.some((c) => configures(c, account, "accountName", ["accountName", "name"]))) continue;
            const sku = get(account.props, "sku", "name");
            if (typeof sku !== "string" || !GEO_REDUNDANT_SKUS.includes(sku)) {
                ctx.report(account, { problem: `blobs have no copy in the paired region (required in ${envs.join(", ")})`, found: sku, fix: `set sku.name to one of ${GEO_REDUNDANT_SKUS.join(", ")}` });
            }
        }
    },
}));

export const disasterRecoveryPolicies: PlatformPolicy[] = [
    awsRdsRequireCrossRegionBackups,
    awsS3RequireCrossRegionReplication,
    gcpSqlRequireCrossRegionBackups,
    gcpStorageRequireCrossRegionCopies,
    azurePostgresqlRequireGeoRedundantBackup,
    azureStorageRequireGeoRedundancy,
];
