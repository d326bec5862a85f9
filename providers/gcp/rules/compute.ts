import type { Rule } from "../../shared/rules";
import { minimumAvailabilityHours } from "./maintenance";

/** Cloud Run, GKE, the external Application Load Balancer chain, IAM, logging and monitoring. */

/** Memory a Cloud Run instance may have per CPU setting (Gi). */
const CLOUD_RUN_MAX_MEMORY_GI: Record<string, number> = { "1": 4, "2": 8, "4": 16, "6": 24, "8": 32 };

const toGi = (m: string): number | undefined => {
    const x = /^(\d+(?:\.\d+)?)(Mi|Gi)$/.exec(m);
    return x ? Number(x[1]) / (x[2] === "Mi" ? 1024 : 1) : undefined;
};

export const gcpComputeRules: Rule[] = [
    {
        // Traffic targets (canary / blue-green): percents add up to 100, tags are unique, a
        // REVISION target names its revision and LATEST names none.
        id: "gcp/cloud-run-traffic",
        family: "combinations",
        types: ["gcp:cloudrunv2/service:Service"],
        doc: "https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services#traffictarget",
        check: (r) => {
            const traffic = (r.inputs.traffics ?? []) as any[];
            if (traffic.length === 0) return [];
            const problems: string[] = [];
            const sum = traffic.reduce((n, t) => n + (Number(t.percent) || 0), 0);
            if (sum !== 100) problems.push(`traffics percents add up to ${sum}, not 100`);
            const tags = traffic.map((t) => t.tag).filter(Boolean);
            if (new Set(tags).size !== tags.length) problems.push(`traffic tags repeat: ${tags.join(", ")}`);
            for (const t of traffic) {
                if (t.type === "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION" && !t.revision) problems.push("a REVISION traffic target without a revision");
                if (t.type === "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST" && t.revision) problems.push(`a LATEST traffic target names revision ${t.revision}`);
            }
            return problems;
        },
    },
    {
        // CPU x memory: 1 CPU up to 4 GiB, 2 up to 8, 4 up to 16, ...; > 512 MiB needs CPU >= 1; min <= max instances.
        id: "gcp/cloud-run-cpu-memory",
        family: "combinations",
        types: ["gcp:cloudrunv2/service:Service"],
        doc: "https://cloud.google.com/run/docs/configuring/services/memory-limits",
        check: (r) => {
            const t = r.inputs.template ?? {};
            const problems: string[] = [];
            for (const c of (t.containers ?? []) as any[]) {
                const cpu = String(c.resources?.limits?.cpu ?? "1");
                const memory = toGi(String(c.resources?.limits?.memory ?? "512Mi"));
                const max = CLOUD_RUN_MAX_MEMORY_GI[cpu];
                if (max === undefined) problems.push(`${c.name}: cpu ${cpu} is not 1, 2, 4, 6 or 8`);
                else if (memory === undefined || memory > max || memory < 0.125) problems.push(`${c.name}: memory ${c.resources?.limits?.memory} with cpu ${cpu}: 128Mi-${max}Gi`);
                for (const [kind, p] of [["liveness", c.livenessProbe], ["startup", c.startupProbe]] as const) {
                    if (p && p.timeoutSeconds > p.periodSeconds) problems.push(`${c.name}: ${kind} probe timeoutSeconds ${p.timeoutSeconds} exceeds periodSeconds ${p.periodSeconds}`);
                    if (p?.httpGet?.port !== undefined && c.ports?.containerPort !== undefined && p.httpGet.port !== c.ports.containerPort) problems.push(`${c.name}: ${kind} probe port ${p.httpGet.port} is not the container port ${c.ports.containerPort}`);
                }
            }
            const s = t.scaling ?? {};
            if (s.minInstanceCount > s.maxInstanceCount) problems.push(`minInstanceCount ${s.minInstanceCount} exceeds maxInstanceCount ${s.maxInstanceCount}`);
            if (t.maxInstanceRequestConcurrency > 1000) problems.push(`maxInstanceRequestConcurrency ${t.maxInstanceRequestConcurrency}: at most 1000`);
            return problems;
        },
    },
    {
        // At least 48 h of maintenance availability in every 32-day window (windows of >= 4 h).
        id: "gcp/gke-maintenance-availability",
        family: "windows",
        types: ["gcp:container/cluster:Cluster"],
        doc: "https://cloud.google.com/kubernetes-engine/docs/maintenance-window",
        check: (r) => {
            const w = r.inputs.maintenancePolicy?.recurringWindow;
            if (!w) return [];
            const hours = minimumAvailabilityHours(w);
            if (hours === undefined) return [`recurringWindow ${JSON.stringify(w)} is not a window GKE accepts`];
            return hours >= 48 ? [] : [`recurringWindow ${w.recurrence} ${w.startTime}-${w.endTime} gives ${hours} h in the worst 32 days; GKE requires 48 h`];
        },
    },
    {
        // Autopilot: a release channel, VPC-native with named secondary ranges, Workload Identity pool <project>.svc.id.goog.
        id: "gcp/gke-autopilot",
        family: "combinations",
        types: ["gcp:container/cluster:Cluster"],
        doc: "https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-overview",
        check: (r, plan) => {
            const i = r.inputs;
            const problems: string[] = [];
            if (i.enableAutopilot && i.releaseChannel?.channel === "UNSPECIFIED") problems.push("Autopilot clusters need a release channel");
            const subnet = plan.ofType("gcp:compute/subnetwork:Subnetwork").find((s) => JSON.stringify(i.subnetwork ?? "").includes(String(s.inputs.name)));
            const names = ((subnet?.inputs.secondaryIpRanges ?? []) as any[]).map((s) => s.rangeName);
            for (const key of ["clusterSecondaryRangeName", "servicesSecondaryRangeName"]) {
                const n = i.ipAllocationPolicy?.[key];
                if (n && subnet && !names.includes(n)) problems.push(`ipAllocationPolicy.${key} ${n} is not a secondary range of ${subnet.inputs.name}`);
            }
            if (i.workloadIdentityConfig && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]\.svc\.id\.goog$/.test(i.workloadIdentityConfig.workloadPool)) problems.push(`workloadPool ${i.workloadIdentityConfig.workloadPool} is not <project>.svc.id.goog`);
            if (((i.masterAuthorizedNetworksConfig?.cidrBlocks ?? []) as unknown[]).length > 50) problems.push("more than 50 master authorized networks");
            return problems;
        },
    },
    {
        // The load balancer chain: forwarding rule -> proxy -> URL map -> backend service -> serverless NEG, one scheme throughout.
        id: "gcp/load-balancer-chain",
        family: "companions",
        types: ["gcp:compute/globalForwardingRule:GlobalForwardingRule", "gcp:compute/backendService:BackendService", "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", "gcp:compute/targetHttpProxy:TargetHttpProxy", "gcp:compute/targetHttpsProxy:TargetHttpsProxy", "gcp:compute/uRLMap:URLMap"],
        doc: "https://cloud.google.com/load-balancing/docs/https/setting-up-https-serverless",
        check: (r, plan) => {
            const i = r.inputs;
            if (r.type === "gcp:compute/globalForwardingRule:GlobalForwardingRule") {
                const problems = /^(80|443|8080)$/.test(String(i.portRange)) ? [] : [`portRange ${i.portRange}: a target proxy listens on 80, 8080 or 443`];
                const proxy = [...plan.ofType("gcp:compute/targetHttpProxy:TargetHttpProxy"), ...plan.ofType("gcp:compute/targetHttpsProxy:TargetHttpsProxy")].find((p) => String(i.target).endsWith(`/${p.inputs.name}`));
                if (!proxy) problems.push(`target ${i.target} is not a proxy of this plan`);
                return problems;
            }
            if (r.type === "gcp:compute/backendService:BackendService") {
                const problems: string[] = [];
                for (const b of (i.backends ?? []) as any[]) {
                    const neg = plan.ofType("gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup").find((n) => String(b.group).endsWith(`/${n.inputs.name}`));
                    if (neg?.inputs.networkEndpointType === "SERVERLESS" && (i.healthChecks || i.portName || i.timeoutSec !== undefined)) problems.push("a backend service of serverless NEGs takes no health checks, portName or timeoutSec");
                }
                for (const f of plan.ofType("gcp:compute/globalForwardingRule:GlobalForwardingRule")) if (f.inputs.loadBalancingScheme !== i.loadBalancingScheme) problems.push(`loadBalancingScheme ${i.loadBalancingScheme} differs from forwarding rule ${f.inputs.name}'s ${f.inputs.loadBalancingScheme}`);
                return problems;
            }
            if (r.type === "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup") {
                if (i.networkEndpointType !== "SERVERLESS") return [];
                const run = plan.ofType("gcp:cloudrunv2/service:Service").find((s) => s.inputs.name === i.cloudRun?.service);
                return run && run.inputs.location === i.region ? [] : [`serverless NEG points at Cloud Run service ${i.cloudRun?.service}, not one of this plan in ${i.region}`];
            }
            if (r.type === "gcp:compute/targetHttpsProxy:TargetHttpsProxy") {
                const certs = (i.sslCertificates ?? []) as unknown[];
                return certs.length >= 1 && certs.length <= 15 ? [] : [`${certs.length} certificates; an HTTPS proxy takes 1-15`];
            }
            if (r.type === "gcp:compute/uRLMap:URLMap") return !!i.defaultService !== !!i.defaultUrlRedirect ? [] : ["a URL map needs exactly one of defaultService and defaultUrlRedirect"];
            return i.urlMap ? [] : ["a target proxy needs a URL map"];
        },
    },
    {
        // TLS: an SSL policy with minTlsVersion and profile (CUSTOM needs its features); managed certificates 1-100 domains.
        id: "gcp/ssl-policy-and-certificate",
        family: "combinations",
        types: ["gcp:compute/sSLPolicy:SSLPolicy", "gcp:compute/managedSslCertificate:ManagedSslCertificate"],
        doc: "https://cloud.google.com/load-balancing/docs/ssl-policies-concepts",
        check: (r) => {
            if (r.type === "gcp:compute/managedSslCertificate:ManagedSslCertificate") {
                const d = (r.inputs.managed?.domains ?? []) as string[];
                return d.length >= 1 && d.length <= 100 && d.every((x) => !x.startsWith("*.")) ? [] : ["a managed certificate takes 1-100 domains, no wildcards"];
            }
            if (r.inputs.profile === "CUSTOM" && !((r.inputs.customFeatures ?? []) as unknown[]).length) return ["profile CUSTOM needs customFeatures"];
            return r.inputs.profile !== "CUSTOM" && r.inputs.customFeatures ? ["customFeatures only with profile CUSTOM"] : [];
        },
    },
    {
        // Cloud Armor: rule priorities unique; a rate-based ban needs rate limit options; the default rule has priority 2147483647.
        id: "gcp/cloud-armor-rules",
        family: "combinations",
        types: ["gcp:compute/securityPolicy:SecurityPolicy"],
        doc: "https://cloud.google.com/armor/docs/security-policy-overview#rules",
        check: (r) => {
            const rules = (r.inputs.rules ?? []) as any[];
            const problems: string[] = [];
            const priorities = rules.map((x) => x.priority);
            if (new Set(priorities).size !== priorities.length) problems.push(`rule priorities repeat: ${priorities.join(", ")}`);
            if (rules.length > 0 && !priorities.includes(2147483647)) problems.push("no default rule (priority 2147483647)");
            for (const x of rules) if (["rate_based_ban", "throttle"].includes(x.action) && !x.rateLimitOptions) problems.push(`rule ${x.priority}: ${x.action} needs rateLimitOptions`);
            return problems;
        },
    },
    {
        // IAM bindings: a role is roles/<name> or a custom role path; a member is a typed principal.
        id: "gcp/iam-member",
        family: "combinations",
        types: ["gcp:projects/iAMMember:IAMMember", "gcp:storage/bucketIAMMember:BucketIAMMember", "gcp:secretmanager/secretIamMember:SecretIamMember", "gcp:serviceaccount/iAMMember:IAMMember", "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember"],
        doc: "https://cloud.google.com/iam/docs/reference/rest/v1/Policy#Binding",
        check: (r) => {
            const problems: string[] = [];
            if (!/^(roles\/[a-zA-Z0-9_.]+|(projects|organizations)\/[^/]+\/roles\/[a-zA-Z0-9_.]+)$/.test(String(r.inputs.role))) problems.push(`role ${r.inputs.role} is not roles/<name> or a custom role`);
            if (!/^(serviceAccount|user|group|domain|principal|principalSet):.+$|^allUsers$|^allAuthenticatedUsers$/.test(String(r.inputs.member))) problems.push(`member ${r.inputs.member} is not a typed principal`);
            if (String(r.inputs.member).startsWith("serviceAccount:") && !/^serviceAccount:([a-z0-9-]+@[a-z0-9-.]+\.gserviceaccount\.com|[a-z][a-z0-9-]+\.svc\.id\.goog\[[^/]+\/[^\]]+\])$/.test(String(r.inputs.member))) problems.push(`member ${r.inputs.member} is not a service account or Workload Identity principal`);
            return problems;
        },
    },
    {
        // Log buckets keep 1-3650 days; a sink's destination is a log bucket of this plan.
        id: "gcp/logging-retention-and-sink",
        family: "companions",
        types: ["gcp:logging/projectBucketConfig:ProjectBucketConfig", "gcp:logging/projectSink:ProjectSink"],
        doc: "https://cloud.google.com/logging/docs/buckets#custom-retention",
        check: (r, plan) => {
            if (r.type === "gcp:logging/projectBucketConfig:ProjectBucketConfig") return r.inputs.retentionDays >= 1 && r.inputs.retentionDays <= 3650 ? [] : [`retentionDays ${r.inputs.retentionDays}: allowed 1-3650`];
            const problems = String(r.inputs.filter ?? "").length > 20000 ? ["filter over 20,000 characters"] : [];
            const m = /^logging\.googleapis\.com\/projects\/[^/]+\/locations\/([^/]+)\/buckets\/(.+)$/.exec(String(r.inputs.destination));
            if (m && !plan.ofType("gcp:logging/projectBucketConfig:ProjectBucketConfig").some((b) => b.inputs.bucketId === m[2] && b.inputs.location === m[1])) problems.push(`destination ${r.inputs.destination} is not a log bucket of this plan`);
            return problems;
        },
    },
    {
        // Alert policies: 1-6 conditions, alignment periods of >= 60 s; an email channel has its address.
        id: "gcp/monitoring-alerts",
        family: "quotas",
        types: ["gcp:monitoring/alertPolicy:AlertPolicy", "gcp:monitoring/notificationChannel:NotificationChannel"],
        doc: "https://cloud.google.com/monitoring/quotas#alerting_uptime",
        check: (r) => {
            if (r.type === "gcp:monitoring/notificationChannel:NotificationChannel") return r.inputs.type !== "email" || /^[^@\s]+@[^@\s]+$/.test(String(r.inputs.labels?.email_address)) ? [] : ["an email channel needs labels.email_address"];
            const conditions = (r.inputs.conditions ?? []) as any[];
            const problems = conditions.length >= 1 && conditions.length <= 6 ? [] : [`${conditions.length} conditions; an alert policy takes 1-6`];
            for (const c of conditions) {
                for (const a of c.conditionThreshold?.aggregations ?? []) {
                    const s = /^(\d+)s$/.exec(String(a.alignmentPeriod ?? "60s"));
                    if (!s || Number(s[1]) < 60) problems.push(`alignmentPeriod ${a.alignmentPeriod}: at least 60s`);
                }
            }
            return problems;
        },
    },
    {
        // Cloud Run ingress and Cloud SQL database/user companions: they name an instance of this plan.
        id: "gcp/cloud-sql-companions",
        family: "companions",
        types: ["gcp:sql/database:Database", "gcp:sql/user:User"],
        doc: "https://cloud.google.com/sql/docs/postgres/create-manage-databases",
        check: (r, plan) => plan.ofType("gcp:sql/databaseInstance:DatabaseInstance").some((i) => i.inputs.name === r.inputs.instance) ? [] : [`instance ${r.inputs.instance} is not a Cloud SQL instance of this plan`],
    },
];
