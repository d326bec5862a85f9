import type { PolicyResource } from "@pulumi/policy";
import { INGRESS_TYPE } from "./kubernetes";
import { configures, DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS, envNote, get, minimumFor, phrase, PlatformPolicy, read, resourcePolicy, stackPolicy, StackContext } from "./support";
import { T } from "./types";

/**
 * Logging: access logs on every load balancer (all tiers), audit logs (flow logs,
 * control-plane audit logs, WAF and object-access logs) kept at least the environment's
 * minimumAuditLogRetentionDays (default DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS, the tier
 * profile's `audit.logRetentionDays`), CloudWatch log groups under a customer-managed key.
 */

export const awsLbRequireAccessLogs = resourcePolicy({
    name: "aws-lb-require-access-logs",
    description: "Application load balancers must write access logs to S3 (accessLogs.enabled with a bucket).",
    area: "logging",
    severity: "medium",
    checkov: ["CKV_AWS_91"],
    types: [T.aws.lb, T.aws.alb],
    remediation: "set accessLogs: { enabled: true, bucket: <log bucket>, prefix }",
    validate(ctx) {
        const logs = ctx.props.accessLogs;
        if (logs?.enabled !== true || typeof logs?.bucket !== "string" || logs.bucket.length === 0) {
            ctx.report({ problem: "access logs are off", found: logs ?? "~not set", fix: "set accessLogs: { enabled: true, bucket: <log bucket> }" });
        }
    },
});

export const gcpComputeRequireBackendLogging = resourcePolicy({
    name: "gcp-compute-require-backend-logging",
    description: "External backend services must log requests (logConfig.enable, sampleRate above 0): the load balancer's access log, which also carries Cloud Armor's decisions.",
    area: "logging",
    severity: "medium",
    types: [T.gcp.backendService],
    remediation: "set logConfig: { enable: true, sampleRate: 1 }",
    validate(ctx) {
        const log = ctx.props.logConfig;
        if (log?.enable !== true || (typeof log.sampleRate === "number" && log.sampleRate <= 0)) {
            ctx.report({ problem: "request logging is off", found: log ?? "~not set", fix: "set logConfig: { enable: true, sampleRate: 1 }" });
        }
    },
});

/** A diagnostic setting that sends `category` (or a group containing it) somewhere. */
function sendsLogs(setting: PolicyResource, categories: string[]): boolean {
    const logs = (get(setting.props, "logs") ?? []) as Array<Record<string, unknown>>;
    const destination = ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId"].some((k) => typeof get(setting.props, k) === "string");
    return destination && logs.some((l) => l.enabled === true && (l.categoryGroup === "allLogs" || categories.includes(String(l.category))));
}

export const azureNetworkRequireAppgwAccessLogs = stackPolicy({
    name: "azure-network-require-appgw-access-logs",
    description: "Application gateways must send their access and firewall logs to Log Analytics or storage: a DiagnosticSetting on the gateway with allLogs (or ApplicationGatewayAccessLog) enabled.",
    area: "logging",
    severity: "medium",
    types: [T.azure.applicationGateway],
    remediation: "add a monitor.DiagnosticSetting { resourceUri: <gateway>.id, workspaceId, logs: [{ categoryGroup: \"allLogs\", enabled: true }] }",
    validate(ctx) {
        const settings = ctx.ofType(T.azure.diagnosticSetting);
        for (const gw of ctx.ofType(T.azure.applicationGateway)) {
            const mine = settings.filter((s) => configures(s, gw, "resourceUri", ["id", "applicationGatewayName"]));
            if (!mine.some((s) => sendsLogs(s, ["ApplicationGatewayAccessLog"]))) {
                ctx.report(gw, { problem: "the gateway's access logs go nowhere", found: mine.length ? mine.map((s) => get(s.props, "logs")) : phrase("no DiagnosticSetting for this gateway"), fix: "add a DiagnosticSetting with logs [{ categoryGroup: \"allLogs\", enabled: true }] to Log Analytics" });
            }
        }
    },
});

const ALB_ATTRIBUTES = "alb.ingress.kubernetes.io/load-balancer-attributes";

