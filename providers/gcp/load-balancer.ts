import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import type { LoadBalancerArgs, LoadBalancerOutputs, LoadBalancerRoute, ServiceAttachment } from "../../components/load-balancer";
import { childName, limitedName } from "../../components/naming";
import type { GcpContext } from "./context";
import { gcpHandles } from "./handles";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { Transform } from "../../components/transform";
import type { TierProfile } from "../../components/config/tiers";
import type { EngineFacts } from "../shared/cloud-engine";
import type { Rule } from "../shared/rules";
import { HW, MM } from "./replacement";

/**
 * Cloud Armor preconfigured WAF rule sets, each denying with 403: OWASP CRS 3.3 (the AWS
 * CommonRuleSet / SQLi groups and Azure's OWASP 3.2) and `cve-canary`, the Log4Shell /
 * known-exploit signatures (AWS KnownBadInputsRuleSet), see docs/cloud-mapping.md and
 * https://cloud.google.com/armor/docs/waf-rules
 */
export const WAF_RULE_SETS = [
    "sqli-v33-stable",
    "xss-v33-stable",
    "lfi-v33-stable",
    "rfi-v33-stable",
    "rce-v33-stable",
    "methodenforcement-v33-stable",
    "scannerdetection-v33-stable",
    "protocolattack-v33-stable",
    "sessionfixation-v33-stable",
    "cve-canary",
] as const;

/** Requests per minute per client IP before Cloud Armor answers 429. */
const RATE_LIMIT_PER_MINUTE = 1200;

const TLS_VERSIONS: Record<LoadBalancerArgs["minimumTlsVersion"], string> = { "1.2": "TLS_1_2" };

/** The Cloud Run service a route's serverless NEG points at: the name compute-service.ts gives it. */
export function cloudRunServiceName(cfg: GcpContext["cfg"], service: string): string {
    return limitedName(cfg, 49, service);
}

/** `/api` -> [`/api`, `/api/*`]; `/` or none is the default route (no path rule). */
export function pathsFor(prefix: string | undefined): string[] {
    const p = (prefix ?? "/").replace(/\/+$/, "");
    return p === "" ? [] : [p, `${p}/*`];
}

export interface UrlMapRouting {
    defaultService: pulumi.Input<string>;
    hostRules: gcp.types.input.compute.URLMapHostRule[];
    pathMatchers: gcp.types.input.compute.URLMapPathMatcher[];
}

/**
 * Host and path routing: one path matcher per host (`*` for routes without a host), whose
 * default is that host's `/` route (or the map's default) and whose path rules are the
 * prefixed routes. The map's default is the host-less `/` route, else the first route.
 */
export function urlMapRouting(routes: LoadBalancerRoute[], backendFor: (service: string) => pulumi.Input<string>): UrlMapRouting {
    if (routes.length === 0) throw new Error("internal: the load balancer needs at least one route (config validation guarantees it)");
    const isDefault = (r: LoadBalancerRoute) => pathsFor(r.pathPrefix).length === 0;
    const rootRoute = routes.find((r) => !r.host && isDefault(r)) ?? routes[0]!;
    const defaultService = backendFor(rootRoute.service);

    const hosts = [...new Set(routes.map((r) => r.host ?? "*"))].sort((a, b) => (a === "*" ? 1 : b === "*" ? -1 : a.localeCompare(b)));
    const hostRules: gcp.types.input.compute.URLMapHostRule[] = [];
    const pathMatchers: gcp.types.input.compute.URLMapPathMatcher[] = [];
    hosts.forEach((host, i) => {
        const group = routes.filter((r) => (r.host ?? "*") === host);
        const matcher = host === "*" ? "default" : `host-${i + 1}`;
        const hostDefault = group.find(isDefault);
        hostRules.push({ hosts: [host], pathMatcher: matcher });
        pathMatchers.push({
            name: matcher,
            defaultService: hostDefault ? backendFor(hostDefault.service) : defaultService,
            pathRules: group.filter((r) => !isDefault(r)).map((r) => ({ paths: pathsFor(r.pathPrefix), service: backendFor(r.service) })),
        });
    });
    return { defaultService, hostRules, pathMatchers };
}

/** Managed certificates are immutable: the name follows the domain so a new one is created before the old is detached. */
function certificateName(cfg: GcpContext["cfg"], domain: string): string {
    return limitedName(cfg, 63, "cert", createHash("sha256").update(domain).digest("hex").slice(0, 8));
}

