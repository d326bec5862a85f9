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
 * Inputs left out of both lists are "may replace" in the offline diff.
 */

const SPEC = "Azure/azure-rest-api-specs specification/";
const TAGS = ["tags"];

export const AZURE_REPLACEMENT: ReplacementTable = {
    "pulumi:providers:azure-native": {
        source: "pulumi-azure-native provider config",
        replace: [],
        update: [],
        undecided: ["location", "environment", "subscriptionId"],
    },
    "azure-native:app:ContainerApp": {
        source: `${SPEC}app/resource-manager/Microsoft.App/stable/*/ContainerApps.json (environmentId create-only)`,
        replace: ["containerAppName", "resourceGroupName", "location", "environmentId", "managedEnvironmentId", "extendedLocation"],
        update: [...TAGS, "configuration", "identity", "template", "workloadProfileName", "managedBy"],
    },
    "azure-native:app:ManagedEnvironment": {
        source: `${SPEC}app/resource-manager/Microsoft.App/stable/*/ManagedEnvironments.json (vnetConfiguration, zoneRedundant create-only)`,
        replace: ["environmentName", "resourceGroupName", "location", "vnetConfiguration", "zoneRedundant", "infrastructureResourceGroup"],
        update: [...TAGS, "appLogsConfiguration", "peerTrafficConfiguration", "workloadProfiles", "daprAIInstrumentationKey", "daprAIConnectionString",
            "customDomainConfiguration", "identity", "kind"],
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
    "azure-native:consumption:Budget": {
        source: `${SPEC}consumption/resource-manager/Microsoft.Consumption/stable/2024-08-01/consumption.json (scope, budgetName in the path)`,
        replace: ["scope", "budgetName"],
        update: ["amount", "category", "notifications", "timeGrain", "timePeriod", "filter", "eTag"],
    },
    "azure-native:monitor:ScheduledQueryRule": {
        source: `${SPEC}monitor/resource-manager/Microsoft.Insights/stable/*/scheduledQueryRule_API.json`,
        replace: ["ruleName", "resourceGroupName", "location"],
        update: [...TAGS, "actions", "autoMitigate", "criteria", "description", "displayName", "enabled", "evaluationFrequency", "scopes", "severity", "windowSize",
            "muteActionsDuration", "overrideQueryTimeRange", "checkWorkspaceAlertsStorageConfigured", "skipQueryValidation", "targetResourceTypes", "identity"],
        undecided: ["kind"],
    },
    "azure-native:portal:Dashboard": {
        source: `${SPEC}portal/resource-manager/Microsoft.Portal/stable/*/portal.json`,
        replace: ["dashboardName", "resourceGroupName", "location"],
        update: [...TAGS, "properties"],
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
    "azure-native:dbforpostgresql:Configuration": {
        source: `${SPEC}postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/*/Configuration.json (path parameters)`,
        replace: ["configurationName", "resourceGroupName", "serverName"],
        update: ["source", "value"],
    },
    "azure-native:dbforpostgresql:Database": {
        source: `${SPEC}postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/*/Databases.json (no update operation)`,
        replace: ["databaseName", "resourceGroupName", "serverName", "charset", "collation"],
        update: [],
    },
    "azure-native:dbforpostgresql:Server": {
        source: `${SPEC}postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/*/FlexibleServers.json (administratorLogin, network, geoRedundantBackup create-only)`,
        replace: ["serverName", "resourceGroupName", "location", "administratorLogin", "network.delegatedSubnetResourceId", "network.privateDnsZoneArmResourceId",
            "backup.geoRedundantBackup", "createMode", "sourceServerResourceId", "pointInTimeUTC"],
        update: [...TAGS, "administratorLoginPassword", "authConfig", "backup.backupRetentionDays", "highAvailability", "maintenanceWindow", "sku", "storage",
            "version", "replicationRole", "identity", "dataEncryption.primaryKeyURI", "dataEncryption.primaryUserAssignedIdentityId"],
        undecided: ["availabilityZone", "network.publicNetworkAccess", "dataEncryption.type"],
    },
    "azure-native:keyvault:Secret": {
        source: `${SPEC}keyvault/resource-manager/Microsoft.KeyVault/stable/*/secrets.json (path parameters)`,
        replace: ["secretName", "vaultName", "resourceGroupName"],
        update: [...TAGS, "properties"],
    },
    "azure-native:keyvault:Vault": {
        source: `${SPEC}keyvault/resource-manager/Microsoft.KeyVault/stable/*/keyvault.json`,
        replace: ["vaultName", "resourceGroupName", "location"],
        update: [...TAGS, "properties"],
    },
    "azure-native:managedidentity:FederatedIdentityCredential": {
        source: `${SPEC}msi/resource-manager/Microsoft.ManagedIdentity/stable/*/ManagedIdentity.json (path parameters)`,
        replace: ["federatedIdentityCredentialResourceName", "resourceGroupName", "resourceName"],
        update: ["audiences", "issuer", "subject"],
    },
    "azure-native:managedidentity:UserAssignedIdentity": {
        source: `${SPEC}msi/resource-manager/Microsoft.ManagedIdentity/stable/*/ManagedIdentity.json`,
        replace: ["resourceName", "resourceGroupName", "location"],
        update: [...TAGS, "isolationScope"],
    },
    "azure-native:monitor:ActionGroup": {
        source: `${SPEC}monitor/resource-manager/Microsoft.Insights/stable/*/actionGroups_API.json`,
        replace: ["actionGroupName", "resourceGroupName", "location"],
        update: [...TAGS, "emailReceivers", "enabled", "groupShortName", "smsReceivers", "webhookReceivers", "armRoleReceivers", "azureAppPushReceivers",
            "automationRunbookReceivers", "voiceReceivers", "logicAppReceivers", "azureFunctionReceivers", "eventHubReceivers", "itsmReceivers"],
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
    "azure-native:monitor:MetricAlert": {
        source: `${SPEC}monitor/resource-manager/Microsoft.Insights/stable/2018-03-01/metricAlert_API.json`,
        replace: ["ruleName", "resourceGroupName", "location"],
        update: [...TAGS, "actions", "autoMitigate", "criteria", "description", "enabled", "evaluationFrequency", "scopes", "severity", "windowSize",
            "targetResourceType", "targetResourceRegion"],
    },
    "azure-native:network:ApplicationGateway": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/applicationGateway.json (zones create-only)`,
        replace: ["applicationGatewayName", "resourceGroupName", "location", "zones"],
        update: [...TAGS, "autoscaleConfiguration", "backendAddressPools", "backendHttpSettingsCollection", "enableHttp2", "firewallPolicy", "frontendIPConfigurations",
            "frontendPorts", "httpListeners", "identity", "probes", "redirectConfigurations", "requestRoutingRules", "sku", "sslCertificates", "sslPolicy",
            "urlPathMaps", "webApplicationFirewallConfiguration", "rewriteRuleSets", "trustedRootCertificates", "sslProfiles", "listeners", "routingRules"],
        // Moving the gateway to another subnet needs it stopped first; the provider cannot tell.
        undecided: ["gatewayIPConfigurations"],
    },
    "azure-native:network:NetworkSecurityGroup": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/networkSecurityGroup.json`,
        replace: ["networkSecurityGroupName", "resourceGroupName", "location"],
        update: [...TAGS, "securityRules", "flushConnection"],
    },
    "azure-native:network:PrivateDnsZoneGroup": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/privateEndpoint.json (path parameters)`,
        replace: ["privateDnsZoneGroupName", "privateEndpointName", "resourceGroupName"],
        update: ["privateDnsZoneConfigs"],
    },
    "azure-native:network:FlowLog": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/networkWatcher.json (path parameters)`,
        replace: ["flowLogName", "networkWatcherName", "resourceGroupName", "location"],
        update: [...TAGS, "enabled", "retentionPolicy", "format", "flowAnalyticsConfiguration", "identity", "storageId", "enabledFilteringCriteria"],
        // A flow log moved to another target is not documented as an in-place change.
        undecided: ["targetResourceId"],
    },
    "azure-native:network:PrivateEndpoint": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/privateEndpoint.json (subnet, customNetworkInterfaceName create-only)`,
        replace: ["privateEndpointName", "resourceGroupName", "location", "subnet", "customNetworkInterfaceName", "extendedLocation"],
        update: [...TAGS, "ipConfigurations", "applicationSecurityGroups"],
        // A connection to a different target is refused in place by the Network RP.
        undecided: ["privateLinkServiceConnections", "manualPrivateLinkServiceConnections"],
    },
    "azure-native:network:PublicIPAddress": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/publicIpAddress.json (zones, version, ipTags create-only)`,
        replace: ["publicIpAddressName", "resourceGroupName", "location", "zones", "publicIPAddressVersion", "ipTags", "publicIPPrefix", "extendedLocation"],
        update: [...TAGS, "dnsSettings", "idleTimeoutInMinutes", "ddosSettings"],
        // A Standard SKU address must stay Static; Basic → Standard is an upgrade only.
        undecided: ["sku", "publicIPAllocationMethod"],
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
    "azure-native:network:WebApplicationFirewallPolicy": {
        source: `${SPEC}network/resource-manager/Microsoft.Network/stable/*/webapplicationfirewall.json`,
        replace: ["policyName", "resourceGroupName", "location"],
        update: [...TAGS, "managedRules", "policySettings", "customRules"],
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
    "azure-native:redis:Redis": {
        source: `${SPEC}redis/resource-manager/Microsoft.Cache/stable/*/redis.json (subnetId, staticIP, zones create-only)`,
        replace: ["name", "resourceGroupName", "location", "subnetId", "staticIP", "zones"],
        update: [...TAGS, "disableAccessKeyAuthentication", "enableNonSslPort", "identity", "minimumTlsVersion", "publicNetworkAccess", "redisConfiguration",
            "redisVersion", "replicasPerMaster", "replicasPerPrimary", "sku", "shardCount", "tenantSettings", "updateChannel", "zonalAllocationPolicy"],
    },
    "azure-native:cache:Redis": {
        source: `${SPEC}redis/resource-manager/Microsoft.Cache/stable/*/redis.json (subnetId, staticIP, zones create-only)`,
        replace: ["name", "resourceGroupName", "location", "subnetId", "staticIP", "zones"],
        update: [...TAGS, "enableNonSslPort", "minimumTlsVersion", "publicNetworkAccess", "redisConfiguration", "redisVersion", "sku", "shardCount"],
    },
    "azure-native:resources:ResourceGroup": {
        source: `${SPEC}resources/resource-manager/Microsoft.Resources/stable/*/resources.json (location create-only)`,
        replace: ["resourceGroupName", "location"],
        update: [...TAGS, "managedBy"],
    },
    "azure-native:storage:BlobContainer": {
        source: `${SPEC}storage/resource-manager/Microsoft.Storage/stable/*/blob.json (defaultEncryptionScope, denyEncryptionScopeOverride create-only)`,
        replace: ["containerName", "accountName", "resourceGroupName", "defaultEncryptionScope", "denyEncryptionScopeOverride"],
        update: ["publicAccess", "metadata", "immutableStorageWithVersioning", "enableNfsV3AllSquash", "enableNfsV3RootSquash"],
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
};
