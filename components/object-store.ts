import * as pulumi from "@pulumi/pulumi";
import { defineBinding } from "./binding";
import { CloudHandle, PlatformComponent } from "./component";
import type { PlatformConfig } from "./config";
import { CreateInput, defineComponent } from "./definition";
import type { Network, NetworkOutputs } from "./network";

/** The `platform:objectStore` settings an ObjectStore takes as resolved (documented, with their defaults, on the config types). */
export type ObjectStoreSettings = Pick<PlatformConfig["objectStore"], "tempExpirationDays" | "archiveAfterDays" | "expirationDays">;

export interface ObjectStoreArgs extends ObjectStoreSettings {
    /** Pulumi `protect`; the bucket never sets `forceDestroy`. @default production: true, staging: false */
    protect: boolean;
    /**
     * Region objects are replicated to (`platform:dr`); none when absent. On Azure the account's
     * geo-redundant SKU replicates to the paired region instead. @default production: the DR region, staging: none
     */
    copyRegion?: string;
    /** The platform network it lives in. */
    network: NetworkOutputs;
    transform?: ObjectStoreTransforms;
}

export interface ObjectStoreOutputs {
    /** Bucket (AWS, GCP) or container (Azure) name. */
    bucketName: pulumi.Output<string>;
    /** HTTPS endpoint of the bucket/container. */
    endpoint: pulumi.Output<string>;
    resourceId: pulumi.Output<string>;
    /** This cloud's wiring for the components built on this one (components/component.ts). */
    handle: CloudHandle;
}

/** How a cloud builds an ObjectStore's children under `scope` (providers/<cloud>/object-store.ts). */
export type ObjectStoreBuilder = (scope: pulumi.ComponentResource, name: string, args: ObjectStoreArgs) => ObjectStoreOutputs;

declare module "./builders" {
    interface ComponentBuilders { objectStore: ObjectStoreBuilder }
}

/** Typed per-cloud escape hatches over the ObjectStore's children: each cloud adds its key from its providers/<cloud>/object-store.ts. */
export interface ObjectStoreTransforms {}

/** A private, versioned, encrypted object store reachable only over TLS. */
export class ObjectStore extends PlatformComponent<ObjectStoreOutputs> implements ObjectStoreOutputs {
    declare readonly bucketName: pulumi.Output<string>;
    declare readonly endpoint: pulumi.Output<string>;
    declare readonly resourceId: pulumi.Output<string>;
    declare readonly handle: CloudHandle;

    constructor(name: string, args: ObjectStoreArgs, cloud: { readonly objectStore: ObjectStoreBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(objectStoreComponent.type, name, (self) => cloud.objectStore(self, name, args), opts);
    }
}

/** The variable a bound workload gets (reserved: no workload's own env may set it). */
export const OBJECT_STORE_ENV = { bucket: "OBJECT_STORE_BUCKET" } as const;

/** What a bound workload gets: the bucket's name (each cloud's grant adds its access, and any endpoint its SDKs need). */
export const objectStoreBinding = defineBinding<ObjectStoreOutputs>({
    env: OBJECT_STORE_ENV.bucket,
    output: "bucketName",
    variables: [OBJECT_STORE_ENV.bucket],
    plain: (store) => ({ [OBJECT_STORE_ENV.bucket]: store.bucketName }),
    secrets: () => [],
});

declare module "./binding" {
    interface ServiceBindings { objectStore: ObjectStoreOutputs }
}

export const objectStoreComponent = defineComponent({
    key: "objectStore",
    builtBy: "cloud",
    role: "data",
    binding: objectStoreBinding,
    // It reads the network handle only (no dependsOn): the bucket does not wait for the VPC.
    create: ({ cfg, cloud, deps, transforms }: CreateInput<{ network: Network }, { readonly objectStore: ObjectStoreBuilder }>) => new ObjectStore("object-store", {
        ...cfg.objectStore,
        protect: cfg.protect,
        copyRegion: cfg.dr.crossRegionCopies ? cfg.dr.copyRegion : undefined,
        network: deps.network,
        transform: transforms.objectStore,
    }, cloud),
    outputs: (store) => ({ bucketName: store.bucketName }),
});
