import * as pulumi from "@pulumi/pulumi";
import { CloudHandle, PlatformComponent } from "./component";
import { CreateInput, defineComponent } from "./definition";
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

/** How a cloud builds a Network's children under `scope` (providers/<cloud>/network.ts). */
export type NetworkBuilder = (scope: pulumi.ComponentResource, name: string, args: NetworkArgs) => NetworkOutputs;

declare module "./builders" {
    interface ComponentBuilders { network: NetworkBuilder }
}

export class Network extends PlatformComponent<NetworkOutputs> implements NetworkOutputs {
    declare readonly networkId: pulumi.Output<string>;
    declare readonly privateSubnetIds: pulumi.Output<string[]>;
    declare readonly publicSubnetIds: pulumi.Output<string[]>;
    declare readonly handle: CloudHandle;

    constructor(name: string, args: NetworkArgs, cloud: { readonly network: NetworkBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(networkComponent.type, name, (self) => cloud.network(self, name, args), opts);
    }
}

/** The platform's private network: first, everything else is built in it. */
export const networkComponent = defineComponent({
    key: "network",
    builtBy: "cloud",
    role: "foundation",
    create: ({ cfg, cloud }: CreateInput<Record<never, never>, { readonly network: NetworkBuilder }>) =>
        new Network("network", { cidr: cfg.network.cidr, zones: cfg.network.zones }, cloud),
});
