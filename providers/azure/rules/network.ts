import type { Rule } from "../../shared/rules";

/**
 * Private endpoints and their DNS zone groups, which the network, the object store and the cache each
 * create; the network's and the load balancer's own rules are in their builder files.
 */

/** Private endpoint group ids and the private DNS zone each must register in. */
const ENDPOINT_ZONES: Record<string, string> = {
    vault: "privatelink.vaultcore.azure.net",
    blob: "privatelink.blob.core.windows.net",
    redisCache: "privatelink.redis.cache.windows.net",
};

export const azureNetworkRules: Rule[] = [
    {
        // A private endpoint's group id fits its target, and its DNS zone group registers in that group's privatelink zone.
        id: "azure/private-endpoint-dns",
        family: "companions",
        types: ["azure-native:network:PrivateEndpoint", "azure-native:network:PrivateDnsZoneGroup"],
        doc: "https://learn.microsoft.com/azure/private-link/private-endpoint-dns#azure-services-dns-zone-configuration",
        check: (r, plan) => {
            if (r.type === "azure-native:network:PrivateEndpoint") {
                return ((r.inputs.privateLinkServiceConnections ?? []) as any[]).flatMap((c) => ((c.groupIds ?? []) as string[]).filter((g) => !(g in ENDPOINT_ZONES)).map((g) => `group id ${g} is not one this platform's targets offer (${Object.keys(ENDPOINT_ZONES).join(", ")})`));
            }
            const endpoint = plan.ofType("azure-native:network:PrivateEndpoint").find((e) => e.inputs.privateEndpointName === r.inputs.privateEndpointName);
            if (!endpoint) return [`private endpoint ${r.inputs.privateEndpointName} is not in this plan`];
            const group = endpoint.inputs.privateLinkServiceConnections?.[0]?.groupIds?.[0];
            return ((r.inputs.privateDnsZoneConfigs ?? []) as any[]).flatMap((z) => {
                const zone = plan.resolve("azure-native:privatedns:PrivateZone", z.privateDnsZoneId)?.inputs.privateZoneName ?? String(z.privateDnsZoneId).split("/").pop();
                return zone === ENDPOINT_ZONES[group] ? [] : [`endpoint for ${group} registers in ${zone}; it must be ${ENDPOINT_ZONES[group]}`];
            });
        },
    },
];
