import * as pulumi from "@pulumi/pulumi";
import * as app from "@pulumi/azure-native/app";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as network from "@pulumi/azure-native/network";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as resources from "@pulumi/azure-native/resources";
import type { NetworkArgs, NetworkOutputs } from "../../components/network";
import { childName } from "../../components/naming";
import { AzureContext, BaseFoundation, Foundation, uniqueSuffix, ZONE_NAMES } from "./context";
import { diagnostics } from "./diagnostics";
import { createFlowLogs } from "./flow-logs";
import { azureHandles } from "./handles";
import { INTERNAL_INGRESS_CLASS } from "./kubernetes-ingress";
import { privateEndpoint } from "./private-endpoint";
import { aksSubnetCidr, ingressInternalAddress, subnetLayout } from "./subnets";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import type { Rule } from "../shared/rules";
import { SPEC, TAGS } from "./replacement";
import { azureNameRule as n, ALNUM_END, NETWORK_NAME } from "./rules/names";
import { cidrOverlap, cidrWithin, prefixOf } from "../../components/cidr";

/** Delegations: Container Apps environments and PostgreSQL flexible servers need their own subnets. */
export const DELEGATIONS = {
    compute: "Microsoft.App/environments",
    database: "Microsoft.DBforPostgreSQL/flexibleServers",
} as const;

/** Private DNS zones the private endpoints and the VNet-integrated server resolve through. */
export const PRIVATE_DNS_ZONES = {
    redis: "privatelink.redis.cache.windows.net",
    blob: "privatelink.blob.core.windows.net",
    vault: "privatelink.vaultcore.azure.net",
} as const;

/** Container Apps tables whose retention follows `compute.logRetentionDays`. */
export const CONTAINER_APP_LOG_TABLES = ["ContainerAppConsoleLogs", "ContainerAppSystemLogs"] as const;

/** Container insights' log table (kubernetes runtime), retained per `compute.logRetentionDays`. */
export const AKS_LOG_TABLES = ["ContainerLogV2"] as const;

/**
 * Log Analytics tables that hold audit logs (resource-specific, the diagnostic settings'
 * `Dedicated` mode): the WAF's firewall log, AKS's Kubernetes audit logs, blob reads and
 * writes, the flow logs' traffic analytics. They keep `audit.logRetentionDays` in total (interactive up to 90 days, archived
 * after). The workspace itself stays under Microsoft-managed keys: a customer-managed key
 * needs a dedicated cluster (100 GB/day commitment), see docs/cloud-mapping.md.
 */
export function auditLogTables(cfg: AzureContext["cfg"]): string[] {
    const kubernetes = cfg.compute.runtime === "kubernetes";
    return [
        ...(cfg.loadBalancer.waf && hasApplicationGateway(cfg) ? ["AGWFirewallLogs"] : []),
        ...(kubernetes ? ["AKSAudit", "AKSAuditAdmin"] : []),
        "StorageBlobLogs",
        // Traffic analytics of the VNet flow logs (providers/azure/flow-logs.ts).
        "NTANetAnalytics",
    ];
}
/**
 * Whether the platform's Application Gateway is the entry point: always under the managed
 * runtime; under kubernetes on a cluster the platform creates with its own ingress controller
 * (not an existing cluster, not another `kubernetes.ingressClass`).
 */
export function hasApplicationGateway(cfg: AzureContext["cfg"]): boolean {
    if (cfg.compute.runtime !== "kubernetes") return true;
    return cfg.kubernetes.kubeconfig === undefined && (cfg.kubernetes.ingressClass === undefined || cfg.kubernetes.ingressClass === INTERNAL_INGRESS_CLASS);
}

/** Interactive (queryable) retention of audit tables; the rest of the audit retention is archive. */
export const AUDIT_INTERACTIVE_DAYS = 90;

/** Log Analytics workspaces keep data at least 30 days; shorter retention is set per table. */
export const WORKSPACE_MIN_RETENTION_DAYS = 30;

/**
 * The foundation: resource group, VNet and subnets (gateway public-facing, the rest private),
 * NSGs, private DNS zones linked to the VNet, Log Analytics, Key Vault behind a private
 * endpoint, and the internal Container Apps environment that services and the gateway share.
 */