/** Cloud Armor (OWASP rule sets, per-IP rate limit, adaptive protection) when the tier asks for WAF; shared by the Cloud Run ALB and the GKE Ingress. */
export function createSecurityPolicy(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs): gcp.compute.SecurityPolicy | undefined {
    const { cfg } = ctx;
    const t = args.transform?.gcp;
    if (!args.waf) return undefined;
    return ctx.create(gcp.compute.SecurityPolicy, scope, childName(name, "waf"), {
        name: limitedName(cfg, 63, "waf"),
        description: "OWASP preconfigured WAF rules, per-IP rate limit",
        type: "CLOUD_ARMOR",
        adaptiveProtectionConfig: { layer7DdosDefenseConfig: { enable: true } },
        advancedOptionsConfig: { jsonParsing: "STANDARD", logLevel: "NORMAL" },
        rules: [
            ...WAF_RULE_SETS.map((set, i) => ({
                priority: 1000 + i,
                action: "deny(403)",
                description: `Preconfigured WAF: ${set}`,
                match: { expr: { expression: `evaluatePreconfiguredWaf('${set}', {'sensitivity': 1})` } },
            })),
            {
                priority: 2000,
                action: "throttle",
                description: "Per-client rate limit",
                match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
                rateLimitOptions: {
                    conformAction: "allow",
                    exceedAction: "deny(429)",
                    enforceOnKey: "IP",
                    rateLimitThreshold: { count: RATE_LIMIT_PER_MINUTE, intervalSec: 60 },
                },
            },
            {
                priority: 2147483647,
                action: "allow",
                description: "Default: allow what the rules above let through",
                match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } },
            },
        ],
        labels: ctx.labels(),
    }, t?.securityPolicy);
}

/** The SSL policy: TLS >= the configured minimum, MODERN profile; shared by the Cloud Run ALB and the GKE Ingress (FrontendConfig). */
export function createSslPolicy(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs): gcp.compute.SSLPolicy {
    return ctx.create(gcp.compute.SSLPolicy, scope, childName(name, "ssl-policy"), {
        name: limitedName(ctx.cfg, 63, "tls"),
        description: `TLS ${args.minimumTlsVersion} or later, modern ciphers only`,
        minTlsVersion: TLS_VERSIONS[args.minimumTlsVersion],
        profile: "MODERN",
    }, args.transform?.gcp?.sslPolicy);
}

/**
 * A global external Application Load Balancer (EXTERNAL_MANAGED): a serverless NEG and a
 * logged backend service per routed Cloud Run service, Cloud Armor (OWASP rule sets, rate
 * limit, adaptive protection) when the tier asks for WAF, a Google-managed certificate, an
 * SSL policy with TLS >= 1.2, HTTPS on 443 and a 301 redirect from HTTP on 80. Serverless
 * NEGs take no health checks: the tier's health settings become the Cloud Run probes.
 */
