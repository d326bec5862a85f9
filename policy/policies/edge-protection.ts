import type { PolicyResource } from "@pulumi/policy";
import { INGRESS_TYPE } from "./kubernetes";
import { configures, envNote, get, onlyInProduction, phrase, PlatformPolicy, read, resourcePolicy, stackPolicy } from "./support";
import { T } from "./types";

/**
 * A WAF in front of every production load balancer (DESIGN.md): the ALB associated with a
 * WAFv2 WebACL, every external Cloud Armor-able backend service with a security policy, the
 * Application Gateway on the WAF_v2 SKU with a WAF policy, and every production Ingress
 * (kubernetes runtime) served by a controller that puts the cloud's WAF in front of it.
 */

const EXTERNAL_SCHEMES = ["EXTERNAL", "EXTERNAL_MANAGED"];

export const awsLbRequireWaf = stackPolicy({
    name: "aws-lb-require-waf",
    description: "Production internet-facing application load balancers must be associated with a WAFv2 WebACL (a WebAclAssociation whose resourceArn is the load balancer).",
    area: "edge-protection",
    severity: "high",
    checkov: ["CKV2_AWS_28"],
    types: [T.aws.lb, T.aws.alb],
    remediation: "add an aws.wafv2.WebAclAssociation { resourceArn: <lb>.arn, webAclArn: <acl>.arn }",
    validate(ctx) {
        const associations = ctx.ofType(T.aws.wafAssociation);
        for (const lb of ctx.ofType(T.aws.lb, T.aws.alb)) {
            if (!ctx.isProduction(lb) || read(lb.props, "internal") === true) continue;
            if ((read(lb.props, "loadBalancerType") ?? "application") !== "application") continue;
            const mine = associations.filter((a) => configures(a, lb, "resourceArn", ["arn"]) && typeof get(a.props, "webAclArn") === "string");
            if (mine.length === 0) {
                ctx.report(lb, { problem: `no WAF is in front of the load balancer in ${envNote(ctx.environment(lb))}`, found: phrase("no WebAclAssociation for this load balancer"), fix: "associate a WAFv2 WebACL with the load balancer" });
            }
        }
    },
});

export const gcpComputeRequireWaf = resourcePolicy({
    name: "gcp-compute-require-waf",
    description: "Production external backend services must carry a Cloud Armor security policy.",
    area: "edge-protection",
    severity: "high",
    types: [T.gcp.backendService],
    remediation: "set securityPolicy to a Cloud Armor policy (gcp.compute.SecurityPolicy)",
    validate(ctx) {
        if (!EXTERNAL_SCHEMES.includes(ctx.props.loadBalancingScheme ?? "EXTERNAL")) ctx.notApplicable("internal backend service: not internet-facing");
        const env = onlyInProduction(ctx, "Cloud Armor");
        const policy = ctx.props.securityPolicy;
        if (typeof policy !== "string" || policy.length === 0) ctx.report({ problem: `no Cloud Armor policy protects the backend in ${envNote(env)}`, found: policy, fix: "set securityPolicy: <security policy>.id" });
    },
});

export const azureNetworkRequireAppgwWaf = resourcePolicy({
    name: "azure-network-require-appgw-waf",
    description: "Production application gateways must run the WAF_v2 SKU with a WAF policy attached (firewallPolicy).",
    area: "edge-protection",
    severity: "high",
    checkov: ["CKV_AZURE_120"],
    types: [T.azure.applicationGateway],
    remediation: "set sku { name: \"WAF_v2\", tier: \"WAF_v2\" } and firewallPolicy: { id: <WebApplicationFirewallPolicy>.id }",
    validate(ctx) {
        const env = onlyInProduction(ctx, "a WAF");
        const tier = ctx.props.sku?.tier;
        if (tier !== "WAF_v2") ctx.report({ problem: `the gateway's SKU has no WAF in ${envNote(env)}`, found: tier, fix: "set sku { name: \"WAF_v2\", tier: \"WAF_v2\" }" });
        const policy = ctx.props.firewallPolicy?.id;
        if (typeof policy !== "string" || policy.length === 0) ctx.report({ problem: `no WAF policy is attached in ${envNote(env)}`, found: policy, fix: "set firewallPolicy: { id: <WebApplicationFirewallPolicy>.id }" });
    },
});

