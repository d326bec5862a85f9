import type { Rule } from "../../shared/rules";
import { minimumAvailabilityHours } from "./maintenance";

/** GKE, IAM, logging and the Cloud SQL companions: the compute rules of types several components create. */

export const gcpComputeRules: Rule[] = [
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
        // Cloud Run ingress and Cloud SQL database/user companions: they name an instance of this plan.
        id: "gcp/cloud-sql-companions",
        family: "companions",
        types: ["gcp:sql/database:Database", "gcp:sql/user:User"],
        doc: "https://cloud.google.com/sql/docs/postgres/create-manage-databases",
        check: (r, plan) => plan.ofType("gcp:sql/databaseInstance:DatabaseInstance").some((i) => i.inputs.name === r.inputs.instance) ? [] : [`instance ${r.inputs.instance} is not a Cloud SQL instance of this plan`],
    },
];
