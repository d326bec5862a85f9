import * as pulumi from "@pulumi/pulumi";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import { RandomPassword } from "@pulumi/random/randomPassword";
import { DatabaseRestore, restoredName } from "../../components/config";
import { preloadLibraries } from "../../components/config/extensions";
import { DATABASE_ENV, type DatabaseArgs, type DatabaseOutputs } from "../../components/database";
import { childName, physicalName, primaryNaming } from "../../components/naming";
import { AzureContext, singleHyphens } from "./context";
import { azureHandles, type StoredVaultSecret } from "./handles";
import { postgresMaintenanceWindow } from "./maintenance";
import { databaseSku } from "./sizes";
import { diagnostics } from "./diagnostics";
import { vaultSecret } from "./secrets";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { Transform } from "../../components/transform";
import type { RandomPasswordArgs } from "@pulumi/random/randomPassword";
import { AzureGrant, grantTo } from "./workload-grants";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import type { Rule } from "../shared/rules";
import { SPEC, TAGS } from "./replacement";
import { azureNameRule as n } from "./rules/names";
import { SERVER } from "./rules/data";

/** Flexible server storage comes in fixed sizes: the smallest one that holds `storageGb`. */
export const STORAGE_SIZES_GB = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];
export function storageSizeGb(requested: number): number {
    return STORAGE_SIZES_GB.find((s) => s >= requested) ?? STORAGE_SIZES_GB[STORAGE_SIZES_GB.length - 1]!;
}

/** Server parameters every tier sets: TLS-only (1.2+), slow-query logging, Query Store (query insights). */
export const SERVER_PARAMETERS: Record<string, string> = {
    require_secure_transport: "on",
    ssl_min_protocol_version: "TLSv1.2",
    log_min_duration_statement: "1000",
    "pg_qs.query_capture_mode": "top",
    "pgms_wait_sampling.query_capture_mode": "all",
    track_io_timing: "on",
};

export const ADMIN_LOGIN = "platformadmin";

/**
 * `database.extensions` as server parameters: each one on the `azure.extensions` allow-list
 * (CREATE EXTENSION fails otherwise), and the ones that need it in `shared_preload_libraries`
 * (static: applied at the next restart). None without extensions, so nothing changes then.
 * https://learn.microsoft.com/azure/postgresql/extensions/how-to-allow-extensions
 */
export function extensionParameters(extensions: string[]): Record<string, string> {
    if (extensions.length === 0) return {};
    const preload = preloadLibraries("azure", extensions);
    return {
        "azure.extensions": [...extensions].sort().join(","),
        ...(preload.length ? { shared_preload_libraries: preload.join(",") } : {}),
    };
}

/**
 * `platform:database.restore` as flexible server create arguments: `PointInTimeRestore` of this
 * stack's server, or in a recovery stack `GeoRestore` of the primary's server from its
 * geo-redundant backups in the paired region; both need `sourceServerResourceId` and
 * `pointInTimeUTC` (azure-native dbforpostgresql Server, createMode), and keep the source's
 * administrator, so login and password are not sent.
 * https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore#geo-redundant-backup-and-restore
 */
export function flexibleServerRestoreArgs(ctx: AzureContext, restore: DatabaseRestore | undefined): Partial<dbforpostgresql.ServerArgs> {
    if (!restore || restore.kind !== "pointInTime") return {};
    const primary = primaryNaming(ctx.cfg);
    const source = restore.source ?? ctx.foundation.resourceGroupId.apply((id) =>
        `${id.split("/resourceGroups/")[0]}/resourceGroups/${singleHyphens(physicalName(primary, "rg"))}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${singleHyphens(physicalName(primary, "pg"))}`);
    return { createMode: ctx.cfg.dr.role === "recovery" ? "GeoRestore" : "PointInTimeRestore", sourceServerResourceId: source, pointInTimeUTC: restore.time };
}

/**
 * PostgreSQL 16 flexible server: VNet-integrated (delegated subnet + private DNS zone, no
 * public access), encrypted at rest by the service, backups per tier (geo-redundant and
 * zone-redundant HA in production), maintenance Sunday 04:00 UTC. The admin password is
 * generated, stored in Key Vault and handed on only as the vault reference.
 *
 * Upgrade notes: `geoRedundantBackup` and the storage size cannot shrink/toggle in place
 * (Azure replaces or rejects); enabling HA later creates the standby only.
 */