export const kubernetesIngressRequireAccessLogs = stackPolicy({
    name: "kubernetes-ingress-require-access-logs",
    description:
        "Ingresses served by a cloud load balancer must log requests: alb with access_logs.s3.enabled=true in its load-balancer attributes, gce with logging enabled in the Services' BackendConfig. Other controllers (ingress-nginx) log every request to their own output.",
    area: "logging",
    severity: "medium",
    types: [INGRESS_TYPE],
    remediation: "alb: annotate load-balancer-attributes access_logs.s3.enabled=true,access_logs.s3.bucket=<bucket>; gce: set spec.logging { enable: true } on the BackendConfig",
    validate(ctx) {
        const backendConfigs = ctx.resources.filter((r) => r.type === "kubernetes:cloud.google.com/v1:BackendConfig");
        for (const ingress of ctx.ofType(INGRESS_TYPE)) {
            const annotations = (read(ingress.props, "metadata", "annotations") ?? {}) as Record<string, unknown>;
            const cls = annotations["kubernetes.io/ingress.class"] ?? read(ingress.props, "spec", "ingressClassName");
            if (cls === "alb") {
                const attrs = String(annotations[ALB_ATTRIBUTES] ?? "");
                if (!/(^|,)\s*access_logs\.s3\.enabled=true\b/.test(attrs)) ctx.report(ingress, { problem: "the ALB of the Ingress writes no access logs", found: attrs || phrase("no load-balancer-attributes"), fix: `annotate ${ALB_ATTRIBUTES}: access_logs.s3.enabled=true,access_logs.s3.bucket=<bucket>` });
            } else if (cls === "gce") {
                const off = backendConfigs.filter((b) => get(b.props, "spec", "logging", "enable") !== true);
                if (backendConfigs.length === 0 || off.length > 0) ctx.report(ingress, { problem: "GKE's load balancer does not log the Ingress's requests", found: backendConfigs.length ? off.map((b) => read(b.props, "metadata", "name")) : phrase("no BackendConfig"), fix: "set spec.logging { enable: true, sampleRate: 1 } on every BackendConfig" });
            }
        }
    },
});

// ---------------------------------------------------------------------------------------------
// Audit-log retention
// ---------------------------------------------------------------------------------------------

/** Log groups that hold audit logs: a flow log's or WAF's destination, the EKS control plane's. */
function auditLogGroups(ctx: StackContext): PolicyResource[] {
    const writers = [...ctx.resources.filter((r) => r.type === T.aws.flowLog), ...ctx.resources.filter((r) => r.type === T.aws.wafLogging)];
    return ctx.ofType(T.aws.logGroup).filter((g) => {
        const name = String(read(g.props, "name") ?? "");
        if (/^aws-waf-logs-/.test(name) || /^\/aws\/eks\/[^/]+\/cluster$/.test(name)) return true;
        return writers.some((w) => configures(w, g, "logDestination", ["arn"]));
    });
}

/** Buckets that receive S3 server access logs (targets of a BucketLogging). */
function accessLogTargets(ctx: StackContext): PolicyResource[] {
    const loggings = ctx.resources.filter((r) => r.type === T.aws.s3Logging);
    return ctx.ofType(T.aws.s3Bucket, T.aws.s3BucketV2).filter((b) => loggings.some((l) => {
        const target = read(l.props, "targetBucket");
        const name = read(b.props, "bucket");
        return typeof target === "string" && target.length > 0 && (target === name || target === read(b.props, "id"));
    }));
}

