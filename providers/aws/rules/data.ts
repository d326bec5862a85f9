import { dailyWindow, overlaps, weeklyWindow } from "../../shared/windows";
import type { PlanView, Rule } from "../../shared/rules";

/**
 * S3's configuration resources (the object store's and the load balancer's log bucket): value
 * combinations and companions the API enforces; and the window, group-family and zone helpers of
 * the RDS and ElastiCache rules (providers/aws/database.ts, cache.ts).
 */

export const awsDataRules: Rule[] = [
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

/** A parameter group of the plan named `groupName` has the engine's `family`. */
export function familyMatches(plan: PlanView, type: string, groupName: unknown, family: string): string[] {
    if (groupName === undefined) return [];
    const group = plan.ofType(type).find((g) => g.inputs.name === groupName);
    if (!group) return [];
    return group.inputs.family === family ? [] : [`parameter group ${groupName} has family ${group.inputs.family}; the engine needs ${family}`];
}

/** The AZs of a list of subnet ids (an id the plan does not create counts as its own AZ). */
export function availabilityZones(plan: PlanView, ids: unknown): Set<string> {
    const list = Array.isArray(ids) ? (ids as string[]) : [];
    return new Set(list.map((id) => plan.resolve("aws:ec2/subnet:Subnet", id)?.inputs.availabilityZone ?? id));
}