export function createDatabase(run: AzureContext, scope: pulumi.ComponentResource, name: string, args: DatabaseArgs): DatabaseOutputs {
    const ctx = run.withFoundation(azureHandles.read("network", args.network.handle, "database"));
    const f = ctx.foundation;
    const t = args.transform?.azure;

    const password = ctx.createRandom(RandomPassword, scope, childName(name, "password"),
        { length: 32, special: true, overrideSpecial: "!#%*()-_=+[]{}:?", minLower: 2, minUpper: 2, minNumeric: 2, minSpecial: 2 },
        t?.password);
    const { reference, stored } = vaultSecret(ctx, scope, childName(name, "password-secret"), {
        secretName: "database-password",
        value: password.result,
        contentType: "text/plain; postgresql admin password",
    });

    const sku = databaseSku(args.size, args.highAvailability);
    const server = ctx.create(dbforpostgresql.Server, scope, childName(name, "server"), {
        serverName: restoredName(ctx.physical("pg"), args.restore),
        resourceGroupName: f.resourceGroupName,
        location: ctx.location,
        version: "16",
        sku: { name: sku.name, tier: sku.tier },
        ...(args.restore ? flexibleServerRestoreArgs(ctx, args.restore) : { administratorLogin: ADMIN_LOGIN, administratorLoginPassword: pulumi.secret(password.result) }),
        // Password auth stays for the platform admin (the admin job); services log in with Entra ID
        // as their managed identities (compute-service.ts serviceIdentity). azure-native 3.28.0
        // dbforpostgresql AuthConfig: activeDirectoryAuth, passwordAuth, tenantId.
        authConfig: { passwordAuth: "Enabled", activeDirectoryAuth: "Enabled", tenantId: ctx.tenantId },
        storage: { storageSizeGB: storageSizeGb(args.storageGb), autoGrow: "Enabled" },
        backup: {
            backupRetentionDays: args.backupRetentionDays,
            // Geo-redundant backups live in the Azure paired region (platform:dr.region must be it).
            geoRedundantBackup: args.copyRegion ? "Enabled" : "Disabled",
        },
        availabilityZone: f.zones[0],
        // Zone-redundant HA needs a standby zone other than the primary's: with one zone, the
        // standby goes in the same zone (SameZone HA).
        // https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-high-availability
        highAvailability: !args.highAvailability ? { mode: "Disabled" }
            : f.zones.length > 1 ? { mode: "ZoneRedundant", standbyAvailabilityZone: f.zones[1] }
            : { mode: "SameZone" },
        maintenanceWindow: postgresMaintenanceWindow(args.maintenanceWindow),
        network: {
            delegatedSubnetResourceId: f.subnets.database,
            privateDnsZoneArmResourceId: f.privateDnsZoneIds.postgres,
            publicNetworkAccess: "Disabled",
        },
        tags: ctx.tags,
    // The private DNS zone must be linked to the VNet before the server is created in it:
    // the server registers and resolves its name through the linked zone.
    // https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-private#private-dns-zone-and-virtual-network-peering
    }, t?.server, { protect: args.protect, dependsOn: [f.postgresDnsLink] });

    // Azure applies one parameter change at a time per server: chain them.
    let previous: pulumi.Resource = server;
    for (const [parameter, value] of Object.entries({ ...SERVER_PARAMETERS, ...extensionParameters(ctx.cfg.database.extensions) })) {
        previous = ctx.create(dbforpostgresql.Configuration, scope, childName(name, parameter.replace(/[._]/g, "-")), {
            configurationName: parameter,
            serverName: server.name,
            resourceGroupName: f.resourceGroupName,
            value,
            source: "user-override",
        }, t?.configuration, { dependsOn: [previous] });
    }

    const database = ctx.create(dbforpostgresql.Database, scope, childName(name, "database"), {
        databaseName: args.databaseName,
        serverName: server.name,
        resourceGroupName: f.resourceGroupName,
        charset: "UTF8",
        collation: "en_US.utf8",
    }, t?.database, { dependsOn: [previous] });

    diagnostics(ctx, scope, childName(name, "diagnostics"), server.id);
    if (args.deletionProtection) ctx.deleteLock(scope, childName(name, "lock"), server.id, "Production database: remove this lock deliberately before deleting the server.");

    return {
        endpoint: server.fullyQualifiedDomainName,
        port: pulumi.output(5432),
        databaseName: database.name,
        username: pulumi.output(ADMIN_LOGIN),
        passwordSecret: reference,
        resourceId: server.id,
        handle: azureHandles.wrap("database", { serverId: server.id, maxConnections: sku.maxConnections, secret: stored, grant }),
    };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/azure/index.ts. */
export const builder: CloudBuilder<AzureContext, "database"> = createDatabase;

/**
 * What a workload bound to the database is given on Azure (workload-grants.ts). An `app`
 * workload logs in as its managed identity (Entra ID authentication on the flexible server), a
 * non-admin Entra principal named like the identity, which the migration job creates once with
 * `pgaadauth_create_principal` (databaseSetupSql): no grant here. Only an `admin` job reads the
 * admin password, and its identity is the server's Entra administrator
 * (dbforpostgresql.Administrator makes an Entra *admin*, which is why no service gets one), the
 * role `pgaadauth_create_principal` needs:
 * https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-manage-azure-ad-users
 */
export const grant: AzureGrant<{ serverId: pulumi.Output<string>; secret: StoredVaultSecret }, DatabaseOutputs> = (ctx, scope, name, to, db, outputs) => {
    if (!to.admin) return { grants: [], login: to.identity.name };
    const grants = [grantTo(ctx, scope, name, to, "database-password-reader", "keyVaultSecretsUser", db.secret.secretId)];
    grants.push(ctx.create(dbforpostgresql.Administrator, scope, childName(name, "database-admin"), {
        resourceGroupName: ctx.foundation.resourceGroupName,
        serverName: db.serverId.apply((id) => id.split("/").pop()!),
        objectId: to.identity.principalId,
        principalName: to.identity.name,
        // The 2025-01-01-preview API's enum (azure-native 3.28.0 types/enums/dbforpostgresql PrincipalType).
        principalType: dbforpostgresql.PrincipalType.ServicePrincipal,
        tenantId: ctx.tenantId,
    }));
    return { grants, login: outputs.username, secretNames: { [DATABASE_ENV.password]: "database-password" } };
};

/** Typed escape hatches for this component's Azure children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface AzureDatabaseTransforms {
    /** The PostgreSQL flexible server. */
    server?: Transform<dbforpostgresql.ServerArgs>;
    /** Every server parameter (`require_secure_transport`, `ssl_min_protocol_version`, ...). */
    configuration?: Transform<dbforpostgresql.ConfigurationArgs>;
    /** The application database. */
    database?: Transform<dbforpostgresql.DatabaseArgs>;
    /** The generated administrator password. */
    password?: Transform<RandomPasswordArgs>;
}

