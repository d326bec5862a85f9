import { nameRule, Rule } from "../../shared/rules";

/** GCP resource name limits, for the longest app and service names the config accepts. */

export const RFC1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const RFC1035_RULE = "a lowercase letter first, then lowercase letters, digits and hyphens, not ending with a hyphen (RFC 1035)";
const COMPUTE_NAMING = "https://cloud.google.com/compute/docs/naming-resources#resource-name-format";

/** Compute Engine (and networking) resources: RFC 1035 names of at most 63 characters. */
const COMPUTE_TYPES = [
    "gcp:compute/network:Network", "gcp:compute/subnetwork:Subnetwork", "gcp:compute/router:Router", "gcp:compute/routerNat:RouterNat",
    "gcp:compute/globalAddress:GlobalAddress", "gcp:compute/firewall:Firewall", "gcp:compute/sSLPolicy:SSLPolicy", "gcp:compute/securityPolicy:SecurityPolicy",
    "gcp:compute/uRLMap:URLMap", "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", "gcp:compute/managedSslCertificate:ManagedSslCertificate",
    "gcp:compute/targetHttpProxy:TargetHttpProxy", "gcp:compute/targetHttpsProxy:TargetHttpsProxy", "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    "gcp:compute/backendService:BackendService",
];

export const gcpNameRules: Rule[] = [
    nameRule({ id: "gcp/compute-resource-name", types: COMPUTE_TYPES, field: "name", max: 63, pattern: RFC1035, allowed: RFC1035_RULE, doc: COMPUTE_NAMING }),
    // The pattern is for built-in users: an IAM service-account user is named after the account (gcp/cloud-sql-iam-user).
    builtInUsersOnly(nameRule({ id: "gcp/cloud-sql-user-name", types: ["gcp:sql/user:User"], field: "name", max: 63, pattern: /^[A-Za-z_][A-Za-z0-9_$]*$/, allowed: "a PostgreSQL role name", doc: "https://cloud.google.com/sql/docs/postgres/create-manage-users" })),
    // Cloud Run service names: at most 49 characters (the URL needs the rest), RFC 1035.
    // Jobs allow 63 (https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.jobs/create); the program keeps them to a service's 49 (job.ts).
    nameRule({ id: "gcp/cloud-run-service-name", types: ["gcp:cloudrunv2/service:Service", "gcp:cloudrunv2/job:Job"], field: "name", max: 49, pattern: RFC1035, allowed: RFC1035_RULE, doc: "https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services/create" }),
    // https://cloud.google.com/iam/docs/service-accounts-create#creating (account id 6-30)
    nameRule({ id: "gcp/service-account-id", types: ["gcp:serviceaccount/account:Account"], field: "accountId", min: 6, max: 30, pattern: RFC1035, allowed: RFC1035_RULE, doc: "https://cloud.google.com/iam/docs/service-accounts-create" }),
    nameRule({ id: "gcp/service-account-display-name", types: ["gcp:serviceaccount/account:Account"], field: "displayName", max: 100, pattern: /^[\s\S]*$/, allowed: "at most 100 characters", doc: "https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts" }),
    // https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets/create
    nameRule({ id: "gcp/secret-id", types: ["gcp:secretmanager/secret:Secret"], field: "secretId", max: 255, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores", doc: "https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets/create" }),
    // https://cloud.google.com/kms/docs/resource-hierarchy#key_rings
    nameRule({ id: "gcp/kms-key-ring-name", types: ["gcp:kms/keyRing:KeyRing", "gcp:kms/cryptoKey:CryptoKey"], field: "name", max: 63, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores", doc: "https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings/create" }),
    // https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#Cluster (name: 1-40 for Autopilot/PSC)
    nameRule({ id: "gcp/gke-cluster-name", types: ["gcp:container/cluster:Cluster"], field: "name", max: 40, pattern: RFC1035, allowed: RFC1035_RULE, doc: "https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters#Cluster" }),
    // https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets/create (bucket id <= 100)
    nameRule({ id: "gcp/log-bucket-id", types: ["gcp:logging/projectBucketConfig:ProjectBucketConfig"], field: "bucketId", max: 100, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, underscores and hyphens", doc: "https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets/create" }),
    nameRule({ id: "gcp/log-sink-name", types: ["gcp:logging/projectSink:ProjectSink"], field: "name", max: 100, pattern: /^[A-Za-z0-9_.-]+$/, allowed: "letters, digits, underscores, hyphens and periods", doc: "https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.sinks/create" }),
];

/** An IAM user keeps only PostgreSQL's 63-character limit here: gcp/cloud-sql-iam-user checks its shape. */
function builtInUsersOnly(rule: Rule): Rule {
    return {
        ...rule,
        check: (r, plan) => (r.inputs.type ?? "BUILT_IN") === "BUILT_IN" ? rule.check(r, plan)
            : String(r.inputs.name).length > 63 ? [`name ${JSON.stringify(r.inputs.name)} is longer than PostgreSQL's 63 characters`] : [],
    };
}