export function createNetwork(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, args: NetworkArgs): NetworkOutputs {
    const cfg = ctx.cfg;
    const zones = ZONE_NAMES.slice(0, Math.max(1, Math.min(args.zones, ZONE_NAMES.length)));
    const layout = subnetLayout(args.cidr);
    const kubernetes = cfg.compute.runtime === "kubernetes";
    const aksCidr = aksSubnetCidr(args.cidr);

    const rg = ctx.create(resources.ResourceGroup, scope, childName(name, "rg"), {
        resourceGroupName: ctx.physical("rg"),
        location: ctx.location,
        tags: ctx.tags,
    });
    const rgName = rg.name;

    const vnet = ctx.create(network.VirtualNetwork, scope, childName(name, "vnet"), {
        virtualNetworkName: ctx.physical("vnet"),
        resourceGroupName: rgName,
        location: ctx.location,
        addressSpace: { addressPrefixes: [args.cidr] },
        tags: ctx.tags,
    });

    // Application Gateway v2 needs the GatewayManager ports and the Azure load balancer probe;
    // the internet may reach 80 (redirected) and 443 only.
    const gatewayNsg = ctx.create(network.NetworkSecurityGroup, scope, childName(name, "gateway-nsg"), {
        networkSecurityGroupName: ctx.physical("gateway-nsg"),
        resourceGroupName: rgName,
        location: ctx.location,
        securityRules: [
            { name: "allow-gateway-manager", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "GatewayManager", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "65200-65535" },
            { name: "allow-azure-load-balancer", priority: 110, direction: "Inbound", access: "Allow", protocol: "*", sourceAddressPrefix: "AzureLoadBalancer", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "*" },
            { name: "allow-web", priority: 120, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "Internet", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRanges: ["80", "443"] },
        ],
        tags: ctx.tags,
    });
    // Private subnets: nothing from the internet; the VNet (gateway to apps, apps to data) only.
    const privateNsg = ctx.create(network.NetworkSecurityGroup, scope, childName(name, "private-nsg"), {
        networkSecurityGroupName: ctx.physical("private-nsg"),
        resourceGroupName: rgName,
        location: ctx.location,
        securityRules: [
            { name: "deny-internet-inbound", priority: 4000, direction: "Inbound", access: "Deny", protocol: "*", sourceAddressPrefix: "Internet", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "*" },
        ],
        tags: ctx.tags,
    });

    // Subnets are created one after another: Azure rejects concurrent writes to one VNet.
    const cidrs = { ...layout, aks: aksCidr };
    const subnet = (key: keyof typeof cidrs, extra: Partial<network.SubnetArgs>, after?: pulumi.Resource) =>
        ctx.create(network.Subnet, scope, childName(name, `${key}-subnet`), {
            subnetName: key,
            resourceGroupName: rgName,
            virtualNetworkName: vnet.name,
            addressPrefix: cidrs[key],
            defaultOutboundAccess: false,
            ...extra,
        }, undefined, { dependsOn: after ? [after] : [] });
    const gatewaySubnet = subnet("gateway", { networkSecurityGroup: { id: gatewayNsg.id }, defaultOutboundAccess: true });
    // Managed runtime: the subnet delegated to the Container Apps environment. Kubernetes
    // runtime: the AKS node subnet instead (not delegated; its own NSG admits only the
    // Application Gateway's subnet, on 443 to the ingress controller's internal load balancer,
    // and nothing from the internet; outbound goes through the cluster's Standard load
    // balancer, nodes have no public IPs).
    // An existing cluster (kubeconfig in config) needs neither.
    let computeSubnet: network.Subnet | undefined;
    if (kubernetes && cfg.kubernetes.kubeconfig !== undefined) {
        computeSubnet = undefined;
    } else if (kubernetes) {
        const aksNsg = ctx.create(network.NetworkSecurityGroup, scope, childName(name, "aks-nsg"), {
            networkSecurityGroupName: ctx.physical("aks-nsg"),
            resourceGroupName: rgName,
            location: ctx.location,
            securityRules: [
                // The load balancer rules keep the frontend address as destination (floating IP, cloud-provider-azure's default).
                hasApplicationGateway(cfg)
                    ? { name: "allow-gateway-to-ingress", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: layout.gateway, sourcePortRange: "*", destinationAddressPrefix: `${ingressInternalAddress(args.cidr)}/32`, destinationPortRange: "443" }
                    // Another ingress class (kubernetes.ingressClass): its own public load balancer on 80/443.
                    : { name: "allow-web-to-ingress", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "Internet", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRanges: ["80", "443"] },
                { name: "allow-azure-load-balancer", priority: 110, direction: "Inbound", access: "Allow", protocol: "*", sourceAddressPrefix: "AzureLoadBalancer", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "*" },
                { name: "deny-internet-inbound", priority: 4000, direction: "Inbound", access: "Deny", protocol: "*", sourceAddressPrefix: "Internet", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "*" },
            ],
            tags: ctx.tags,
        });
        computeSubnet = subnet("aks", { networkSecurityGroup: { id: aksNsg.id } }, gatewaySubnet);
    } else {
        computeSubnet = subnet("compute", {
            networkSecurityGroup: { id: privateNsg.id },
            delegations: [{ name: "container-apps", serviceName: DELEGATIONS.compute }],
        }, gatewaySubnet);
    }
    const databaseSubnet = subnet("database", {
        networkSecurityGroup: { id: privateNsg.id },
        delegations: [{ name: "postgresql", serviceName: DELEGATIONS.database }],
    }, computeSubnet ?? gatewaySubnet);
    const endpointsSubnet = subnet("endpoints", {
        networkSecurityGroup: { id: privateNsg.id },
        privateEndpointNetworkPolicies: "Enabled",
    }, databaseSubnet);

    const links: Record<string, privatedns.VirtualNetworkLink> = {};
    const zone = (key: string, zoneName: pulumi.Input<string>) => {
        const z = ctx.create(privatedns.PrivateZone, scope, childName(name, `${key}-dns`), {
            privateZoneName: zoneName,
            resourceGroupName: rgName,
            location: "global",
            tags: ctx.tags,
        });
        links[key] = ctx.create(privatedns.VirtualNetworkLink, scope, childName(name, `${key}-dns-link`), {
            virtualNetworkLinkName: ctx.physical(key, "link"),
            privateZoneName: z.name,
            resourceGroupName: rgName,
            location: "global",
            registrationEnabled: false,
            virtualNetwork: { id: vnet.id },
            tags: ctx.tags,
        });
        return z;
    };
    const postgresZone = zone("postgres", `${ctx.physical()}.private.postgres.database.azure.com`);
    const redisZone = zone("redis", PRIVATE_DNS_ZONES.redis);
    const blobZone = zone("blob", PRIVATE_DNS_ZONES.blob);
    const vaultZone = zone("vault", PRIVATE_DNS_ZONES.vault);

    const retention = cfg.compute.logRetentionDays;
    const workspace = ctx.create(operationalinsights.Workspace, scope, childName(name, "logs"), {
        workspaceName: ctx.physical("logs"),
        resourceGroupName: rgName,
        location: ctx.location,
        sku: { name: "PerGB2018" },
        retentionInDays: Math.max(WORKSPACE_MIN_RETENTION_DAYS, retention),
        tags: ctx.tags,
    });
    for (const table of kubernetes ? AKS_LOG_TABLES : CONTAINER_APP_LOG_TABLES) {
        ctx.create(operationalinsights.Table, scope, childName(name, `logs-${table}`), {
            tableName: table,
            workspaceName: workspace.name,
            resourceGroupName: rgName,
            retentionInDays: retention,
            totalRetentionInDays: retention,
        });
    }
    const audit = cfg.audit.logRetentionDays;
    for (const table of auditLogTables(cfg)) {
        ctx.create(operationalinsights.Table, scope, childName(name, `logs-${table}`), {
            tableName: table,
            workspaceName: workspace.name,
            resourceGroupName: rgName,
            retentionInDays: Math.min(AUDIT_INTERACTIVE_DAYS, audit),
            totalRetentionInDays: audit,
        });
    }

    const base: BaseFoundation = {
        resourceGroupName: rgName,
        resourceGroupId: rg.id,
        vnetId: vnet.id,
        subnets: { gateway: gatewaySubnet.id, ...(computeSubnet ? { [kubernetes ? "aks" : "compute"]: computeSubnet.id } : {}), database: databaseSubnet.id, endpoints: endpointsSubnet.id },
        subnetCidrs: cidrs,
        privateDnsZoneIds: { postgres: postgresZone.id, redis: redisZone.id, blob: blobZone.id, vault: vaultZone.id },
        postgresDnsLink: links.postgres!,
        logAnalyticsWorkspaceId: workspace.id,
        logAnalyticsWorkspaceGuid: workspace.customerId,
        zones: [...zones],
    };

    // Key Vault: RBAC only (no access policies), soft delete, purge protection in production;
    // reachable through its private endpoint and by trusted Azure services (the gateway
    // reading its certificate), nothing else.
    const vault = ctx.create(keyvault.Vault, scope, childName(name, "vault"), {
        vaultName: ctx.limited(24, `kv${uniqueSuffix(cfg, "vault", 4)}`),
        resourceGroupName: rgName,
        location: ctx.location,
        properties: {
            tenantId: ctx.tenantId,
            sku: { family: "A", name: "standard" },
            enableRbacAuthorization: true,
            enableSoftDelete: true,
            softDeleteRetentionInDays: 90,
            ...(cfg.environment === "production" ? { enablePurgeProtection: true } : {}),
            publicNetworkAccess: "Enabled",
            networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
        },
        tags: ctx.tags,
    }, undefined, { protect: cfg.protect });
    const foundation: Foundation = { ...base, keyVaultId: vault.id, keyVaultName: vault.name, keyVaultUri: vault.properties.apply((p) => p.vaultUri ?? "") };
    const withVault = ctx.withFoundation(foundation);
    privateEndpoint(withVault, scope, name, { key: "vault", target: vault.id, groupId: "vault", zoneId: vaultZone.id });
    diagnostics(withVault, scope, childName(name, "vault-diagnostics"), vault.id);
    if (cfg.protect) ctx.deleteLock(scope, childName(name, "vault-lock"), vault.id, "Holds the platform's generated secrets and the TLS certificate.");

    const outputs = (f: Foundation): NetworkOutputs => ({
        networkId: vnet.id,
        privateSubnetIds: pulumi.all([...(computeSubnet ? [computeSubnet.id] : []), databaseSubnet.id, endpointsSubnet.id]),
        publicSubnetIds: pulumi.all([gatewaySubnet.id]),
        handle: azureHandles.wrap("network", f),
    });
    // Under the kubernetes runtime the services run on AKS: no Container Apps environment.
    if (kubernetes || !computeSubnet) return outputs(foundation);

    // The internal Container Apps environment: no public IP; the gateway reaches apps via the
    // private DNS zone of its default domain. Logs go to Azure Monitor, then Log Analytics.
    const environment = ctx.create(app.ManagedEnvironment, scope, childName(name, "apps-env"), {
        environmentName: ctx.physical("apps"),
        resourceGroupName: rgName,
        location: ctx.location,
        vnetConfiguration: { infrastructureSubnetId: computeSubnet.id, internal: true },
        workloadProfiles: [{ name: "Consumption", workloadProfileType: "Consumption" }],
        zoneRedundant: zones.length > 1,
        appLogsConfiguration: { destination: "azure-monitor" },
        peerTrafficConfiguration: { encryption: { enabled: true } },
        tags: ctx.tags,
    });
    diagnostics(withVault, scope, childName(name, "apps-env-diagnostics"), environment.id);
    const appsZone = zone("apps", environment.defaultDomain);
    ctx.create(privatedns.PrivateRecordSet, scope, childName(name, "apps-dns-wildcard"), {
        privateZoneName: appsZone.name,
        resourceGroupName: rgName,
        recordType: "A",
        relativeRecordSetName: "*",
        ttl: 300,
        aRecords: [{ ipv4Address: environment.staticIp }],
    });
    return outputs({ ...foundation, containerAppsEnvironmentId: environment.id, containerAppsDefaultDomain: environment.defaultDomain });
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/azure/index.ts: the foundation, then its VNet flow logs (their storage account needs the foundation's endpoints subnet and blob DNS zone). */
export const builder: CloudBuilder<AzureContext, "network"> = (ctx, scope, name, args) => {
    const outputs = createNetwork(ctx, scope, name, args);
    createFlowLogs(ctx.withFoundation(azureHandles.read("network", outputs.handle, "flow logs")), scope, name);
    return outputs;
};

/** What this component hands to the components built on it (providers/azure/handles.ts). */
declare module "./handles" {
    interface AzureHandles {
        network: Foundation;
    }
}

/*
 * The offline engine's facts (`npm run diff` and the deploy-rule specs read them) of the Azure types only the network
 * creates: which inputs replace them, their deploy rules and which of them hold data. providers/azure/engine.ts
 * merges them with the facts of the types several components create.
 */

const replacement: ReplacementTable = {
    "azure-native:app:ManagedEnvironment": {
        source: `${SPEC}app/resource-manager/Microsoft.App/stable/*/ManagedEnvironments.json (vnetConfiguration, zoneRedundant create-only)`,
        replace: ["environmentName", "resourceGroupName", "location", "vnetConfiguration", "zoneRedundant", "infrastructureResourceGroup"],
        update: [...TAGS, "appLogsConfiguration", "peerTrafficConfiguration", "workloadProfiles", "daprAIInstrumentationKey", "daprAIConnectionString",
            "customDomainConfiguration", "identity", "kind"],
    },
    "azure-native:keyvault:Vault": {
        source: `${SPEC}keyvault/resource-manager/Microsoft.KeyVault/stable/*/keyvault.json`,
        replace: ["vaultName", "resourceGroupName", "location"],
        update: [...TAGS, "properties"],
    },
    "azure-native:network:NetworkSecurityGroup": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/networkSecurityGroup.json`,
        replace: ["networkSecurityGroupName", "resourceGroupName", "location"],
        update: [...TAGS, "securityRules", "flushConnection"],
    },
    "azure-native:network:FlowLog": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/networkWatcher.json (path parameters)`,
        replace: ["flowLogName", "networkWatcherName", "resourceGroupName", "location"],
        update: [...TAGS, "enabled", "retentionPolicy", "format", "flowAnalyticsConfiguration", "identity", "storageId", "enabledFilteringCriteria"],
        // A flow log moved to another target is not documented as an in-place change.
        undecided: ["targetResourceId"],
    },
    "azure-native:network:Subnet": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/virtualNetwork.json (path parameters)`,
        replace: ["subnetName", "virtualNetworkName", "resourceGroupName"],
        update: ["addressPrefix", "addressPrefixes", "defaultOutboundAccess", "networkSecurityGroup", "privateEndpointNetworkPolicies",
            "privateLinkServiceNetworkPolicies", "delegations", "routeTable", "serviceEndpoints", "serviceEndpointPolicies", "natGateway", "sharingScope"],
    },
    "azure-native:network:VirtualNetwork": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/virtualNetwork.json`,
        replace: ["virtualNetworkName", "resourceGroupName", "location", "extendedLocation"],
        update: [...TAGS, "addressSpace", "enableDdosProtection", "enableVmProtection", "dhcpOptions", "subnets", "encryption", "ddosProtectionPlan",
            "flowTimeoutInMinutes", "virtualNetworkPeerings", "bgpCommunities", "privateEndpointVNetPolicies"],
    },
    "azure-native:operationalinsights:Table": {
        source: `${SPEC}operationalinsights/resource-manager/Microsoft.OperationalInsights/stable/2022-10-01/Tables.json (path parameters)`,
        replace: ["tableName", "workspaceName", "resourceGroupName"],
        update: ["retentionInDays", "totalRetentionInDays", "plan", "schema", "restoredLogs", "searchResults"],
    },
    "azure-native:operationalinsights:Workspace": {
        source: `${SPEC}operationalinsights/resource-manager/Microsoft.OperationalInsights/stable/*/Workspaces.json`,
        replace: ["workspaceName", "resourceGroupName", "location"],
        update: [...TAGS, "retentionInDays", "sku", "workspaceCapping", "publicNetworkAccessForIngestion", "publicNetworkAccessForQuery", "features",
            "forceCmkForQuery", "identity", "defaultDataCollectionRuleResourceId"],
    },
    "azure-native:privatedns:PrivateRecordSet": {
        source: `${SPEC}privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json (path parameters)`,
        replace: ["privateZoneName", "recordType", "relativeRecordSetName", "resourceGroupName"],
        update: ["aRecords", "aaaaRecords", "cnameRecord", "mxRecords", "ptrRecords", "soaRecord", "srvRecords", "txtRecords", "ttl", "metadata"],
    },
    "azure-native:privatedns:PrivateZone": {
        source: `${SPEC}privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json`,
        replace: ["privateZoneName", "resourceGroupName", "location"],
        update: [...TAGS],
    },
    "azure-native:privatedns:VirtualNetworkLink": {
        source: `${SPEC}privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json (virtualNetwork create-only)`,
        replace: ["privateZoneName", "virtualNetworkLinkName", "resourceGroupName", "location", "virtualNetwork"],
        update: [...TAGS, "registrationEnabled", "resolutionPolicy"],
    },
    "azure-native:resources:ResourceGroup": {
        source: `${SPEC}resources/resource-manager/Microsoft.Resources/stable/*/resources.json (location create-only)`,
        replace: ["resourceGroupName", "location"],
        update: [...TAGS, "managedBy"],
    },
};

