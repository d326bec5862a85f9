import * as pulumi from "@pulumi/pulumi";
import { defineBinding } from "./binding";
import { CloudHandle, PlatformComponent, SecretReference } from "./component";
import { CreateInput, defineComponent } from "./definition";
import type { Network, NetworkOutputs } from "./network";
import type { PlatformConfig } from "./config";

/** The `platform:database` settings a Database takes as resolved (documented, with their defaults, on the config types). */
export type DatabaseSettings = Pick<PlatformConfig["database"],
    "size" | "storageGb" | "backupRetentionDays" | "pointInTimeRecovery" | "highAvailability" | "deletionProtection" | "finalSnapshot" | "backupWindow" | "maintenanceWindow" | "restore">;

export interface DatabaseArgs extends DatabaseSettings {
    /** Name of the application database. @default "app". Changing it replaces the database on GCP and Azure. */
    databaseName: string;
    /** Pulumi `protect` on the stateful resource. @default production: true, staging: false */
    protect: boolean;
    /**
     * Region that keeps a copy of the automated backups (`platform:dr`); none when absent.
     * @default production: the DR region of the pair, staging: none. Adding or removing it never replaces the database.
     */
    copyRegion?: string;
    /** The platform network it lives in. */
    network: NetworkOutputs;
    /** Per-cloud escape hatch over the underlying resource args. */
    transform?: DatabaseTransforms;
}

export interface DatabaseOutputs {
    /** Private hostname clients connect to. */
    endpoint: pulumi.Output<string>;
    port: pulumi.Output<number>;
    databaseName: pulumi.Output<string>;
    username: pulumi.Output<string>;
    /** Where the password lives in the cloud's secret manager; never the password itself. */
    passwordSecret: SecretReference;
    /** Id of the underlying server/instance, for the policy pack and runbooks. */
    resourceId: pulumi.Output<string>;
    /** The cross-region backup copy a recovery stack restores from (AWS: the replicated automated backups' ARN); absent without one. */
    backupCopy?: pulumi.Output<string>;
    /** This cloud's wiring for the components built on this one (components/component.ts). */
    handle: CloudHandle;
}

/** How a cloud builds a Database's children under `scope` (providers/<cloud>/database.ts). */
export type DatabaseBuilder = (scope: pulumi.ComponentResource, name: string, args: DatabaseArgs) => DatabaseOutputs;

declare module "./builders" {
    interface ComponentBuilders { database: DatabaseBuilder }
}

/** Typed per-cloud escape hatches over the Database's children: each cloud adds its key from its providers/<cloud>/database.ts. */
export interface DatabaseTransforms {}

/** A managed PostgreSQL 16 database, private, encrypted at rest and TLS-only on every cloud. */
export class Database extends PlatformComponent<DatabaseOutputs> implements DatabaseOutputs {
    declare readonly endpoint: pulumi.Output<string>;
    declare readonly port: pulumi.Output<number>;
    declare readonly databaseName: pulumi.Output<string>;
    declare readonly username: pulumi.Output<string>;
    declare readonly passwordSecret: SecretReference;
    declare readonly resourceId: pulumi.Output<string>;
    declare readonly backupCopy?: pulumi.Output<string>;
    declare readonly handle: CloudHandle;

    constructor(name: string, args: DatabaseArgs, cloud: { readonly database: DatabaseBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(databaseComponent.type, name, (self) => cloud.database(self, name, args), opts);
    }
}

/** The variables a bound workload gets (reserved: no workload's own env may set one). */
export const DATABASE_ENV = {
    host: "DATABASE_HOST",
    port: "DATABASE_PORT",
    name: "DATABASE_NAME",
    user: "DATABASE_USER",
    password: "DATABASE_PASSWORD",
    /** `iam` (log in with a token of the workload's own identity) or `password` (the admin job only). */
    auth: "DATABASE_AUTH",
    /** libpq's own variable: every database enforces TLS, so clients must ask for it. */
    sslMode: "PGSSLMODE",
} as const;

/**
 * What a bound workload gets: the address, database name and TLS requirement as values; its
 * login and how it authenticates: its own IAM login (`iam`), or for an `admin` job the
 * platform's admin user with the password, the only one that receives it, by reference.
 */
export const databaseBinding = defineBinding<DatabaseOutputs>({
    env: DATABASE_ENV.host,
    output: "databaseEndpoint",
    variables: [DATABASE_ENV.host, DATABASE_ENV.port, DATABASE_ENV.name, DATABASE_ENV.user, DATABASE_ENV.password, DATABASE_ENV.auth, DATABASE_ENV.sslMode],
    plain: (db, workload) => ({
        [DATABASE_ENV.host]: db.endpoint,
        [DATABASE_ENV.port]: db.port.apply(String),
        [DATABASE_ENV.name]: db.databaseName,
        [DATABASE_ENV.user]: workload.admin ? db.username : workload.login,
        [DATABASE_ENV.auth]: workload.admin ? "password" : "iam",
        [DATABASE_ENV.sslMode]: "require",
    }),
    secrets: (db) => [{ env: DATABASE_ENV.password, ref: db.passwordSecret, adminOnly: true, name: "db-password" }],
    grantLast: true,
});

declare module "./binding" {
    interface ServiceBindings { database: DatabaseOutputs }
}

export const databaseComponent = defineComponent({
    key: "database",
    builtBy: "cloud",
    role: "data",
    binding: databaseBinding,
    alerted: true,
    create: ({ cfg, cloud, deps, transforms }: CreateInput<{ network: Network }, { readonly database: DatabaseBuilder }>) => new Database("database", {
        size: cfg.database.size,
        storageGb: cfg.database.storageGb,
        backupRetentionDays: cfg.database.backupRetentionDays,
        pointInTimeRecovery: cfg.database.pointInTimeRecovery,
        highAvailability: cfg.database.highAvailability,
        deletionProtection: cfg.database.deletionProtection,
        finalSnapshot: cfg.database.finalSnapshot,
        backupWindow: cfg.database.backupWindow,
        maintenanceWindow: cfg.database.maintenanceWindow,
        databaseName: cfg.database.name,
        protect: cfg.protect,
        copyRegion: cfg.dr.crossRegionCopies ? cfg.dr.copyRegion : undefined,
        restore: cfg.database.restore,
        network: deps.network,
        transform: transforms.database,
    }, cloud, { dependsOn: [deps.network] }),
    outputs: (db) => ({
        databaseEndpoint: db.endpoint,
        databasePasswordSecret: db.passwordSecret.id,
        ...(db.backupCopy ? { databaseBackupCopy: db.backupCopy } : {}),
    }),
});
