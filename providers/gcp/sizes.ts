import type { Size } from "../../components/config";

/** Cloud SQL (Enterprise edition) machine tiers and the max_connections each is given. */
export const CLOUD_SQL_TIER: Record<Size, { tier: string; maxConnections: number }> = {
    small: { tier: "db-custom-1-3840", maxConnections: 100 },
    medium: { tier: "db-custom-2-7680", maxConnections: 200 },
    large: { tier: "db-custom-4-15360", maxConnections: 400 },
};

/** Memorystore for Redis capacity in GB. */
export const REDIS_MEMORY_GB: Record<Size, number> = { small: 1, medium: 5, large: 13 };

/** Cloud Run container limits. */
export const CLOUD_RUN_RESOURCES: Record<Size, { cpu: string; memory: string }> = {
    small: { cpu: "1", memory: "512Mi" },
    medium: { cpu: "1", memory: "1Gi" },
    large: { cpu: "2", memory: "2Gi" },
};
