import * as pulumi from "@pulumi/pulumi";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as monitor from "@pulumi/azure-native/monitor";
import { CustomResource } from "@pulumi/kubernetes/apiextensions";
import { parse, stringify } from "yaml";
import type { KubernetesSupport } from "../../components/cloud";
import type { CloudHandle } from "../../components/component";
import type { Size } from "../../components/config";
import type { KubernetesClusterArgs, KubernetesClusterOutputs } from "../../components/kubernetes-cluster";
import { childName } from "../../components/naming";
import { azureServiceEnv, serviceIdentity } from "./compute-service";
import { AzureContext, ZONE_NAMES } from "./context";
import { azureHandles } from "./handles";
import { certificateSecretName, createApplicationGateway } from "./load-balancer";
import { INTERNAL_INGRESS_CLASS, internalLoadBalancerAnnotations } from "./ingress-controller";
import { aksMaintenanceWindow } from "./maintenance";
import { clusterCidrs, diagnostics, ingressInternalAddress } from "./network";

export { INTERNAL_INGRESS_CLASS, internalLoadBalancerAnnotations };

/**
 * AKS node VM sizes per cloud-neutral size: Dds_v5 (local temp disk, so the OS disk can be
 * Ephemeral: faster, no managed-disk cost, reimaged on upgrade).
 */
export const NODE_VM_SIZES: Record<Size, string> = {
    small: "Standard_D2ds_v5",
    medium: "Standard_D4ds_v5",
    large: "Standard_D8ds_v5",
};

/** Ephemeral OS disk size: within the smallest size's 75 GiB temp disk. Changing it rebuilds the nodes. */
export const NODE_OS_DISK_GB = 64;

/** The ingress class of the AKS application routing add-on's default (public) nginx, which the platform turns off. */
export const APP_ROUTING_INGRESS_CLASS = "webapprouting.kubernetes.azure.com";

/** Audience of Entra workload identity federation tokens. */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

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

/** The Secret app routing syncs the Key Vault certificate into: `keyvault-<ingress name>`. */
export function appRoutingTlsSecretName(ingressName: string): string {
    return `keyvault-${ingressName}`;
}

/**
 * The Azure side of `compute.runtime: kubernetes`.
 *
 * The cluster: AKS in the platform VNet's `aks` subnet, Azure CNI overlay with the Cilium
 * dataplane and network policy, a PRIVATE API server (no public endpoint, private DNS zone
 * managed by AKS), Entra ID integration with Azure RBAC and local accounts disabled, OIDC
 * issuer + workload identity, an autoscaled zonal system pool, Container insights into the
 * platform's Log Analytics workspace, the Key Vault secrets provider, the application routing
 * add-on (managed nginx), patch-level auto-upgrades in the platform's Sunday window, control
 * plane logs to Log Analytics, Standard tier (uptime SLA) in production, Free in staging.
 *
 * Reaching a private cluster: operators use `az aks command invoke -g <rg> -n <cluster>
 * --command "kubectl get pods -A"` (runs inside the cluster, Azure RBAC applies), or a machine
 * in/peered with the VNet. `pulumi up` itself talks to the API server for the workloads, so
 * it must run from such a machine (a self-hosted runner in the VNet); `pulumi preview` of the
 * Azure resources works from anywhere.
 */
