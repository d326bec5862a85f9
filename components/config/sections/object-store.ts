import { z } from "../zod";
import { days } from "../schema-values";
import { defineSection, perTier } from "./section";

/** `platform:objectStore`: the bucket and its lifecycle. */
export interface ObjectStoreConfig {
    /** Days before objects under `uploads/temp/` expire. @default 7 */
    tempExpirationDays: number;
    /** Days before objects under `exports/` move to archive storage. @default 30 */
    archiveAfterDays: number;
    /** Days before objects under `exports/` expire. @default 365 */
    expirationDays: number;
}

const lifecycle: ObjectStoreConfig = { tempExpirationDays: 7, archiveAfterDays: 30, expirationDays: 365 };

export const objectStoreSection = defineSection({
    key: "objectStore",
    shape: {
        objectStore: z.strictObject({
            tempExpirationDays: days(3650).optional(),
            archiveAfterDays: days(3650).optional(),
            expirationDays: days(36500).optional(),
        }).optional(),
    },
    tiers: perTier<ObjectStoreConfig>({ production: lifecycle, staging: lifecycle }),
    resolve: ({ raw, tier }): ObjectStoreConfig => ({ ...tier, ...raw.objectStore }),
    rules: {
        archiveBeforeExpiry({ value, add }) {
            if (value.archiveAfterDays >= value.expirationDays) {
                add("objectStore.archiveAfterDays", value.archiveAfterDays, `fewer days than objectStore.expirationDays (${value.expirationDays})`);
            }
        },
    },
    reference: [
        { label: "`objectStore.tempExpirationDays`", keys: ["objectStore.tempExpirationDays"], note: "days: `uploads/temp/` expiry", defaults: "tier", change: "in place" },
        { label: "`objectStore.archiveAfterDays` / `expirationDays`", keys: ["objectStore.archiveAfterDays", "objectStore.expirationDays"], note: "days: `exports/` archive / expiry", defaults: "tier", change: "in place" },
    ],
});
