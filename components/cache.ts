import * as pulumi from "@pulumi/pulumi";
import { CloudHandle, COMPONENT_TYPES, PlatformComponent, SecretReference } from "./component";
import type { NetworkOutputs } from "./network";
import type { PlatformConfig } from "./config";
import type { CacheTransforms } from "./transforms";

/** A managed Redis 7 cache: private, encrypted at rest and in transit, auth required. */
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

/** How a cloud builds a Cache's children under `scope` (components/cloud.ts collects every builder). */
export type CacheBuilder = (scope: pulumi.ComponentResource, name: string, args: CacheArgs) => CacheOutputs;

export class Cache extends PlatformComponent<CacheOutputs> implements CacheOutputs {
    declare readonly endpoint: pulumi.Output<string>;
    declare readonly port: pulumi.Output<number>;
    declare readonly authSecret: SecretReference;
    declare readonly tls: pulumi.Output<boolean>;
    declare readonly resourceId: pulumi.Output<string>;
    declare readonly handle: CloudHandle;

    constructor(name: string, args: CacheArgs, cloud: { readonly cache: CacheBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT_TYPES.cache, name, (self) => cloud.cache(self, name, args), opts);
    }
}
