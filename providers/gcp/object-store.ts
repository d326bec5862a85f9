import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { childName, limitedName } from "../../components/naming";
import type { ObjectStoreArgs, ObjectStoreOutputs } from "../../components/object-store";
import type { GcpContext } from "./context";

const DAY_SECONDS = 24 * 60 * 60;
/** Soft-deleted objects stay restorable this long (GCS default and minimum useful window). */
const SOFT_DELETE_DAYS = 7;
/** Noncurrent versions (overwritten or deleted objects) are kept this long. */
const NONCURRENT_VERSION_DAYS = 30;

/**
 * Bucket names are global: `<app>-<env>-<project>-objects` is unique because project ids are.
 * The longest accepted inputs give 12 + 4 + 30 + 7 + 3 = 56 characters (limit 63).
 */
export function bucketName(ctx: Pick<GcpContext, "cfg" | "project">): string {
    return limitedName(ctx.cfg, 63, ctx.project, "objects");
}

/**
 * A GCS bucket in the stack's region: uniform bucket-level access (no ACLs), public access
 * prevention enforced, versioning and soft delete, Google-managed encryption at rest (GCS
 * serves only HTTPS), and the lifecycle of the requirements table: `uploads/temp/` deleted
 * after 7 days, `exports/` archived at 30 and deleted at 365. Never `forceDestroy`.
 */
export function createObjectStore(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: ObjectStoreArgs): ObjectStoreOutputs {
    const t = args.transform?.gcp;

    const bucket = ctx.create(gcp.storage.Bucket, scope, childName(name, "bucket"), {
        name: bucketName(ctx),
        location: ctx.region.toUpperCase(),
        storageClass: "STANDARD",
        uniformBucketLevelAccess: true,
        publicAccessPrevention: "enforced",
        versioning: { enabled: true },
        softDeletePolicy: { retentionDurationSeconds: SOFT_DELETE_DAYS * DAY_SECONDS },
        forceDestroy: false,
        lifecycleRules: [
            { action: { type: "Delete" }, condition: { age: args.tempExpirationDays, matchesPrefixes: ["uploads/temp/"] } },
            { action: { type: "SetStorageClass", storageClass: "ARCHIVE" }, condition: { age: args.archiveAfterDays, matchesPrefixes: ["exports/"] } },
            { action: { type: "Delete" }, condition: { age: args.expirationDays, matchesPrefixes: ["exports/"] } },
            { action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: NONCURRENT_VERSION_DAYS, withState: "ARCHIVED" } },
        ],
        labels: ctx.labels(),
    }, t?.bucket, { protect: args.protect });

    // Object access logs: Cloud Storage Data Access audit logs (reads and writes, with the
    // caller's identity), which the audit sink routes into the CMEK audit bucket. Google
    // recommends them over usage logs, see https://cloud.google.com/storage/docs/audit-logging
    ctx.create(gcp.projects.IAMAuditConfig, scope, childName(name, "data-access-logs"), {
        project: ctx.project,
        service: "storage.googleapis.com",
        auditLogConfigs: [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
    }, t?.dataAccessLogs);

    return {
        bucketName: bucket.name,
        endpoint: bucket.name.apply((n) => `https://storage.googleapis.com/${n}`),
        resourceId: bucket.id,
    };
}
