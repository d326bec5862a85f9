import { createHash } from "crypto";
import type { z } from "zod";
import type { ConfigProblem } from "./errors";
import { CLOUD_PLUGINS } from "../../providers/registry";
import type { CloudPlugin } from "./cloud-plugin";
import { bounded, Cloud, region } from "./schema-values";

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
    objectives: RecoveryObjectives | undefined;
}

/** What a tier promises for the loss of a region (minutes). */
export interface RecoveryObjectives { rtoMinutes: number; databaseRpoMinutes: number; objectRpoMinutes: number }

/** What the DR rules read of the stack file (schema.ts's `dr` and `database` sections). */
export interface DisasterRecoveryRaw {
    dr?: { region?: string; crossRegionCopies?: boolean; role?: DrRole };
    database?: { restore?: string; restoreSource?: string };
}

/** RFC 3339 with a zone (RDS `restoreTime`, Cloud SQL `pointInTime` and Azure `pointInTimeUTC` all take it). */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

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

/** `platform:dr` over its tier (sections/dr.ts): the default DR region is the documented pair of the primary region. */
export function resolveDisasterRecovery(
    cloud: Cloud,
    raw: DisasterRecoveryRaw["dr"],
    tier: { crossRegionCopies: boolean; objectives?: RecoveryObjectives },
    primaryRegion: string,
): DisasterRecoveryConfig {
    const role = raw?.role ?? "primary";
    const drRegion = raw?.region ?? CLOUD_PLUGINS[cloud].disasterRecovery.regionPairs[primaryRegion] ?? "";
    return {
        role,
        primaryRegion,
        drRegion,
        copyRegion: role === "primary" ? drRegion : primaryRegion,
        crossRegionCopies: raw?.crossRegionCopies ?? tier.crossRegionCopies,
        objectives: tier.objectives,
    };
}

/** The region rule of each cloud, reused from its own config key (`platform:<cloud>.<regionKey>`, built as schema.ts builds it), once at load. */
const REGION_SCHEMAS: Readonly<Record<string, z.ZodType>> = Object.fromEntries(Object.values(CLOUD_PLUGINS).map((plugin: CloudPlugin) => {
    const section = plugin.configSchema({ region: region(plugin), bounded }) as unknown as z.ZodObject;
    return [plugin.name, section.shape[plugin.regionKey] as z.ZodType];
}));

/** Cross-field DR rules; `dr` is the resolved config, `raw` what the stack file says. */
export function disasterRecoveryProblems(cloud: Cloud, dr: DisasterRecoveryConfig, raw: DisasterRecoveryRaw): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const add = (key: string, value: unknown, allowed: string) => problems.push({ key: `platform:${key}`, value, allowed });
    const plugin: CloudPlugin = CLOUD_PLUGINS[cloud];
    const rules = plugin.disasterRecovery;
    const pair = rules.regionPairs[dr.primaryRegion];

    if (raw.dr?.region !== undefined && !REGION_SCHEMAS[plugin.name]!.safeParse(raw.dr.region).success) {
        add("dr.region", raw.dr.region, `${plugin.article} region, other than the primary region ${dr.primaryRegion}`);
    } else if (!dr.drRegion) {
        add("dr.region", undefined, `${plugin.article} region to keep copies in; ${dr.primaryRegion} has no documented default pair (see docs/disaster-recovery.md)`);
    } else if (dr.drRegion === dr.primaryRegion) {
        add("dr.region", dr.drRegion, `a region other than the primary region ${dr.primaryRegion}`);
    } else if (rules.fixedPairs && pair && dr.drRegion !== pair) {
        add("dr.region", dr.drRegion, `${pair}, the ${plugin.article.replace(/^an? /, "")} paired region of ${dr.primaryRegion} (where geo-redundant backups and storage live)`);
    }

    const restore = raw.database?.restore;
    if (restore !== undefined) {
        const rule = rules.backupId;
        if (RFC3339.test(restore)) {
            if (!isRfc3339(restore)) add("database.restore", restore, "a real date and time in RFC 3339, e.g. 2026-11-30T09:15:00Z");
            problems.push(...(rules.pointInTimeProblems?.(restore, dr, raw.database?.restoreSource) ?? []));
        } else if (!rule) {
            add("database.restore", restore, `an RFC 3339 time such as 2026-11-30T09:15:00Z (${plugin.databaseService} restores a point in time, not a backup id)`);
        } else if (!rule.pattern.test(restore) || restore.length > 255) {
            add("database.restore", restore, rule.rule);
        }
    }
    const source = raw.database?.restoreSource;
    if (source !== undefined) {
        if (restore === undefined) add("database.restoreSource", source, "only together with platform:database.restore");
        else if (!rules.restoreSource.pattern.test(source)) add("database.restoreSource", source, rules.restoreSource.rule);
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
