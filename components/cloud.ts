import type * as pulumi from "@pulumi/pulumi";
import type { CacheArgs, CacheOutputs } from "./cache";
import type { ComputeServiceArgs, ComputeServiceOutputs } from "./compute-service";
import type { Cloud, PlatformConfig } from "./config";
import type { DatabaseArgs, DatabaseOutputs } from "./database";
import type { LoadBalancerArgs, LoadBalancerOutputs } from "./load-balancer";
import type { MonitoringArgs, MonitoringOutputs } from "./monitoring";
import type { NetworkArgs, NetworkOutputs } from "./network";
import type { ObjectStoreArgs, ObjectStoreOutputs } from "./object-store";

/**
 * What a cloud implements. One instance is created per program run; it owns the cloud's
 * explicit provider objects and the foundation (network, keys, log sinks) that later
 * components build on, so it is called in the Platform's order: network first, monitoring
 * last. Every method creates its resources as children of `scope`, named `<name>-<child>`.
 */
export interface CloudImplementation {
    readonly cloud: Cloud;
    network(scope: pulumi.ComponentResource, name: string, args: NetworkArgs): NetworkOutputs;
    database(scope: pulumi.ComponentResource, name: string, args: DatabaseArgs): DatabaseOutputs;
    cache(scope: pulumi.ComponentResource, name: string, args: CacheArgs): CacheOutputs;
    objectStore(scope: pulumi.ComponentResource, name: string, args: ObjectStoreArgs): ObjectStoreOutputs;
    loadBalancer(scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs): LoadBalancerOutputs;
    computeService(scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs): ComputeServiceOutputs;
    monitoring(scope: pulumi.ComponentResource, name: string, args: MonitoringArgs): MonitoringOutputs;
}

/** What each `providers/<cloud>/index.ts` exports. */
export interface CloudModule {
    /** npm packages of this cloud's SDK, the only cloud SDK the program may load for it. */
    readonly sdkPackages: readonly string[];
    createCloud(cfg: PlatformConfig): CloudImplementation;
}
