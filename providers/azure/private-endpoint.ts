import type * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { childName } from "../../components/naming";
import type { AzureContext } from "./context";

/** A private endpoint in the endpoints subnet, registered in its private DNS zone. */
export function privateEndpoint(ctx: AzureContext, scope: pulumi.ComponentResource, component: string, args: {
    /** Short lowercase key for the children's names (`<component>-<key>-endpoint`). */
    key: string;
    target: pulumi.Input<string>;
    groupId: string;
    zoneId: pulumi.Input<string>;
    dependsOn?: pulumi.Resource[];
}): network.PrivateEndpoint {
    const f = ctx.baseFoundation;
    const name = ctx.physical(component, args.key, "pe");
    const endpoint = ctx.create(network.PrivateEndpoint, scope, childName(component, `${args.key}-endpoint`), {
        privateEndpointName: name,
        resourceGroupName: f.resourceGroupName,
        location: ctx.location,
        subnet: { id: f.subnets.endpoints },
        privateLinkServiceConnections: [{ name, privateLinkServiceId: args.target, groupIds: [args.groupId] }],
        tags: ctx.tags,
    }, undefined, { dependsOn: args.dependsOn });
    ctx.create(network.PrivateDnsZoneGroup, scope, childName(component, `${args.key}-dns-group`), {
        privateDnsZoneGroupName: "default",
        privateEndpointName: endpoint.name,
        resourceGroupName: f.resourceGroupName,
        privateDnsZoneConfigs: [{ name: args.groupId, privateDnsZoneId: args.zoneId }],
    });
    return endpoint;
}
