import * as pulumi from "@pulumi/pulumi";
import type { CacheOutputs } from "./cache";
import { CloudHandle, COMPONENT_TYPES, PlatformComponent } from "./component";
import type { DatabaseOutputs } from "./database";
import type { KubernetesClusterOutputs } from "./kubernetes-cluster";
import type { NetworkOutputs } from "./network";
import type { ObjectStoreOutputs } from "./object-store";
import type { PlatformConfig, ServiceConfig } from "./config";
import { DatabaseRole, receivesAdminPassword } from "./database-access";
import { BINDING_ENV } from "./config/binding-env";
import type { LoadBalancerOutputs, ServiceAttachment } from "./load-balancer";
import type { ReleaseStatus } from "./release";
import type { ComputeServiceTransforms } from "./transforms";

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

/**
 * The plain (non-secret) environment every runtime gives a service, the same on every cloud:
 * the service's own `env`, then the data tier's addresses and its TLS requirements (which the
 * service's own values cannot override). The password and auth token are never here: each
 * runtime wires those from its secret manager, the password only to an `admin` job.
 * `iamUser` is the workload's own database login (database-access.ts); an `admin` job logs in
 * as the platform's admin instead.
 */
export function plainBindingEnv(service: Pick<ServiceConfig, "env"> & { databaseRole?: DatabaseRole }, bindings: ServiceBindings, iamUser: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
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

/** How a cloud builds a ComputeService's children under `scope` (components/cloud.ts collects every builder). */
export type ComputeServiceBuilder = (scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs) => ComputeServiceOutputs;

export class ComputeService extends PlatformComponent<ComputeServiceOutputs> implements ComputeServiceOutputs {
    declare readonly serviceName: pulumi.Output<string>;
    declare readonly identity: pulumi.Output<string>;
    declare readonly internalUrl: pulumi.Output<string>;
    declare readonly handle: CloudHandle;
    declare readonly release: pulumi.Output<ReleaseStatus>;

    constructor(name: string, args: ComputeServiceArgs, cloud: { readonly computeService: ComputeServiceBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT_TYPES.computeService, name, (self) => cloud.computeService(self, name, args), opts);
    }
}
