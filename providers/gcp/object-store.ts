import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { childName, limitedName, regionCode } from "../../components/naming";
import type { ObjectStoreArgs, ObjectStoreOutputs } from "../../components/object-store";
import type { GcpContext } from "./context";
import { gcpHandles } from "./handles";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { Transform } from "../../components/transform";
import type { GcpGrant } from "./workload-grants";
import type { EngineFacts } from "../shared/cloud-engine";
import { nameRule, type Rule } from "../shared/rules";
import { HW } from "./replacement";

const DAY_SECONDS = 24 * 60 * 60;
/** Soft-deleted objects stay restorable this long (GCS default and minimum useful window). */
const SOFT_DELETE_DAYS = 7;
/** Noncurrent versions (overwritten or deleted objects) are kept this long. */
const NONCURRENT_VERSION_DAYS = 30;

/**
 * Bucket names are global: `<app>-<env>-<project>-objects` is unique because project ids are.
 * The longest accepted inputs give 12 + 4 + 30 + 7 + 3 = 56 characters (limit 63).
 */
export function bucketName(ctx: Pick<GcpContext, "cfg" | "project">, replicaRegion?: string): string {
    return replicaRegion ? limitedName(ctx.cfg, 63, ctx.project, "objects", regionCode(replicaRegion)) : limitedName(ctx.cfg, 63, ctx.project, "objects");
}

/** The hardened bucket of the requirements table in `location`: the store and its replica share it. */
function bucketArgs(ctx: GcpContext, args: ObjectStoreArgs, name: string, location: string): gcp.storage.BucketArgs {
    return {
        name,
        location: location.toUpperCase(),
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
    };
}

/**
 * A GCS bucket in the stack's region: uniform bucket-level access (no ACLs), public access
 * prevention enforced, versioning and soft delete, Google-managed encryption at rest (GCS
 * serves only HTTPS), and the lifecycle of the requirements table: `uploads/temp/` deleted
 * after 7 days, `exports/` archived at 30 and deleted at 365. Never `forceDestroy`.
 */
export function createObjectStore(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: ObjectStoreArgs): ObjectStoreOutputs {
    const t = args.transform?.gcp;

    const bucket = ctx.create(gcp.storage.Bucket, scope, childName(name, "bucket"), bucketArgs(ctx, args, bucketName(ctx), ctx.region), t?.bucket, { protect: args.protect });
    if (args.copyRegion) replicateBucket(ctx, scope, name, bucket, args, args.copyRegion);

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
        handle: gcpHandles.wrap("objectStore", { bucket, grant }),
    };
}

/** What a workload bound to the object store is given on GCP (workload-grants.ts): object admin on the platform bucket only. */
export const grant: GcpGrant<unknown, ObjectStoreOutputs> = (ctx, scope, name, to, _store, outputs) => ({
    grants: [ctx.create(gcp.storage.BucketIAMMember, scope, childName(name, "bucket-access"), {
        bucket: outputs.bucketName,
        role: "roles/storage.objectAdmin",
        member: to.account.member,
    }, to.transforms?.bucketAccess)],
});

/**
 * Objects copied to a bucket in `region` by Storage Transfer Service cross-bucket replication
 * (event-driven: new and changed objects within minutes, inside the objects' 1-hour RPO). The
 * primary bucket keeps its location: a bucket cannot move to a dual-region in place (GCS
 * `location` is create-only), so the replica is a second bucket with the same guarantees and
 * lifecycle. Replication never deletes in the sink (delete options are rejected), so the
 * replica's own lifecycle expires what the source expires.
 * https://cloud.google.com/storage-transfer/docs/cross-bucket-replication; google_storage_transfer_job
 * replication_spec { gcs_data_source, gcs_data_sink }. The transfer service agent gets
 * roles/storage.admin on exactly the two buckets (https://cloud.google.com/storage-transfer/docs/iam-cloud).
 */
function replicateBucket(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, source: gcp.storage.Bucket, args: ObjectStoreArgs, region: string): gcp.storage.TransferJob {
    const replica = ctx.create(gcp.storage.Bucket, scope, childName(name, "replica"), bucketArgs(ctx, args, bucketName(ctx, region), region), undefined, { protect: args.protect });
    const agent = gcp.storage.getTransferProjectServiceAccountOutput({ project: ctx.project }, { provider: ctx.provider });
    const grants = [["source", source], ["replica", replica]].map(([side, b]) =>
        ctx.create(gcp.storage.BucketIAMMember, scope, childName(name, `replication-${side as string}-access`), {
            bucket: (b as gcp.storage.Bucket).name,
            role: "roles/storage.admin",
            member: agent.member,
        }),
    );
    return ctx.create(gcp.storage.TransferJob, scope, childName(name, "replication"), {
        project: ctx.project,
        description: `${ctx.cfg.appName} ${ctx.cfg.environment}: replicate objects to ${region}`,
        replicationSpec: {
            gcsDataSource: { bucketName: source.name },
            gcsDataSink: { bucketName: replica.name },
        },
        status: "ENABLED",
    }, undefined, { dependsOn: grants });
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/gcp/index.ts. */
export const builder: CloudBuilder<GcpContext, "objectStore"> = createObjectStore;

/** Typed escape hatches for this component's GCP children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface GcpObjectStoreTransforms {
    bucket?: Transform<gcp.storage.BucketArgs>;
    /** The project's Cloud Storage Data Access audit config (object reads and writes). */
    dataAccessLogs?: Transform<gcp.projects.IAMAuditConfigArgs>;
}

declare module "../../components/object-store" {
    interface ObjectStoreTransforms { gcp?: GcpObjectStoreTransforms }
}

