import * as pulumi from "@pulumi/pulumi";
import { CloudHandle, PlatformComponent } from "./component";
import { CreateInput, defineComponent } from "./definition";
import type { Network, NetworkOutputs } from "./network";
import type { PlatformConfig, ServiceConfig } from "./config";

/** The routed fields of a service's `http` block. */
type ServiceHttp = NonNullable<ServiceConfig["http"]>;

/**
 * One HTTP service behind the load balancer and how requests reach it. Each field is the
 * service's resolved config field (the entry below maps them), typed
 * from it so a config type change reaches every cloud's load balancer at compile time.
 */
export interface LoadBalancerRoute {
    service: ServiceConfig["name"];
    port: ServiceConfig["port"];
    /** Path prefix, e.g. `/api`; `/` (or none) is the default route. */
    pathPrefix?: ServiceHttp["pathPrefix"];
    /** Host header, for host-based routing. */
    host?: ServiceHttp["host"];
    /** The service's readiness path: the load balancer's check decides which replicas get traffic. */
    healthPath: ServiceConfig["readinessPath"];
    /**
     * The service's release strategy. Where the load balancer shifts the traffic (AWS: ECS
     * blue/green and canary move the listener rule's weights between two target groups) it
     * prepares the second target group. @default "rolling"
     */
    release?: ServiceConfig["release"]["strategy"];
}

/**
 * Request headers every WAF keeps out of its logs (credentials and sessions): AWS WAF
 * `redactedFields`, Azure WAF log scrubbing. Cloud Armor's request logs carry no headers.
 */
export const WAF_REDACTED_HEADERS = ["authorization", "cookie", "x-api-key"] as const;

/** The `platform:loadBalancer` settings a LoadBalancer takes as resolved (documented, with their defaults, on the config types). */
export type LoadBalancerSettings = Pick<PlatformConfig["loadBalancer"], "domain" | "waf" | "deletionProtection" | "health" | "minimumTlsVersion" | "accessLogs">;

export interface LoadBalancerArgs extends LoadBalancerSettings {
    routes: LoadBalancerRoute[];
    /** The platform network it lives in. */
    network: NetworkOutputs;
    transform?: LoadBalancerTransforms;
}

/**
 * What a ComputeService needs from the load balancer to join its route: a cloud-specific
 * backend id (target group ARN, backend service id, backend pool id) and the resources that
 * must exist before the service registers (an ECS service needs its listener rule).
 */
export interface ServiceAttachment {
    backendId: pulumi.Output<string>;
    dependsOn: pulumi.Resource[];
}

export interface LoadBalancerOutputs {
    /** DNS name or IP address to point the domain at. */
    endpoint: pulumi.Output<string>;
    /** `https://<domain>` */
    url: pulumi.Output<string>;
    domain: pulumi.Output<string>;
    /** Per HTTP service, the attachment its ComputeService joins. */
    attachments: Record<string, ServiceAttachment>;
    /** This cloud's wiring for the components built on this one (components/component.ts). */
    handle: CloudHandle;
}

/** How a cloud builds a LoadBalancer's children under `scope` (providers/<cloud>/load-balancer.ts). */
export type LoadBalancerBuilder = (scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs) => LoadBalancerOutputs;

declare module "./builders" {
    interface ComponentBuilders { loadBalancer: LoadBalancerBuilder }
}

/** Typed per-cloud escape hatches over the LoadBalancer's children: each cloud adds its key from its providers/<cloud>/load-balancer.ts. */
export interface LoadBalancerTransforms {}

/** The public entry point: HTTPS only, TLS >= 1.2, HTTP answered with a 301 to HTTPS. */
export class LoadBalancer extends PlatformComponent<LoadBalancerOutputs> implements LoadBalancerOutputs {
    declare readonly endpoint: pulumi.Output<string>;
    declare readonly url: pulumi.Output<string>;
    declare readonly domain: pulumi.Output<string>;
    declare readonly attachments: Record<string, ServiceAttachment>;
    declare readonly handle: CloudHandle;

    constructor(name: string, args: LoadBalancerArgs, cloud: { readonly loadBalancer: LoadBalancerBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(loadBalancerComponent.type, name, (self) => cloud.loadBalancer(self, name, args), opts);
    }
}

/** Created before the services, so their routes exist when they join them. */
export const loadBalancerComponent = defineComponent({
    key: "loadBalancer",
    builtBy: "cloud",
    role: "entry",
    alerted: true,
    create: ({ cfg, cloud, deps, transforms }: CreateInput<{ network: Network }, { readonly loadBalancer: LoadBalancerBuilder }>) => new LoadBalancer("load-balancer", {
        domain: cfg.loadBalancer.domain,
        routes: cfg.services.filter((s) => s.http).map((s) => ({
            service: s.name,
            port: s.port,
            pathPrefix: s.http?.pathPrefix,
            host: s.http?.host,
            // The load balancer's check decides which replicas get traffic: the readiness path.
            healthPath: s.readinessPath,
            release: s.release.strategy,
        })),
        waf: cfg.loadBalancer.waf,
        deletionProtection: cfg.loadBalancer.deletionProtection,
        health: cfg.loadBalancer.health,
        minimumTlsVersion: cfg.loadBalancer.minimumTlsVersion,
        accessLogs: cfg.loadBalancer.accessLogs,
        network: deps.network,
        transform: transforms.loadBalancer,
    }, cloud, { dependsOn: [deps.network] }),
    outputs: (lb) => ({ url: lb.url, loadBalancerEndpoint: lb.endpoint }),
});