export function createKubernetesSupport(run: AzureContext): KubernetesSupport {
    return {
        cluster(scope, name, args) {
            return createCluster(run.withFoundation(azureHandles.read("network", args.network.handle, "kubernetes cluster")), scope, name, args);
        },

        workloadIdentity(scope, name, args) {
            const ctx = run.withFoundation(azureHandles.read("network", args.network.handle, "workload identity"));
            // The same identity and grants the Container App would get, federated to the ServiceAccount.
            const { identity, databaseUser } = serviceIdentity(ctx, scope, name, { service: args.service, bindings: args.bindings, databaseRole: args.databaseRole });
            const issuerUrl = azureHandles.readIfOwn("kubernetesCluster", args.cluster.handle)?.issuerUrl;
            if (issuerUrl) {
                new managedidentity.FederatedIdentityCredential(childName(name, "federated-credential"), {
                    federatedIdentityCredentialResourceName: `kubernetes-${args.namespace}-${args.serviceAccountName}`.slice(0, 120),
                    resourceName: identity.name,
                    resourceGroupName: ctx.foundation.resourceGroupName,
                    issuer: issuerUrl,
                    subject: `system:serviceaccount:${args.namespace}:${args.serviceAccountName}`,
                    audiences: [WORKLOAD_IDENTITY_AUDIENCE],
                }, ctx.opts(scope));
            } else {
                // An existing cluster (kubeconfig in config): its issuer is unknown to the program.
                pulumi.log.warn(`${args.service}: existing cluster: federate identity ${ctx.physical(args.service, "id")} to system:serviceaccount:${args.namespace}:${args.serviceAccountName} with that cluster's OIDC issuer`, scope);
            }
            return {
                serviceAccountAnnotations: {
                    "azure.workload.identity/client-id": identity.clientId,
                    "azure.workload.identity/tenant-id": identity.tenantId,
                },
                // The workload identity webhook injects AZURE_CLIENT_ID/TENANT_ID for labelled pods.
                podLabels: { "azure.workload.identity/use": "true" },
                identity: identity.clientId,
                env: azureServiceEnv(args.bindings),
                databaseUser,
            };
        },

        secretValue(_scope, _name, _ref, owner) {
            return secretValue(owner);
        },

        ingress(scope, name, args) {
            const lb = args.loadBalancer;
            const f = azureHandles.read("network", lb.network.handle, "ingress");
            const ctx = run.withFoundation(f);
            const certificateGrant = azureHandles.readIfOwn("kubernetesCluster", args.cluster.handle)?.certificateGrant;
            const ingressClassName = ctx.cfg.kubernetes.ingressClass ?? INTERNAL_INGRESS_CLASS;
            const annotations = ingressAnnotations(pulumi.interpolate`${f.keyVaultUri}certificates/${certificateSecretName(lb.domain)}`);
            if (ingressClassName !== INTERNAL_INGRESS_CLASS) {
                // Another controller (an existing cluster's): it cannot read Key Vault and the
                // platform cannot put its gateway in front; the operator provides the certificate
                // as the TLS Secret `<app>-tls` in the namespace, and the WAF (the policy
                // kubernetes-ingress-require-waf blocks production without one).
                if (lb.waf) pulumi.log.warn(`kubernetes runtime on Azure: kubernetes.ingressClass ${ingressClassName} is served without the platform's Application Gateway WAF (see docs/cloud-mapping.md)`);
                delete annotations["kubernetes.azure.com/tls-cert-keyvault-uri"];
                return { ingressClassName, annotations, tlsSecretName: `${ctx.cfg.appName}-tls`, dependsOn: [] };
            }
            // The internal app-routing nginx, then the platform's Application Gateway (the managed
            // runtime's: WAF_v2 + WAF policy in production, access and firewall logs, delete lock)
            // with that controller's address as its only backend.
            const ipAddress = ingressInternalAddress(ctx.cfg.network.cidr);
            const controller = new CustomResource(childName(name, "ingress-controller"), {
                apiVersion: "approuting.kubernetes.azure.com/v1alpha1",
                kind: "NginxIngressController",
                metadata: { name: INTERNAL_INGRESS_CLASS },
                spec: {
                    ingressClassName: INTERNAL_INGRESS_CLASS,
                    controllerNamePrefix: "nginx-internal",
                    loadBalancerAnnotations: internalLoadBalancerAnnotations(ipAddress),
                },
            }, {
                parent: scope,
                provider: args.provider,
                // Both are immutable (CRD validation self == oldSelf): a change replaces the controller, the old one first (same name).
                replaceOnChanges: ["spec.ingressClassName", "spec.controllerNamePrefix"],
                deleteBeforeReplace: true,
            });
            const gateway = createApplicationGateway(ctx, scope, name, lb, { kind: "ingress", ipAddress });
            return {
                ingressClassName,
                annotations,
                tlsSecretName: appRoutingTlsSecretName(`${ctx.cfg.appName}-ingress`),
                endpoint: gateway.endpoint,
                handle: azureHandles.wrap("loadBalancer", { gatewayId: gateway.gateway.id }),
                dependsOn: [controller, ...(certificateGrant ? [certificateGrant] : [])],
            };
        },
    };
}

