import { AZURE_DATABASE_EXTENSIONS } from "./database-extensions";
import { z } from "../../components/config/zod";
import type { CloudPlugin } from "../../components/config/cloud-plugin";
import { AZURE_DISASTER_RECOVERY, azureConfigProblems } from "./config-rules";
import { AZURE_LOAD_BALANCER_LIMITS } from "./load-balancer-limits";
import { AZURE_LOCATIONS } from "./regions";

/** What the rest of the program knows about Azure (plain data: loads no SDK). */
export const azurePlugin = {
    name: "azure",
    article: "an Azure",
    sdkPackages: ["@pulumi/azure-native"],
    regions: AZURE_LOCATIONS,
    regionKey: "location",
    defaultRegion: "eastus",
    /** Its rows of the README configuration reference. */
    referenceRows: [
        { label: "`azure.location`, `azure.subscriptionId`", keys: ["azure.location", "azure.subscriptionId"], allowed: "an Azure location (`providers/azure/regions.ts`), UUID", defaults: { production: "`eastus`", staging: "`eastus`" }, change: "replaces everything" },
    ],
    loadBalancerLimits: AZURE_LOAD_BALANCER_LIMITS,
    configSchema: (kit) => z.strictObject({
        location: kit.region.optional(),
        subscriptionId: z.uuid({ error: "an Azure subscription id (a UUID)" }).optional(),
    }),
    providerConfigKeys: { "azure-native:location": "location", "azure-native:subscriptionId": "subscriptionId" },
    databaseExtensions: AZURE_DATABASE_EXTENSIONS,
    workloadIdentityEndpoints: [],
    // pgaadauth_create_principal(name, isAdmin false, isMfa false), run by an Entra administrator of the server,
    // https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-manage-azure-ad-users#create-a-userrole-using-microsoft-entra-principal-name
    createDatabaseLogin: (login) => [`SELECT * FROM pgaadauth_create_principal('${login.literal}', false, false);`],
    databaseService: "Azure flexible server",
    cacheService: "Azure Cache for Redis",
    // Azure Cache for Redis has a primary and a secondary access key (docs/cloud-mapping.md, Cache AUTH rotation).
    cacheKeySlots: true,
    internalReleaseCandidates: true,
    stackInitKeys: { subscriptionId: "<subscription-id>" },
    disasterRecovery: AZURE_DISASTER_RECOVERY,
    configProblems: (_section, cfg) => azureConfigProblems(cfg),
    /** The workload identity's client id (Container Apps, jobs; on AKS the webhook injects it) and the blob endpoint of its object store. */
    platformEnv: ["AZURE_CLIENT_ID", "AZURE_STORAGE_BLOB_ENDPOINT"],
} as const satisfies CloudPlugin<"azure">;
