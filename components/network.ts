import * as pulumi from "@pulumi/pulumi";
import { CloudHandle, COMPONENT_TYPES, PlatformComponent } from "./component";

export interface NetworkArgs {
    /** Address space of the platform network. @default production: 10.0.0.0/16, staging: 10.1.0.0/16. Changing it replaces the network and everything in it. */
    cidr: string;
    /** Availability zones used for private (data, compute) and public (load balancer) subnets. @default production: 3, staging: 2 */
    zones: number;
}

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
