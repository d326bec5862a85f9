import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childName, limitedName } from "../../components/naming";
import type { GcpContext } from "./context";
import { createKmsKey } from "./kms";

/**
 * What the audit bucket receives: VPC flow and firewall logs, every Cloud Audit Log (admin
 * activity, data access incl. Cloud Storage object reads/writes, GKE's Kubernetes audit log)
 * and the external load balancer's request logs, which carry Cloud Armor's verdicts (the WAF
 * log). Admin-activity logs also stay in `_Required` (400 days, Google's own).
 */
export const AUDIT_LOG_FILTER = [
    'logName:"compute.googleapis.com%2Fvpc_flows"',
    'logName:"compute.googleapis.com%2Ffirewall"',
    'logName:"cloudaudit.googleapis.com"',
    'resource.type="http_load_balancer"',
].join(" OR ");

/**
 * A regional log bucket for audit logs, kept `audit.logRetentionDays` and encrypted with a
 * Cloud KMS key of its own (the project's Cloud Logging service account may use exactly that
 * key), and the sink that copies the audit sources into it. Application logs keep their own
 * per-service buckets (compute-service.ts). See
 * https://www.pulumi.com/registry/packages/gcp/api-docs/logging/projectbucketconfig/ (cmekSettings)
 */
export function createAuditLogs(ctx: GcpContext, scope: pulumi.ComponentResource, component: string): gcp.logging.ProjectBucketConfig {
    const { cfg } = ctx;
    const { key } = createKmsKey(ctx, scope, { ringChild: childName(component, "audit-keyring"), ring: limitedName(cfg, 63, "audit"), keyChild: childName(component, "audit-key"), key: limitedName(cfg, 63, "audit-logs") });
    const cmek = gcp.logging.getProjectCmekSettingsOutput({ project: ctx.project }, { provider: ctx.provider, parent: scope });
    const keyAccess = ctx.create(gcp.kms.CryptoKeyIAMMember, scope, childName(component, "audit-key-access"), {
        cryptoKeyId: key.id,
        role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        member: pulumi.interpolate`serviceAccount:${cmek.serviceAccountId}`,
    });
    const bucket = ctx.create(gcp.logging.ProjectBucketConfig, scope, childName(component, "audit-log-bucket"), {
        project: ctx.project,
        location: ctx.region,
        bucketId: limitedName(cfg, 100, "audit"),
        description: `Audit logs of ${cfg.appName} ${cfg.environment}: flow, firewall, Cloud Audit, load balancer / Cloud Armor; kept ${cfg.audit.logRetentionDays} days`,
        retentionDays: cfg.audit.logRetentionDays,
        cmekSettings: { kmsKeyName: key.id },
    }, undefined, { dependsOn: [keyAccess] });
    ctx.create(gcp.logging.ProjectSink, scope, childName(component, "audit-sink"), {
        name: limitedName(cfg, 100, "audit"),
        description: "Copies flow, firewall, audit and load balancer logs into the audit bucket",
        destination: pulumi.interpolate`logging.googleapis.com/${bucket.id}`,
        filter: AUDIT_LOG_FILTER,
        uniqueWriterIdentity: true,
    });
    return bucket;
}
