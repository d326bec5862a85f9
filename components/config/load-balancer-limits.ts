import type { Cloud } from "./schema";
import { AWS_LOAD_BALANCER_LIMITS } from "../../providers/aws/load-balancer-limits";
import { AZURE_LOAD_BALANCER_LIMITS } from "../../providers/azure/load-balancer-limits";
import { GCP_LOAD_BALANCER_LIMITS } from "../../providers/gcp/load-balancer-limits";

/** What config validation needs to know about a cloud's load balancer; each cloud states its own. */
export interface LoadBalancerLimits {
    product: string;
    /** HTTP routes (services with `http`) one load balancer takes; undefined: only the stack-wide bound applies. */
    maxRoutes: number | undefined;
    /** The documented limit behind `maxRoutes`, quoted in the error. */
    limitSource: string;
    /** Whether the cloud matches path prefixes case-insensitively, so `/API` and `/api` are one route. */
    caseInsensitivePaths: boolean;
}

/** Pure data modules: importing them loads no cloud SDK. */
export const LOAD_BALANCER_LIMITS: Record<Cloud, LoadBalancerLimits> = {
    aws: AWS_LOAD_BALANCER_LIMITS,
    gcp: GCP_LOAD_BALANCER_LIMITS,
    azure: AZURE_LOAD_BALANCER_LIMITS,
};
