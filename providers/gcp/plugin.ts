import { GCP_DATABASE_EXTENSIONS } from "./database-extensions";
import { z } from "../../components/config/zod";
import type { CloudPlugin } from "../../components/config/cloud-plugin";
import { GCP_DISASTER_RECOVERY, gcpConfigProblems } from "./config-rules";
import { GCP_LOAD_BALANCER_LIMITS } from "./load-balancer-limits";
import { GCP_REGIONS } from "./regions";

const section = (kit: Parameters<CloudPlugin["configSchema"]>[0]) => z.strictObject({
    project: kit.bounded(30, /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "a GCP project id (6-30 lowercase letters, digits, hyphens)").optional(),
    /** The billing account the stack's budget watches (needed only with monitoring.budget on). */
    billingAccount: kit.bounded(20, /^[A-F0-9]{6}-[A-F0-9]{6}-[A-F0-9]{6}$/, "a billing account id such as 01A2B3-C4D5E6-F7A8B9").optional(),
    region: kit.region.optional(),
});

/** What the rest of the program knows about GCP (plain data: loads no SDK). */
export const gcpPlugin = {
    name: "gcp",
    article: "a GCP",
    sdkPackages: ["@pulumi/gcp"],
    regions: GCP_REGIONS,
    regionKey: "region",
    defaultRegion: "us-central1",
    /** Its rows of the README configuration reference. */
    referenceRows: [
        { label: "`gcp.project`, `gcp.region`", keys: ["gcp.project", "gcp.region"], allowed: "project id (required on GCP), a GCP region (`providers/gcp/regions.ts`)", defaults: { production: "—, `us-central1`", staging: "—, `us-central1`" }, change: "replaces everything" },
        { label: "`gcp.billingAccount`", keys: ["gcp.billingAccount"], allowed: "billing account id `XXXXXX-XXXXXX-XXXXXX`; required on GCP while `monitoring.budget.enabled`", defaults: { production: "—", staging: "—" }, change: "in place (the budget)" },
    ],
    loadBalancerLimits: GCP_LOAD_BALANCER_LIMITS,
    configSchema: section,
    providerConfigKeys: { "gcp:project": "project", "gcp:region": "region" },
    databaseExtensions: GCP_DATABASE_EXTENSIONS,
    // The GKE metadata server (workload identity): http://169.254.169.254 and its 169.254.169.252:988 sidecar.
    workloadIdentityEndpoints: [{ cidr: "169.254.169.254/32", port: 80 }, { cidr: "169.254.169.252/32", port: 988 }],
    // The IAM users exist already (gcp.sql.User type CLOUD_IAM_SERVICE_ACCOUNT), https://cloud.google.com/sql/docs/postgres/add-manage-iam-users#grant-db-privileges
    createDatabaseLogin: () => [],
    databaseService: "Cloud SQL",
    cacheService: "Memorystore",
    cacheKeySlots: false,
    internalReleaseCandidates: true,
    stackInitKeys: {},
    disasterRecovery: GCP_DISASTER_RECOVERY,
    problems: (s: z.infer<ReturnType<typeof section>> | undefined) =>
        s?.project ? [] : [{ key: "platform:gcp.project", value: undefined, allowed: "a GCP project id; required when platform:cloud is gcp" }],
    configProblems: (s: z.infer<ReturnType<typeof section>> | undefined, cfg) => gcpConfigProblems(s, cfg),
    platformEnv: [],
} as const satisfies CloudPlugin<"gcp", ReturnType<typeof section>>;
