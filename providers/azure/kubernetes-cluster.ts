import * as pulumi from "@pulumi/pulumi";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as monitor from "@pulumi/azure-native/monitor";
import { parse, stringify } from "yaml";
import type { KubernetesClusterArgs, KubernetesClusterOutputs } from "../../components/kubernetes-cluster";
import { childName } from "../../components/naming";
import { AzureContext, ZONE_NAMES } from "./context";
import { diagnostics } from "./diagnostics";
import { azureHandles } from "./handles";
import { INTERNAL_INGRESS_CLASS } from "./kubernetes-ingress";
import { certificateSecretName } from "./load-balancer";
import { aksMaintenanceWindow } from "./maintenance";
import { NODE_VM_SIZES } from "./sizes";
import { clusterCidrs } from "./subnets";

/** Ephemeral OS disk size: within the smallest size's 75 GiB temp disk. Changing it rebuilds the nodes. */
export const NODE_OS_DISK_GB = 64;

/**
 * What kubelogin does in the exec kubeconfig. AKS returns `devicecode` (interactive); Pulumi
 * runs non-interactively, so the kubeconfig uses the Azure CLI login of the deployment
 * (`az login` / the OIDC login of the CI workflow). Operators can re-convert a copy with
 * `kubelogin convert-kubeconfig -l <method>`.
 */
export const KUBELOGIN_LOGIN = "azurecli";

/** Container insights streams collected by the omsagent (Azure Monitor agent) add-on. */
export const CONTAINER_INSIGHTS_STREAMS = [
    "Microsoft-ContainerLogV2",
    "Microsoft-KubeEvents",
    "Microsoft-KubePodInventory",
    "Microsoft-KubeNodeInventory",
    "Microsoft-KubePVInventory",
    "Microsoft-KubeServices",
    "Microsoft-KubeMonAgentEvents",
    "Microsoft-InsightsMetrics",
    "Microsoft-ContainerInventory",
    "Microsoft-ContainerNodeInventory",
    "Microsoft-Perf",
] as const;

/**
 * Rewrites the kubelogin exec section of an AKS user kubeconfig (format `exec`) to a
 * non-interactive login. Pure; exported for the spec.
 */
export function nonInteractiveKubeconfig(kubeconfig: string, login: string = KUBELOGIN_LOGIN): string {
    const doc = parse(kubeconfig) as { users?: Array<{ user?: { exec?: { args?: string[] } } }> };
    for (const u of doc?.users ?? []) {
        const args = u.user?.exec?.args;
        if (!args) continue;
        const i = args.indexOf("--login");
        if (i >= 0 && i + 1 < args.length) args[i + 1] = login;
        else args.push("--login", login);
    }
    return stringify(doc);
}

/**
 * AKS in the platform VNet's `aks` subnet: Azure CNI overlay with the Cilium dataplane and
 * network policy, a PRIVATE API server (no public endpoint, private DNS zone managed by AKS),
 * Entra ID integration with Azure RBAC and local accounts disabled, OIDC issuer + workload
 * identity, an autoscaled zonal system pool, Container insights into the platform's Log
 * Analytics workspace, the Key Vault secrets provider, the application routing add-on
 * (managed nginx), patch-level auto-upgrades in the platform's Sunday window, control plane
 * logs to Log Analytics, Standard tier (uptime SLA) in production, Free in staging.
 *
 * Reaching a private cluster: operators use `az aks command invoke -g <rg> -n <cluster>
 * --command "kubectl get pods -A"` (runs inside the cluster, Azure RBAC applies), or a machine
 * in/peered with the VNet. `pulumi up` itself talks to the API server for the workloads, so
 * it must run from such a machine (a self-hosted runner in the VNet); `pulumi preview` of the
 * Azure resources works from anywhere.
 */
