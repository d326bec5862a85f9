import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DatabaseRestore, restoredName } from "../../components/config";
import { extensionFlags } from "../../components/config/extensions";
import type { DatabaseArgs, DatabaseOutputs } from "../../components/database";
import { childName, limitedName, primaryNaming } from "../../components/naming";
import { GcpContext, hhmm } from "./context";
import { gcpHandles } from "./handles";
import { cloudSqlMaintenanceWindow } from "./maintenance";
import { storeSecret } from "./secrets";
import { CLOUD_SQL_TIER } from "./sizes";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { Transform } from "../../components/transform";
import { cloudSqlIamUser } from "../../components/database-access";
import { type GcpGrant, grantSecretRead } from "./workload-grants";
import type { EngineFacts } from "../shared/cloud-engine";
import { nameRule, type Rule } from "../shared/rules";
import { HW, MM } from "./replacement";
import { SQL, waitsForPsa } from "./rules/data";
import { RFC1035, RFC1035_RULE } from "./rules/names";

/** Cloud SQL (Enterprise) keeps at most 7 days of transaction logs for point-in-time recovery. */
const MAX_LOG_RETENTION_DAYS = 7;

export const DATABASE_USER = "platform_app";

/**
 * `platform:database.restore` as Cloud SQL create arguments: a point in time is a `clone` of the
 * source instance (this stack's own by default), a backup id restores that backup run of the
 * source (`restoreBackupContext`, also into another region, which is how a recovery stack reads
 * the backups kept in the DR location). https://cloud.google.com/sql/docs/postgres/backup-recovery/restoring
 */
export function cloudSqlRestoreArgs(ctx: GcpContext, restore: DatabaseRestore | undefined): Partial<gcp.sql.DatabaseInstanceArgs> {
    if (!restore) return {};
    const source = restore.source ?? limitedName(primaryNaming(ctx.cfg), 63, "postgres");
    return restore.kind === "pointInTime"
        ? { clone: { sourceInstanceName: source, pointInTime: restore.time } }
        : { restoreBackupContext: { backupRunId: Number(restore.id), instanceId: source, project: ctx.project } };
}

/**
 * Cloud SQL for PostgreSQL 16: private IP only on the private service access range, TLS
 * required (`sslMode` ENCRYPTED_ONLY), Google-managed encryption at rest, the tier's retained
 * backup count with point-in-time recovery, backups from 03:00 UTC, maintenance Sunday 04:00,
 * REGIONAL (HA) availability and deletion protection per tier, Query Insights and slow-query
 * logging. The application user's password is generated, stored in Secret Manager and
 * handed to compute as a reference.
 */
