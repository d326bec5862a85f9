import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import type { network as NetworkInputs } from "@pulumi/azure-native/types/input";
import { LoadBalancerArgs, LoadBalancerOutputs, LoadBalancerRoute, ServiceAttachment, WAF_REDACTED_HEADERS } from "../../components/load-balancer";
import { childName } from "../../components/naming";
import { AzureContext } from "./context";
import { azureHandles } from "./handles";
import { containerAppName } from "./compute-service";
import { diagnostics } from "./diagnostics";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { Transform } from "../../components/transform";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import type { Rule } from "../shared/rules";
import { SPEC, TAGS } from "./replacement";
import { azureNameRule as n, ALNUM_END, NETWORK_NAME } from "./rules/names";

/** TLS policy: Azure's predefined 2022 policy (TLS 1.2 minimum, modern ciphers only). */
export const SSL_POLICY = { policyType: "Predefined", policyName: "AppGwSslPolicy20220101" } as const;

/** OWASP Core Rule Set for the production WAF, blocking (Prevention), not just logging. */
export const WAF_RULE_SET = { ruleSetType: "OWASP", ruleSetVersion: "3.2" } as const;
/** Known bad bots and IP reputation (the AWS AmazonIpReputationList counterpart), see docs/cloud-mapping.md. */
export const BOT_RULE_SET = { ruleSetType: "Microsoft_BotManagerRuleSet", ruleSetVersion: "1.0" } as const;
/** Requests per minute per client IP before the WAF blocks (Cloud Armor's throttle; AWS's rate-based rule). */
export const WAF_RATE_LIMIT_PER_MINUTE = 1200;

/**
 * The WAF policy's log scrubbing: the request headers of WAF_REDACTED_HEADERS never reach
 * the firewall log. https://learn.microsoft.com/azure/web-application-firewall/ag/waf-sensitive-data-protection
 */
export function wafLogScrubbing(): NetworkInputs.PolicySettingsLogScrubbingArgs {
    return {
        state: "Enabled",
        scrubbingRules: WAF_REDACTED_HEADERS.map((header) => ({ matchVariable: "RequestHeaderNames", selectorMatchOperator: "Equals", selector: header, state: "Enabled" })),
    };
}

/** Per-client rate limit: every request (no IP is 255.255.255.255/32) counted per client address. */
export const RATE_LIMIT_RULE: NetworkInputs.WebApplicationFirewallCustomRuleArgs = {
    name: "ratelimitperip",
    priority: 100,
    ruleType: "RateLimitRule",
    rateLimitDuration: "OneMin",
    rateLimitThreshold: WAF_RATE_LIMIT_PER_MINUTE,
    groupByUserSession: [{ groupByVariables: [{ variableName: "ClientAddr" }] }],
    matchConditions: [{ matchVariables: [{ variableName: "RemoteAddr" }], operator: "IPMatch", negationConditon: true, matchValues: ["255.255.255.255/32"] }],
    action: "Block",
    state: "Enabled",
};

/**
 * The Key Vault secret the gateway's HTTPS listener reads its certificate from (versionless,
 * so renewals roll out automatically). Azure has no ARM resource that issues a Key Vault
 * certificate: the certificate for `domain` is created in the vault under this name (e.g.
 * `az keyvault certificate create` with an issuer such as DigiCert/GlobalSign) before the
 * first `pulumi up`; the gateway identity may read exactly this secret and nothing else.
 */
export function certificateSecretName(domain: string): string {
    return `tls-${domain.replace(/[^A-Za-z0-9]/g, "-")}`.slice(0, 127);
}

/** Path patterns of a route for an Application Gateway path rule: the prefix and everything under it. */
export function routePaths(prefix: string | undefined): string[] | undefined {
    if (!prefix || prefix === "/") return undefined;
    const p = prefix.replace(/\/+$/, "");
    return [p, `${p}/*`];
}