/** Ingress classes and how each puts its cloud's WAF in front (checked against the stack). */
const ALB_WAF_ANNOTATION = "alb.ingress.kubernetes.io/wafv2-acl-arn";
const GKE_BACKEND_CONFIG_ANNOTATION = "cloud.google.com/backend-config";
const AGIC_CLASS = "azure-application-gateway";
const GKE_BACKEND_CONFIG = "kubernetes:cloud.google.com/v1:BackendConfig";
/** AKS application routing's controller resource: one per ingress class it serves. */
const APP_ROUTING_CONTROLLER = "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController";
const AZURE_LB_INTERNAL = "service.beta.kubernetes.io/azure-load-balancer-internal";
const AZURE_LB_IPV4 = "service.beta.kubernetes.io/azure-load-balancer-ipv4";

function isWafGateway(g: PolicyResource): boolean {
    return get(g.props, "sku", "tier") === "WAF_v2" && typeof get(g.props, "firewallPolicy", "id") === "string";
}

/**
 * Does the gateway route requests to `ip`? A backend pool holding the address, named by one
 * of the gateway's request routing rules (directly or through a URL path map).
 */
function gatewayRoutesTo(g: PolicyResource, ip: string): boolean {
    const pools = ((read(g.props, "backendAddressPools") ?? []) as Array<{ name?: string; backendAddresses?: Array<{ ipAddress?: string }> }>)
        .filter((p) => (p.backendAddresses ?? []).some((a) => a.ipAddress === ip))
        .map((p) => p.name);
    const names = (ref: unknown) => String((ref as { id?: unknown } | undefined)?.id ?? "").split("/backendAddressPools/")[1];
    const maps = (read(g.props, "urlPathMaps") ?? []) as Array<{ name?: string; defaultBackendAddressPool?: unknown; pathRules?: Array<{ backendAddressPool?: unknown }> }>;
    const rules = (read(g.props, "requestRoutingRules") ?? []) as Array<{ backendAddressPool?: unknown; urlPathMap?: unknown }>;
    return rules.some((r) => {
        if (pools.includes(names(r.backendAddressPool))) return true;
        const mapName = String((r.urlPathMap as { id?: unknown } | undefined)?.id ?? "").split("/urlPathMaps/")[1];
        const map = maps.find((m) => m.name === mapName);
        return !!map && [map.defaultBackendAddressPool, ...(map.pathRules ?? []).map((p) => p.backendAddressPool)].some((ref) => pools.includes(names(ref)));
    });
}

function ingressClass(ingress: PolicyResource): string | undefined {
    const annotated = read(ingress.props, "metadata", "annotations", "kubernetes.io/ingress.class");
    return (typeof annotated === "string" ? annotated : undefined) ?? (read(ingress.props, "spec", "ingressClassName") as string | undefined);
}

/** The BackendConfig names the Ingress's Services point at (`{"default": "<name>"}` or per port). */
function backendConfigNames(services: PolicyResource[]): string[] {
    const names: string[] = [];
    for (const svc of services) {
        const raw = read(svc.props, "metadata", "annotations", GKE_BACKEND_CONFIG_ANNOTATION);
        if (typeof raw !== "string") continue;
        try {
            const parsed = JSON.parse(raw) as { default?: string; ports?: Record<string, string> };
            if (parsed.default) names.push(parsed.default);
            names.push(...Object.values(parsed.ports ?? {}));
        } catch {
            // An unparsable annotation names no BackendConfig.
        }
    }
    return names;
}

