import type { LoadBalancerLimits } from "../../components/config/load-balancer-limits";

/**
 * Application Gateway v2: each HTTP route gets a backend pool, backend HTTP settings, a probe
 * and a path rule. Limits: 100 backend address pools, 100 backend HTTP settings, 100 health
 * probes and 100 path-based rules per URL path map per gateway
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#application-gateway-limits).
 * Path rules are matched case-insensitively
 * (https://learn.microsoft.com/azure/application-gateway/url-route-overview), so `/API` and
 * `/api` are one route there.
 */
export const AZURE_LOAD_BALANCER_LIMITS: LoadBalancerLimits = {
    product: "Application Gateway",
    maxRoutes: 100,
    limitSource: "100 backend pools, HTTP settings, probes and path rules per Application Gateway (Azure limits)",
    caseInsensitivePaths: true,
};
