import { createHash } from "crypto";
import type { ConfigProblem } from "./errors";
import { Cloud, rawConfigSchema, RawPlatformConfig } from "./schema";
import { DR_REGION_PAIRS, TierProfile } from "./tiers";

/**
 * Disaster recovery as config (docs/disaster-recovery.md): which stack this is (the primary or
 * the recovery stack of the same app and environment), the region pair, whether copies leave
 * the region, and `database.restore`, which creates the database from a backup or a point in time.
 */

export const DR_ROLES = ["primary", "recovery"] as const;
export type DrRole = (typeof DR_ROLES)[number];

/** Where the database of this stack comes from when `database.restore` is set. */
export type DatabaseRestore =
    | { kind: "pointInTime"; time: string; source?: string }
    | { kind: "backup"; id: string; source?: string };

export interface DisasterRecoveryConfig {
    role: DrRole;
    /** The region of the primary stack: `aws.region`, `gcp.region` or `azure.location`. */
    primaryRegion: string;
    /** The DR region of the pair: `dr.region`, or the documented default pair of the primary region. */
    drRegion: string;
    /** The other region of the pair, where this stack keeps its copies (a recovery stack copies back to the primary region). */
    copyRegion: string;
    /** Database backups and objects copied to `copyRegion`. @default production: true, staging: false */
    crossRegionCopies: boolean;
    objectives: TierProfile["dr"]["objectives"];
}

/** RFC 3339 with a zone (RDS `restoreTime`, Cloud SQL `pointInTime` and Azure `pointInTimeUTC` all take it). */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Backup ids per cloud. RDS: a DB snapshot identifier (manual, or `rds:` automated) or its ARN,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html;
 * Cloud SQL: a backup run id (int64, `gcloud sql backups list`), the `restoreBackupContext.backupRunId`
 * of google_sql_database_instance; Azure flexible server restores a point in time only (no backup ids).
 */
const BACKUP_ID: Record<Cloud, { pattern: RegExp; rule: string } | undefined> = {
    aws: {
        pattern: /^(arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:snapshot:)?(rds:)?[a-zA-Z](-?[a-zA-Z0-9])*$/,
        rule: "an RFC 3339 time (2026-11-30T09:15:00Z) or an RDS snapshot identifier / ARN (letters, digits, single hyphens, starting with a letter; `rds:` for automated snapshots)",
    },
    gcp: { pattern: /^\d{1,19}$/, rule: "an RFC 3339 time (2026-11-30T09:15:00Z) or a Cloud SQL backup run id (digits, from gcloud sql backups list)" },
    azure: undefined,
};

/** The source a restore reads from, when it is not this stack's own database (see docs/disaster-recovery.md). */
const RESTORE_SOURCE: Record<Cloud, { pattern: RegExp; rule: string }> = {
    aws: {
        pattern: /^([a-zA-Z](-?[a-zA-Z0-9]){0,62}|arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:auto-backup:ab-[a-z0-9]+)$/,
        rule: "an RDS DB instance identifier, or the ARN of replicated automated backups (arn:aws:rds:<region>:<account>:auto-backup:ab-...)",
    },
    gcp: { pattern: /^[a-z][a-z0-9-]{0,97}$/, rule: "a Cloud SQL instance name" },
    azure: {
        pattern: /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/[a-z0-9-]{3,63}$/i,
        rule: "the ARM id of a flexible server (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.DBforPostgreSQL/flexibleServers/<name>)",
    },
};

