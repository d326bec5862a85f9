import type { Rule } from "../../shared/rules";

/** PostgreSQL flexible server, Azure Cache for Redis and Key Vault. */

const SERVER = "azure-native:dbforpostgresql:Server";
/** The delegation a VNet-integrated flexible server needs on its subnet. */
const PG_DELEGATION = "Microsoft.DBforPostgreSQL/flexibleServers";
const LINK = "azure-native:privatedns:VirtualNetworkLink";

/** Storage sizes (GiB) a flexible server accepts. */
const PG_STORAGE_GB = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];

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
        // VNet integration: the delegated subnet, and the private DNS zone linked to the VNet before the server is created.
        id: "azure/postgres-network-companions",
        family: "companions",
        types: [SERVER],
        doc: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-private#private-dns-zone-and-virtual-network-peering",
        check: (r, plan) => {
            const net = r.inputs.network ?? {};
            if (!net.delegatedSubnetResourceId) return [];
            const problems: string[] = [];
            const subnet = plan.resolve("azure-native:network:Subnet", net.delegatedSubnetResourceId);
            if (subnet && !((subnet.inputs.delegations ?? []) as any[]).some((d) => d.serviceName === PG_DELEGATION)) problems.push(`subnet ${subnet.inputs.subnetName} is not delegated to ${PG_DELEGATION}`);
            const zone = plan.resolve("azure-native:privatedns:PrivateZone", net.privateDnsZoneArmResourceId);
            if (!zone) return [...problems, `privateDnsZoneArmResourceId ${net.privateDnsZoneArmResourceId} is not a private DNS zone of this plan`];
            if (!String(zone.inputs.privateZoneName).endsWith(".postgres.database.azure.com")) problems.push(`private DNS zone ${zone.inputs.privateZoneName} does not end in .postgres.database.azure.com`);
            const links = plan.ofType(LINK).filter((l) => l.inputs.privateZoneName === zone.inputs.privateZoneName);
            if (links.length === 0) problems.push(`private DNS zone ${zone.inputs.privateZoneName} is not linked to a VNet`);
            else if (!links.some((l) => plan.waitsFor(r, l))) problems.push(`the server does not wait for the VNet link of ${zone.inputs.privateZoneName}`);
            return problems;
        },
    },
    {
        // Zone-redundant HA needs General Purpose or Memory Optimized, and a standby zone other than the primary's.
        id: "azure/postgres-high-availability",
        family: "combinations",
        types: [SERVER],
        doc: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-high-availability",
        check: (r) => {
            const ha = r.inputs.highAvailability ?? {};
            if (ha.mode !== "ZoneRedundant" && ha.mode !== "SameZone") return [];
            const problems = r.inputs.sku?.tier === "Burstable" ? ["high availability is not offered on Burstable"] : [];
            if (ha.mode === "ZoneRedundant" && ha.standbyAvailabilityZone === r.inputs.availabilityZone) problems.push(`standby zone ${ha.standbyAvailabilityZone} is the primary's zone`);
            return problems;
        },
    },
    {
        // Backups 7-35 days; storage from the fixed sizes; custom maintenance window day 0-6, hour 0-23, minute 0/30.
        id: "azure/postgres-backup-storage-maintenance",
        family: "windows",
        types: [SERVER],
        doc: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore",
        check: (r) => {
            const problems: string[] = [];
            const days = r.inputs.backup?.backupRetentionDays;
            if (days !== undefined && (days < 7 || days > 35)) problems.push(`backupRetentionDays ${days}: allowed 7-35`);
            const gb = r.inputs.storage?.storageSizeGB;
            if (gb !== undefined && !PG_STORAGE_GB.includes(gb)) problems.push(`storageSizeGB ${gb}: allowed ${PG_STORAGE_GB.join(", ")}`);
            const w = r.inputs.maintenanceWindow;
            if (w?.customWindow === "Enabled" && (w.dayOfWeek < 0 || w.dayOfWeek > 6 || w.startHour < 0 || w.startHour > 23 || ![0, 30].includes(w.startMinute ?? 0))) problems.push(`maintenanceWindow day ${w.dayOfWeek} ${w.startHour}:${w.startMinute}: day 0-6, hour 0-23, minute 0 or 30`);
            if (!/^(Standard_B\d+m?s|Standard_D\d+d?s_v[345]|Standard_E\d+d?s_v[345])$/.test(String(r.inputs.sku?.name))) problems.push(`sku ${r.inputs.sku?.name} is not a flexible server compute size`);
            return problems;
        },
    },
    {
        // Azure applies one server parameter change at a time: each Configuration waits for the previous one.
        id: "azure/postgres-configurations-serialised",
        family: "companions",
        types: ["azure-native:dbforpostgresql:Configuration", "azure-native:dbforpostgresql:Database"],
        doc: "https://learn.microsoft.com/azure/postgresql/flexible-server/howto-configure-server-parameters",
        check: (r, plan) => {
            const server = plan.ofType(SERVER).find((s) => s.inputs.serverName === r.inputs.serverName);
            if (!server) return [`server ${r.inputs.serverName} is not a flexible server of this plan`];
            if (r.type !== "azure-native:dbforpostgresql:Configuration") return [];
            const siblings = plan.ofType(r.type).filter((c) => c.inputs.serverName === r.inputs.serverName && c.urn !== r.urn);
            const unordered = siblings.filter((c) => !plan.waitsFor(r, c) && !plan.waitsFor(c, r));
            return unordered.map((c) => `configuration ${r.inputs.configurationName} and ${c.inputs.configurationName} may be applied concurrently`);
        },
    },
    {
        // Premium for VNet/private endpoint + zones + RDB persistence; replicas 1-3; RDB frequency from the allowed set; capacity per family.
        id: "azure/redis-sku-features",
        family: "combinations",
        types: ["azure-native:redis:Redis"],
        doc: "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-premium-persistence",
        check: (r) => {
            const i = r.inputs;
            const premium = i.sku?.name === "Premium";
            const problems: string[] = [];
            if (i.sku?.family === "P" ? !premium || i.sku.capacity < 1 || i.sku.capacity > 5 : premium || i.sku?.capacity < 0 || i.sku?.capacity > 6) problems.push(`sku ${i.sku?.name} ${i.sku?.family}${i.sku?.capacity} is not an offered size`);
            const rdb = i.redisConfiguration?.rdbBackupEnabled === "true";
            if ((rdb || i.zones || i.replicasPerMaster) && !premium) problems.push("persistence, zones and replicas need the Premium tier");
            if (rdb && !["15", "30", "60", "360", "720", "1440"].includes(String(i.redisConfiguration?.rdbBackupFrequency))) problems.push(`rdbBackupFrequency ${i.redisConfiguration?.rdbBackupFrequency}: 15, 30, 60, 360, 720 or 1440 minutes`);
            if (i.replicasPerMaster !== undefined && (i.replicasPerMaster < 1 || i.replicasPerMaster > 3)) problems.push(`replicasPerMaster ${i.replicasPerMaster}: allowed 1-3`);
            if (i.zones && i.replicasPerMaster !== undefined && i.zones.length > i.replicasPerMaster + 1) problems.push(`${i.zones.length} zones for ${i.replicasPerMaster + 1} nodes`);
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
