import { z } from "../zod";
import { CLOUD_PLUGINS } from "../../../providers/registry";
import type { CloudPlugin } from "../cloud-plugin";
import { sizeSchema, type Size } from "../schema-values";
import { defineSection, perTier } from "./section";

/** `platform:cache`: the Redis-compatible cache. */
export interface CacheConfig {
    /** Cloud-neutral node class. @default production: medium, staging: small. Changing it replaces the cache on GCP (BASIC) and resizes in place elsewhere. */
    size: Size;
    /** Nodes, including the primary; more than one enables automatic failover. @default production: 2, staging: 1 */
    nodes: number;
    /** Days of snapshots kept. @default production: 5, staging: 1 */
    snapshotRetentionDays: number;
    /** Automatic failover to a replica (on whenever `nodes` is above 1). @default production: true, staging: false */
    automaticFailover: boolean;
    /** RDB persistence / snapshots. @default production: true, staging: false */
    persistence: boolean;
    /**
     * Azure only: the access key slot services get (`primary` | `secondary`). Rotation switches it
     * to the other key after regenerating that one, then regenerates the old one. @default "primary"
     */
    keySlot: "primary" | "secondary";
}

export const cacheSection = defineSection({
    key: "cache",
    shape: {
        cache: z.strictObject({
            size: sizeSchema.optional(),
            nodes: z.number().int().min(1).max(6).optional(),
            snapshotRetentionDays: z.number().int().min(0).max(35).optional(),
            /** Azure: which of the cache's two access keys the Key Vault secret carries (the rotation switch). */
            keySlot: z.enum(["primary", "secondary"]).optional(),
        }).optional(),
    },
    tiers: perTier<CacheConfig>({
        production: { size: "medium", nodes: 2, snapshotRetentionDays: 5, automaticFailover: true, persistence: true, keySlot: "primary" },
        staging: { size: "small", nodes: 1, snapshotRetentionDays: 1, automaticFailover: false, persistence: false, keySlot: "primary" },
    }),
    resolve: ({ raw, tier }): CacheConfig => ({
        ...tier,
        ...raw.cache,
        automaticFailover: (raw.cache?.nodes ?? tier.nodes) > 1,
    }),
    rules: {
        keySlotOnlyWithTwoKeys({ cloud, plugin, raw, add }) {
            if (!plugin.cacheKeySlots && raw.cache?.keySlot !== undefined) {
                const withSlots = Object.values(CLOUD_PLUGINS).filter((p: CloudPlugin) => p.cacheKeySlots).map((p) => p.cacheService).join(" and ");
                add("cache.keySlot", raw.cache.keySlot, `unset on ${cloud}: only ${withSlots} has two access keys to switch between (see docs/cloud-mapping.md, Cache AUTH rotation)`);
            }
        },
        productionReplica({ environment, value, add }) {
            if (environment === "production" && value.nodes < 2) add("cache.nodes", value.nodes, "2 to 6 in production (automatic failover needs a replica)");
        },
        productionSnapshots({ environment, tier, value, add }) {
            if (environment === "production" && value.snapshotRetentionDays < tier.snapshotRetentionDays) {
                add("cache.snapshotRetentionDays", value.snapshotRetentionDays, `${tier.snapshotRetentionDays} to 35 days in production`);
            }
        },
    },
    reference: [
        { label: "`cache.size`", keys: ["cache.size"], defaults: "tier", change: "resize in place (GCP BASIC: replace)" },
        { label: "`cache.nodes`", keys: ["cache.nodes"], note: "≥ 2 in production; ≤ 4 on Azure, whose Premium cache has at most 3 replicas", defaults: "tier", change: "in place" },
        { label: "`cache.snapshotRetentionDays`", keys: ["cache.snapshotRetentionDays"], note: "≥ 5 in production", defaults: "tier", change: "in place" },
        { label: "`cache.keySlot`", keys: ["cache.keySlot"], note: "Azure only; rejected on AWS and GCP", defaults: { production: "`primary`", staging: "`primary`" }, change: "which Azure Cache access key the Key Vault secret carries: a new secret version, nothing replaced (see \"Rotating the cache AUTH token\")" },
    ],
});
