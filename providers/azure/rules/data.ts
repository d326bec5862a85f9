import type { Rule } from "../../shared/rules";

/**
 * The PostgreSQL Entra administrator and Key Vault: the data rules over types no plan or several
 * components create; the database's and the cache's own are in their builder files.
 */

/** The flexible server's type, which the Entra administrator rule here and the database's own rules (database.ts) look up. */
export const SERVER = "azure-native:dbforpostgresql:Server";

export const azureDataRules: Rule[] = [
    {
        // An Entra administrator needs Entra authentication on its server, and names one principal
        // by object id, name, type and tenant (azure-native 3.28.0 dbforpostgresql Administrator).
        // https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-configure-sign-in-azure-ad-authentication
        id: "azure/postgres-entra-administrator",
        family: "combinations",
        types: ["azure-native:dbforpostgresql:Administrator"],
        doc: "https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-configure-sign-in-azure-ad-authentication",
        check: (r, plan) => {
            const problems: string[] = [];
            for (const k of ["objectId", "principalName", "tenantId"]) if (!r.inputs[k]) problems.push(`${k} is required`);
            if (!["user", "group", "servicePrincipal"].includes(r.inputs.principalType)) problems.push(`principalType ${r.inputs.principalType}: user, group or servicePrincipal`);
            const server = plan.ofType(SERVER).find((s) => s.inputs.serverName === r.inputs.serverName);
            if (!server) problems.push(`server ${r.inputs.serverName} is not a flexible server of this plan`);
            else if (server.inputs.authConfig?.activeDirectoryAuth !== "Enabled") problems.push(`server ${r.inputs.serverName} does not enable authConfig.activeDirectoryAuth`);
            return problems;
        },
    },
    {
        // Key Vault: soft-delete retention 7-90 days; purge protection needs soft delete.
        id: "azure/key-vault-retention",
        family: "combinations",
        types: ["azure-native:keyvault:Vault", "azure-native:keyvault:Secret"],
        doc: "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview",
        check: (r, plan) => {
            if (r.type === "azure-native:keyvault:Secret") return plan.ofType("azure-native:keyvault:Vault").some((v) => v.inputs.vaultName === r.inputs.vaultName) ? [] : [`vault ${r.inputs.vaultName} is not a vault of this plan`];
            const p = r.inputs.properties ?? {};
            const problems: string[] = [];
            if (p.softDeleteRetentionInDays !== undefined && (p.softDeleteRetentionInDays < 7 || p.softDeleteRetentionInDays > 90)) problems.push(`softDeleteRetentionInDays ${p.softDeleteRetentionInDays}: allowed 7-90`);
            if (p.enablePurgeProtection && p.enableSoftDelete === false) problems.push("purge protection needs soft delete");
            return problems;
        },
    },
];
