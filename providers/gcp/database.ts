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
