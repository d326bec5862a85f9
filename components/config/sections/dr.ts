import { z } from "../zod";
import { DisasterRecoveryConfig, RecoveryObjectives, resolveDisasterRecovery } from "../disaster-recovery";
import { defineSection, perTier } from "./section";

/**
 * Disaster recovery (DESIGN.md "Disaster recovery"). A zone failure is absorbed by the
 * multi-zone database and cache on every tier; `objectives` are for the loss of a region,
 * met from the copies `crossRegionCopies` keeps in the other region (none: zone-level only).
 */
export interface DisasterRecoveryTier {
    crossRegionCopies: boolean;
    objectives?: RecoveryObjectives;
}

/** Its rules read `database.restore` too, so they are cross-section: resolve.ts runs disaster-recovery.ts's. */
export const drSection = defineSection({
    key: "dr",
    shape: {
        /** Disaster recovery (docs/disaster-recovery.md); the region is checked against the cloud's rule in disaster-recovery.ts. */
        dr: z.strictObject({
            /** The other region of the pair. @default the documented pair of the primary region (the cloud plugin's `disasterRecovery.regionPairs`) */
            region: z.string().regex(/^[a-z][a-z0-9-]{2,30}$/, { error: "a region or location such as us-east-2, us-east1 or westus" }).optional(),
            /** Database backups and objects copied to the other region. @default production: true, staging: false */
            crossRegionCopies: z.boolean().optional(),
            /** `recovery`: this stack is the recovery stack, running in `dr.region` with names that carry it. @default primary */
            role: z.enum(["primary", "recovery"]).optional(),
        }).optional(),
    },
    tiers: perTier<DisasterRecoveryTier>({
        production: { crossRegionCopies: true, objectives: { rtoMinutes: 60, databaseRpoMinutes: 15, objectRpoMinutes: 60 } },
        staging: { crossRegionCopies: false },
    }),
    resolve: ({ raw, tier, cloud, primaryRegion }): DisasterRecoveryConfig => resolveDisasterRecovery(cloud, raw.dr, tier, primaryRegion),
    reference: [
        { label: "`dr.region`", keys: ["dr.region"], allowed: "another region of the cloud (Azure: its paired region)", defaults: { production: "AWS `us-east-2`, GCP `us-east1`, Azure `westus` (the pair of the default regions)", staging: "same" }, change: "moves the copies" },
        { label: "`dr.crossRegionCopies`", keys: ["dr.crossRegionCopies"], note: ": database backups and objects copied to `dr.region`", defaults: "tier", change: "in place (Azure geo-backup: set at server creation)" },
        { label: "`dr.role`", keys: ["dr.role"], note: "a recovery stack runs in `dr.region`, names carry its code", defaults: { production: "`primary`", staging: "`primary`" }, change: "a different stack: never change it on a running one" },
    ],
});
