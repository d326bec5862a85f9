/*
 * The kubernetes runtime's ingress controller on AKS, shared by the network (its NSG rule) and
 * the cluster side (the controller itself, the Application Gateway in front of it).
 */

/**
 * The platform's app-routing nginx: an `NginxIngressController` (approuting.kubernetes.azure.com/v1alpha1)
 * on an INTERNAL Azure load balancer at a fixed VNet address, reachable only through the
 * Application Gateway (WAF_v2 in production) in front of it. Its pods run in `app-routing-system`
 * like the default controller's.
 */
export const INTERNAL_INGRESS_CLASS = "webapprouting-internal";

/**
 * The Service annotations of the internal controller's load balancer (cloud-provider-azure):
 * internal, at `ingressInternalAddress`, probed on nginx's /healthz as AKS asks for app-routing
 * controllers. https://learn.microsoft.com/azure/aks/app-routing-nginx-configuration
 * ("Create an internal NGINX ingress controller with a private IP address", "NGINX health probe path").
 */
export function internalLoadBalancerAnnotations(ipAddress: string): Record<string, string> {
    return {
        "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
        "service.beta.kubernetes.io/azure-load-balancer-ipv4": ipAddress,
        "service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path": "/healthz",
    };
}
