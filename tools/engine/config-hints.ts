import { pathEndsWith } from "./diff/flatten";

/**
 * Policy findings say what a resource argument must be ("Fix: set deletionProtection: true").
 * A user does not write resource arguments: they set stack config. This maps the arguments the
 * tier profile derives from config back to the config key, per component, so the plan and
 * check views can say `platform:database.deletionProtection` instead. Arguments no config key
 * drives (e.g. storageEncrypted, always on) keep the policy's own wording.
 */

/** Component kind → resource argument (path tail, any cloud's spelling) → config key. */
export const CONFIG_KEYS_BY_ARGUMENT: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    Database: {
        deletionProtection: "platform:database.deletionProtection",
        deletionProtectionEnabled: "platform:database.deletionProtection",
        backupRetentionPeriod: "platform:database.backupRetentionDays",
        retainedBackups: "platform:database.backupRetentionDays",
        backupRetentionDays: "platform:database.backupRetentionDays",
        multiAz: "platform:database.highAvailability",
        availabilityType: "platform:database.highAvailability",
        "highAvailability.mode": "platform:database.highAvailability",
    },
    Cache: {
        snapshotRetentionLimit: "platform:cache.snapshotRetentionDays",
        numCacheClusters: "platform:cache.nodes",
        replicaCount: "platform:cache.nodes",
    },
    LoadBalancer: {
        enableDeletionProtection: "platform:loadBalancer.deletionProtection",
    },
    ComputeService: {
        retentionInDays: "platform:compute.logRetentionDays",
    },
    Monitoring: {
        retentionInDays: "platform:compute.logRetentionDays",
    },
};

const COMPONENT = /platform:components:([A-Za-z]+)/;
const FIX = /Fix: set ([A-Za-z0-9_.[\]"]+)(:?) ?([^.]*(?:\.\d[^.]*)*)\./;

/** The config key that drives `argument` of a resource under the component in `urn`, if any. */
export function configKeyFor(urn: string, argument: string): string | undefined {
    const kind = COMPONENT.exec(urn)?.[1];
    const keys = kind ? CONFIG_KEYS_BY_ARGUMENT[kind] : undefined;
    if (!keys) return undefined;
    return Object.entries(keys).find(([arg]) => pathEndsWith(argument, arg))?.[1];
}

/**
 * A policy message whose fix names a config-driven argument, rewritten to name the config key:
 * `Fix: set platform:database.deletionProtection to true in the stack config (it sets deletionProtection).`
 */
export function withConfigFix(message: string, urn: string): string {
    const m = FIX.exec(message);
    if (!m) return message;
    const key = configKeyFor(urn, m[1]);
    if (!key) return message;
    const value = m[3].trim();
    return message.replace(m[0], `Fix: set ${key}${value ? ` to ${value}` : ""} in the stack config (it sets ${m[1]}).`);
}