export const awsLogsRequireAuditRetention = stackPolicy({
    name: "aws-logs-require-audit-retention",
    description:
        `Audit logs must be kept at least the environment's minimum (default production ${DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS.production} days): CloudWatch log groups of flow logs, WAF logs and the EKS control plane (retentionInDays, 0 = never expire), and the lifecycle of buckets receiving S3 server access logs.`,
    area: "logging",
    severity: "high",
    checkov: ["CKV_AWS_338"],
    config: ["minimumAuditLogRetentionDays"],
    types: [T.aws.logGroup, T.aws.s3Bucket, T.aws.s3BucketV2],
    remediation: "set retentionInDays (log groups) or the lifecycle expiration (access-log buckets) to the minimum or more",
    validate(ctx) {
        const minimum = (r: PolicyResource) => {
            const env = ctx.environment(r);
            return { env, min: minimumFor(ctx.config.minimumAuditLogRetentionDays, env.environment) };
        };
        for (const group of auditLogGroups(ctx)) {
            const { env, min } = minimum(group);
            const days = get(group.props, "retentionInDays");
            if (typeof days === "number" && days > 0 && days < min) {
                ctx.report(group, { problem: `audit logs are kept less than the ${min}-day minimum for ${envNote(env)}`, found: days, fix: `set retentionInDays: ${min} or more` });
            }
        }
        const lifecycles = ctx.resources.filter((r) => r.type === T.aws.s3Lifecycle);
        for (const bucket of accessLogTargets(ctx)) {
            const { env, min } = minimum(bucket);
            const rules = lifecycles.filter((l) => configures(l, bucket, "bucket", ["bucket", "id"])).flatMap((l) => (get(l.props, "rules") ?? []) as Array<Record<string, any>>);
            const short = rules.filter((r) => r.status === "Enabled" && typeof r.expiration?.days === "number" && r.expiration.days < min);
            if (short.length > 0) {
                ctx.report(bucket, { problem: `object-access logs expire before the ${min}-day minimum for ${envNote(env)}`, found: short.map((r) => `${r.id}: ${r.expiration.days} days`), fix: `set the lifecycle expiration to ${min} days or more` });
            }
        }
    },
});

/** Request headers a WAF log must never carry in clear (credentials, sessions). */
export const REQUIRED_REDACTED_HEADERS = ["authorization", "cookie"];

export const awsWafv2RequireLogging = stackPolicy({
    name: "aws-wafv2-require-logging",
    description: "Every WAFv2 WebACL must log its requests (a WebAclLoggingConfiguration with a destination) with the authorization and cookie headers redacted.",
    area: "logging",
    severity: "medium",
    checkov: ["CKV2_AWS_31"],
    types: [T.aws.wafAcl],
    remediation: "add an aws.wafv2.WebAclLoggingConfiguration { resourceArn: <acl>.arn, logDestinationConfigs: [<aws-waf-logs-* group>.arn], redactedFields: [{ singleHeader: { name: \"authorization\" } }, { singleHeader: { name: \"cookie\" } }] }",
    validate(ctx) {
        const loggings = ctx.resources.filter((r) => r.type === T.aws.wafLogging);
        for (const acl of ctx.ofType(T.aws.wafAcl)) {
            const mine = loggings.filter((l) => configures(l, acl, "resourceArn", ["arn"]));
            const destinations = mine.flatMap((l) => (get(l.props, "logDestinationConfigs") ?? []) as unknown[]);
            if (mine.length === 0 || destinations.length === 0) {
                ctx.report(acl, { problem: "the WebACL's requests are not logged", found: mine.length ? destinations : phrase("no WebAclLoggingConfiguration for this WebACL"), fix: "add a WebAclLoggingConfiguration to an aws-waf-logs- log group" });
                continue;
            }
            const redacted = mine.flatMap((l) => ((get(l.props, "redactedFields") ?? []) as Array<{ singleHeader?: { name?: string } }>).map((f) => String(f.singleHeader?.name ?? "").toLowerCase()));
            const missing = REQUIRED_REDACTED_HEADERS.filter((h) => !redacted.includes(h));
            if (missing.length > 0) ctx.report(acl, { problem: "the WAF logs carry credentials or session headers in clear", found: missing, fix: `add redactedFields singleHeader entries for ${missing.join(", ")}` });
        }
    },
});