/** A real calendar time in RFC 3339 (the offline plan cannot know the retention window: the cloud checks that). */
export function isRfc3339(value: string): boolean {
    const m = RFC3339.exec(value);
    if (!m) return false;
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

export function parseRestore(value: string | undefined, source: string | undefined): DatabaseRestore | undefined {
    if (value === undefined) return undefined;
    return RFC3339.test(value) ? { kind: "pointInTime", time: value, source } : { kind: "backup", id: value, source };
}

export function resolveDisasterRecovery(raw: RawPlatformConfig, tier: TierProfile, primaryRegion: string): DisasterRecoveryConfig {
    const role = raw.dr?.role ?? "primary";
    const drRegion = raw.dr?.region ?? DR_REGION_PAIRS[raw.cloud][primaryRegion] ?? "";
    return {
        role,
        primaryRegion,
        drRegion,
        copyRegion: role === "primary" ? drRegion : primaryRegion,
        crossRegionCopies: raw.dr?.crossRegionCopies ?? tier.dr.crossRegionCopies,
        objectives: tier.dr.objectives,
    };
}

/** The region rule of the selected cloud, reused from its own config key. */
function regionSchema(cloud: Cloud) {
    const shape = rawConfigSchema.shape;
    return cloud === "aws" ? shape.aws.unwrap().shape.region : cloud === "gcp" ? shape.gcp.unwrap().shape.region : shape.azure.unwrap().shape.location;
}

/** Cross-field DR rules; `dr` is the resolved config, `raw` what the stack file says. */
export function disasterRecoveryProblems(cloud: Cloud, dr: DisasterRecoveryConfig, raw: RawPlatformConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const add = (key: string, value: unknown, allowed: string) => problems.push({ key: `platform:${key}`, value, allowed });
    const pair = DR_REGION_PAIRS[cloud][dr.primaryRegion];
    const cloudName = { aws: "an AWS", gcp: "a GCP", azure: "an Azure" }[cloud];

    if (raw.dr?.region !== undefined && !regionSchema(cloud).safeParse(raw.dr.region).success) {
        add("dr.region", raw.dr.region, `${cloudName} region, other than the primary region ${dr.primaryRegion}`);
    } else if (!dr.drRegion) {
        add("dr.region", undefined, `${cloudName} region to keep copies in; ${dr.primaryRegion} has no documented default pair (see docs/disaster-recovery.md)`);
    } else if (dr.drRegion === dr.primaryRegion) {
        add("dr.region", dr.drRegion, `a region other than the primary region ${dr.primaryRegion}`);
    } else if (cloud === "azure" && pair && dr.drRegion !== pair) {
        // Geo-redundant backups and RA-GZRS data go to the Azure-defined pair, nowhere else.
        add("dr.region", dr.drRegion, `${pair}, the Azure paired region of ${dr.primaryRegion} (where geo-redundant backups and storage live)`);
    }

    const restore = raw.database?.restore;
    if (restore !== undefined) {
        const rule = BACKUP_ID[cloud];
        if (RFC3339.test(restore)) {
            if (!isRfc3339(restore)) add("database.restore", restore, "a real date and time in RFC 3339, e.g. 2026-11-30T09:15:00Z");
            if (cloud === "gcp" && dr.role === "recovery") {
                add("database.restore", restore, "a Cloud SQL backup run id in a recovery stack (a clone stays in its source's region; point-in-time restore is for the primary stack)");
            }
            if (cloud === "aws" && dr.role === "recovery" && !raw.database?.restoreSource?.includes(":auto-backup:")) {
                add("database.restoreSource", raw.database?.restoreSource,
                    `the ARN of the replicated automated backups in ${dr.drRegion} (pulumi stack output databaseBackupCopy of the primary stack), required to restore a point in time in a recovery stack`);
            }
        } else if (!rule) {
            add("database.restore", restore, "an RFC 3339 time such as 2026-11-30T09:15:00Z (Azure flexible server restores a point in time, not a backup id)");
        } else if (!rule.pattern.test(restore) || restore.length > 255) {
            add("database.restore", restore, rule.rule);
        }
    }
    const source = raw.database?.restoreSource;
    if (source !== undefined) {
        if (restore === undefined) add("database.restoreSource", source, "only together with platform:database.restore");
        else if (!RESTORE_SOURCE[cloud].pattern.test(source)) add("database.restoreSource", source, RESTORE_SOURCE[cloud].rule);
    }
    return problems;
}

/**
 * The physical name of a restored database: the original name plus a short digest of what it
 * was restored from, so the restore is created beside the running database (nothing is
 * overwritten) and a second restore gets a name of its own.
 */
export function restoredName(base: string, restore: DatabaseRestore | undefined): string {
    if (!restore) return base;
    const what = restore.kind === "pointInTime" ? restore.time : restore.id;
    return `${base}-r${createHash("sha256").update(`${what}|${restore.source ?? ""}`).digest("hex").slice(0, 6)}`;
}

/** One line for the plan summary and the `disasterRecovery` stack output: role, regions, objectives. */
export function disasterRecoverySummary(dr: DisasterRecoveryConfig, region: string): string {
    const where = dr.role === "recovery" ? `recovery stack in ${region} (primary region ${dr.primaryRegion})` : `primary stack in ${region}`;
    const o = dr.objectives;
    if (!o) return `${where}; zone failures only, no region objectives on this tier${dr.crossRegionCopies ? `, copies in ${dr.copyRegion}` : ", no cross-region copies"}`;
    const objectives = `RTO <= ${o.rtoMinutes} min, RPO <= ${o.databaseRpoMinutes} min database / ${o.objectRpoMinutes} min objects`;
    return dr.crossRegionCopies
        ? `${where}; ${objectives}, copies kept in ${dr.copyRegion}`
        : `${where}; ${objectives} NOT MET: cross-region copies are off (platform:dr.crossRegionCopies)`;
}
