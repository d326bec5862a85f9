import type * as pulumi from "@pulumi/pulumi";
import type { CloudMocks, MockContext, ResourceMock } from "./types";

/**
 * Azure (azure-native v3) outputs shaped like ARM's: resource ids
 * `/subscriptions/<uuid>/resourceGroups/<rg>/providers/Microsoft.X/<type>/<name>`, the `name`
 * output, endpoints (PostgreSQL FQDN, Redis host and TLS port, Key Vault and secret URIs,
 * blob endpoints, Container Apps default domain and static IP, app FQDNs), identity ids.
 */

function uuid(ctx: MockContext, seed: string): string {
    const h = ctx.id(`uuid/${seed}`, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function mockSubscriptionId(ctx: MockContext): string {
    return uuid(ctx, "subscription");
}
function mockTenantId(ctx: MockContext): string {
    return uuid(ctx, "tenant");
}

type Inputs = Record<string, any>;
const rgId = (ctx: MockContext, rg: string) => `/subscriptions/${mockSubscriptionId(ctx)}/resourceGroups/${rg}`;
const arm = (ctx: MockContext, i: Inputs, path: string) => `${rgId(ctx, String(i.resourceGroupName))}/providers/${path}`;

/** A resource whose ARM name comes from `nameKey` (or the Pulumi name) under `path(name, inputs)`. */
function armResource(nameKey: string, path: (name: string, i: Inputs) => string, extra?: (name: string, i: Inputs, ctx: MockContext, args: pulumi.runtime.MockResourceArgs) => Record<string, unknown>): ResourceMock {
    return (args, ctx) => {
        const i = args.inputs as Inputs;
        const name = String(i[nameKey] ?? `${args.name}${ctx.id(args.name, 6)}`);
        return { id: arm(ctx, i, path(name, i)), state: { name, ...(extra ? extra(name, i, ctx, args) : {}) } };
    };
}

export const azureMocks: CloudMocks = {
    prefixes: ["azure-native:"],
    resources: {
        "azure-native:resources:ResourceGroup": (args, ctx) => {
            const name = String(args.inputs.resourceGroupName ?? args.name);
            return { id: rgId(ctx, name), state: { name } };
        },
        "azure-native:network:VirtualNetwork": armResource("virtualNetworkName", (n) => `Microsoft.Network/virtualNetworks/${n}`),
        "azure-native:network:NetworkSecurityGroup": armResource("networkSecurityGroupName", (n) => `Microsoft.Network/networkSecurityGroups/${n}`),
        "azure-native:network:Subnet": armResource("subnetName", (n, i) => `Microsoft.Network/virtualNetworks/${i.virtualNetworkName}/subnets/${n}`),
        "azure-native:network:PrivateEndpoint": armResource("privateEndpointName", (n) => `Microsoft.Network/privateEndpoints/${n}`),
        "azure-native:network:PrivateDnsZoneGroup": armResource("privateDnsZoneGroupName", (n, i) => `Microsoft.Network/privateEndpoints/${i.privateEndpointName}/privateDnsZoneGroups/${n}`),
        "azure-native:network:PublicIPAddress": armResource("publicIpAddressName", (n) => `Microsoft.Network/publicIPAddresses/${n}`, (n, _i, ctx) => {
            const h = ctx.id(`ip/${n}`, 4);
            return { ipAddress: `20.${parseInt(h.slice(0, 2), 16) % 200 + 20}.${parseInt(h.slice(2, 4), 16)}.${parseInt(h.slice(0, 2), 16) % 250 + 1}` };
        }),
        "azure-native:network:WebApplicationFirewallPolicy": armResource("policyName", (n) => `Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/${n}`),
        "azure-native:network:ApplicationGateway": armResource("applicationGatewayName", (n) => `Microsoft.Network/applicationGateways/${n}`, () => ({ operationalState: "Running" })),
        "azure-native:privatedns:PrivateZone": armResource("privateZoneName", (n) => `Microsoft.Network/privateDnsZones/${n}`),
        "azure-native:privatedns:VirtualNetworkLink": armResource("virtualNetworkLinkName", (n, i) => `Microsoft.Network/privateDnsZones/${i.privateZoneName}/virtualNetworkLinks/${n}`),
        "azure-native:privatedns:PrivateRecordSet": armResource("relativeRecordSetName", (n, i) => `Microsoft.Network/privateDnsZones/${i.privateZoneName}/${i.recordType}/${n}`, (n, i) => ({ fqdn: `${n}.${i.privateZoneName}.` })),
        "azure-native:operationalinsights:Workspace": armResource("workspaceName", (n) => `Microsoft.OperationalInsights/workspaces/${n}`, (n, _i, ctx) => ({ customerId: uuid(ctx, `workspace/${n}`) })),
        "azure-native:operationalinsights:Table": armResource("tableName", (n, i) => `Microsoft.OperationalInsights/workspaces/${i.workspaceName}/tables/${n}`),
        "azure-native:keyvault:Vault": armResource("vaultName", (n) => `Microsoft.KeyVault/vaults/${n}`, (n, i) => ({
            properties: { ...(i.properties ?? {}), vaultUri: `https://${n}.vault.azure.net/` },
        })),
        "azure-native:keyvault:Secret": armResource("secretName", (n, i) => `Microsoft.KeyVault/vaults/${i.vaultName}/secrets/${n}`, (n, i, ctx) => ({
            properties: {
                contentType: i.properties?.contentType,
                secretUri: `https://${i.vaultName}.vault.azure.net/secrets/${n}`,
                secretUriWithVersion: `https://${i.vaultName}.vault.azure.net/secrets/${n}/${ctx.id(`secret/${n}`, 32)}`,
            },
        })),
        "azure-native:managedidentity:UserAssignedIdentity": armResource("resourceName", (n) => `Microsoft.ManagedIdentity/userAssignedIdentities/${n}`, (n, _i, ctx) => ({
            principalId: uuid(ctx, `principal/${n}`), clientId: uuid(ctx, `client/${n}`), tenantId: mockTenantId(ctx),
        })),
        "azure-native:authorization:RoleAssignment": (args, ctx) => {
            const name = uuid(ctx, `role-assignment/${args.name}`);
            return { id: `${args.inputs.scope}/providers/Microsoft.Authorization/roleAssignments/${name}`, state: { name } };
        },
        "azure-native:authorization:ManagementLockByScope": (args, ctx) => {
            const name = String(args.inputs.lockName ?? `${args.name}-${ctx.id(args.name, 6)}`);
            return { id: `${args.inputs.scope}/providers/Microsoft.Authorization/locks/${name}`, state: { name } };
        },
        "azure-native:monitor:DiagnosticSetting": (args) => {
            const name = String(args.inputs.name ?? args.name);
            return { id: `${args.inputs.resourceUri}/providers/microsoft.insights/diagnosticSettings/${name}`, state: { name } };
        },
        "azure-native:monitor:ActionGroup": armResource("actionGroupName", (n) => `microsoft.insights/actionGroups/${n}`),
        "azure-native:monitor:MetricAlert": armResource("ruleName", (n) => `microsoft.insights/metricAlerts/${n}`),
        "azure-native:dbforpostgresql:Server": armResource("serverName", (n) => `Microsoft.DBforPostgreSQL/flexibleServers/${n}`, (n) => ({
            fullyQualifiedDomainName: `${n}.postgres.database.azure.com`, state: "Ready",
        })),
        "azure-native:dbforpostgresql:Configuration": armResource("configurationName", (n, i) => `Microsoft.DBforPostgreSQL/flexibleServers/${i.serverName}/configurations/${n}`),
        "azure-native:dbforpostgresql:Database": armResource("databaseName", (n, i) => `Microsoft.DBforPostgreSQL/flexibleServers/${i.serverName}/databases/${n}`),
        "azure-native:redis:Redis": armResource("name", (n) => `Microsoft.Cache/redis/${n}`, (n) => ({
            hostName: `${n}.redis.cache.windows.net`, port: 6379, sslPort: 6380, provisioningState: "Succeeded",
        })),
        "azure-native:storage:StorageAccount": armResource("accountName", (n) => `Microsoft.Storage/storageAccounts/${n}`, (n) => ({
            primaryEndpoints: {
                blob: `https://${n}.blob.core.windows.net/`, dfs: `https://${n}.dfs.core.windows.net/`, file: `https://${n}.file.core.windows.net/`,
                queue: `https://${n}.queue.core.windows.net/`, table: `https://${n}.table.core.windows.net/`, web: `https://${n}.z13.web.core.windows.net/`,
            },
            primaryLocation: "eastus",
        })),
        "azure-native:storage:BlobServiceProperties": armResource("blobServicesName", (n, i) => `Microsoft.Storage/storageAccounts/${i.accountName}/blobServices/${n}`),
        "azure-native:storage:BlobContainer": armResource("containerName", (n, i) => `Microsoft.Storage/storageAccounts/${i.accountName}/blobServices/default/containers/${n}`),
        "azure-native:storage:ManagementPolicy": armResource("managementPolicyName", (n, i) => `Microsoft.Storage/storageAccounts/${i.accountName}/managementPolicies/${n}`),
        "azure-native:app:ManagedEnvironment": armResource("environmentName", (n) => `Microsoft.App/managedEnvironments/${n}`, (n, i, ctx) => ({
            defaultDomain: `${ctx.id(`domain/${n}`, 12).replace(/^[0-9]/, "k")}.${i.location ?? "eastus"}.azurecontainerapps.io`,
            staticIp: `10.0.${parseInt(ctx.id(`static/${n}`, 2), 16) % 2}.${parseInt(ctx.id(`ip/${n}`, 2), 16) % 250 + 4}`,
        })),
        "azure-native:app:ContainerApp": armResource("containerAppName", (n) => `Microsoft.App/containerApps/${n}`, (n, i, ctx) => {
            const domain = `${ctx.id("domain", 12)}.${i.location ?? "eastus"}.azurecontainerapps.io`;
            const ingress = i.configuration?.ingress;
            const fqdn = ingress ? (ingress.external ? `${n}.${domain}` : `${n}.internal.${domain}`) : undefined;
            return {
                latestRevisionFqdn: fqdn ? `${n}--${ctx.id(`rev/${n}`, 7)}.${domain}` : "",
                latestRevisionName: `${n}--${ctx.id(`rev/${n}`, 7)}`,
                configuration: { ...(i.configuration ?? {}), ...(ingress ? { ingress: { ...ingress, fqdn } } : {}) },
            };
        }),
        "azure-native:containerservice:ManagedCluster": armResource("resourceName", (n) => `Microsoft.ContainerService/managedClusters/${n}`, (n, i, ctx) => {
            const location = String(i.location ?? "eastus");
            const nodeRg = String(i.nodeResourceGroup ?? `MC_${i.resourceGroupName}_${n}_${location}`);
            const identity = (kind: string) => ({
                clientId: uuid(ctx, `aks-${kind}-client/${n}`),
                objectId: uuid(ctx, `aks-${kind}-object/${n}`),
                resourceId: `${rgId(ctx, nodeRg)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${kind}-${n}`,
            });
            const addons = Object.fromEntries(Object.entries((i.addonProfiles ?? {}) as Record<string, Inputs>).map(([k, v]) => [k, { ...v, identity: identity(k.toLowerCase()) }]));
            return {
                fqdn: i.apiServerAccessProfile?.enablePrivateCluster ? undefined : `${i.dnsPrefix}-${ctx.id(`fqdn/${n}`, 8)}.hcp.${location}.azmk8s.io`,
                privateFQDN: i.apiServerAccessProfile?.enablePrivateCluster ? `${i.dnsPrefix}-${ctx.id(`fqdn/${n}`, 8)}.${uuid(ctx, `pdns/${n}`)}.privatelink.${location}.azmk8s.io` : undefined,
                azurePortalFQDN: `${i.dnsPrefix}-${ctx.id(`fqdn/${n}`, 8)}.portal.hcp.${location}.azmk8s.io`,
                currentKubernetesVersion: i.kubernetesVersion,
                provisioningState: "Succeeded",
                powerState: { code: "Running" },
                oidcIssuerProfile: { ...(i.oidcIssuerProfile ?? {}), issuerURL: i.oidcIssuerProfile?.enabled ? `https://${location}.oic.prod-aks.azure.com/${mockTenantId(ctx)}/${uuid(ctx, `oidc/${n}`)}/` : undefined },
                identityProfile: { kubeletidentity: identity("kubelet") },
                addonProfiles: addons,
                ingressProfile: i.ingressProfile?.webAppRouting?.enabled
                    ? { webAppRouting: { ...i.ingressProfile.webAppRouting, identity: identity("webapprouting") } }
                    : i.ingressProfile,
                identity: { ...(i.identity ?? {}), tenantId: mockTenantId(ctx) },
            };
        }),
        "azure-native:managedidentity:FederatedIdentityCredential": armResource("federatedIdentityCredentialResourceName", (n, i) => `Microsoft.ManagedIdentity/userAssignedIdentities/${i.resourceName}/federatedIdentityCredentials/${n}`),
        "azure-native:containerservice:MaintenanceConfiguration": armResource("configName", (n, i) => `Microsoft.ContainerService/managedClusters/${i.resourceName}/maintenanceConfigurations/${n}`),
        "azure-native:monitor:DataCollectionRule": armResource("dataCollectionRuleName", (n) => `Microsoft.Insights/dataCollectionRules/${n}`, (n, _i, ctx) => ({ immutableId: `dcr-${ctx.id(`dcr/${n}`, 32)}` })),
        "azure-native:monitor:DataCollectionRuleAssociation": (args) => {
            const name = String(args.inputs.associationName ?? args.name);
            return { id: `${args.inputs.resourceUri}/providers/Microsoft.Insights/dataCollectionRuleAssociations/${name}`, state: { name } };
        },
    },
    fallback: (args, ctx) => ({
        id: `/subscriptions/${mockSubscriptionId(ctx)}/resourceGroups/${args.inputs.resourceGroupName ?? "unknown"}/providers/${args.type.split(":")[1]}/${args.name}`,
        state: { name: args.name },
    }),
    genericTypes: [
        "azure-native:app:Job", "azure-native:consumption:Budget", "azure-native:dbforpostgresql:Administrator", "azure-native:monitor:ScheduledQueryRule",
        "azure-native:network:FlowLog", "azure-native:portal:Dashboard",
    ],
    invokes: {
        // A Container App already serving an earlier image, so a canary plan shows its split.
        "azure-native:app:getContainerApp": (args, ctx) => {
            const name = String(args.inputs.containerAppName);
            return {
                id: `/subscriptions/${mockSubscriptionId(ctx)}/resourceGroups/${args.inputs.resourceGroupName}/providers/Microsoft.App/containerApps/${name}`,
                name, location: "eastus", latestReadyRevisionName: `${name}--${ctx.id(`revision/${name}`, 7)}`,
                template: { containers: [{ name: "app", image: "ghcr.io/acme/previous:1.0.0" }] },
                // A service named `canary` is mid-release (gcp.ts MID_RELEASE_SERVICE): its earlier revision keeps the `stable` label.
                configuration: { ingress: { traffic: name.endsWith("-canary")
                    ? [{ latestRevision: true, weight: 0 }, { revisionName: `${name}--0000old`, weight: 100, label: "stable" }]
                    : [{ latestRevision: true, weight: 100 }] } },
            };
        },
        "azure-native:authorization:getClientConfig": (_args, ctx) => ({
            clientId: uuid(ctx, "deployer-client"),
            objectId: uuid(ctx, "deployer-object"),
            subscriptionId: mockSubscriptionId(ctx),
            tenantId: mockTenantId(ctx),
        }),
        // The user kubeconfig of an Entra-only cluster (format exec): kubelogin, no static credential.
        "azure-native:containerservice:listManagedClusterUserCredentials": (args, ctx) => {
            const n = String(args.inputs.resourceName);
            const server = `https://${n}-${ctx.id(`fqdn/${n}`, 8)}.${uuid(ctx, `pdns/${n}`)}.privatelink.eastus.azmk8s.io:443`;
            const kubeconfig = [
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- cluster:",
                `    certificate-authority-data: ${Buffer.from(`mock-ca-${ctx.id(`ca/${n}`, 32)}`).toString("base64")}`,
                `    server: ${server}`,
                `  name: ${n}`,
                "contexts:",
                "- context:",
                `    cluster: ${n}`,
                `    user: clusterUser_${args.inputs.resourceGroupName}_${n}`,
                `  name: ${n}`,
                `current-context: ${n}`,
                "users:",
                `- name: clusterUser_${args.inputs.resourceGroupName}_${n}`,
                "  user:",
                "    exec:",
                "      apiVersion: client.authentication.k8s.io/v1beta1",
                "      command: kubelogin",
                "      args:",
                "      - get-token",
                "      - --login",
                "      - devicecode",
                "      - --server-id",
                "      - 6dae42f8-4368-4678-94ff-3960e28e3630",
                "      - --client-id",
                "      - 80faf920-1908-4b52-b5ef-a8e7bedfc67a",
                "      - --tenant-id",
                `      - ${mockTenantId(ctx)}`,
                "      - --environment",
                "      - AzurePublicCloud",
                "      provideClusterInfo: false",
                "",
            ].join("\n");
            return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(kubeconfig).toString("base64") }] };
        },
        "azure-native:redis:listRedisKeys": (args, ctx) => ({
            primaryKey: `${ctx.id(`redis-key-1/${args.inputs.name}`, 43)}=`,
            secondaryKey: `${ctx.id(`redis-key-2/${args.inputs.name}`, 43)}=`,
        }),
    },
};
