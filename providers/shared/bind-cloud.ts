import type * as pulumi from "@pulumi/pulumi";
import type { CloudImplementation, KubernetesSupport } from "../../components/cloud";
import type { Cloud } from "../../components/config";

type Builder<C, K extends keyof CloudImplementation> = CloudImplementation[K] extends (scope: pulumi.ComponentResource, name: string, args: infer A) => infer O
    ? (ctx: C, scope: pulumi.ComponentResource, name: string, args: A) => O
    : never;

/** A cloud's component builders, each taking that cloud's per-run context first. */
export interface CloudBuilders<C> {
    network: Builder<C, "network">;
    database: Builder<C, "database">;
    cache: Builder<C, "cache">;
    objectStore: Builder<C, "objectStore">;
    loadBalancer: Builder<C, "loadBalancer">;
    computeService: Builder<C, "computeService">;
    monitoring: Builder<C, "monitoring">;
    job: Builder<C, "job">;
}

/** Binds a cloud's builders to its context: the CloudImplementation the Platform calls. */
export function bindCloud<C>(cloud: Cloud, ctx: C, b: CloudBuilders<C>, kubernetes?: KubernetesSupport): CloudImplementation {
    return {
        cloud,
        network: (scope, name, args) => b.network(ctx, scope, name, args),
        database: (scope, name, args) => b.database(ctx, scope, name, args),
        cache: (scope, name, args) => b.cache(ctx, scope, name, args),
        objectStore: (scope, name, args) => b.objectStore(ctx, scope, name, args),
        loadBalancer: (scope, name, args) => b.loadBalancer(ctx, scope, name, args),
        computeService: (scope, name, args) => b.computeService(ctx, scope, name, args),
        monitoring: (scope, name, args) => b.monitoring(ctx, scope, name, args),
        job: (scope, name, args) => b.job(ctx, scope, name, args),
        kubernetes,
    };
}
