import { engineForType } from "../cloud-engines";
import { pathEndsWith } from "./flatten";

/**
 * Guarded settings: the switches that keep data safe (encryption, backups, deletion
 * protection, private access, TLS). A change that weakens one is called out as a warning
 * even when the policy pack would still pass, because a reviewer must approve it knowingly.
 * Keys are matched against the END of a changed property path, so `deletionProtectionEnabled`
 * catches `settings.deletionProtectionEnabled` too.
 */

/** Booleans that must stay true. */
export const MUST_STAY_TRUE = [
    "deletionProtection", "deletionProtectionEnabled", "enableDeletionProtection", "storageEncrypted", "multiAz", "multiAzEnabled",
    "transitEncryptionEnabled", "atRestEncryptionEnabled", "automaticFailoverEnabled", "uniformBucketLevelAccess", "authEnabled",
    "enableHttpsTrafficOnly", "supportsHttpsTrafficOnly", "pointInTimeRecoveryEnabled", "requireSsl", "enablePurgeProtection",
    "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets", "versioning.enabled",
    "backupConfiguration.enabled", "manageMasterUserPassword", "iamDatabaseAuthenticationEnabled",
];

/** Booleans that must stay false. */
export const MUST_STAY_FALSE = [
    "publiclyAccessible", "enableNonSslPort", "allowBlobPublicAccess", "allowInsecure", "ipv4Enabled", "skipFinalSnapshot",
    "forceDestroy", "mapPublicIpOnLaunch", "assignPublicIp", "allowSharedKeyAccess",
];

/** Retention-like numbers that must not go down. */
export const MUST_NOT_DECREASE = [
    "backupRetentionPeriod", "snapshotRetentionLimit", "retainedBackups", "backupRetentionDays", "retentionInDays",
    "transactionLogRetentionDays", "softDeleteRetentionInDays", "performanceInsightsRetentionPeriod",
];

/** String settings ordered strongest first: moving right is a weakening. */
export const ORDERED_ENUMS: Record<string, string[]> = {
    publicNetworkAccess: ["disabled", "enabled"],
    publicAccessPrevention: ["enforced", "inherited"],
    transitEncryptionMode: ["required", "server_authentication", "preferred", "disabled", "transit_encryption_mode_unspecified"],
    sslMode: ["trusted_client_certificate_required", "encrypted_only", "allow_unencrypted_and_encrypted"],
    availabilityType: ["regional", "zonal"],
    "highAvailability.mode": ["zoneredundant", "samezone", "disabled"],
    geoRedundantBackup: ["enabled", "disabled"],
    "versioningConfiguration.status": ["enabled", "suspended", "disabled"],
};

/** Minimum-TLS settings: lowering the version is a weakening. */
export const TLS_MINIMUMS = ["minTlsVersion", "minimumTlsVersion", "minProtocolVersion", "sslPolicy", "tlsPolicy", "minimalTlsVersion"];

/**
 * The TLS floor a setting value stands for, as a number (1.0 … 1.3), or undefined when it
 * cannot be told. Understands "1.2", "TLS1_2", "TLS_1_2", "TLSv1_2", "Tls12" and AWS ELB
 * security policy names ("ELBSecurityPolicy-TLS13-1-2-2021-06" → 1.2, "…-2016-08" → 1.0).
 */
export function tlsFloor(value: unknown): number | undefined {
    if (typeof value !== "string") return undefined;
    if (/^ELBSecurityPolicy-(2016-08|2015-05|TLS-1-0)/i.test(value)) return 1.0;
    const cleaned = value.replace(/TLS13/gi, "");
    const m = /(?<!\d)1[-_.]?([0-3])(?!\d)/.exec(cleaned);
    return m ? 1 + Number(m[1]) / 10 : undefined;
}

export interface GuardedWeakening {
    path: string;
    /** Human sentence: what weakened and how. */
    message: string;
}

function isOption(path: string): boolean {
    return path.startsWith("options.");
}

/** The weakening a single property change represents, if any. `undefined` before/after means absent. */
export function weakening(path: string, before: unknown, after: unknown): GuardedWeakening | undefined {
    if (isOption(path)) {
        if ((path === "options.protect" || path === "options.retainOnDelete") && before === true && after !== true) {
            return { path, message: `${path.slice("options.".length)} turned off (true → false)` };
        }
        return undefined;
    }
    const match = (keys: string[]) => keys.find((k) => pathEndsWith(path, k));
    const trueKey = match(MUST_STAY_TRUE);
    if (trueKey && before === true && after !== true) {
        return { path, message: after === false ? `${path} turned off (true → false)` : `${path} removed (was true; the provider default applies)` };
    }
    const falseKey = match(MUST_STAY_FALSE);
    if (falseKey && after === true && before !== true) {
        return { path, message: `${path} turned on (${before === undefined ? "unset" : JSON.stringify(before)} → true)` };
    }
    const numberKey = match(MUST_NOT_DECREASE);
    if (numberKey && typeof before === "number" && typeof after === "number" && after < before) {
        return { path, message: `${path} lowered (${before} → ${after})` };
    }
    const enumKey = Object.keys(ORDERED_ENUMS).find((k) => pathEndsWith(path, k));
    if (enumKey && typeof before === "string" && typeof after === "string") {
        const order = ORDERED_ENUMS[enumKey];
        const b = order.indexOf(before.toLowerCase());
        const a = order.indexOf(after.toLowerCase());
        if (b >= 0 && a > b) return { path, message: `${path} weakened (${before} → ${after})` };
    }
    if (match(TLS_MINIMUMS)) {
        const b = tlsFloor(before);
        const a = tlsFloor(after);
        if (b !== undefined && a !== undefined && a < b) {
            return { path, message: `${path} lowers the TLS minimum (${before} → ${after}: TLS ${b.toFixed(1)} → ${a.toFixed(1)})` };
        }
    }
    return undefined;
}

/**
 * Resources whose only job is to guard another one (public-access blocks, WAF associations,
 * locks, encryption/versioning configs): deleting one weakens what it guarded. Each cloud
 * lists its own (`guardTypes` in providers/<cloud>/engine.ts).
 */
export function guardLabel(type: string): string | undefined {
    return engineForType(type)?.guardTypes[type];
}