/**
 * Annotations of the platform Ingress on the app-routing nginx:
 * - TLS: the certificate the Application Gateway path already expects in Key Vault, synced
 *   by the add-on (Key Vault secrets provider, rotation on) into `keyvault-<ingress>`.
 * - HTTP -> HTTPS: `ssl-redirect`/`force-ssl-redirect`. ingress-nginx answers with 308
 *   (Permanent Redirect, the method-preserving 301) by default; the 301 the guides name needs
 *   the controller ConfigMap's `http-redirect-code`, which the add-on owns and reconciles, so
 *   308 is kept deliberately: browsers and clients treat it as permanent like 301.
 * - TLS >= 1.2: ingress-nginx's default `ssl-protocols` is "TLSv1.2 TLSv1.3" (a ConfigMap
 *   setting, no per-Ingress annotation); HSTS is on by default.
 * - Health: nginx does not probe backends; readiness probes on the health path take pods out
 *   of the Service. The Azure load balancer probe of the controller's Service
 *   (`service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path`) is set by
 *   the add-on on its own Service, not on this Ingress.
 */
export function ingressAnnotations(certificateUri: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
    return {
        "kubernetes.azure.com/tls-cert-keyvault-uri": certificateUri,
        "nginx.ingress.kubernetes.io/ssl-redirect": "true",
        "nginx.ingress.kubernetes.io/force-ssl-redirect": "true",
        "nginx.ingress.kubernetes.io/backend-protocol": "HTTP",
    };
}

/** The Pulumi secret behind a reference this run created: the value the owner (database or cache) stored in Key Vault. */
export function secretValue(owner: CloudHandle): pulumi.Output<string> {
    const stored = (azureHandles.readIfOwn("database", owner) ?? azureHandles.readIfOwn("cache", owner))?.secret;
    if (!stored) throw new Error(`internal: the azure secretValue needs the azure database or cache handle that stored the secret, got ${owner.cloud} ${owner.kind}`);
    return pulumi.secret(stored.value);
}

function createCluster(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, args: KubernetesClusterArgs): KubernetesClusterOutputs {
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

    const cluster = new containerservice.ManagedCluster(childName(name, "aks"), {
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
    }, ctx.opts(scope, { dependsOn: [subnetGrant] }));

    // Auto-upgrades (control plane patches, node images) only in the platform's maintenance window.
    for (const [key, configName] of [["upgrade-window", "aksManagedAutoUpgradeSchedule"], ["node-os-window", "aksManagedNodeOSUpgradeSchedule"]] as const) {
        new containerservice.MaintenanceConfiguration(childName(name, key), {
            configName,
            resourceName: cluster.name,
            resourceGroupName: f.resourceGroupName,
            maintenanceWindow: aksMaintenanceWindow(cfg.database.maintenanceWindow),
        }, ctx.opts(scope));
    }

    // Container insights with Entra (AAD) auth needs its data collection rule and association.
    const dcr = new monitor.DataCollectionRule(childName(name, "insights-dcr"), {
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
    }, ctx.opts(scope));
    new monitor.DataCollectionRuleAssociation(childName(name, "insights-dcr-association"), {
        associationName: "ContainerInsightsExtension",
        resourceUri: cluster.id,
        dataCollectionRuleId: dcr.id,
    }, ctx.opts(scope));
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
