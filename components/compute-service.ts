import * as pulumi from "@pulumi/pulumi";
import type { Cache, CacheOutputs } from "./cache";
import { CloudHandle, PlatformComponent } from "./component";
import type { Database, DatabaseOutputs } from "./database";
import { CreateInput, defineComponent } from "./definition";
import type { KubernetesCluster, KubernetesClusterOutputs } from "./kubernetes-cluster";
import type { Network, NetworkOutputs } from "./network";
import type { ObjectStore, ObjectStoreOutputs } from "./object-store";
import type { JobConfig, PlatformConfig, ServiceConfig } from "./config";
import { receivesAdminPassword } from "./database-access";
import { BINDING_ENV } from "./config/binding-env";
import type { LoadBalancer, LoadBalancerOutputs, ServiceAttachment } from "./load-balancer";
import type { ReleaseStatus } from "./release";

/**
 * What a service is handed about the data tier. Hosts, ports and names are plain; the
 * password and auth token are references into the secret manager, resolved by the cloud at
 * container start, so no secret value ever sits in a task definition or revision.
 */
export interface ServiceBindings {
    database: DatabaseOutputs;
    cache: CacheOutputs;
    objectStore: ObjectStoreOutputs;
}

/** Where a workload runs: the platform network, and the cluster under `compute.runtime: kubernetes`. */
export interface WorkloadPlacement {
    network: NetworkOutputs;
    /** Present under `compute.runtime: kubernetes`. */
    cluster?: KubernetesClusterOutputs;
}

export { BINDING_ENV } from "./config/binding-env";

/** What the binding environment reads of a workload: its own `env`, and a job's database role (a service always logs in as `app`). */
export type BindingEnvWorkload = Pick<ServiceConfig, "env"> & Partial<Pick<JobConfig, "databaseRole">>;

/**
 * The plain (non-secret) environment every runtime gives a service, the same on every cloud:
 * the service's own `env`, then the data tier's addresses and its TLS requirements (which the
 * service's own values cannot override). The password and auth token are never here: each
 * runtime wires those from its secret manager, the password only to an `admin` job.
 * `iamUser` is the workload's own database login (database-access.ts); an `admin` job logs in
 * as the platform's admin instead.
 */
export function plainBindingEnv(service: BindingEnvWorkload, bindings: ServiceBindings, iamUser: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
    const admin = receivesAdminPassword(service);
    return {
        ...service.env,
        [BINDING_ENV.databaseHost]: bindings.database.endpoint,
        [BINDING_ENV.databasePort]: bindings.database.port.apply(String),
        [BINDING_ENV.databaseName]: bindings.database.databaseName,
        [BINDING_ENV.databaseUser]: admin ? bindings.database.username : iamUser,
        [BINDING_ENV.databaseAuth]: admin ? "password" : "iam",
        [BINDING_ENV.databaseSslMode]: "require",
        [BINDING_ENV.cacheHost]: bindings.cache.endpoint,
        [BINDING_ENV.cachePort]: bindings.cache.port.apply(String),
        [BINDING_ENV.cacheTls]: "true",
        [BINDING_ENV.bucket]: bindings.objectStore.bucketName,
    };
}

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
    bindings: ServiceBindings;
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

/** What services and jobs are built on: the network, the cluster (kubernetes runtime) and the data tier they bind to. */
export interface WorkloadDeps {
    network: Network;
    kubernetesCluster: KubernetesCluster | undefined;
    database: Database;
    cache: Cache;
    objectStore: ObjectStore;
}

/** The data tier a workload is bound to (ServiceBindings), from the catalog's components. */
export function bindingsOf(deps: WorkloadDeps): ServiceBindings {
    return { database: deps.database, cache: deps.cache, objectStore: deps.objectStore };
}

/** One ComputeService per `platform:services` entry, bound to the data tier through secret references. */
export const computeServiceComponent = defineComponent({
    key: "computeService",
    builtBy: "cloud",
    role: "service",
    create: ({ cfg, cloud, deps, transforms }: CreateInput<WorkloadDeps & { loadBalancer: LoadBalancer }, { readonly computeService: ComputeServiceBuilder }>) => {
        const services: Record<string, ComputeService> = {};
        const bindings = bindingsOf(deps);
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
