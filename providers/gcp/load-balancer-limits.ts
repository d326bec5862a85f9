import type { LoadBalancerLimits } from "../../components/config/load-balancer-limits";

/**
 * The global external Application Load Balancer's URL map: one path rule and one backend
 * service (serverless NEG) per HTTP route. Google documents no fixed rule count for it; a URL
 * map is bounded by size ("Individual URL maps are limited to 1 MB",
 * https://cloud.google.com/load-balancing/docs/url-map-size-quota) and the project's
 * backend-service quota, both far above the stack-wide service bound, which is what applies.
 * Path matching is case-sensitive.
 */
export const GCP_LOAD_BALANCER_LIMITS: LoadBalancerLimits = {
    product: "URL map",
    maxRoutes: undefined,
    limitSource: "a URL map of at most 1 MB (Cloud Load Balancing quotas)",
    caseInsensitivePaths: false,
};