export const azureNetworkRequireWafLogScrubbing = resourcePolicy({
    name: "azure-network-require-waf-log-scrubbing",
    description: "Application Gateway WAF policies must scrub the authorization and cookie request headers from their logs (policySettings.logScrubbing).",
    area: "logging",
    severity: "medium",
    types: [T.azure.wafPolicy],
    remediation: "set policySettings.logScrubbing { state: \"Enabled\", scrubbingRules: [{ matchVariable: \"RequestHeaderNames\", selectorMatchOperator: \"Equals\", selector: \"authorization\" }, ...cookie] }",
    validate(ctx) {
        const scrubbing = ctx.props.policySettings?.logScrubbing;
        if (scrubbing?.state !== "Enabled") {
            ctx.report({ problem: "log scrubbing is off: credentials reach the firewall log", found: scrubbing?.state, fix: "set policySettings.logScrubbing.state: \"Enabled\"" });
            return;
        }
        const rules = (scrubbing.scrubbingRules ?? []) as Array<Record<string, unknown>>;
        const scrubbed = rules
            .filter((r) => r.matchVariable === "RequestHeaderNames" && r.selectorMatchOperator === "Equals" && (r.state ?? "Enabled") === "Enabled")
            .map((r) => String(r.selector ?? "").toLowerCase());
        const missing = REQUIRED_REDACTED_HEADERS.filter((h) => !scrubbed.includes(h));
        if (missing.length > 0) ctx.report({ problem: "the firewall log carries credentials or session headers in clear", found: missing, fix: `add RequestHeaderNames Equals scrubbing rules for ${missing.join(", ")}` });
    },
});

export const awsCloudwatchRequireLogGroupKms = resourcePolicy({
    name: "aws-cloudwatch-require-log-group-kms",
    description: "CloudWatch log groups must be encrypted with a customer-managed KMS key (kmsKeyId), like every data store.",
    area: "logging",
    severity: "medium",
    checkov: ["CKV_AWS_158"],
    types: [T.aws.logGroup],
    remediation: "set kmsKeyId to a KMS key whose policy admits logs.<region>.amazonaws.com",
    validate(ctx) {
        const key = ctx.props.kmsKeyId;
        if (typeof key !== "string" || key.length === 0) ctx.report({ problem: "the log group is not encrypted with a customer-managed key", found: key, fix: "set kmsKeyId: <logs key>.arn" });
    },
});

/** Log-bucket sinks that carry audit logs: VPC flow logs, Cloud Audit Logs, load balancer (Cloud Armor) request logs. */
const GCP_AUDIT_FILTER = /vpc_flows|cloudaudit\.googleapis\.com|http_load_balancer|resource\.type="k8s_cluster"/;

export const gcpLoggingRequireAuditRetention = stackPolicy({
    name: "gcp-logging-require-audit-retention",
    description:
        "Log buckets that receive audit logs (a sink whose filter routes VPC flow logs, Cloud Audit Logs or load balancer / Cloud Armor request logs) must keep them at least the environment's minimum (retentionDays) and use a Cloud KMS key (cmekSettings).",
    area: "logging",
    severity: "high",
    config: ["minimumAuditLogRetentionDays"],
    types: [T.gcp.logBucket],
    remediation: "set retentionDays to the minimum or more and cmekSettings { kmsKeyName }",
    validate(ctx) {
        const sinks = ctx.resources.filter((r) => r.type === "gcp:logging/projectSink:ProjectSink" && GCP_AUDIT_FILTER.test(String(read(r.props, "filter") ?? "")));
        for (const bucket of ctx.ofType(T.gcp.logBucket)) {
            if (!sinks.some((s) => configures(s, bucket, "destination", ["bucketId", "id"]))) continue;
            const env = ctx.environment(bucket);
            const min = minimumFor(ctx.config.minimumAuditLogRetentionDays, env.environment);
            const days = get(bucket.props, "retentionDays");
            if (typeof days !== "number" || days < min) ctx.report(bucket, { problem: `audit logs are kept less than the ${min}-day minimum for ${envNote(env)}`, found: days ?? "~not set (30 days)", fix: `set retentionDays: ${min} or more` });
            const key = get(bucket.props, "cmekSettings", "kmsKeyName");
            if (typeof key !== "string" || key.length === 0) ctx.report(bucket, { problem: "audit logs are not encrypted with a customer-managed key", found: key, fix: "set cmekSettings { kmsKeyName: <regional Cloud KMS key> }" });
        }
    },
});

/** Log Analytics tables that hold audit logs on Azure (resource-specific diagnostic tables). */
export const AZURE_AUDIT_TABLES = ["AGWFirewallLogs", "AKSAudit", "AKSAuditAdmin", "StorageBlobLogs", "NTANetAnalytics"];