export const kubernetesIngressRequireWaf = stackPolicy({
    name: "kubernetes-ingress-require-waf",
    description:
        "Production Ingresses must be served behind the cloud's WAF: an AWS ALB with a WAFv2 WebACL annotation, GKE backends whose BackendConfig names a Cloud Armor policy, an AKS app-routing controller on an internal load balancer that a WAF_v2 Application Gateway with a WAF policy routes to, or AGIC on such a gateway.",
    area: "edge-protection",
    severity: "high",
    types: [INGRESS_TYPE],
    remediation: "alb: annotate alb.ingress.kubernetes.io/wafv2-acl-arn; gce: set spec.securityPolicy on the Services' BackendConfig; Azure: an internal app-routing NginxIngressController behind a WAF_v2 Application Gateway whose backend pool holds its address, or AGIC (class azure-application-gateway) on a WAF_v2 gateway",
    validate(ctx) {
        const backendConfigs = ctx.resources.filter((r) => r.type === GKE_BACKEND_CONFIG);
        const services = ctx.resources.filter((r) => r.type === "kubernetes:core/v1:Service");
        const gateways = ctx.resources.filter((r) => r.type === T.azure.applicationGateway);
        const controllers = ctx.resources.filter((r) => r.type === APP_ROUTING_CONTROLLER);
        for (const ingress of ctx.ofType(INGRESS_TYPE)) {
            if (!ctx.isProduction(ingress)) continue;
            const env = envNote(ctx.environment(ingress));
            const annotations = (read(ingress.props, "metadata", "annotations") ?? {}) as Record<string, unknown>;
            const cls = ingressClass(ingress);
            if (typeof annotations[ALB_WAF_ANNOTATION] === "string" && String(annotations[ALB_WAF_ANNOTATION]).length > 0) continue;
            if (cls === "gce") {
                const names = new Set(backendConfigNames(services));
                const mine = backendConfigs.filter((b) => names.has(String(read(b.props, "metadata", "name"))));
                const unprotected = mine.filter((b) => typeof get(b.props, "spec", "securityPolicy", "name") !== "string");
                if (mine.length > 0 && unprotected.length === 0) continue;
                ctx.report(ingress, {
                    problem: `GKE serves the Ingress without Cloud Armor in ${env}`,
                    found: mine.length ? unprotected.map((b) => read(b.props, "metadata", "name")) : phrase("no BackendConfig on its Services"),
                    fix: "set spec.securityPolicy.name on the BackendConfig of every backend Service",
                });
                continue;
            }
            const controller = controllers.find((c) => read(c.props, "spec", "ingressClassName") === cls);
            if (controller) {
                // AKS app routing: its controller must sit on an internal load balancer, and a
                // WAF gateway must route to that load balancer's address.
                const lb = (read(controller.props, "spec", "loadBalancerAnnotations") ?? {}) as Record<string, unknown>;
                const ip = lb[AZURE_LB_IPV4];
                if (lb[AZURE_LB_INTERNAL] !== "true" || typeof ip !== "string") {
                    ctx.report(ingress, {
                        problem: `the app-routing controller ${String(read(controller.props, "metadata", "name"))} of the Ingress is internet-facing, so requests bypass any WAF in ${env}`,
                        found: lb[AZURE_LB_INTERNAL] ?? phrase("no internal load balancer annotation"),
                        fix: `set spec.loadBalancerAnnotations ${AZURE_LB_INTERNAL}: "true" and ${AZURE_LB_IPV4}: <address>, with a WAF_v2 Application Gateway in front`,
                    });
                    continue;
                }
                if (gateways.some((g) => isWafGateway(g) && gatewayRoutesTo(g, ip))) continue;
                ctx.report(ingress, {
                    problem: `no WAF_v2 Application Gateway with a WAF policy routes to the Ingress's controller (${ip}) in ${env}`,
                    found: gateways.filter((g) => gatewayRoutesTo(g, ip)).map((g) => read(g.props, "applicationGatewayName")),
                    fix: `route a WAF_v2 gateway with firewallPolicy to a backend pool holding ${ip}`,
                });
                continue;
            }
            if (cls === AGIC_CLASS) {
                const waf = gateways.filter(isWafGateway);
                if (waf.length > 0) continue;
                ctx.report(ingress, { problem: `the Application Gateway behind the Ingress has no WAF in ${env}`, found: phrase("no WAF_v2 gateway with a WAF policy"), fix: "run the AGIC gateway on WAF_v2 with firewallPolicy" });
                continue;
            }
            ctx.report(ingress, {
                problem: `no WAF is in front of the Ingress in ${env}`,
                found: cls ?? phrase("no ingress class"),
                fix: "serve it through a controller with the cloud's WAF (alb + wafv2-acl-arn, gce + Cloud Armor BackendConfig, an internal app-routing controller behind a WAF_v2 gateway, AGIC on WAF_v2)",
            });
        }
    },
});

export const edgeProtectionPolicies: PlatformPolicy[] = [awsLbRequireWaf, gcpComputeRequireWaf, azureNetworkRequireAppgwWaf, kubernetesIngressRequireWaf];