export function createAksCluster(run: AzureContext, scope: pulumi.ComponentResource, name: string, args: KubernetesClusterArgs): KubernetesClusterOutputs {
    const ctx = run.withFoundation(azureHandles.read("network", args.network.handle, "kubernetes cluster"));
    const cfg = ctx.cfg;
    const f = ctx.foundation;
    const production = cfg.environment === "production";
    const nodeSubnet = f.subnets.aks;
    if (!nodeSubnet) throw new Error("internal: the AKS node subnet exists only under compute.runtime kubernetes");
    const zones = ZONE_NAMES.slice(0, Math.max(1, Math.min(args.zones, ZONE_NAMES.length)));
    const cidrs = clusterCidrs(cfg.network.cidr);
    const clusterName = ctx.physical("aks");

    // User-assigned control-plane identity, allowed to manage the node subnet before the cluster exists.
    const identity = ctx.identity(scope, childName(name, "identity"), "aks");
    const subnetGrant = ctx.grant(scope, childName(name, "subnet-network-contributor"), { principalId: identity.principalId, role: "networkContributor", on: nodeSubnet });

    const cluster = ctx.create(containerservice.ManagedCluster, scope, childName(name, "aks"), {
        resourceName: clusterName,
        resourceGroupName: f.resourceGroupName,
        location: ctx.location,
        dnsPrefix: clusterName,
        kubernetesVersion: args.version,
        nodeResourceGroup: ctx.physical("aks-nodes"),
        sku: { name: "Base", tier: production ? "Standard" : "Free" },
        identity: { type: containerservice.ResourceIdentityType.UserAssigned, userAssignedIdentities: [identity.id] },
        enableRBAC: true,
        aadProfile: { managed: true, enableAzureRBAC: true, tenantID: ctx.tenantId },
        disableLocalAccounts: true,
        apiServerAccessProfile: { enablePrivateCluster: true, privateDNSZone: "system", enablePrivateClusterPublicFQDN: false },
        networkProfile: {
            networkPlugin: "azure",
            networkPluginMode: "overlay",
            networkDataplane: "cilium",
            networkPolicy: "cilium",
            podCidr: cidrs.podCidr,
            serviceCidr: cidrs.serviceCidr,
            dnsServiceIP: cidrs.dnsServiceIP,
            loadBalancerSku: "standard",
            outboundType: "loadBalancer",
        },
        oidcIssuerProfile: { enabled: true },
        securityProfile: { workloadIdentity: { enabled: true }, imageCleaner: { enabled: true, intervalHours: 168 } },
        agentPoolProfiles: [{
            name: "system",
            mode: "System",
            type: "VirtualMachineScaleSets",
            osType: "Linux",
            osSKU: "AzureLinux",
            vmSize: NODE_VM_SIZES[args.nodeSize],
            osDiskType: "Ephemeral",
            // OS, temp and cache disks encrypted at rest on the host (ephemeral OS disks have no other
            // encryption). Needs the subscription feature Microsoft.Compute/EncryptionAtHost, see
            // https://learn.microsoft.com/azure/aks/enable-host-encryption
            enableEncryptionAtHost: true,
            osDiskSizeGB: NODE_OS_DISK_GB,
            orchestratorVersion: args.version,
            enableAutoScaling: true,
            count: args.minNodes,
            minCount: args.minNodes,
            maxCount: args.maxNodes,
            ...(zones.length > 1 ? { availabilityZones: [...zones] } : {}),
            vnetSubnetID: nodeSubnet,
            enableNodePublicIP: false,
            upgradeSettings: { maxSurge: "33%" },
            tags: ctx.tags,
        }],
        addonProfiles: {
            omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: f.logAnalyticsWorkspaceId, useAADAuth: "true" } },
            azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: "true", rotationPollInterval: "2m" } },
            azurepolicy: { enabled: true },
        },
        // App routing without its default public nginx ("None"): the platform's internal
        // controller (INTERNAL_INGRESS_CLASS) behind the Application Gateway is the only way in.
        ingressProfile: { webAppRouting: { enabled: true, nginx: { defaultIngressControllerType: "None" } } },
        autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" },
        tags: ctx.tags,
    }, undefined, { dependsOn: [subnetGrant] });

    // Auto-upgrades (control plane patches, node images) only in the platform's maintenance window.
    for (const [key, configName] of [["upgrade-window", "aksManagedAutoUpgradeSchedule"], ["node-os-window", "aksManagedNodeOSUpgradeSchedule"]] as const) {
        ctx.create(containerservice.MaintenanceConfiguration, scope, childName(name, key), {
            configName,
            resourceName: cluster.name,
            resourceGroupName: f.resourceGroupName,
            maintenanceWindow: aksMaintenanceWindow(cfg.database.maintenanceWindow),
        });
    }

    // Container insights with Entra (AAD) auth needs its data collection rule and association.
    const dcr = ctx.create(monitor.DataCollectionRule, scope, childName(name, "insights-dcr"), {
        dataCollectionRuleName: ctx.physical("aks-insights"),
        resourceGroupName: f.resourceGroupName,
        location: ctx.location,
        kind: "Linux",
        dataSources: {
            extensions: [{
                name: "ContainerInsightsExtension",
                extensionName: "ContainerInsights",
                streams: [...CONTAINER_INSIGHTS_STREAMS],
                extensionSettings: { dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true } },
            }],
        },
        destinations: { logAnalytics: [{ name: "workspace", workspaceResourceId: f.logAnalyticsWorkspaceId }] },
        dataFlows: [{ streams: [...CONTAINER_INSIGHTS_STREAMS], destinations: ["workspace"] }],
        tags: ctx.tags,
    });
    ctx.create(monitor.DataCollectionRuleAssociation, scope, childName(name, "insights-dcr-association"), {
        associationName: "ContainerInsightsExtension",
        resourceUri: cluster.id,
        dataCollectionRuleId: dcr.id,
    });
    // Control-plane logs (API server, audit, scheduler, autoscaler...) and metrics.
    diagnostics(ctx, scope, childName(name, "diagnostics"), cluster.id);

    // The app-routing add-on's identity reads exactly the TLS certificate the Ingress names.
    const certificateGrant = ctx.grant(scope, childName(name, "app-routing-certificate-reader"), {
        principalId: cluster.ingressProfile.apply((p) => p?.webAppRouting?.identity?.objectId ?? ""),
        role: "keyVaultSecretsUser",
        on: pulumi.interpolate`${f.keyVaultId}/secrets/${certificateSecretName(cfg.loadBalancer.domain)}`,
    });

    // Entra-only cluster: the user kubeconfig carries a kubelogin exec plugin, no static credential.
    const credentials = containerservice.listManagedClusterUserCredentialsOutput(
        { resourceGroupName: f.resourceGroupName, resourceName: cluster.name, format: "exec" },
        { provider: ctx.provider, parent: scope, dependsOn: [cluster] },
    );
    const kubeconfig = pulumi.secret(credentials.kubeconfigs.apply((k) => {
        const value = k[0]?.value;
        if (!value) throw new Error(`AKS ${clusterName} returned no user kubeconfig`);
        return nonInteractiveKubeconfig(Buffer.from(value, "base64").toString("utf8"));
    }));

    return {
        clusterName: cluster.name,
        kubeconfig,
        ingressClass: pulumi.output(INTERNAL_INGRESS_CLASS),
        handle: azureHandles.wrap("kubernetesCluster", { clusterId: cluster.id, issuerUrl: cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? ""), certificateGrant }),
    };
}
