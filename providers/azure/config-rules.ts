import type { CloudDisasterRecovery, PluginConfigView, PluginProblem } from "../../components/config/cloud-plugin";

/** Azure's config rules beyond the section's shape (plain data and pure functions: loads no SDK). */

/**
 * Azure's fixed region pairs, where geo-redundant backups and GZRS storage replicate,
 * https://learn.microsoft.com/azure/reliability/cross-region-replication-azure
 */
const REGION_PAIRS = {
    eastus: "westus", westus: "eastus", eastus2: "centralus", centralus: "eastus2", westus2: "westcentralus", westcentralus: "westus2",
    northcentralus: "southcentralus", southcentralus: "northcentralus", westus3: "eastus",
    northeurope: "westeurope", westeurope: "northeurope", uksouth: "ukwest", ukwest: "uksouth",
    germanywestcentral: "germanynorth", francecentral: "francesouth", japaneast: "japanwest", australiaeast: "australiasoutheast",
};

export const AZURE_DISASTER_RECOVERY: CloudDisasterRecovery = {
    regionPairs: REGION_PAIRS,
    // Geo-redundant backups and RA-GZRS data go to the Azure-defined pair, nowhere else.
    fixedPairs: true,
    // Flexible server restores a point in time only (no backup ids).
    backupId: undefined,
    restoreSource: {
        pattern: /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/[a-z0-9-]{3,63}$/i,
        rule: "the ARM id of a flexible server (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.DBforPostgreSQL/flexibleServers/<name>)",
    },
};

export function azureConfigProblems(cfg: PluginConfigView): PluginProblem[] {
    // https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-multi-replicas (Premium: up to 3 replicas)
    return cfg.cache.nodes > 4
        ? [{ key: "platform:cache.nodes", value: cfg.cache.nodes, allowed: "1 to 4 on Azure (Azure Cache for Redis Premium has at most 3 replicas)" }]
        : [];
}