export function createLoadBalancer(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs): LoadBalancerOutputs {
    const { cfg } = ctx;
    const t = args.transform?.gcp;
    const deletionPolicy = args.deletionProtection ? "PREVENT" : "DELETE";

    const securityPolicy = createSecurityPolicy(ctx, scope, name, args);

    const backends: Record<string, gcp.compute.BackendService> = {};
    const attachments: Record<string, ServiceAttachment> = {};
    for (const route of args.routes) {
        const neg = ctx.create(gcp.compute.RegionNetworkEndpointGroup, scope, childName(name, `${route.service}-neg`), {
            name: limitedName(cfg, 63, route.service, "neg"),
            region: ctx.region,
            networkEndpointType: "SERVERLESS",
            cloudRun: { service: cloudRunServiceName(cfg, route.service) },
        }, t?.networkEndpointGroup);

        const backend = ctx.create(gcp.compute.BackendService, scope, childName(name, `${route.service}-backend`), {
            name: limitedName(cfg, 63, route.service, "backend"),
            description: `Cloud Run service ${route.service}`,
            loadBalancingScheme: "EXTERNAL_MANAGED",
            protocol: "HTTPS",
            backends: [{ group: neg.id }],
            logConfig: { enable: args.accessLogs, sampleRate: 1 },
            ...(securityPolicy ? { securityPolicy: securityPolicy.id } : {}),
        }, t?.backendService);
        backends[route.service] = backend;
        attachments[route.service] = { backendId: backend.id, dependsOn: [] };
    }

    const routing = urlMapRouting(args.routes, (service) => backends[service]!.id);
    const urlMapName = limitedName(cfg, 63, "https");
    const urlMap = ctx.create(gcp.compute.URLMap, scope, childName(name, "url-map"), {
        name: urlMapName,
        description: "Host and path routing to the Cloud Run services",
        defaultService: routing.defaultService,
        hostRules: routing.hostRules,
        pathMatchers: routing.pathMatchers,
    }, t?.urlMap);

    const certificate = ctx.create(gcp.compute.ManagedSslCertificate, scope, childName(name, "certificate"), {
        name: certificateName(cfg, args.domain),
        type: "MANAGED",
        managed: { domains: [args.domain] },
    }, t?.certificate);

    const sslPolicy = createSslPolicy(ctx, scope, name, args);

    const httpsProxy = ctx.create(gcp.compute.TargetHttpsProxy, scope, childName(name, "https-proxy"), {
        name: limitedName(cfg, 63, "https-proxy"),
        urlMap: urlMap.id,
        sslCertificates: [certificate.id],
        sslPolicy: sslPolicy.id,
    }, t?.httpsProxy);

    const address = ctx.create(gcp.compute.GlobalAddress, scope, childName(name, "address"), {
        name: limitedName(cfg, 63, "lb"),
        description: `Public address of ${args.domain}`,
        addressType: "EXTERNAL",
        ipVersion: "IPV4",
        deletionPolicy,
        labels: ctx.labels(),
    }, t?.address);

    ctx.create(gcp.compute.GlobalForwardingRule, scope, childName(name, "https"), {
        name: limitedName(cfg, 63, "https"),
        loadBalancingScheme: "EXTERNAL_MANAGED",
        ipProtocol: "TCP",
        portRange: "443",
        ipAddress: address.id,
        target: httpsProxy.id,
        deletionPolicy,
        labels: ctx.labels(),
    }, t?.httpsForwardingRule);

    const redirectMap = ctx.create(gcp.compute.URLMap, scope, childName(name, "http-redirect"), {
        name: limitedName(cfg, 63, "http-redirect"),
        description: "HTTP answers 301 to HTTPS",
        defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false },
    }, t?.httpRedirectUrlMap);

    const httpProxy = ctx.create(gcp.compute.TargetHttpProxy, scope, childName(name, "http-proxy"), {
        name: limitedName(cfg, 63, "http-proxy"),
        urlMap: redirectMap.id,
    }, t?.httpProxy);

    ctx.create(gcp.compute.GlobalForwardingRule, scope, childName(name, "http"), {
        name: limitedName(cfg, 63, "http"),
        loadBalancingScheme: "EXTERNAL_MANAGED",
        ipProtocol: "TCP",
        portRange: "80",
        ipAddress: address.id,
        target: httpProxy.id,
        labels: ctx.labels(),
    }, t?.httpForwardingRule);

    return {
        endpoint: address.address,
        url: pulumi.output(`https://${args.domain}`),
        handle: gcpHandles.wrap("loadBalancer", { urlMapName, health: args.health }),
        domain: pulumi.output(args.domain),
        attachments,
    };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/gcp/index.ts. */
export const builder: CloudBuilder<GcpContext, "loadBalancer"> = createLoadBalancer;

/** Typed escape hatches for this component's GCP children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface GcpLoadBalancerTransforms {
    securityPolicy?: Transform<gcp.compute.SecurityPolicyArgs>;
    /** Applied to every route's serverless NEG. */
    networkEndpointGroup?: Transform<gcp.compute.RegionNetworkEndpointGroupArgs>;
    /** Applied to every route's backend service. */
    backendService?: Transform<gcp.compute.BackendServiceArgs>;
    urlMap?: Transform<gcp.compute.URLMapArgs>;
    certificate?: Transform<gcp.compute.ManagedSslCertificateArgs>;
    sslPolicy?: Transform<gcp.compute.SSLPolicyArgs>;
    httpsProxy?: Transform<gcp.compute.TargetHttpsProxyArgs>;
    address?: Transform<gcp.compute.GlobalAddressArgs>;
    httpsForwardingRule?: Transform<gcp.compute.GlobalForwardingRuleArgs>;
    httpRedirectUrlMap?: Transform<gcp.compute.URLMapArgs>;
    httpProxy?: Transform<gcp.compute.TargetHttpProxyArgs>;
    httpForwardingRule?: Transform<gcp.compute.GlobalForwardingRuleArgs>;
}

declare module "../../components/load-balancer" {
    interface LoadBalancerTransforms { gcp?: GcpLoadBalancerTransforms }
}

/** What this component hands to the components built on it (providers/gcp/handles.ts). */
declare module "./handles" {
    interface GcpHandles {
        loadBalancer: { urlMapName: string; health: TierProfile["loadBalancer"]["health"] };
    }
}

