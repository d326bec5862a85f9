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