export const azureOperationalinsightsRequireAuditRetention = resourcePolicy({
    name: "azure-operationalinsights-require-audit-retention",
    description: "Log Analytics tables of audit logs (WAF, AKS audit, blob access, flow analytics) must keep them at least the environment's minimum (totalRetentionInDays).",
    area: "logging",
    severity: "high",
    config: ["minimumAuditLogRetentionDays"],
    types: [T.azure.logTable],
    remediation: "set totalRetentionInDays (interactive plus archive) to the minimum or more",
    validate(ctx) {
        const table = ctx.props.tableName;
        if (!AZURE_AUDIT_TABLES.includes(table)) ctx.notApplicable(`table ${table} holds no audit logs`);
        const env = ctx.environment();
        const min = minimumFor(ctx.config.minimumAuditLogRetentionDays, env.environment);
        const days = ctx.props.totalRetentionInDays ?? ctx.props.retentionInDays;
        if (typeof days !== "number" || days < min) ctx.report({ problem: `audit logs are kept less than the ${min}-day minimum for ${envNote(env)}`, found: days ?? "~not set (the workspace default)", fix: `set totalRetentionInDays: ${min} or more` });
    },
});

export const azureNetworkRequireFlowLogRetention = resourcePolicy({
    name: "azure-network-require-flow-log-retention",
    description:
        "Network Watcher flow logs (VNet flow logs) must be enabled and keep their records at least the environment's audit minimum (retentionPolicy.days; disabled retention or 0 = kept forever).",
    area: "logging",
    severity: "high",
    checkov: ["CKV_AZURE_12"],
    config: ["minimumAuditLogRetentionDays"],
    types: [T.azure.flowLog],
    remediation: "set enabled: true and retentionPolicy { enabled: true, days: <minimum..365> } (or 0 to keep forever)",
    validate(ctx) {
        const env = ctx.environment();
        const min = minimumFor(ctx.config.minimumAuditLogRetentionDays, env.environment);
        if (ctx.props.enabled !== true) ctx.report({ problem: `the flow log is not enabled in ${envNote(env)}`, found: ctx.props.enabled, fix: "set enabled: true" });
        const policy = ctx.props.retentionPolicy;
        // Retention off (or 0 days) keeps the records forever.
        if (!policy || policy.enabled !== true || policy.days === 0) return;
        if (typeof policy.days !== "number" || policy.days < min) {
            ctx.report({ problem: `flow logs are kept less than the ${min}-day minimum for ${envNote(env)}`, found: policy.days, fix: `set retentionPolicy.days: ${min} or more (at most 365; 0 keeps them forever)` });
        }
    },
});

export const azureNetworkRequireVnetFlowLogs = stackPolicy({
    name: "azure-network-require-vnet-flow-logs",
    description: "Every virtual network must have an enabled Network Watcher flow log targeting it (VNet flow logs; the AWS VPC / GCP subnet flow logs counterpart).",
    area: "logging",
    severity: "medium",
    types: [T.azure.virtualNetwork],
    remediation: "add a network.FlowLog { targetResourceId: <vnet>.id, enabled: true, storageId, retentionPolicy } under the region's Network Watcher",
    validate(ctx) {
        const flowLogs = ctx.ofType(T.azure.flowLog);
        for (const vnet of ctx.ofType(T.azure.virtualNetwork)) {
            const mine = flowLogs.filter((l) => configures(l, vnet, "targetResourceId", ["id", "virtualNetworkName"]));
            if (!mine.some((l) => get(l.props, "enabled") === true)) {
                ctx.report(vnet, {
                    problem: "the virtual network's traffic is not flow-logged",
                    found: mine.length ? mine.map((l) => read(l.props, "enabled")) : phrase("no FlowLog targets this VNet"),
                    fix: "add an enabled network.FlowLog with targetResourceId: <vnet>.id",
                });
            }
        }
    },
});

export const loggingPolicies: PlatformPolicy[] = [
    awsLbRequireAccessLogs,
    gcpComputeRequireBackendLogging,
    azureNetworkRequireAppgwAccessLogs,
    kubernetesIngressRequireAccessLogs,
    awsWafv2RequireLogging,
    azureNetworkRequireWafLogScrubbing,
    awsLogsRequireAuditRetention,
    awsCloudwatchRequireLogGroupKms,
    gcpLoggingRequireAuditRetention,
    azureOperationalinsightsRequireAuditRetention,
    azureNetworkRequireFlowLogRetention,
    azureNetworkRequireVnetFlowLogs,
];
