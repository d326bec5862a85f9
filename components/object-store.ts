import * as pulumi from "@pulumi/pulumi";
import { CloudHandle, COMPONENT_TYPES, PlatformComponent } from "./component";
import type { PlatformConfig } from "./config";
import type { NetworkOutputs } from "./network";
import type { ObjectStoreTransforms } from "./transforms";

/** A private, versioned, encrypted object store reachable only over TLS. */
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

/** How a cloud builds a ObjectStore's children under `scope` (components/cloud.ts collects every builder). */
export type ObjectStoreBuilder = (scope: pulumi.ComponentResource, name: string, args: ObjectStoreArgs) => ObjectStoreOutputs;

export class ObjectStore extends PlatformComponent<ObjectStoreOutputs> implements ObjectStoreOutputs {
    declare readonly bucketName: pulumi.Output<string>;
    declare readonly endpoint: pulumi.Output<string>;
    declare readonly resourceId: pulumi.Output<string>;
    declare readonly handle: CloudHandle;

    constructor(name: string, args: ObjectStoreArgs, cloud: { readonly objectStore: ObjectStoreBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT_TYPES.objectStore, name, (self) => cloud.objectStore(self, name, args), opts);
    }
}