const rules: Rule[] = [
    n("resource-group-name", "azure-native:resources:ResourceGroup", "resourceGroupName", 90, /^[\w().-]*[\w()-]$/, "letters, digits, underscores, parentheses, hyphens and periods, not ending with a period"),
    n("vnet-name", "azure-native:network:VirtualNetwork", "virtualNetworkName", 64, NETWORK_NAME, ALNUM_END, 2),
    n("subnet-name", "azure-native:network:Subnet", "subnetName", 80, NETWORK_NAME, ALNUM_END),
    n("nsg-name", "azure-native:network:NetworkSecurityGroup", "networkSecurityGroupName", 80, NETWORK_NAME, ALNUM_END),
    n("private-dns-zone-name", "azure-native:privatedns:PrivateZone", "privateZoneName", 253, /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "a DNS name of labels up to 63 characters, at least two labels"),
    n("private-dns-link-name", "azure-native:privatedns:VirtualNetworkLink", "virtualNetworkLinkName", 80, NETWORK_NAME, ALNUM_END),
    n("private-record-set-name", "azure-native:privatedns:PrivateRecordSet", "relativeRecordSetName", 63, /^(\*|@|[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)(\.[A-Za-z0-9_-]+)*$/, "a relative DNS name, @ or *"),
    n("key-vault-name", "azure-native:keyvault:Vault", "vaultName", 24, /^[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/, "a letter first, letters, digits and single hyphens, ending with a letter or digit", 3),
    n("log-analytics-workspace-name", "azure-native:operationalinsights:Workspace", "workspaceName", 63, /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/, "letters, digits and hyphens, starting and ending with a letter or digit", 4),
    n("container-apps-environment-name", "azure-native:app:ManagedEnvironment", "environmentName", 60, /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/, "a lowercase letter first, lowercase letters, digits and single hyphens, ending with a letter or digit", 2),
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
        // An internal, zone-redundant environment needs its own VNet subnet.
        id: "azure/container-apps-environment",
        family: "companions",
        types: ["azure-native:app:ManagedEnvironment"],
        doc: "https://learn.microsoft.com/azure/container-apps/networking",
        check: (r) => {
            const v = r.inputs.vnetConfiguration ?? {};
            return (v.internal || r.inputs.zoneRedundant) && !v.infrastructureSubnetId ? ["an internal or zone-redundant environment needs vnetConfiguration.infrastructureSubnetId"] : [];
        },
    },
    {
        // Log Analytics: workspace retention 30-730 days (PerGB2018); table retention 4-730 and total retention up to 4383.
        id: "azure/log-analytics-retention",
        family: "combinations",
        types: ["azure-native:operationalinsights:Workspace", "azure-native:operationalinsights:Table"],
        doc: "https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure",
        check: (r) => {
            const d = r.inputs.retentionInDays;
            if (r.type === "azure-native:operationalinsights:Workspace") return d === undefined || (d >= 30 && d <= 730) ? [] : [`retentionInDays ${d}: allowed 30-730`];
            const total = r.inputs.totalRetentionInDays;
            const problems = d !== undefined && (d < 4 || d > 730) ? [`retentionInDays ${d}: allowed 4-730`] : [];
            if (total !== undefined && (total < (d ?? 4) || total > 4383)) problems.push(`totalRetentionInDays ${total}: from retentionInDays up to 4383`);
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = { replacement, rules, statefulTypes: { "azure-native:keyvault:Vault": "Key Vault" } };
