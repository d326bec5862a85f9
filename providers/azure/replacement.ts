import type { ReplacementTable } from "../shared/replacement";

/**
 * Which inputs of each azure-native type this program creates force a new resource, and which
 * the provider updates in place. azure-native replaces a resource when a property that is
 * part of its ARM resource id changes (the URL path parameters: resource group, the
 * resource's own name, parent names) or a body property the REST spec marks
 * `"x-ms-mutability": ["create", "read"]` (create-only; `location` on every tracked resource,
 * per ARM RPC-Put-V1-14) — the provider's `replaceOnChanges` metadata is derived from exactly
 * these. Sources: Azure/azure-rest-api-specs specification/<service>/resource-manager/...,
 * pulumi/pulumi-azure-native provider/pkg/gen (forceNew from x-ms-mutability and path params).
 * Inputs left out of both lists are "may replace" in the offline diff. This table holds the types
 * several components (or none) create; a type one component creates has its entry in that
 * component's builder file (`engineFacts`), which cites its source with `SPEC` and `TAGS` from here.
 */

/** Where every entry's source lies: the ARM REST specs. */
export const SPEC = "Azure/azure-rest-api-specs specification/";
/** The tag input every tracked resource takes and updates in place (the tag rule covers each type that lists it). */
export const TAGS = ["tags"];

