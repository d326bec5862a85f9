import * as pulumi from "@pulumi/pulumi";
import { CloudHandle, PlatformComponent } from "./component";
import { CreateInput, defineComponent } from "./definition";
import type { KubernetesCluster, KubernetesClusterOutputs } from "./kubernetes-cluster";
import type { Network, NetworkOutputs } from "./network";
import type { PlatformConfig, ServiceConfig } from "./config";
import { bindingsOf, type ServiceBindings, type WorkloadBindings } from "./binding";
import type { LoadBalancer, LoadBalancerOutputs, ServiceAttachment } from "./load-balancer";
import type { ReleaseStatus } from "./release";

/** Where a workload runs: the platform network, and the cluster under `compute.runtime: kubernetes`. */
export interface WorkloadPlacement {
    network: NetworkOutputs;
    /** Present under `compute.runtime: kubernetes`. */
    cluster?: KubernetesClusterOutputs;
}

export { plainBindingEnv, type BindingEnvWorkload, type ServiceBindings } from "./binding";

/** The `platform:compute` scaling and log settings every service takes as resolved (documented, with their defaults, on the config types). */
export type ComputeSettings = Pick<PlatformConfig["compute"], "cpuTargetPercent" | "memoryTargetPercent" | "scaleOutCooldownSeconds" | "scaleInCooldownSeconds" | "logRetentionDays">;

/** A long-running container service in private subnets, autoscaled per tier. */
export interface ComputeServiceArgs extends WorkloadPlacement, ComputeSettings {
    /**
     * Image, port, size, replicas, route, health path and release strategy of this service
     * (from `platform:services.<name>`; `release` defaults to `compute.release`, rolling per
     * tier; changing it is in place on every runtime, and takes effect with the next revision).
     */
    service: ServiceConfig;
    /** The components it is bound to (components/binding.ts), in catalog order. */
    bindings: WorkloadBindings;
    /** The load balancer in front of the platform. */
    loadBalancer: LoadBalancerOutputs;
    /** Present when the load balancer fronts this service. */
    attachment?: ServiceAttachment;
    transform?: ComputeServiceTransforms;
}

export interface ComputeServiceOutputs {
    serviceName: pulumi.Output<string>;
    /** The least-privilege identity the service runs as (role ARN, service account, managed identity). */
    identity: pulumi.Output<string>;
    /** Internal URL or address (for HTTP services). */
    internalUrl: pulumi.Output<string>;
    /** This cloud's wiring for the components built on this one (components/component.ts). */
    handle: CloudHandle;
    /** How the deploy workflow gates this service's release (components/release.ts); stack output `releases`. */
    release: pulumi.Output<ReleaseStatus>;
}

/** How a cloud builds a ComputeService's children under `scope` (providers/<cloud>/compute-service.ts). */
export type ComputeServiceBuilder = (scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs) => ComputeServiceOutputs;

declare module "./builders" {
    interface ComponentBuilders { computeService: ComputeServiceBuilder }
}

/** Typed per-cloud escape hatches over every ComputeService's children: each cloud adds its key from its providers/<cloud>/compute-service.ts. */
export interface ComputeServiceTransforms {}

export class ComputeService extends PlatformComponent<ComputeServiceOutputs> implements ComputeServiceOutputs {
    declare readonly serviceName: pulumi.Output<string>;
    declare readonly identity: pulumi.Output<string>;
    declare readonly internalUrl: pulumi.Output<string>;
    declare readonly handle: CloudHandle;
    declare readonly release: pulumi.Output<ReleaseStatus>;

    constructor(name: string, args: ComputeServiceArgs, cloud: { readonly computeService: ComputeServiceBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(computeServiceComponent.type, name, (self) => cloud.computeService(self, name, args), opts);
    }
}

/** What services and jobs are built on: the network, the cluster (kubernetes runtime) and every component they bind to (ServiceBindings). */
export type WorkloadDeps = {
    network: Network;
    kubernetesCluster: KubernetesCluster | undefined;
} & ServiceBindings;

/** One ComputeService per `platform:services` entry, bound to the components of `WorkloadBindings` (secrets by reference). */
export const computeServiceComponent = defineComponent({
    key: "computeService",
    builtBy: "cloud",
    role: "service",
    create: ({ cfg, cloud, deps, bindable, transforms }: CreateInput<WorkloadDeps & { loadBalancer: LoadBalancer }, { readonly computeService: ComputeServiceBuilder }>) => {
        const services: Record<string, ComputeService> = {};
        const bindings = bindingsOf(deps, bindable);
        for (const service of cfg.services) {
            services[service.name] = new ComputeService(`service-${service.name}`, {
                service,
                bindings,
                network: deps.network,
                cluster: deps.kubernetesCluster,
                loadBalancer: deps.loadBalancer,
                attachment: deps.loadBalancer.attachments[service.name],
                cpuTargetPercent: cfg.compute.cpuTargetPercent,
                memoryTargetPercent: cfg.compute.memoryTargetPercent,
                scaleOutCooldownSeconds: cfg.compute.scaleOutCooldownSeconds,
                scaleInCooldownSeconds: cfg.compute.scaleInCooldownSeconds,
                logRetentionDays: cfg.compute.logRetentionDays,
                transform: transforms.computeService,
            }, cloud, { dependsOn: [deps.network] });
        }
        return services;
    },
    outputs: (services) => ({
        services: Object.fromEntries(Object.entries(services).map(([name, svc]) => [name, { identity: svc.identity, internalUrl: svc.internalUrl }])),
        releases: Object.fromEntries(Object.entries(services).map(([name, svc]) => [name, svc.release])),
    }),
});