export function createDatabase(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: DatabaseArgs): DatabaseOutputs {
    const { cfg } = ctx;
    const t = args.transform?.gcp;
    const net = gcpHandles.read("network", args.network.handle, "database");
    const size = CLOUD_SQL_TIER[args.size];
    // A restore is a new instance beside the old one (Cloud SQL names are not reusable for a week anyway).
    const instanceName = restoredName(limitedName(cfg, 63, "postgres"), args.restore);

    const instance = ctx.create(gcp.sql.DatabaseInstance, scope, childName(name, "instance"), {
        name: instanceName,
        region: ctx.region,
        databaseVersion: "POSTGRES_16",
        deletionProtection: args.deletionProtection,
        ...cloudSqlRestoreArgs(ctx, args.restore),
        settings: {
            edition: "ENTERPRISE",
            tier: size.tier,
            availabilityType: args.highAvailability ? "REGIONAL" : "ZONAL",
            diskType: "PD_SSD",
            diskSize: args.storageGb,
            diskAutoresize: true,
            diskAutoresizeLimit: args.storageGb * 5,
            deletionProtectionEnabled: args.deletionProtection,
            ipConfiguration: {
                ipv4Enabled: false,
                privateNetwork: net.network.id,
                allocatedIpRange: net.privateRange.name,
                sslMode: "ENCRYPTED_ONLY",
                enablePrivatePathForGoogleCloudServices: false,
            },
            backupConfiguration: {
                enabled: true,
                startTime: hhmm(args.backupWindow.startHourUtc),
                // Where backups are stored: the DR region when copies leave the region (in place: not create-only).
                location: args.copyRegion ?? ctx.region,
                pointInTimeRecoveryEnabled: args.pointInTimeRecovery,
                transactionLogRetentionDays: Math.min(args.backupRetentionDays, MAX_LOG_RETENTION_DAYS),
                backupRetentionSettings: { retainedBackups: args.backupRetentionDays, retentionUnit: "COUNT" },
            },
            finalBackupConfig: args.finalSnapshot ? { enabled: true, retentionDays: args.backupRetentionDays } : { enabled: false },
            retainBackupsOnDelete: args.finalSnapshot,
            maintenanceWindow: cloudSqlMaintenanceWindow(args.maintenanceWindow),
            insightsConfig: {
                queryInsightsEnabled: true,
                queryStringLength: 1024,
                recordApplicationTags: true,
                recordClientAddress: false,
            },
            databaseFlags: [
                { name: "log_min_duration_statement", value: "1000" },
                { name: "log_connections", value: "on" },
                { name: "log_disconnections", value: "on" },
                { name: "log_lock_waits", value: "on" },
                { name: "log_checkpoints", value: "on" },
                { name: "log_temp_files", value: "0" },
                { name: "max_connections", value: String(size.maxConnections) },
                // Services log in as their service accounts' IAM users (this file's `grant`).
                // https://cloud.google.com/sql/docs/postgres/iam-authentication#instance-config-iam-auth
                { name: "cloudsql.iam_authentication", value: "on" },
                // Extensions Cloud SQL gates behind a flag (database.extensions, extensions.ts).
                ...extensionFlags("gcp", cfg.database.extensions).map((flag) => ({ name: flag, value: "on" })),
            ],
            userLabels: ctx.labels(),
        },
    }, t?.instance, { protect: args.protect, dependsOn: [net.peering] });

    // A restored instance brings its databases with it; creating the database again would fail.
    const database = args.restore ? undefined : ctx.create(gcp.sql.Database, scope, childName(name, "database"), {
        name: args.databaseName,
        instance: instance.name,
        charset: "UTF8",
        collation: "en_US.UTF8",
    }, t?.database);

    const password = ctx.createRandom(random.RandomPassword, scope, childName(name, "password"), {
        length: 32,
        special: false,
    });

    const user = ctx.create(gcp.sql.User, scope, childName(name, "user"), {
        name: DATABASE_USER,
        instance: instance.name,
        type: "BUILT_IN",
        password: pulumi.secret(password.result),
        // PostgreSQL cannot drop a user that owns objects; leave it to the instance's lifecycle.
        deletionPolicy: "ABANDON",
    }, t?.user);

    const { secret, stored } = storeSecret(ctx, scope, name, "db-password", password.result, { secret: t?.secret, version: t?.secretVersion });

    return {
        endpoint: instance.privateIpAddress,
        port: pulumi.output(5432),
        databaseName: database?.name ?? pulumi.output(args.databaseName),
        username: user.name,
        passwordSecret: { id: secret.id },
        resourceId: instance.id,
        handle: gcpHandles.wrap("database", { instance, name: instanceName, maxConnections: size.maxConnections, secretValues: [stored], grant }),
    };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/gcp/index.ts. */
export const builder: CloudBuilder<GcpContext, "database"> = createDatabase;

/**
 * What a workload bound to the database is given on GCP (workload-grants.ts): Cloud SQL client,
 * and its own Cloud SQL IAM user (`CLOUD_IAM_SERVICE_ACCOUNT`, named the account's email without
 * `.gserviceaccount.com`, with `roles/cloudsql.instanceUser` to log in with its token:
 * https://cloud.google.com/sql/docs/postgres/add-manage-iam-users). Only an `admin` job reads
 * the password instead, and logs in as the admin user.
 */
export const grant: GcpGrant<{ instance: gcp.sql.DatabaseInstance }, DatabaseOutputs> = (ctx, scope, name, to, db, outputs) => {
    const t = to.transforms;
    const grants: pulumi.Resource[] = [ctx.create(gcp.projects.IAMMember, scope, childName(name, "sql-client"), {
        project: ctx.project,
        role: "roles/cloudsql.client",
        member: to.account.member,
    }, t?.sqlClient)];
    if (to.admin) {
        grants.unshift(grantSecretRead(ctx, scope, name, to, "db-password-access", outputs.passwordSecret.id));
        return { grants, login: outputs.username };
    }
    const user = ctx.create(gcp.sql.User, scope, childName(name, "db-user"), {
        name: to.account.email.apply(cloudSqlIamUser),
        instance: db.instance.name,
        type: "CLOUD_IAM_SERVICE_ACCOUNT",
        // Like the built-in user: PostgreSQL cannot drop a role that owns objects or holds grants.
        deletionPolicy: "ABANDON",
    });
    grants.push(user, ctx.create(gcp.projects.IAMMember, scope, childName(name, "sql-instance-user"), {
        project: ctx.project,
        role: "roles/cloudsql.instanceUser",
        member: to.account.member,
    }, t?.sqlClient));
    return { grants, login: user.name };
};

/** Typed escape hatches for this component's GCP children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface GcpDatabaseTransforms {
    instance?: Transform<gcp.sql.DatabaseInstanceArgs>;
    database?: Transform<gcp.sql.DatabaseArgs>;
    user?: Transform<gcp.sql.UserArgs>;
    secret?: Transform<gcp.secretmanager.SecretArgs>;
    secretVersion?: Transform<gcp.secretmanager.SecretVersionArgs>;
}

declare module "../../components/database" {
    interface DatabaseTransforms { gcp?: GcpDatabaseTransforms }
}

/** What this component hands to the components built on it (providers/gcp/handles.ts). */
declare module "./handles" {
    interface GcpHandles {
        /**
         * `secretValues`: the values behind the component's Secret Manager secrets (database
         * password, Redis AUTH string), so the kubernetes runtime builds its Kubernetes Secrets
         * without reading them back from Secret Manager.
         */
        database: { instance: gcp.sql.DatabaseInstance; name: string; maxConnections: number; secretValues: StoredSecretValue[]; grant: typeof grant };
    }
}

/** The service's `transform.gcp` keys over this component's grant children. */
declare module "./workload-grants" {
    interface GcpGrantTransforms {
        /** Cloud SQL client and instance user. */
        sqlClient?: Transform<gcp.projects.IAMMemberArgs>;
    }
}

/*
 * The offline engine's facts of the GCP types only the database creates (npm run diff and the deploy-rule specs read them):
 * providers/gcp/engine.ts merges them with the facts of the types several components create.
 */

const databaseRules: Rule[] = [
    // https://cloud.google.com/sql/docs/postgres/instance-settings#instance-id-2ndgen
    nameRule({ id: "gcp/cloud-sql-instance-id", types: ["gcp:sql/databaseInstance:DatabaseInstance"], field: "name", max: 98, pattern: RFC1035, allowed: RFC1035_RULE, doc: "https://cloud.google.com/sql/docs/postgres/instance-settings#instance-id-2ndgen" }),
    nameRule({ id: "gcp/cloud-sql-database-name", types: ["gcp:sql/database:Database"], field: "name", max: 63, pattern: /^[A-Za-z_][A-Za-z0-9_$]*$/, allowed: "a PostgreSQL identifier", doc: "https://www.postgresql.org/docs/16/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS" }),
    {
        // Custom machine types: 1 or an even number of vCPUs up to 96; 0.9-6.5 GB per vCPU, a multiple of 256 MB, at least 3.75 GB.
        id: "gcp/cloud-sql-custom-tier",
        family: "combinations",
        types: [SQL],
        doc: "https://cloud.google.com/sql/docs/postgres/instance-settings#machine-type-2ndgen",
        check: (r) => {
            const m = /^db-custom-(\d+)-(\d+)$/.exec(String(r.inputs.settings?.tier));
            if (!m) return /^db-(f1-micro|g1-small|perf-optimized-N-\d+)$/.test(String(r.inputs.settings?.tier)) ? [] : [`tier ${r.inputs.settings?.tier} is not a Cloud SQL machine type`];
            const cpu = Number(m[1]);
            const mb = Number(m[2]);
            const problems: string[] = [];
            if (!(cpu === 1 || (cpu % 2 === 0 && cpu <= 96))) problems.push(`${cpu} vCPUs: 1 or an even number up to 96`);
            if (mb % 256 !== 0 || mb < 3840 || mb < cpu * 0.9 * 1024 || mb > cpu * 6.5 * 1024) problems.push(`${mb} MB for ${cpu} vCPU: 0.9-6.5 GB per vCPU, a multiple of 256 MB, at least 3840`);
            if (r.inputs.settings?.edition === "ENTERPRISE_PLUS") problems.push("Enterprise Plus takes db-perf-optimized tiers, not db-custom");
            return problems;
        },
    },
    {
        // Retained backups 1-365; transaction logs 1-7 days on Enterprise and fewer than the retained backups; PITR needs backups.
        id: "gcp/cloud-sql-backup-retention",
        family: "combinations",
        types: [SQL],
        doc: "https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#retention",
        check: (r) => {
            const b = r.inputs.settings?.backupConfiguration ?? {};
            const kept = b.backupRetentionSettings?.retainedBackups ?? 7;
            const logs = b.transactionLogRetentionDays ?? 7;
            const problems: string[] = [];
            if (kept < 1 || kept > 365) problems.push(`retainedBackups ${kept}: allowed 1-365`);
            const maxLogs = r.inputs.settings?.edition === "ENTERPRISE_PLUS" ? 35 : 7;
            if (logs < 1 || logs > maxLogs || logs > kept) problems.push(`transactionLogRetentionDays ${logs}: 1-${maxLogs} and at most retainedBackups (${kept})`);
            if (b.pointInTimeRecoveryEnabled && !b.enabled) problems.push("point-in-time recovery needs backups enabled");
            if (b.startTime !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(b.startTime)) problems.push(`backup startTime ${b.startTime}: HH:MM`);
            const w = r.inputs.settings?.maintenanceWindow;
            if (w && (w.day < 1 || w.day > 7 || w.hour < 0 || w.hour > 23)) problems.push(`maintenanceWindow day ${w.day} hour ${w.hour}: day 1-7 (Monday-Sunday), hour 0-23`);
            const f = r.inputs.settings?.finalBackupConfig;
            if (f?.enabled && (f.retentionDays < 1 || f.retentionDays > 365)) problems.push(`finalBackupConfig.retentionDays ${f.retentionDays}: allowed 1-365`);
            return problems;
        },
    },
    {
        // A private-IP instance is created after private service access, in the range it names.
        id: "gcp/cloud-sql-after-private-service-access",
        family: "companions",
        types: [SQL],
        doc: "https://cloud.google.com/sql/docs/postgres/configure-private-services-access",
        check: (r, plan) => {
            const ip = r.inputs.settings?.ipConfiguration ?? {};
            if (!ip.privateNetwork) return [];
            const problems = waitsForPsa(plan, r, ip.privateNetwork);
            if (ip.allocatedIpRange && !plan.ofType("gcp:compute/globalAddress:GlobalAddress").some((a) => a.inputs.name === ip.allocatedIpRange && a.inputs.purpose === "VPC_PEERING")) problems.push(`allocatedIpRange ${ip.allocatedIpRange} is not a VPC_PEERING range of this plan`);
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = {
    replacement: {
        "gcp:sql/database:Database": {
            source: `${MM}sql/Database.yaml`,
            replace: ["instance", "name", "project"],
            update: ["charset", "collation", "deletionPolicy"],
        },
        "gcp:sql/databaseInstance:DatabaseInstance": {
            source: `${HW}sql/resource_sql_database_instance.go.tmpl`,
            replace: ["name", "region", "project", "encryptionKeyName", "masterInstanceName", "replicaConfiguration", "restoreBackupContext", "clone"],
            update: ["databaseVersion", "deletionProtection", "settings", "rootPassword", "maintenanceVersion", "instanceType", "replicaNames"],
            // Moving private IP to another network is refused by the API once the instance has one.
            undecided: ["settings.ipConfiguration.privateNetwork", "settings.ipConfiguration.allocatedIpRange"],
        },
    },
    statefulTypes: {
        "gcp:sql/databaseInstance:DatabaseInstance": "Cloud SQL instance",
        "gcp:sql/database:Database": "Cloud SQL database (its tables)",
    },
    rules: databaseRules,
};
