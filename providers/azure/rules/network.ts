import { cidrOverlap, cidrWithin, prefixOf } from "../../../components/cidr";
import type { Rule } from "../../shared/rules";

/** VNet, subnets, NSGs, private endpoints and private DNS, Application Gateway, WAF policy, public IPs. */

/** Private endpoint group ids and the private DNS zone each must register in. */
const ENDPOINT_ZONES: Record<string, string> = {
    vault: "privatelink.vaultcore.azure.net",
    blob: "privatelink.blob.core.windows.net",
    redisCache: "privatelink.redis.cache.windows.net",
};

export const azureNetworkRules: Rule[] = [
    {
        // Network Watcher flow logs: retention 0 (forever) or 1-365 days, format JSON v1/v2, traffic analytics every
        // 10 or 60 minutes with a workspace, in the target's region, storage in the same region (same location here).
        id: "azure/flow-log-shape",
        family: "combinations",
        types: ["azure-native:network:FlowLog"],
        doc: "https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview",
        check: (r, plan) => {
            const i = r.inputs;
            const problems: string[] = [];
            const days = i.retentionPolicy?.days;
            if (days !== undefined && (!Number.isInteger(days) || days < 0 || days > 365)) problems.push(`retentionPolicy.days ${days}: 0 (forever) or 1-365`);
            if (i.format && (i.format.type !== "JSON" || ![1, 2].includes(i.format.version))) problems.push(`format ${JSON.stringify(i.format)}: JSON version 1 or 2`);
            const ta = i.flowAnalyticsConfiguration?.networkWatcherFlowAnalyticsConfiguration;
            if (ta?.enabled) {
                if (![10, 60].includes(ta.trafficAnalyticsInterval)) problems.push(`trafficAnalyticsInterval ${ta.trafficAnalyticsInterval}: 10 or 60`);
                if (!ta.workspaceResourceId) problems.push("traffic analytics needs workspaceResourceId");
            }
            const vnet = plan.ofType("azure-native:network:VirtualNetwork").find((v) => String(i.targetResourceId ?? "").endsWith(`/virtualNetworks/${v.inputs.virtualNetworkName}`));
            if (vnet && vnet.inputs.location !== i.location) problems.push(`location ${i.location}: the flow log lives in its target's region ${vnet.inputs.location}`);
            if (!/^NetworkWatcher_[a-z0-9]+$/.test(String(i.networkWatcherName)) || String(i.networkWatcherName) !== `NetworkWatcher_${i.location}`) problems.push(`networkWatcherName ${i.networkWatcherName}: the region's watcher NetworkWatcher_${i.location}`);
            return problems;
        },
    },
    {
        // Subnets lie inside the VNet and do not overlap; Azure reserves 5 addresses, so /29 is the smallest.
        id: "azure/subnet-ranges",
        family: "combinations",
        types: ["azure-native:network:Subnet", "azure-native:network:VirtualNetwork"],
        doc: "https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#are-there-any-restrictions-on-using-ip-addresses-within-these-subnets",
        check: (r, plan) => {
            if (r.type === "azure-native:network:VirtualNetwork") return ((r.inputs.addressSpace?.addressPrefixes ?? []) as string[]).length > 0 ? [] : ["a VNet needs an address space"];
            const cidr = String(r.inputs.addressPrefix);
            const problems: string[] = !(prefixOf(cidr) <= 29) ? [`addressPrefix ${cidr}: at most /29`] : [];
            const vnet = plan.ofType("azure-native:network:VirtualNetwork").find((v) => v.inputs.virtualNetworkName === r.inputs.virtualNetworkName);
            if (vnet && !((vnet.inputs.addressSpace?.addressPrefixes ?? []) as string[]).some((p) => cidrWithin(cidr, p))) problems.push(`addressPrefix ${cidr} is outside VNet ${vnet.inputs.virtualNetworkName}`);
            for (const o of plan.ofType(r.type)) if (o.urn !== r.urn && o.inputs.virtualNetworkName === r.inputs.virtualNetworkName && cidrOverlap(cidr, o.inputs.addressPrefix)) problems.push(`addressPrefix ${cidr} overlaps subnet ${o.inputs.subnetName}`);
            const delegations = ((r.inputs.delegations ?? []) as any[]).map((d) => d.serviceName);
            if (delegations.includes("Microsoft.App/environments") && !(prefixOf(cidr) <= 27)) problems.push(`a Container Apps subnet needs at least /27; has ${cidr}`);
            if (delegations.length > 1) problems.push("a subnet takes one delegation");
            return problems;
        },
    },
    {
        // NSG rule priorities 100-4096, unique per direction; names unique.
        id: "azure/nsg-rules",
        family: "combinations",
        types: ["azure-native:network:NetworkSecurityGroup"],
        doc: "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules",
        check: (r) => {
            const rules = (r.inputs.securityRules ?? []) as any[];
            const problems: string[] = [];
            for (const x of rules) {
                if (x.priority < 100 || x.priority > 4096) problems.push(`rule ${x.name} priority ${x.priority}: allowed 100-4096`);
                if (rules.some((y) => y !== x && y.direction === x.direction && y.priority === x.priority)) problems.push(`rule ${x.name}: priority ${x.priority} repeats in ${x.direction}`);
                if (!!x.destinationPortRange === !!x.destinationPortRanges) problems.push(`rule ${x.name}: exactly one of destinationPortRange and destinationPortRanges`);
            }
            if (new Set(rules.map((x) => x.name)).size !== rules.length) problems.push("rule names repeat");
            if (rules.length > 1000) problems.push("more than 1000 rules");
            return problems;
        },
    },
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
    {
        // Private DNS zones and their VNet links live in location "global"; A records need addresses; TTL >= 1.
        id: "azure/private-dns-global",
        family: "combinations",
        types: ["azure-native:privatedns:PrivateZone", "azure-native:privatedns:VirtualNetworkLink", "azure-native:privatedns:PrivateRecordSet"],
        doc: "https://learn.microsoft.com/azure/dns/private-dns-privatednszone",
        check: (r) => {
            if (r.type === "azure-native:privatedns:PrivateRecordSet") return r.inputs.recordType === "A" && !((r.inputs.aRecords ?? []) as unknown[]).length ? ["an A record set needs aRecords"] : r.inputs.ttl < 1 ? [`ttl ${r.inputs.ttl}: at least 1`] : [];
            return r.inputs.location === "global" ? [] : [`location ${r.inputs.location}: private DNS resources are global`];
        },
    },
    {
        // Application Gateway v2: autoscale 0-125 (max >= 2), probes 1-86400 s with thresholds 1-20, WAF_v2 carries a policy.
        id: "azure/application-gateway-v2",
        family: "combinations",
        types: ["azure-native:network:ApplicationGateway"],
        doc: "https://learn.microsoft.com/azure/application-gateway/application-gateway-autoscaling-zone-redundant",
        check: (r) => {
            const i = r.inputs;
            const problems: string[] = [];
            const a = i.autoscaleConfiguration;
            if (a && (a.minCapacity < 0 || a.minCapacity > 125 || (a.maxCapacity ?? 10) < 2 || a.maxCapacity > 125 || a.minCapacity > a.maxCapacity)) problems.push(`autoscale ${a.minCapacity}-${a.maxCapacity}: min 0-125, max 2-125, min <= max`);
            for (const p of (i.probes ?? []) as any[]) {
                if (p.interval < 1 || p.interval > 86400 || p.timeout < 1 || p.timeout > 86400 || p.unhealthyThreshold < 1 || p.unhealthyThreshold > 20) problems.push(`probe ${p.name}: interval/timeout 1-86400 s, unhealthyThreshold 1-20`);
            }
            if (i.sku?.tier === "WAF_v2" && !i.firewallPolicy) problems.push("a WAF_v2 gateway needs firewallPolicy");
            if (i.sku?.tier === "Standard_v2" && i.firewallPolicy) problems.push("a Standard_v2 gateway takes no WAF policy");
            for (const rc of (i.redirectConfigurations ?? []) as any[]) if (!["Permanent", "Found", "SeeOther", "Temporary"].includes(rc.redirectType)) problems.push(`redirect ${rc.name} type ${rc.redirectType}`);
            const priorities = ((i.requestRoutingRules ?? []) as any[]).map((x) => x.priority);
            if (priorities.some((p) => p === undefined || p < 1 || p > 20000) || new Set(priorities).size !== priorities.length) problems.push(`request routing rule priorities must be unique 1-20000: ${priorities.join(", ")}`);
            return problems;
        },
    },
    {
        // Gateway v2 needs a Standard, static public IP; zones as the gateway's.
        id: "azure/public-ip-standard-static",
        family: "combinations",
        types: ["azure-native:network:PublicIPAddress"],
        doc: "https://learn.microsoft.com/azure/application-gateway/configuration-frontend-ip",
        check: (r) => r.inputs.sku?.name === "Standard" && r.inputs.publicIPAllocationMethod === "Static" ? [] : [`sku ${r.inputs.sku?.name}, allocation ${r.inputs.publicIPAllocationMethod}: Application Gateway v2 needs Standard and Static`],
    },
    {
        // WAF policy limits (CRS 3.2+): request body 8-2000 KB, file upload 1-4000 MB.
        id: "azure/waf-policy-limits",
        family: "quotas",
        types: ["azure-native:network:WebApplicationFirewallPolicy"],
        doc: "https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-waf-request-size-limits",
        check: (r) => {
            const s = r.inputs.policySettings ?? {};
            const problems: string[] = [];
            if (s.maxRequestBodySizeInKb !== undefined && (s.maxRequestBodySizeInKb < 8 || s.maxRequestBodySizeInKb > 2000)) problems.push(`maxRequestBodySizeInKb ${s.maxRequestBodySizeInKb}: allowed 8-2000`);
            if (s.fileUploadLimitInMb !== undefined && (s.fileUploadLimitInMb < 1 || s.fileUploadLimitInMb > 4000)) problems.push(`fileUploadLimitInMb ${s.fileUploadLimitInMb}: allowed 1-4000`);
            return problems;
        },
    },
];