/**
 * What the gateway forwards to. `container-apps` (managed runtime): one backend pool per
 * routed service at its Container App FQDN in the internal environment, URL path maps per
 * host. `ingress` (kubernetes runtime): the AKS ingress controller's internal load balancer at
 * `ipAddress`, which does the host/path routing itself; one pool, and per host HTTPS settings
 * whose host name override makes the gateway send that host as SNI and Host header, so nginx
 * serves the Key Vault certificate the gateway validates (an IP backend has no name of its own;
 * the gateway sends the Host header it forwards as SNI: learn.microsoft.com/azure/application-gateway/ssl-overview,
 * ApplicationGatewayBackendHttpSettings.sniName in the ARM reference).
 */
export type GatewayBackend = { kind: "container-apps" } | { kind: "ingress"; ipAddress: string };

/**
 * Application Gateway v2: HTTPS (Key Vault certificate, TLS >= 1.2) on 443, HTTP on 80
 * answered with a permanent (301) redirect to HTTPS, HTTPS to the backends with health probes
 * on each health path, WAF_v2 with an OWASP policy in Prevention mode in production, access
 * and firewall logs to Log Analytics, and a delete lock in production. The one public entry
 * point of both runtimes (see `GatewayBackend`).
 */
export function createApplicationGateway(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs, backend: GatewayBackend): {
    gateway: network.ApplicationGateway;
    endpoint: pulumi.Output<string>;
    /** Per routed service, the backend pool that serves it. */
    pools: Record<string, string>;
} {
    const f = ctx.foundation;
    const t = args.transform?.azure;
    const gatewayName = ctx.physical("agw");
    const gatewayId = pulumi.interpolate`${f.resourceGroupId}/providers/Microsoft.Network/applicationGateways/${gatewayName}`;
    const sub = (kind: string, item: string) => ({ id: pulumi.interpolate`${gatewayId}/${kind}/${item}` });

    const publicIp = ctx.create(network.PublicIPAddress, scope, childName(name, "ip"), {
        publicIpAddressName: ctx.physical("agw-ip"),
        resourceGroupName: f.resourceGroupName,
        location: ctx.location,
        sku: { name: "Standard", tier: "Regional" },
        publicIPAllocationMethod: "Static",
        publicIPAddressVersion: "IPv4",
        zones: f.zones.length > 1 ? f.zones : undefined,
        tags: ctx.tags,
    }, t?.publicIp);

    let wafPolicy: network.WebApplicationFirewallPolicy | undefined;
    if (args.waf) {
        wafPolicy = ctx.create(network.WebApplicationFirewallPolicy, scope, childName(name, "waf"), {
            policyName: ctx.physical("waf").replace(/-/g, ""),
            resourceGroupName: f.resourceGroupName,
            location: ctx.location,
            managedRules: { managedRuleSets: [{ ...WAF_RULE_SET }, { ...BOT_RULE_SET }] },
            customRules: [RATE_LIMIT_RULE],
            policySettings: { state: "Enabled", mode: "Prevention", requestBodyCheck: true, maxRequestBodySizeInKb: 128, fileUploadLimitInMb: 100, logScrubbing: wafLogScrubbing() },
            tags: ctx.tags,
        }, t?.wafPolicy);
    }

    // The gateway reads its certificate from Key Vault as its own identity.
    const certName = certificateSecretName(args.domain);
    const identity = ctx.identity(scope, childName(name, "identity"), "agw");
    const certGrant = ctx.grant(scope, childName(name, "certificate-reader"), {
        principalId: identity.principalId,
        role: "keyVaultSecretsUser",
        on: pulumi.interpolate`${f.keyVaultId}/secrets/${certName}`,
    });

    const routesByHost = new Map<string, LoadBalancerRoute[]>();
    for (const r of args.routes) routesByHost.set(r.host ?? "", [...(routesByHost.get(r.host ?? "") ?? []), r]);
    const hosts = [...routesByHost.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
    const listenerName = (host: string) => (host ? `https-${host.replace(/[^a-z0-9]/gi, "-")}` : "https");
    const routing = backend.kind === "ingress" ? ingressRouting(args, hosts, routesByHost, backend.ipAddress, sub) : containerAppsRouting(ctx, args, hosts, routesByHost, sub);

    const h = args.health;
    const gateway = ctx.create(network.ApplicationGateway, scope, childName(name, "gateway"), {
        applicationGatewayName: gatewayName,
        resourceGroupName: f.resourceGroupName,
        location: ctx.location,
        sku: args.waf ? { name: "WAF_v2", tier: "WAF_v2" } : { name: "Standard_v2", tier: "Standard_v2" },
        autoscaleConfiguration: { minCapacity: ctx.cfg.environment === "production" ? 2 : 1, maxCapacity: 10 },
        zones: f.zones.length > 1 ? f.zones : undefined,
        enableHttp2: true,
        identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        firewallPolicy: wafPolicy ? { id: wafPolicy.id } : undefined,
        gatewayIPConfigurations: [{ name: "gateway", subnet: { id: f.subnets.gateway } }],
        frontendIPConfigurations: [{ name: "public", publicIPAddress: { id: publicIp.id } }],
        frontendPorts: [{ name: "http", port: 80 }, { name: "https", port: 443 }],
        sslCertificates: [{ name: "tls", keyVaultSecretId: pulumi.interpolate`${f.keyVaultUri}secrets/${certName}` }],
        sslPolicy: { ...SSL_POLICY },
        httpListeners: [
            ...hosts.map((host) => ({
                name: listenerName(host),
                protocol: "Https",
                frontendIPConfiguration: sub("frontendIPConfigurations", "public"),
                frontendPort: sub("frontendPorts", "https"),
                sslCertificate: sub("sslCertificates", "tls"),
                requireServerNameIndication: host !== "",
                ...(host ? { hostNames: [host] } : {}),
            })),
            { name: "http", protocol: "Http", frontendIPConfiguration: sub("frontendIPConfigurations", "public"), frontendPort: sub("frontendPorts", "http") },
        ],
        redirectConfigurations: [{
            name: "http-to-https",
            redirectType: "Permanent",
            targetListener: sub("httpListeners", listenerName(hosts[hosts.length - 1]!)),
            includePath: true,
            includeQueryString: true,
        }],
        backendAddressPools: routing.pools,
        probes: routing.probes.map((p) => ({
            name: p.name,
            protocol: "Https",
            path: p.path,
            interval: h.intervalSeconds,
            timeout: h.timeoutSeconds,
            unhealthyThreshold: h.unhealthyThreshold,
            pickHostNameFromBackendHttpSettings: true,
            match: { statusCodes: ["200-399"] },
        })),
        backendHttpSettingsCollection: routing.settings.map((s) => ({
            name: s.name,
            protocol: "Https",
            port: 443,
            ...(s.hostName ? { hostName: s.hostName } : { pickHostNameFromBackendAddress: true }),
            cookieBasedAffinity: "Disabled",
            requestTimeout: 30,
            connectionDraining: { enabled: true, drainTimeoutInSec: 30 },
            probe: sub("probes", s.probe),
        })),
        urlPathMaps: routing.urlPathMaps,
        requestRoutingRules: [
            ...hosts.map((host, i) => ({
                name: `route-${listenerName(host)}`,
                priority: 100 + i * 10,
                httpListener: sub("httpListeners", listenerName(host)),
                ...routing.rule(host),
            })),
            { name: "redirect-http", ruleType: "Basic", priority: 1000, httpListener: sub("httpListeners", "http"), redirectConfiguration: sub("redirectConfigurations", "http-to-https") },
        ],
        tags: ctx.tags,
    }, t?.gateway, { dependsOn: [certGrant] });

    if (args.accessLogs) diagnostics(ctx, scope, childName(name, "diagnostics"), gateway.id);
    if (args.deletionProtection) ctx.deleteLock(scope, childName(name, "lock"), gateway.id, "Production entry point: remove this lock deliberately before deleting the gateway.");

    return { gateway, endpoint: publicIp.ipAddress.apply((ip) => ip ?? ""), pools: routing.servicePools };
}

type SubResource = (kind: string, item: string) => { id: pulumi.Output<string> };
interface GatewayRouting {
    pools: NetworkInputs.ApplicationGatewayBackendAddressPoolArgs[];
    settings: Array<{ name: string; probe: string; hostName?: string }>;
    probes: Array<{ name: string; path: string }>;
    urlPathMaps?: NetworkInputs.ApplicationGatewayUrlPathMapArgs[];
    /** The routing part of the request routing rule of a host's HTTPS listener. */
    rule(host: string): Pick<NetworkInputs.ApplicationGatewayRequestRoutingRuleArgs, "ruleType" | "urlPathMap" | "backendAddressPool" | "backendHttpSettings">;
    servicePools: Record<string, string>;
}

function containerAppsRouting(ctx: AzureContext, args: LoadBalancerArgs, hosts: string[], routesByHost: Map<string, LoadBalancerRoute[]>, sub: SubResource): GatewayRouting {
    const entry = (r: LoadBalancerRoute) => ({ route: r, pool: `${r.service}-pool`, settings: `${r.service}-https`, probe: `${r.service}-health` });
    const pools = args.routes.map(entry);
    const mapName = (host: string) => (host ? `paths-${host.replace(/[^a-z0-9]/gi, "-")}` : "paths");
    return {
        pools: pools.map((p) => ({ name: p.pool, backendAddresses: [{ fqdn: pulumi.interpolate`${containerAppName(ctx, p.route.service)}.${ctx.containerApps.defaultDomain}` }] })),
        settings: pools.map((p) => ({ name: p.settings, probe: p.probe })),
        probes: pools.map((p) => ({ name: p.probe, path: p.route.healthPath })),
        urlPathMaps: hosts.map((host) => {
            const group = routesByHost.get(host)!.map(entry);
            const fallback = group.find((p) => !routePaths(p.route.pathPrefix)) ?? group[0]!;
            return {
                name: mapName(host),
                defaultBackendAddressPool: sub("backendAddressPools", fallback.pool),
                defaultBackendHttpSettings: sub("backendHttpSettingsCollection", fallback.settings),
                pathRules: group.filter((p) => routePaths(p.route.pathPrefix)).map((p) => ({
                    name: p.route.service,
                    paths: routePaths(p.route.pathPrefix),
                    backendAddressPool: sub("backendAddressPools", p.pool),
                    backendHttpSettings: sub("backendHttpSettingsCollection", p.settings),
                })),
            };
        }),
        rule: (host) => ({ ruleType: "PathBasedRouting", urlPathMap: sub("urlPathMaps", mapName(host)) }),
        servicePools: Object.fromEntries(pools.map((p) => [p.route.service, p.pool])),
    };
}

/** The name of the gateway's backend pool in front of the AKS ingress controller. */
export const INGRESS_POOL = "ingress-pool";

function ingressRouting(args: LoadBalancerArgs, hosts: string[], routesByHost: Map<string, LoadBalancerRoute[]>, ipAddress: string, sub: SubResource): GatewayRouting {
    const key = (host: string) => (host ? host.replace(/[^a-z0-9]/gi, "-") : "default");
    // The probe goes through nginx like a request: the health path of the host's default route.
    const healthPath = (host: string) => {
        const group = routesByHost.get(host)!;
        return (group.find((r) => !routePaths(r.pathPrefix)) ?? group[0]!).healthPath;
    };
    return {
        pools: [{ name: INGRESS_POOL, backendAddresses: [{ ipAddress }] }],
        settings: hosts.map((host) => ({ name: `ingress-https-${key(host)}`, probe: `ingress-health-${key(host)}`, hostName: host || args.domain })),
        probes: hosts.map((host) => ({ name: `ingress-health-${key(host)}`, path: healthPath(host) })),
        rule: (host) => ({
            ruleType: "Basic",
            backendAddressPool: sub("backendAddressPools", INGRESS_POOL),
            backendHttpSettings: sub("backendHttpSettingsCollection", `ingress-https-${key(host)}`),
        }),
        servicePools: Object.fromEntries(args.routes.map((r) => [r.service, INGRESS_POOL])),
    };
}

/** The managed runtime's load balancer: the gateway in front of the Container Apps. */
export function createLoadBalancer(run: AzureContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs): LoadBalancerOutputs {
    const ctx = run.withFoundation(azureHandles.read("network", args.network.handle, "load balancer"));
    const { gateway, endpoint, pools } = createApplicationGateway(ctx, scope, name, args, { kind: "container-apps" });
    const attachments: Record<string, ServiceAttachment> = {};
    for (const [service, pool] of Object.entries(pools)) {
        attachments[service] = { backendId: pulumi.interpolate`${gateway.id}/backendAddressPools/${pool}`, dependsOn: [] };
    }
    return {
        endpoint,
        url: pulumi.output(`https://${args.domain}`),
        domain: pulumi.output(args.domain),
        attachments,
        handle: azureHandles.wrap("loadBalancer", { gatewayId: gateway.id }),
    };
}

export type { LoadBalancerRoute };

/** This file's catalog entry (components/catalog.ts), loaded by providers/azure/index.ts. */
export const builder: CloudBuilder<AzureContext, "loadBalancer"> = createLoadBalancer;

/** Typed escape hatches for this component's Azure children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface AzureLoadBalancerTransforms {
    gateway?: Transform<network.ApplicationGatewayArgs>;
    publicIp?: Transform<network.PublicIPAddressArgs>;
    /** Production only (WAF). */
    wafPolicy?: Transform<network.WebApplicationFirewallPolicyArgs>;
}