/** What this component hands to the components built on it (providers/gcp/handles.ts). */
declare module "./handles" {
    interface GcpHandles {
        objectStore: { bucket: gcp.storage.Bucket; grant: typeof grant };
    }
}

/** The service's `transform.gcp` key over this component's grant child. */
declare module "./workload-grants" {
    interface GcpGrantTransforms {
        bucketAccess?: Transform<gcp.storage.BucketIAMMemberArgs>;
    }
}

/*
 * The offline engine's facts of the GCP types only the object store creates (npm run diff and the deploy-rule specs read them):
 * providers/gcp/engine.ts merges them with the facts of the types several components create.
 */

const objectStoreRules: Rule[] = [
    // https://cloud.google.com/storage/docs/buckets#naming
    nameRule({ id: "gcp/storage-bucket-name", types: ["gcp:storage/bucket:Bucket"], field: "name", min: 3, max: 63, pattern: /^[a-z0-9][a-z0-9_-]*[a-z0-9]$/, allowed: "lowercase letters, digits, hyphens and underscores, starting and ending with a letter or digit (no dots: those need domain verification)", doc: "https://cloud.google.com/storage/docs/buckets#naming" }),
    {
        // Lifecycle: each condition has an age >= 0; an object is archived before it is deleted.
        id: "gcp/storage-lifecycle",
        family: "combinations",
        types: ["gcp:storage/bucket:Bucket"],
        doc: "https://cloud.google.com/storage/docs/lifecycle#actions",
        check: (r) => {
            const rules = (r.inputs.lifecycleRules ?? []) as any[];
            const problems: string[] = [];
            for (const rule of rules) {
                if (rule.action?.type === "SetStorageClass" && !["NEARLINE", "COLDLINE", "ARCHIVE", "STANDARD"].includes(rule.action.storageClass)) problems.push(`SetStorageClass ${rule.action.storageClass} is not a storage class`);
                if (rule.condition?.age !== undefined && rule.condition.age < 0) problems.push(`age ${rule.condition.age}: at least 0`);
                if (rule.action?.type !== "SetStorageClass") continue;
                const prefixes = JSON.stringify(rule.condition?.matchesPrefixes ?? []);
                const del = rules.find((d) => d.action?.type === "Delete" && JSON.stringify(d.condition?.matchesPrefixes ?? []) === prefixes && d.condition?.age !== undefined);
                if (del && del.condition.age <= rule.condition.age) problems.push(`objects under ${prefixes} are deleted (${del.condition.age} d) before they move to ${rule.action.storageClass} (${rule.condition.age} d)`);
            }
            if (rules.length > 100) problems.push(`${rules.length} lifecycle rules; at most 100`);
            return problems;
        },
    },
    {
        // A service is allServices or <name>.googleapis.com; log types ADMIN_READ, DATA_READ, DATA_WRITE, each once.
        id: "gcp/audit-config",
        family: "combinations",
        types: ["gcp:projects/iAMAuditConfig:IAMAuditConfig"],
        doc: "https://cloud.google.com/logging/docs/audit/configure-data-access#config-api",
        check: (r) => {
            const problems: string[] = [];
            if (r.inputs.service !== "allServices" && !/^[a-z0-9-]+\.googleapis\.com$/.test(r.inputs.service ?? "")) problems.push(`service ${JSON.stringify(r.inputs.service)}: allServices or <service>.googleapis.com`);
            const types = ((r.inputs.auditLogConfigs ?? []) as any[]).map((c) => c.logType);
            for (const t of types) if (!["ADMIN_READ", "DATA_READ", "DATA_WRITE"].includes(t)) problems.push(`logType ${JSON.stringify(t)}: allowed ADMIN_READ, DATA_READ, DATA_WRITE`);
            if (new Set(types).size !== types.length) problems.push("a log type is listed twice");
            return problems;
        },
    },
    {
        // A replication job takes neither a schedule, an event stream nor a transferSpec.
        id: "gcp/transfer-job-replication",
        family: "combinations",
        types: ["gcp:storage/transferJob:TransferJob"],
        doc: "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_transfer_job#replication_spec",
        check: (r) => !r.inputs.replicationSpec ? [] : ["schedule", "eventStream", "transferSpec"].filter((k) => r.inputs[k] !== undefined).map((k) => `${k} is set on a replication job (replicationSpec excludes it)`),
    },
];

export const engineFacts: EngineFacts = {
    replacement: {
        "gcp:projects/iAMAuditConfig:IAMAuditConfig": {
            source: `${HW}resourcemanager/resource_google_project_iam_audit_config (project, service ForceNew; audit_log_config updates the policy)`,
            replace: ["project", "service"],
            update: ["auditLogConfigs"],
        },
        "gcp:storage/transferJob:TransferJob": {
            source: `${HW}storagetransfer/resource_storage_transfer_job.go (name, project ForceNew; the spec, schedule and status update)`,
            replace: ["name", "project"],
            update: ["description", "transferSpec", "replicationSpec", "schedule", "status", "notificationConfig", "eventStream", "loggingConfig"],
        },
        "gcp:storage/bucket:Bucket": {
            source: `${HW}storage/resource_storage_bucket.go.tmpl`,
            replace: ["name", "location", "project", "customPlacementConfig", "enableObjectRetention", "hierarchicalNamespace"],
            update: ["forceDestroy", "labels", "lifecycleRules", "publicAccessPrevention", "softDeletePolicy", "storageClass", "uniformBucketLevelAccess", "versioning",
                "encryption", "logging", "cors", "retentionPolicy", "website", "autoclass", "requesterPays", "defaultEventBasedHold", "rpo", "ipFilter"],
        },
    },
    statefulTypes: {
        "gcp:storage/bucket:Bucket": "GCS bucket",
    },
    rules: objectStoreRules,
};
