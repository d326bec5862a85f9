import { dailyWindow, overlaps, weeklyWindow } from "../../shared/windows";
import type { PlanView, Rule } from "../../shared/rules";

/** RDS, ElastiCache and S3: value combinations, companions and windows the APIs enforce. */

const RDS = "aws:rds/instance:Instance";
const REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";

/** Instance classes RDS offers PostgreSQL 16 on (db.t4g/m6g/m7g/r6g/r7g Graviton families and their Intel peers). */
const PG16_CLASS = /^db\.(t3|t4g|m5|m6g|m6i|m7g|m7i|r5|r6g|r6i|r7g|r7i)\.(micro|small|medium|large|xlarge|\d+xlarge)$/;

export const awsDataRules: Rule[] = [
    {
        // https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-versions.html (supported DB instance classes)
        id: "aws/rds-instance-class-engine",
        family: "combinations",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html",
        check: (r) => r.inputs.engine === "postgres" && String(r.inputs.engineVersion).startsWith("16") && !PG16_CLASS.test(String(r.inputs.instanceClass))
            ? [`instanceClass ${r.inputs.instanceClass} does not offer PostgreSQL 16`] : [],
    },
    {
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html#USER_WorkingWithAutomatedBackups.BackupRetention
        id: "aws/rds-backup-retention",
        family: "combinations",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
        check: (r) => {
            const days = Number(r.inputs.backupRetentionPeriod ?? 1);
            return Number.isInteger(days) && days >= 0 && days <= 35 ? [] : [`backupRetentionPeriod ${days}: allowed 0-35 days`];
        },
    },
    {
        // Backup window hh24:mi-hh24:mi of at least 30 minutes, not overlapping the weekly maintenance window.
        id: "aws/rds-backup-maintenance-windows",
        family: "windows",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
        check: (r) => backupVsMaintenance(r.inputs.backupWindow, r.inputs.maintenanceWindow, "backupWindow"),
    },
    {
        // Performance Insights retention: 7 days (free) or a multiple of 31 up to 731.
        id: "aws/rds-performance-insights-retention",
        family: "combinations",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Overview.cost.html",
        check: (r) => {
            const d = r.inputs.performanceInsightsRetentionPeriod;
            if (d === undefined || !r.inputs.performanceInsightsEnabled) return [];
            return d === 7 || (Number.isInteger(d) && d % 31 === 0 && d >= 31 && d <= 731) ? [] : [`performanceInsightsRetentionPeriod ${d}: allowed 7, or a multiple of 31 up to 731`];
        },
    },
    {
        // A final snapshot needs its identifier; multi-AZ needs a subnet group across 2+ AZs (checked via the group).
        id: "aws/rds-final-snapshot",
        family: "companions",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html",
        check: (r) => r.inputs.skipFinalSnapshot === false && !r.inputs.finalSnapshotIdentifier ? ["skipFinalSnapshot is false but no finalSnapshotIdentifier is set"] : [],
    },
    {
        // The parameter group family must match the engine major version (postgres16 for 16.x).
        id: "aws/rds-parameter-group-family",
        family: "combinations",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.html",
        check: (r, plan) => familyMatches(plan, "aws:rds/parameterGroup:ParameterGroup", r.inputs.parameterGroupName, `${r.inputs.engine}${String(r.inputs.engineVersion).split(".")[0]}`),
    },
    {
        // A DB subnet group must span at least two Availability Zones, even for a single-AZ instance.
        id: "aws/rds-subnet-group-two-azs",
        family: "companions",
        types: ["aws:rds/subnetGroup:SubnetGroup"],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Subnets",
        check: (r, plan) => {
            const azs = availabilityZones(plan, r.inputs.subnetIds);
            return azs.size >= 2 ? [] : [`subnets in ${azs.size} Availability Zone(s); a DB subnet group needs at least 2`];
        },
    },
    {
        // Multi-AZ Redis places replicas in other AZs: its subnet group must span at least two.
        id: "aws/elasticache-multi-az-subnets",
        family: "companions",
        types: [REDIS],
        doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html#AutoFailover.Requirements",
        check: (r, plan) => {
            if (!r.inputs.multiAzEnabled) return [];
            const group = plan.ofType("aws:elasticache/subnetGroup:SubnetGroup").find((g) => g.inputs.name === r.inputs.subnetGroupName);
            const azs = availabilityZones(plan, group?.inputs.subnetIds);
            return azs.size >= 2 ? [] : [`multiAzEnabled with subnet group ${r.inputs.subnetGroupName} in ${azs.size} Availability Zone(s)`];
        },
    },
    {
        // Redis: automatic failover needs a replica; Multi-AZ needs automatic failover; AUTH needs in-transit encryption.
        id: "aws/elasticache-failover-companions",
        family: "combinations",
        types: [REDIS],
        doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html",
        check: (r) => {
            const i = r.inputs;
            const problems: string[] = [];
            const nodes = Number(i.numCacheClusters ?? 1);
            if (i.automaticFailoverEnabled && nodes < 2) problems.push(`automaticFailoverEnabled with numCacheClusters ${nodes}; failover needs at least 2 nodes`);
            if (i.multiAzEnabled && !i.automaticFailoverEnabled) problems.push("multiAzEnabled requires automaticFailoverEnabled");
            if (i.authToken !== undefined && !i.transitEncryptionEnabled) problems.push("authToken requires transitEncryptionEnabled");
            if (nodes > 6) problems.push(`numCacheClusters ${nodes}: at most 6 (a primary and 5 replicas)`);
            return problems;
        },
    },
    {
        id: "aws/elasticache-snapshot-windows",
        family: "windows",
        types: [REDIS],
        doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html",
        check: (r) => {
            const problems = r.inputs.snapshotWindow === undefined ? [] : backupVsMaintenance(r.inputs.snapshotWindow, r.inputs.maintenanceWindow, "snapshotWindow");
            const keep = Number(r.inputs.snapshotRetentionLimit ?? 0);
            if (keep < 0 || keep > 35) problems.push(`snapshotRetentionLimit ${keep}: allowed 0-35 days`);
            return problems;
        },
    },
    {
        // Engine 7.x needs a redis7 (or valkey-compatible) parameter group family; node types are cache.* classes.
        id: "aws/elasticache-parameter-group-family",
        family: "combinations",
        types: [REDIS],
        doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Redis.html",
        check: (r, plan) => [
            ...(/^cache\.(t3|t4g|m5|m6g|m7g|r5|r6g|r7g)\.\w+$/.test(String(r.inputs.nodeType)) ? [] : [`nodeType ${r.inputs.nodeType} is not a current ElastiCache node type`]),
            ...familyMatches(plan, "aws:elasticache/parameterGroup:ParameterGroup", r.inputs.parameterGroupName, `${r.inputs.engine}${String(r.inputs.engineVersion).split(".")[0]}`),
        ],
    },
    {
        // S3 keeps one configuration of each kind per bucket: a second resource silently replaces the first.
        id: "aws/s3-one-configuration-per-bucket",
        family: "companions",
        types: [
            "aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/bucketPolicy:BucketPolicy",
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
        ],
        doc: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html",
        check: (r, plan) => {
            const same = plan.ofType(r.type).filter((o) => o.inputs.bucket === r.inputs.bucket);
            const problems = same.length > 1 ? [`${same.length} ${r.type.split(":").pop()} resources for bucket ${r.inputs.bucket}; S3 keeps only one`] : [];
            if (!plan.ofType("aws:s3/bucket:Bucket").some((b) => b.inputs.bucket === r.inputs.bucket) && !plan.resources.some((b) => b.type === "aws:s3/bucket:Bucket" && JSON.stringify(b.inputs).includes(String(r.inputs.bucket)))) {
                problems.push(`bucket ${r.inputs.bucket} is not a bucket of this plan`);
            }
            return problems;
        },
    },
    {
        // Lifecycle: a transition to GLACIER/DEEP_ARCHIVE must come before the expiration; STANDARD_IA/ONEZONE_IA need >= 30 days.
        id: "aws/s3-lifecycle-transitions",
        family: "combinations",
        types: ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"],
        doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html",
        check: (r) => ((r.inputs.rules ?? []) as any[]).flatMap((rule) => {
            const problems: string[] = [];
            for (const t of rule.transitions ?? []) {
                if (/IA$/.test(t.storageClass) && t.days < 30) problems.push(`rule ${rule.id}: ${t.storageClass} after ${t.days} days; at least 30`);
                if (rule.expiration?.days !== undefined && t.days >= rule.expiration.days) problems.push(`rule ${rule.id}: transition at ${t.days} days is not before expiration at ${rule.expiration.days}`);
            }
            return problems;
        }),
    },
    {
        // Bucket policies are limited to 20 KB.
        id: "aws/s3-bucket-policy-size",
        family: "quotas",
        types: ["aws:s3/bucketPolicy:BucketPolicy"],
        doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html",
        check: (r) => String(r.inputs.policy ?? "").length > 20480 ? [`policy is ${String(r.inputs.policy).length} bytes; S3 allows 20 KB`] : [],
    },
];

