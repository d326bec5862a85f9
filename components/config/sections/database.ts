import { z } from "../zod";
import type { WeeklyWindow } from "../../maintenance";
import { DatabaseRestore, parseRestore } from "../disaster-recovery";
import { cloudLabel, supportedExtensions } from "../extensions";
import { bounded, days, sizeSchema, type Size } from "../schema-values";
import { defineSection, perTier } from "./section";

/** `platform:database`: the PostgreSQL database. */
export interface DatabaseTier {
    /** Cloud-neutral instance class. @default production: medium, staging: small. Changing it resizes in place (brief failover in production). */
    size: Size;
    /** Allocated storage in GB (grows automatically where the cloud supports it). @default production: 100, staging: 20 */
    storageGb: number;
    /** Days of automated backups; also the floor a stack may not go below. @default production: 30, staging: 7 */
    backupRetentionDays: number;
    /** Point-in-time recovery from the transaction log. @default true on both tiers */
    pointInTimeRecovery: boolean;
    /** Multi-AZ / regional / zone-redundant standby. @default production: true, staging: false. On Azure, enabling it later recreates the standby only. */
    highAvailability: boolean;
    /** The cloud's own deletion protection. @default production: true, staging: false */
    deletionProtection: boolean;
    /** Take a final snapshot on delete. @default production: true, staging: false */
    finalSnapshot: boolean;
    /** @default 03:00-04:00 UTC on every tier */
    backupWindow: { startHourUtc: number; durationHours: number };
    /**
     * The platform's one maintenance window, from which every cloud's database, cache and
     * cluster windows derive (components/maintenance.ts). @default Sunday 04:00-05:00 UTC on every tier
     */
    maintenanceWindow: WeeklyWindow;
}

/** `extensions`: PostgreSQL extensions the migration job creates; the cloud's allow-list and preload follow them (extensions.ts). */
export type DatabaseConfig = DatabaseTier & {
    name: string;
    extensions: string[];
    /**
     * Create the database from a point in time or a backup (`platform:database.restore`).
     * @default none. Setting or changing it REPLACES the database: the restore gets a new name beside the old one.
     */
    restore?: DatabaseRestore;
};

const backupWindow = { startHourUtc: 3, durationHours: 1 };
const maintenanceWindow = { day: "sun" as const, startHourUtc: 4, durationHours: 1 };

export const databaseSection = defineSection({
    key: "database",
    shape: {
        database: z.strictObject({
            size: sizeSchema.optional(),
            storageGb: z.number().int().min(20).max(16384).optional(),
            backupRetentionDays: days(35).optional(),
            highAvailability: z.boolean().optional(),
            deletionProtection: z.boolean().optional(),
            name: bounded(63, /^[a-z][a-z0-9_]{0,62}$/, "a PostgreSQL identifier (lowercase letters, digits, underscores; at most 63)").optional(),
            /** PostgreSQL extensions (checked against the stack cloud's `databaseExtensions` in extensions.ts), created by the migration job. */
            extensions: z.array(bounded(63, /^[a-z][a-z0-9_-]{0,62}$/, "a PostgreSQL extension name such as postgis or pg_stat_statements")).max(32).optional(),
            /** Create the database from a backup: an RFC 3339 point in time or a backup id (per-cloud rules in disaster-recovery.ts). Replaces the database. */
            // A backup run id may arrive as a YAML number: keep it as text.
            restore: z.union([z.string().min(1).max(300), z.number().int().nonnegative()]).transform(String).optional(),
            /** What `restore` reads from, when not this stack's own database (e.g. replicated automated backups). */
            restoreSource: z.string().min(1).max(400).optional(),
        }).optional(),
    },
    tiers: perTier<DatabaseTier>({
        production: {
            size: "medium",
            storageGb: 100,
            backupRetentionDays: 30,
            pointInTimeRecovery: true,
            highAvailability: true,
            deletionProtection: true,
            finalSnapshot: true,
            backupWindow,
            maintenanceWindow,
        },
        staging: {
            size: "small",
            storageGb: 20,
            backupRetentionDays: 7,
            pointInTimeRecovery: true,
            highAvailability: false,
            deletionProtection: false,
            finalSnapshot: false,
            backupWindow,
            maintenanceWindow,
        },
    }),
    resolve: ({ raw, tier }): DatabaseConfig => ({
        ...tier,
        ...raw.database,
        name: raw.database?.name ?? "app",
        extensions: [...new Set(raw.database?.extensions ?? [])],
        restore: parseRestore(raw.database?.restore, raw.database?.restoreSource),
    }),
    rules: {
        backupRetentionFloor({ environment, tier, value, add }) {
            if (value.backupRetentionDays < tier.backupRetentionDays) {
                add("database.backupRetentionDays", value.backupRetentionDays,
                    `${tier.backupRetentionDays} to 35 days (the ${environment} minimum is ${tier.backupRetentionDays})`);
            }
        },
        supportedExtensions({ cloud, value, add }) {
            value.extensions.forEach((e, i) => {
                const allowed = supportedExtensions(cloud);
                if (!allowed.includes(e)) add(`database.extensions[${i}]`, e, `an extension ${cloudLabel(cloud)} supports for PostgreSQL 16: ${allowed.join(", ")}`);
            });
        },
    },
    reference: [
        { label: "`database.size`", keys: ["database.size"], defaults: "tier", change: "in-place resize (failover)" },
        { label: "`database.storageGb`", keys: ["database.storageGb"], defaults: "tier", change: "grows in place" },
        { label: "`database.backupRetentionDays`", keys: ["database.backupRetentionDays"], note: "never below the tier minimum", defaults: "tier", change: "in place" },
        { label: "`database.highAvailability`", keys: ["database.highAvailability"], defaults: "tier", change: "in place" },
        { label: "`database.deletionProtection`", keys: ["database.deletionProtection"], defaults: "tier", change: "in place" },
        { label: "`database.name`", keys: ["database.name"], allowed: "PostgreSQL identifier", defaults: { production: "`app`", staging: "`app`" }, change: "**replaces the database on GCP/Azure**" },
        { label: "`database.extensions`", keys: ["database.extensions"], allowed: "list of PostgreSQL 16 extensions the stack's cloud offers (`providers/<cloud>/database-extensions.ts`: e.g. `postgis`, `pg_stat_statements`, `pgcrypto`, `uuid-ossp`, `hstore`, `citext`, `pg_trgm`, `vector`, `pg_cron`, `pgaudit`; `timescaledb` on Azure only); an unsupported one fails naming the key, the value and the cloud's list", defaults: { production: "—", staging: "—" }, change: "AWS: `shared_preload_libraries` in the parameter group (pending reboot) for `pg_cron`, `pgaudit`, `pg_hint_plan`; GCP: their `cloudsql.enable_*` flag; Azure: the `azure.extensions` allow-list and `shared_preload_libraries` (static: next restart). `CREATE EXTENSION` is the migration job's (see \"The database identity of services\")" },
        { label: "`database.restore`", keys: ["database.restore"], allowed: "RFC 3339 time (`2026-11-30T09:15:00Z`) or backup id (RDS snapshot id/ARN, Cloud SQL backup run id; Azure: time only)", defaults: { production: "—", staging: "—" }, change: "**creates a new database from it and replaces the old** (see [docs/disaster-recovery.md](docs/disaster-recovery.md))" },
        { label: "`database.restoreSource`", keys: ["database.restoreSource"], allowed: "source instance id / name / ARM id, or RDS replicated-backups ARN; only with `restore`", defaults: { production: "this stack's (or, in a recovery stack, the primary's) database", staging: "—" }, change: "with `restore`" },
    ],
});