declare module "../../components/database" {
    interface DatabaseTransforms { azure?: AzureDatabaseTransforms }
}

/** What this component hands to the components built on it (providers/azure/handles.ts). */
declare module "./handles" {
    interface AzureHandles {
        database: { serverId: pulumi.Output<string>; maxConnections: number; secret: StoredVaultSecret; grant: typeof grant };
    }
}

/*
 * The offline engine's facts (`npm run diff` and the deploy-rule specs read them) of the Azure types only the database
 * creates: which inputs replace them, their deploy rules and which of them hold data. providers/azure/engine.ts
 * merges them with the facts of the types several components create.
 */

const replacement: ReplacementTable = {
    "azure-native:dbforpostgresql:Configuration": {
        source: `${SPEC}postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/*/Configuration.json (path parameters)`,
        replace: ["configurationName", "resourceGroupName", "serverName"],
        update: ["source", "value"],
    },
    "azure-native:dbforpostgresql:Database": {
        source: `${SPEC}postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/*/Databases.json (no update operation)`,
        replace: ["databaseName", "resourceGroupName", "serverName", "charset", "collation"],
        update: [],
    },
    "azure-native:dbforpostgresql:Server": {
        source: `${SPEC}postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/*/FlexibleServers.json (administratorLogin, network, geoRedundantBackup create-only)`,
        replace: ["serverName", "resourceGroupName", "location", "administratorLogin", "network.delegatedSubnetResourceId", "network.privateDnsZoneArmResourceId",
            "backup.geoRedundantBackup", "createMode", "sourceServerResourceId", "pointInTimeUTC"],
        update: [...TAGS, "administratorLoginPassword", "authConfig", "backup.backupRetentionDays", "highAvailability", "maintenanceWindow", "sku", "storage",
            "version", "replicationRole", "identity", "dataEncryption.primaryKeyURI", "dataEncryption.primaryUserAssignedIdentityId"],
        undecided: ["availabilityZone", "network.publicNetworkAccess", "dataEncryption.type"],
    },
};

/** The delegation a VNet-integrated flexible server needs on its subnet. */
const PG_DELEGATION = "Microsoft.DBforPostgreSQL/flexibleServers";
const LINK = "azure-native:privatedns:VirtualNetworkLink";

/** Storage sizes (GiB) a flexible server accepts: stated apart from STORAGE_SIZES_GB, so the rule checks the builder's choice instead of repeating it. */
const PG_STORAGE_GB = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];

const rules: Rule[] = [
    n("postgres-server-name", "azure-native:dbforpostgresql:Server", "serverName", 63, /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and hyphens, not starting or ending with a hyphen", 3),
    n("postgres-database-name", "azure-native:dbforpostgresql:Database", "databaseName", 63, /^[A-Za-z_][A-Za-z0-9_]*$/, "a PostgreSQL identifier"),
    n("postgres-admin-login", "azure-native:dbforpostgresql:Server", "administratorLogin", 63, /^(?!azure_|admin$|administrator$|root$|guest$|public$|pg_)[A-Za-z][A-Za-z0-9_]*$/, "a letter first, letters, digits and underscores; not azure_*, pg_*, admin, administrator, root, guest or public"),
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
];

export const engineFacts: EngineFacts = { replacement, rules, statefulTypes: { "azure-native:dbforpostgresql:Server": "PostgreSQL flexible server", "azure-native:dbforpostgresql:Database": "PostgreSQL database (its tables)" } };
