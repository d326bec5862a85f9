/** Where the load balancer sends a service's requests: a path prefix and/or a host. */
export interface HttpRoute {
    pathPrefix?: string;
    host?: string;
}


/**
 * The route a load balancer actually matches for `{host, pathPrefix}`: every cloud builds its
 * rules from the prefix without trailing slashes (`/api/` routes exactly like `/api`, and `/`
 * or none is the default route), hosts are case-insensitive (DNS), and paths are too where the
 * cloud says so (providers/<cloud>/load-balancer-limits.ts). Two services with the same key
 * would get identical rules, one of them unreachable.
 */
export function routeKey(route: HttpRoute, caseInsensitivePaths: boolean): string {
    const host = (route.host ?? "*").toLowerCase();
    // Stryker disable next-line StringLiteral: no prefix and "" both become "/" below
    const path = (route.pathPrefix ?? "/").replace(/\/+$/, "") || "/";
    return `${host}${caseInsensitivePaths ? path.toLowerCase() : path}`;
}
