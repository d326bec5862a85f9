/** What config validation needs to know about a cloud's load balancer; each cloud states its own (its plugin's `loadBalancerLimits`). */
export interface LoadBalancerLimits {
    product: string;
    /** HTTP routes (services with `http`) one load balancer takes; undefined: only the stack-wide bound applies. */
    maxRoutes: number | undefined;
    /** The documented limit behind `maxRoutes`, quoted in the error. */
    limitSource: string;
    /** Whether the cloud matches path prefixes case-insensitively, so `/API` and `/api` are one route. */
    caseInsensitivePaths: boolean;
}
