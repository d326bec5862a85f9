import * as pulumi from "@pulumi/pulumi";
import { defineBinding } from "./binding";
import { CloudHandle, PlatformComponent, SecretReference } from "./component";
import { CreateInput, defineComponent } from "./definition";
import type { Network, NetworkOutputs } from "./network";
import type { PlatformConfig } from "./config";

/** The `platform:cache` settings a Cache takes as resolved (documented, with their defaults, on the config types). */
export type CacheSettings = Pick<PlatformConfig["cache"], "size" | "nodes" | "automaticFailover" | "snapshotRetentionDays" | "persistence">;

export interface CacheArgs extends CacheSettings {
    /** Pulumi `protect`. @default production: true, staging: false */
    protect: boolean;
    transform?: CacheTransforms;
    /** The platform network it lives in. */
    network: NetworkOutputs;
}

export interface CacheOutputs {
    endpoint: pulumi.Output<string>;
    port: pulumi.Output<number>;
    /** Where the auth token lives in the cloud's secret manager. */
    authSecret: SecretReference;
    /** Always true: clients must use TLS. */
    tls: pulumi.Output<boolean>;
    resourceId: pulumi.Output<string>;
    /** This cloud's wiring for the components built on this one (components/component.ts). */
    handle: CloudHandle;
}

/** How a cloud builds a Cache's children under `scope` (providers/<cloud>/cache.ts). */
export type CacheBuilder = (scope: pulumi.ComponentResource, name: string, args: CacheArgs) => CacheOutputs;

declare module "./builders" {
    interface ComponentBuilders { cache: CacheBuilder }
}

/** Typed per-cloud escape hatches over the Cache's children: each cloud adds its key from its providers/<cloud>/cache.ts. */
export interface CacheTransforms {}

/** A managed Redis 7 cache: private, encrypted at rest and in transit, auth required. */
export class Cache extends PlatformComponent<CacheOutputs> implements CacheOutputs {
    declare readonly endpoint: pulumi.Output<string>;
    declare readonly port: pulumi.Output<number>;
    declare readonly authSecret: SecretReference;
    declare readonly tls: pulumi.Output<boolean>;
    declare readonly resourceId: pulumi.Output<string>;
    declare readonly handle: CloudHandle;

    constructor(name: string, args: CacheArgs, cloud: { readonly cache: CacheBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(cacheComponent.type, name, (self) => cloud.cache(self, name, args), opts);
    }
}

/** The variables a bound workload gets (reserved: no workload's own env may set one). */
export const CACHE_ENV = {
    host: "REDIS_HOST",
    port: "REDIS_PORT",
    authToken: "REDIS_AUTH_TOKEN",
    /** Every cache requires TLS. */
    tls: "REDIS_TLS",
} as const;

/** What a bound workload gets: the address and TLS requirement as values, the auth token by reference. */
export const cacheBinding = defineBinding<CacheOutputs>({
    env: CACHE_ENV.host,
    output: "cacheEndpoint",
    variables: [CACHE_ENV.host, CACHE_ENV.port, CACHE_ENV.authToken, CACHE_ENV.tls],
    plain: (cache) => ({
        [CACHE_ENV.host]: cache.endpoint,
        [CACHE_ENV.port]: cache.port.apply(String),
        [CACHE_ENV.tls]: "true",
    }),
    secrets: (cache) => [{ env: CACHE_ENV.authToken, ref: cache.authSecret, adminOnly: false, name: "cache-token" }],
});

declare module "./binding" {
    interface ServiceBindings { cache: CacheOutputs }
}

export const cacheComponent = defineComponent({
    key: "cache",
    builtBy: "cloud",
    role: "data",
    binding: cacheBinding,
    alerted: true,
    create: ({ cfg, cloud, deps, transforms }: CreateInput<{ network: Network }, { readonly cache: CacheBuilder }>) => new Cache("cache", {
        size: cfg.cache.size,
        nodes: cfg.cache.nodes,
        automaticFailover: cfg.cache.automaticFailover,
        snapshotRetentionDays: cfg.cache.snapshotRetentionDays,
        persistence: cfg.cache.persistence,
        protect: cfg.protect,
        network: deps.network,
        transform: transforms.cache,
    }, cloud, { dependsOn: [deps.network] }),
    outputs: (cache) => ({ cacheEndpoint: cache.endpoint }),
});
