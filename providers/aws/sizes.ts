import type { Size } from "../../components/config";

/** Cloud-neutral sizes mapped to AWS classes. Performance Insights needs at least db.t4g.medium. */
export const RDS_CLASS: Record<Size, { instanceClass: string; memoryGiB: number }> = {
    small: { instanceClass: "db.t4g.medium", memoryGiB: 4 },
    medium: { instanceClass: "db.r6g.large", memoryGiB: 16 },
    large: { instanceClass: "db.r6g.2xlarge", memoryGiB: 64 },
};

export const CACHE_NODE: Record<Size, string> = {
    small: "cache.t4g.small",
    medium: "cache.r7g.large",
    large: "cache.r7g.xlarge",
};

/** Fargate task sizes (cpu units, memory MiB). */
export const FARGATE: Record<Size, { cpu: number; memory: number }> = {
    small: { cpu: 512, memory: 1024 },
    medium: { cpu: 1024, memory: 2048 },
    large: { cpu: 2048, memory: 4096 },
};

/** RDS PostgreSQL default max_connections: LEAST(DBInstanceClassMemory/9531392, 5000). */
export function rdsMaxConnections(memoryGiB: number): number {
    return Math.min(Math.floor((memoryGiB * 1024 ** 3) / 9531392), 5000);
}