declare module "../../components/load-balancer" {
    interface LoadBalancerTransforms { azure?: AzureLoadBalancerTransforms }
}

/** What this component hands to the components built on it (providers/azure/handles.ts). */
declare module "./handles" {
    interface AzureHandles {
        loadBalancer: { gatewayId: pulumi.Output<string> };
    }
}

/*
 * The offline engine's facts (`npm run diff` and the deploy-rule specs read them) of the Azure types only the load balancer
 * creates: which inputs replace them and their deploy rules. providers/azure/engine.ts
 * merges them with the facts of the types several components create.
 */

const replacement: ReplacementTable = {
    "azure-native:network:ApplicationGateway": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/applicationGateway.json (zones create-only)`,
        replace: ["applicationGatewayName", "resourceGroupName", "location", "zones"],
        update: [...TAGS, "autoscaleConfiguration", "backendAddressPools", "backendHttpSettingsCollection", "enableHttp2", "firewallPolicy", "frontendIPConfigurations",
            "frontendPorts", "httpListeners", "identity", "probes", "redirectConfigurations", "requestRoutingRules", "sku", "sslCertificates", "sslPolicy",
            "urlPathMaps", "webApplicationFirewallConfiguration", "rewriteRuleSets", "trustedRootCertificates", "sslProfiles", "listeners", "routingRules"],
        // Moving the gateway to another subnet needs it stopped first; the provider cannot tell.
        undecided: ["gatewayIPConfigurations"],
    },
    "azure-native:network:PublicIPAddress": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/publicIpAddress.json (zones, version, ipTags create-only)`,
        replace: ["publicIpAddressName", "resourceGroupName", "location", "zones", "publicIPAddressVersion", "ipTags", "publicIPPrefix", "extendedLocation"],
        update: [...TAGS, "dnsSettings", "idleTimeoutInMinutes", "ddosSettings"],
        // A Standard SKU address must stay Static; Basic → Standard is an upgrade only.
        undecided: ["sku", "publicIPAllocationMethod"],
    },
    "azure-native:network:WebApplicationFirewallPolicy": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/webapplicationfirewall.json`,
        replace: ["policyName", "resourceGroupName", "location"],
        update: [...TAGS, "managedRules", "policySettings", "customRules"],
    },
};

const rules: Rule[] = [
    n("public-ip-name", "azure-native:network:PublicIPAddress", "publicIpAddressName", 80, NETWORK_NAME, ALNUM_END),
    n("application-gateway-name", "azure-native:network:ApplicationGateway", "applicationGatewayName", 80, NETWORK_NAME, ALNUM_END),
    n("waf-policy-name", "azure-native:network:WebApplicationFirewallPolicy", "policyName", 128, /^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, underscores and hyphens, starting with a letter or digit"),
    {
        // Application Gateway v2: autoscale 0-125 (max >= 2), probes 1-86400 s with thresholds 1-20, WAF_v2 carries a policy.
        id: "azure/application-gateway-v2",
        family: "combinations",
        types: ["azure-native:network:ApplicationGateway"],
        doc: "https://learn.microsoft.com/azure/application-gateway/application-gateway-autoscaling-zone-redundant",
        check: (r) => {
            const i = r.inputs;
            const problems: string[] = [];
            const a = i.autoscaleConfiguration;
            if (a && (a.minCapacity < 0 || a.minCapacity > 125 || (a.maxCapacity ?? 10) < 2 || a.maxCapacity > 125 || a.minCapacity > a.maxCapacity)) problems.push(`autoscale ${a.minCapacity}-${a.maxCapacity}: min 0-125, max 2-125, min <= max`);
            for (const p of (i.probes ?? []) as any[]) {
                if (p.interval < 1 || p.interval > 86400 || p.timeout < 1 || p.timeout > 86400 || p.unhealthyThreshold < 1 || p.unhealthyThreshold > 20) problems.push(`probe ${p.name}: interval/timeout 1-86400 s, unhealthyThreshold 1-20`);
            }
            if (i.sku?.tier === "WAF_v2" && !i.firewallPolicy) problems.push("a WAF_v2 gateway needs firewallPolicy");
            if (i.sku?.tier === "Standard_v2" && i.firewallPolicy) problems.push("a Standard_v2 gateway takes no WAF policy");
            for (const rc of (i.redirectConfigurations ?? []) as any[]) if (!["Permanent", "Found", "SeeOther", "Temporary"].includes(rc.redirectType)) problems.push(`redirect ${rc.name} type ${rc.redirectType}`);
            const priorities = ((i.requestRoutingRules ?? []) as any[]).map((x) => x.priority);
            if (priorities.some((p) => p === undefined || p < 1 || p > 20000) || new Set(priorities).size !== priorities.length) problems.push(`request routing rule priorities must be unique 1-20000: ${priorities.join(", ")}`);
            return problems;
        },
    },
    {
        // Gateway v2 needs a Standard, static public IP; zones as the gateway's.
        id: "azure/public-ip-standard-static",
        family: "combinations",
        types: ["azure-native:network:PublicIPAddress"],
        doc: "https://learn.microsoft.com/azure/application-gateway/configuration-frontend-ip",
        check: (r) => r.inputs.sku?.name === "Standard" && r.inputs.publicIPAllocationMethod === "Static" ? [] : [`sku ${r.inputs.sku?.name}, allocation ${r.inputs.publicIPAllocationMethod}: Application Gateway v2 needs Standard and Static`],
    },
    {
        // WAF policy limits (CRS 3.2+): request body 8-2000 KB, file upload 1-4000 MB.
        id: "azure/waf-policy-limits",
        family: "quotas",
        types: ["azure-native:network:WebApplicationFirewallPolicy"],
        doc: "https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-waf-request-size-limits",
        check: (r) => {
            const s = r.inputs.policySettings ?? {};
            const problems: string[] = [];
            if (s.maxRequestBodySizeInKb !== undefined && (s.maxRequestBodySizeInKb < 8 || s.maxRequestBodySizeInKb > 2000)) problems.push(`maxRequestBodySizeInKb ${s.maxRequestBodySizeInKb}: allowed 8-2000`);
            if (s.fileUploadLimitInMb !== undefined && (s.fileUploadLimitInMb < 1 || s.fileUploadLimitInMb > 4000)) problems.push(`fileUploadLimitInMb ${s.fileUploadLimitInMb}: allowed 1-4000`);
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = { replacement, rules };