export const AZURE_REPLACEMENT: ReplacementTable = {
    "pulumi:providers:azure-native": {
        source: "pulumi-azure-native provider config",
        replace: [],
        update: [],
        undecided: ["location", "environment", "subscriptionId"],
    },
    "azure-native:authorization:ManagementLockByScope": {
        source: `${SPEC}resources/resource-manager/Microsoft.Authorization/stable/2020-05-01/locks.json (scope, lockName in the path)`,
        replace: ["scope", "lockName"],
        update: ["level", "notes", "owners"],
    },
    "azure-native:authorization:RoleAssignment": {
        // ARM rejects changing an assignment's principal or role (RoleAssignmentUpdateNotPermitted).
        source: `${SPEC}authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json`,
        replace: ["scope", "roleAssignmentName", "principalId", "roleDefinitionId", "principalType"],
        update: ["description", "condition", "conditionVersion", "delegatedManagedIdentityResourceId"],
    },
    "azure-native:containerservice:MaintenanceConfiguration": {
        source: `${SPEC}containerservice/resource-manager/Microsoft.ContainerService/aks/stable/*/managedClusters.json (path parameters)`,
        replace: ["configName", "resourceGroupName", "resourceName"],
        update: ["maintenanceWindow", "timeInWeek", "notAllowedTime"],
    },
    "azure-native:containerservice:ManagedCluster": {
        source: `${SPEC}containerservice/resource-manager/Microsoft.ContainerService/aks/stable/*/managedClusters.json (dnsPrefix, nodeResourceGroup, enableRBAC create-only)`,
        replace: ["resourceName", "resourceGroupName", "location", "dnsPrefix", "fqdnSubdomain", "nodeResourceGroup", "enableRBAC", "extendedLocation",
            "networkProfile.networkPlugin", "networkProfile.podCidr", "networkProfile.serviceCidr", "networkProfile.dnsServiceIP", "networkProfile.ipFamilies",
            "networkProfile.loadBalancerSku"],
        update: [...TAGS, "aadProfile", "addonProfiles", "apiServerAccessProfile", "autoUpgradeProfile", "disableLocalAccounts", "identity", "ingressProfile",
            "kubernetesVersion", "oidcIssuerProfile", "securityProfile", "sku", "autoScalerProfile", "workloadAutoScalerProfile", "azureMonitorProfile",
            "storageProfile", "supportPlan", "networkProfile.loadBalancerProfile", "networkProfile.natGatewayProfile", "networkProfile.networkPolicy",
            "networkProfile.networkDataplane", "networkProfile.networkPluginMode", "networkProfile.advancedNetworking"],
        // "The Azure API does not currently allow this property to be updated directly" (the SDK's own doc).
        undecided: ["agentPoolProfiles", "networkProfile.outboundType"],
    },
    "azure-native:dbforpostgresql:Administrator": {
        source: `${SPEC}postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/*/Administrators.json (objectId is the path parameter; no update operation)`,
        replace: ["objectId", "resourceGroupName", "serverName", "principalName", "principalType", "tenantId"],
        update: [],
    },
    "azure-native:keyvault:Secret": {
        source: `${SPEC}keyvault/resource-manager/Microsoft.KeyVault/stable/*/secrets.json (path parameters)`,
        replace: ["secretName", "vaultName", "resourceGroupName"],
        update: [...TAGS, "properties"],
    },
    "azure-native:managedidentity:UserAssignedIdentity": {
        source: `${SPEC}msi/resource-manager/Microsoft.ManagedIdentity/stable/*/ManagedIdentity.json`,
        replace: ["resourceName", "resourceGroupName", "location"],
        update: [...TAGS],
    },
    "azure-native:monitor:DataCollectionRule": {
        source: `${SPEC}monitor/resource-manager/Microsoft.Insights/stable/*/dataCollectionRules_API.json`,
        replace: ["dataCollectionRuleName", "resourceGroupName", "location"],
        update: [...TAGS, "dataFlows", "dataSources", "destinations", "description", "streamDeclarations", "identity", "dataCollectionEndpointId"],
        undecided: ["kind"],
    },
    "azure-native:monitor:DataCollectionRuleAssociation": {
        source: `${SPEC}monitor/resource-manager/Microsoft.Insights/stable/*/dataCollectionRuleAssociations_API.json (path parameters)`,
        replace: ["associationName", "resourceUri"],
        update: ["dataCollectionRuleId", "dataCollectionEndpointId", "description"],
    },
    "azure-native:monitor:DiagnosticSetting": {
        source: `${SPEC}monitor/resource-manager/Microsoft.Insights/stable/2021-05-01-preview/diagnosticsSettings_API.json (path parameters)`,
        replace: ["name", "resourceUri"],
        update: ["logAnalyticsDestinationType", "logs", "metrics", "workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "eventHubName",
            "serviceBusRuleId", "marketplacePartnerId"],
    },
    "azure-native:network:PrivateDnsZoneGroup": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/privateEndpoint.json (path parameters)`,
        replace: ["privateDnsZoneGroupName", "privateEndpointName", "resourceGroupName"],
        update: ["privateDnsZoneConfigs"],
    },
    "azure-native:network:PrivateEndpoint": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/privateEndpoint.json (subnet, customNetworkInterfaceName create-only)`,
        replace: ["privateEndpointName", "resourceGroupName", "location", "subnet", "customNetworkInterfaceName", "extendedLocation"],
        update: [...TAGS, "ipConfigurations", "applicationSecurityGroups"],
        // A connection to a different target is refused in place by the Network RP.
        undecided: ["privateLinkServiceConnections", "manualPrivateLinkServiceConnections"],
    },
    "azure-native:cache:Redis": {
        source: `${SPEC}redis/resource-manager/Microsoft.Cache/stable/*/redis.json (subnetId, staticIP, zones create-only)`,
        replace: ["name", "resourceGroupName", "location", "subnetId", "staticIP", "zones"],
        update: [...TAGS, "enableNonSslPort", "minimumTlsVersion", "publicNetworkAccess", "redisConfiguration", "redisVersion", "sku", "shardCount"],
    },
    "azure-native:storage:BlobServiceProperties": {
        source: `${SPEC}storage/resource-manager/Microsoft.Storage/stable/*/blob.json (path parameters)`,
        replace: ["accountName", "resourceGroupName", "blobServicesName"],
        update: ["changeFeed", "containerDeleteRetentionPolicy", "deleteRetentionPolicy", "isVersioningEnabled", "cors", "restorePolicy",
            "lastAccessTimeTrackingPolicy", "automaticSnapshotPolicyEnabled", "defaultServiceVersion"],
    },
    "azure-native:storage:ManagementPolicy": {
        source: `${SPEC}storage/resource-manager/Microsoft.Storage/stable/*/storage.json (path parameters)`,
        replace: ["accountName", "managementPolicyName", "resourceGroupName"],
        update: ["policy"],
    },
    "azure-native:storage:StorageAccount": {
        source: `${SPEC}storage/resource-manager/Microsoft.Storage/stable/*/storage.json (isHnsEnabled, enableNfsV3, requireInfrastructureEncryption create-only)`,
        replace: ["accountName", "resourceGroupName", "location", "isHnsEnabled", "enableNfsV3", "encryption.requireInfrastructureEncryption", "extendedLocation",
            "dnsEndpointType"],
        update: [...TAGS, "accessTier", "allowBlobPublicAccess", "allowCrossTenantReplication", "allowSharedKeyAccess", "defaultToOAuthAuthentication",
            "enableHttpsTrafficOnly", "encryption", "minimumTlsVersion", "networkRuleSet", "publicNetworkAccess", "identity", "customDomain", "isSftpEnabled",
            "isLocalUserEnabled", "largeFileSharesState", "routingPreference", "allowedCopyScope", "immutableStorageWithVersioning", "sasPolicy", "keyPolicy",
            "azureFilesIdentityBasedAuthentication"],
        // Kind upgrades (Storage → StorageV2) and some SKU conversions are in place; others need a migration.
        undecided: ["kind", "sku"],
    },
    "azure-native:managedidentity:FederatedIdentityCredential": {
        source: `${SPEC}msi/resource-manager/Microsoft.ManagedIdentity/stable/*/ManagedIdentity.json (path parameters)`,
        replace: ["federatedIdentityCredentialResourceName", "resourceGroupName", "resourceName"],
        update: ["audiences", "issuer", "subject"],
    },
};
