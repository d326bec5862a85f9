import * as pulumi from "@pulumi/pulumi";
import { CloudHandle, COMPONENT_TYPES, PlatformComponent } from "./component";
import type { PlatformConfig } from "./config";

/** The `platform:network` settings a Network takes as resolved (documented, with their defaults, on the config types). */
export type NetworkArgs = Pick<PlatformConfig["network"], "cidr" | "zones">;

export interface NetworkOutputs {
    /** VPC id (AWS), network self link (GCP) or VNet id (Azure). */
    networkId: pulumi.Output<string>;
    /** Subnets for data and compute: never routable from the internet. */
    privateSubnetIds: pulumi.Output<string[]>;
    /** Subnets only the load balancer uses. */
    publicSubnetIds: pulumi.Output<string[]>;
    /** This cloud's wiring for the components built on this one (components/component.ts). */
    handle: CloudHandle;
}

/** How a cloud builds a Network's children under `scope` (components/cloud.ts collects every builder). */
export type NetworkBuilder = (scope: pulumi.ComponentResource, name: string, args: NetworkArgs) => NetworkOutputs;

export class Network extends PlatformComponent<NetworkOutputs> implements NetworkOutputs {
    declare readonly networkId: pulumi.Output<string>;
    declare readonly privateSubnetIds: pulumi.Output<string[]>;
    declare readonly publicSubnetIds: pulumi.Output<string[]>;
    declare readonly handle: CloudHandle;

    constructor(name: string, args: NetworkArgs, cloud: { readonly network: NetworkBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT_TYPES.network, name, (self) => cloud.network(self, name, args), opts);
    }
}
