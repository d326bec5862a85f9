import type { Size } from "../../components/config";

/**
 * Cloud-neutral sizes as container requests and limits. Requests are what the scheduler
 * reserves (and what the HPA's utilisation targets are measured against); limits are twice
 * the requests, so a service can burst without starving its node. Memory limit = 2x request
 * keeps OOM kills for genuine leaks.
 *
 * | size   | requests        | limits       |
 * |--------|-----------------|--------------|
 * | small  | 250m / 512Mi    | 500m / 1Gi   |
 * | medium | 500m / 1Gi      | 1 / 2Gi      |
 * | large  | 1 / 2Gi         | 2 / 4Gi      |
 */
export const CONTAINER_RESOURCES: Record<Size, { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } }> = {
    small: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "500m", memory: "1Gi" } },
    medium: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "2Gi" } },
    large: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
};

/** Size of the /tmp emptyDir (the root filesystem is read-only). */
export const TMP_SIZE_LIMIT = "256Mi";
