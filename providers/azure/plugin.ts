import { z } from "zod";
import type { CloudPlugin } from "../../components/config/cloud-plugin";
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
    loadBalancerLimits: AZURE_LOAD_BALANCER_LIMITS,
    configSchema: (kit) => z.strictObject({
        location: kit.region.optional(),
        subscriptionId: z.uuid({ error: "an Azure subscription id (a UUID)" }).optional(),
    }),
    statefulTypes: {
        "azure-native:dbforpostgresql:Server": "PostgreSQL flexible server",
        "azure-native:dbforpostgresql:Database": "PostgreSQL database (its tables)",
        "azure-native:redis:Redis": "Azure Cache for Redis",
        "azure-native:cache:Redis": "Azure Cache for Redis",
        "azure-native:storage:StorageAccount": "storage account",
        "azure-native:storage:BlobContainer": "blob container",
        "azure-native:keyvault:Vault": "Key Vault",
    },
} as const satisfies CloudPlugin<"azure">;