/** A daily backup window of >= 30 minutes that does not overlap the weekly maintenance window. */
export function backupVsMaintenance(backup: unknown, maintenance: unknown, field: string): string[] {
    const b = typeof backup === "string" ? dailyWindow(backup) : undefined;
    const m = typeof maintenance === "string" ? weeklyWindow(maintenance) : undefined;
    const problems: string[] = [];
    if (backup !== undefined && !b) problems.push(`${field} ${JSON.stringify(backup)} is not hh24:mi-hh24:mi`);
    if (maintenance !== undefined && !m) problems.push(`maintenanceWindow ${JSON.stringify(maintenance)} is not ddd:hh24:mi-ddd:hh24:mi`);
    if (b && b.minutes < 30) problems.push(`${field} ${backup} is ${b.minutes} minutes; at least 30`);
    if (m && m.minutes < 30) problems.push(`maintenanceWindow ${maintenance} is ${m.minutes} minutes; at least 30`);
    if (b && m && overlaps(b.intervals, m.intervals)) problems.push(`${field} ${backup} overlaps maintenanceWindow ${maintenance}`);
    return problems;
}

function familyMatches(plan: PlanView, type: string, groupName: unknown, family: string): string[] {
    if (groupName === undefined) return [];
    const group = plan.ofType(type).find((g) => g.inputs.name === groupName);
    if (!group) return [];
    return group.inputs.family === family ? [] : [`parameter group ${groupName} has family ${group.inputs.family}; the engine needs ${family}`];
}

/** The AZs of a list of subnet ids (an id the plan does not create counts as its own AZ). */
function availabilityZones(plan: PlanView, ids: unknown): Set<string> {
    const list = Array.isArray(ids) ? (ids as string[]) : [];
    return new Set(list.map((id) => plan.resolve("aws:ec2/subnet:Subnet", id)?.inputs.availabilityZone ?? id));
}
