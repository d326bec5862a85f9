/** The GKE cluster and namespace the services run in under `compute.runtime: kubernetes`. */
export interface GkeNames {
    cluster: string;
    namespace: string;
    containers: string[];
    /** The containers of the services the Ingress routes to. */
    httpContainers: string[];
}

/** The names the alerts watch, all known before anything is created. */
export interface WatchedNames {
    project: string;
    region: string;
    cloudRunServices: string[];
    /** The Cloud Run services the load balancer fronts. */
    routedCloudRunServices: string[];
    urlMap: string;
    sqlInstance: string;
    redisInstance: string;
    maxConnections: number;
    gke?: GkeNames;
    /** Log-based counters (logCounters) by key. */
    counters: { dbConnectionFailures: string; runCrashes: string };
}