/*
 * The offline engine's facts of the GCP types only the load balancer creates (npm run diff and the deploy-rule specs read them):
 * providers/gcp/engine.ts merges them with the facts of the types several components create.
 */

const loadBalancerRules: Rule[] = [
    {
        // The load balancer chain: forwarding rule -> proxy -> URL map -> backend service -> serverless NEG, one scheme throughout.
        id: "gcp/load-balancer-chain",
        family: "companions",
        types: ["gcp:compute/globalForwardingRule:GlobalForwardingRule", "gcp:compute/backendService:BackendService", "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", "gcp:compute/targetHttpProxy:TargetHttpProxy", "gcp:compute/targetHttpsProxy:TargetHttpsProxy", "gcp:compute/uRLMap:URLMap"],
        doc: "https://cloud.google.com/load-balancing/docs/https/setting-up-https-serverless",
        check: (r, plan) => {
            const i = r.inputs;
            if (r.type === "gcp:compute/globalForwardingRule:GlobalForwardingRule") {
                const problems = /^(80|443|8080)$/.test(String(i.portRange)) ? [] : [`portRange ${i.portRange}: a target proxy listens on 80, 8080 or 443`];
                const proxy = [...plan.ofType("gcp:compute/targetHttpProxy:TargetHttpProxy"), ...plan.ofType("gcp:compute/targetHttpsProxy:TargetHttpsProxy")].find((p) => String(i.target).endsWith(`/${p.inputs.name}`));
                if (!proxy) problems.push(`target ${i.target} is not a proxy of this plan`);
                return problems;
            }
            if (r.type === "gcp:compute/backendService:BackendService") {
                const problems: string[] = [];
                for (const b of (i.backends ?? []) as any[]) {
                    const neg = plan.ofType("gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup").find((n) => String(b.group).endsWith(`/${n.inputs.name}`));
                    if (neg?.inputs.networkEndpointType === "SERVERLESS" && (i.healthChecks || i.portName || i.timeoutSec !== undefined)) problems.push("a backend service of serverless NEGs takes no health checks, portName or timeoutSec");
                }
                for (const f of plan.ofType("gcp:compute/globalForwardingRule:GlobalForwardingRule")) if (f.inputs.loadBalancingScheme !== i.loadBalancingScheme) problems.push(`loadBalancingScheme ${i.loadBalancingScheme} differs from forwarding rule ${f.inputs.name}'s ${f.inputs.loadBalancingScheme}`);
                return problems;
            }
            if (r.type === "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup") {
                if (i.networkEndpointType !== "SERVERLESS") return [];
                const run = plan.ofType("gcp:cloudrunv2/service:Service").find((s) => s.inputs.name === i.cloudRun?.service);
                return run && run.inputs.location === i.region ? [] : [`serverless NEG points at Cloud Run service ${i.cloudRun?.service}, not one of this plan in ${i.region}`];
            }
            if (r.type === "gcp:compute/targetHttpsProxy:TargetHttpsProxy") {
                const certs = (i.sslCertificates ?? []) as unknown[];
                return certs.length >= 1 && certs.length <= 15 ? [] : [`${certs.length} certificates; an HTTPS proxy takes 1-15`];
            }
            if (r.type === "gcp:compute/uRLMap:URLMap") return !!i.defaultService !== !!i.defaultUrlRedirect ? [] : ["a URL map needs exactly one of defaultService and defaultUrlRedirect"];
            return i.urlMap ? [] : ["a target proxy needs a URL map"];
        },
    },
    {
        // TLS: an SSL policy with minTlsVersion and profile (CUSTOM needs its features); managed certificates 1-100 domains.
        id: "gcp/ssl-policy-and-certificate",
        family: "combinations",
        types: ["gcp:compute/sSLPolicy:SSLPolicy", "gcp:compute/managedSslCertificate:ManagedSslCertificate"],
        doc: "https://cloud.google.com/load-balancing/docs/ssl-policies-concepts",
        check: (r) => {
            if (r.type === "gcp:compute/managedSslCertificate:ManagedSslCertificate") {
                const d = (r.inputs.managed?.domains ?? []) as string[];
                return d.length >= 1 && d.length <= 100 && d.every((x) => !x.startsWith("*.")) ? [] : ["a managed certificate takes 1-100 domains, no wildcards"];
            }
            if (r.inputs.profile === "CUSTOM" && !((r.inputs.customFeatures ?? []) as unknown[]).length) return ["profile CUSTOM needs customFeatures"];
            return r.inputs.profile !== "CUSTOM" && r.inputs.customFeatures ? ["customFeatures only with profile CUSTOM"] : [];
        },
    },
    {
        // Cloud Armor: rule priorities unique; a rate-based ban needs rate limit options; the default rule has priority 2147483647.
        id: "gcp/cloud-armor-rules",
        family: "combinations",
        types: ["gcp:compute/securityPolicy:SecurityPolicy"],
        doc: "https://cloud.google.com/armor/docs/security-policy-overview#rules",
        check: (r) => {
            const rules = (r.inputs.rules ?? []) as any[];
            const problems: string[] = [];
            const priorities = rules.map((x) => x.priority);
            if (new Set(priorities).size !== priorities.length) problems.push(`rule priorities repeat: ${priorities.join(", ")}`);
            if (rules.length > 0 && !priorities.includes(2147483647)) problems.push("no default rule (priority 2147483647)");
            for (const x of rules) if (["rate_based_ban", "throttle"].includes(x.action) && !x.rateLimitOptions) problems.push(`rule ${x.priority}: ${x.action} needs rateLimitOptions`);
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = {
    replacement: {
        "gcp:compute/backendService:BackendService": {
            source: `${MM}compute/BackendService.yaml (name, loadBalancingScheme immutable)`,
            replace: ["name", "project", "loadBalancingScheme"],
            update: ["backends", "description", "logConfig", "protocol", "securityPolicy", "timeoutSec", "healthChecks", "cdnPolicy", "enableCdn", "iap", "portName",
                "sessionAffinity", "connectionDrainingTimeoutSec", "customRequestHeaders", "customResponseHeaders", "localityLbPolicy", "outlierDetection",
                "circuitBreakers", "consistentHash", "edgeSecurityPolicy", "compressionMode"],
        },
        "gcp:compute/globalForwardingRule:GlobalForwardingRule": {
            source: `${MM}compute/GlobalForwardingRule.yaml (target updates through setTarget, labels through setLabels)`,
            replace: ["ipAddress", "ipProtocol", "loadBalancingScheme", "name", "portRange", "project", "description", "ipVersion", "network", "subnetwork",
                "metadataFilters", "sourceIpRanges", "allowPscGlobalAccess"],
            update: ["labels", "target", "deletionPolicy"],
        },
        "gcp:compute/managedSslCertificate:ManagedSslCertificate": {
            source: `${MM}compute/ManagedSslCertificate.yaml (no update: every field immutable)`,
            replace: ["managed", "name", "type", "description", "project"],
            update: [],
        },
        "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup": {
            source: `${MM}compute/RegionNetworkEndpointGroup.yaml (no update: every field immutable)`,
            replace: ["cloudRun", "name", "networkEndpointType", "region", "project", "network", "subnetwork", "description", "appEngine", "cloudFunction",
                "serverlessDeployment", "pscTargetService", "pscData"],
            update: [],
        },
        "gcp:compute/sSLPolicy:SSLPolicy": {
            source: `${MM}compute/SslPolicy.yaml`,
            replace: ["name", "description", "project"],
            update: ["minTlsVersion", "profile", "customFeatures"],
        },
        "gcp:compute/securityPolicy:SecurityPolicy": {
            source: `${HW}compute/resource_compute_security_policy.go.tmpl`,
            replace: ["name", "project"],
            update: ["adaptiveProtectionConfig", "advancedOptionsConfig", "description", "labels", "rules", "recaptchaOptionsConfig"],
            undecided: ["type"],
        },
        "gcp:compute/targetHttpProxy:TargetHttpProxy": {
            source: `${MM}compute/TargetHttpProxy.yaml`,
            replace: ["name", "project", "description", "proxyBind"],
            update: ["urlMap", "httpKeepAliveTimeoutSec"],
        },
        "gcp:compute/targetHttpsProxy:TargetHttpsProxy": {
            source: `${MM}compute/TargetHttpsProxy.yaml`,
            replace: ["name", "project", "description", "proxyBind"],
            update: ["sslCertificates", "sslPolicy", "urlMap", "quicOverride", "certificateMap", "certificateManagerCertificates", "serverTlsPolicy", "tlsEarlyData",
                "httpKeepAliveTimeoutSec"],
        },
        "gcp:compute/uRLMap:URLMap": {
            source: `${MM}compute/UrlMap.yaml`,
            replace: ["name", "project"],
            update: ["defaultUrlRedirect", "description", "defaultService", "hostRules", "pathMatchers", "tests", "headerAction", "defaultRouteAction",
                "defaultCustomErrorResponsePolicy"],
        },
    },
    guardTypes: {
        "gcp:compute/securityPolicy:SecurityPolicy": "Cloud Armor policy",
    },
    rules: loadBalancerRules,
};
