import { nameRule, Rule } from "../../shared/rules";

/**
 * Azure name limits per resource type, from "Naming rules and restrictions for Azure
 * resources", for the longest app and service names the config accepts.
 */
const DOC = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules";
const ALNUM_END = "letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore";
const NETWORK_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

const n = (id: string, type: string, field: string, max: number, pattern: RegExp, allowed: string, min = 1): Rule =>
    nameRule({ id: `azure/${id}`, types: [type], field, min, max, pattern, allowed, doc: DOC });

export const azureNameRules: Rule[] = [
    n("resource-group-name", "azure-native:resources:ResourceGroup", "resourceGroupName", 90, /^[\w().-]*[\w()-]$/, "letters, digits, underscores, parentheses, hyphens and periods, not ending with a period"),
    n("vnet-name", "azure-native:network:VirtualNetwork", "virtualNetworkName", 64, NETWORK_NAME, ALNUM_END, 2),
    n("subnet-name", "azure-native:network:Subnet", "subnetName", 80, NETWORK_NAME, ALNUM_END),
    n("nsg-name", "azure-native:network:NetworkSecurityGroup", "networkSecurityGroupName", 80, NETWORK_NAME, ALNUM_END),
    n("private-endpoint-name", "azure-native:network:PrivateEndpoint", "privateEndpointName", 64, NETWORK_NAME, ALNUM_END, 2),
    n("public-ip-name", "azure-native:network:PublicIPAddress", "publicIpAddressName", 80, NETWORK_NAME, ALNUM_END),
    n("application-gateway-name", "azure-native:network:ApplicationGateway", "applicationGatewayName", 80, NETWORK_NAME, ALNUM_END),
    n("waf-policy-name", "azure-native:network:WebApplicationFirewallPolicy", "policyName", 128, /^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, underscores and hyphens, starting with a letter or digit"),
    n("private-dns-zone-group-name", "azure-native:network:PrivateDnsZoneGroup", "privateDnsZoneGroupName", 80, NETWORK_NAME, ALNUM_END),
    n("private-dns-zone-name", "azure-native:privatedns:PrivateZone", "privateZoneName", 253, /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "a DNS name of labels up to 63 characters, at least two labels"),
    n("private-dns-link-name", "azure-native:privatedns:VirtualNetworkLink", "virtualNetworkLinkName", 80, NETWORK_NAME, ALNUM_END),
    n("private-record-set-name", "azure-native:privatedns:PrivateRecordSet", "relativeRecordSetName", 63, /^(\*|@|[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)(\.[A-Za-z0-9_-]+)*$/, "a relative DNS name, @ or *"),
    n("storage-account-name", "azure-native:storage:StorageAccount", "accountName", 24, /^[a-z0-9]+$/, "lowercase letters and digits", 3),
    n("blob-container-name", "azure-native:storage:BlobContainer", "containerName", 63, /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/, "lowercase letters, digits and single hyphens, starting and ending with a letter or digit", 3),
    n("key-vault-name", "azure-native:keyvault:Vault", "vaultName", 24, /^[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/, "a letter first, letters, digits and single hyphens, ending with a letter or digit", 3),
    n("key-vault-secret-name", "azure-native:keyvault:Secret", "secretName", 127, /^[A-Za-z0-9-]+$/, "letters, digits and hyphens"),
    n("postgres-server-name", "azure-native:dbforpostgresql:Server", "serverName", 63, /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and hyphens, not starting or ending with a hyphen", 3),
    n("postgres-database-name", "azure-native:dbforpostgresql:Database", "databaseName", 63, /^[A-Za-z_][A-Za-z0-9_]*$/, "a PostgreSQL identifier"),
    n("postgres-admin-login", "azure-native:dbforpostgresql:Server", "administratorLogin", 63, /^(?!azure_|admin$|administrator$|root$|guest$|public$|pg_)[A-Za-z][A-Za-z0-9_]*$/, "a letter first, letters, digits and underscores; not azure_*, pg_*, admin, administrator, root, guest or public"),
    n("redis-name", "azure-native:redis:Redis", "name", 63, /^[A-Za-z0-9](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/, "letters, digits and single hyphens, starting and ending with a letter or digit"),
    n("log-analytics-workspace-name", "azure-native:operationalinsights:Workspace", "workspaceName", 63, /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/, "letters, digits and hyphens, starting and ending with a letter or digit", 4),
    n("container-apps-environment-name", "azure-native:app:ManagedEnvironment", "environmentName", 60, /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/, "a lowercase letter first, lowercase letters, digits and single hyphens, ending with a letter or digit", 2),
    n("container-app-name", "azure-native:app:ContainerApp", "containerAppName", 32, /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/, "a lowercase letter first, lowercase letters, digits and single hyphens, ending with a letter or digit", 2),
    n("aks-cluster-name", "azure-native:containerservice:ManagedCluster", "resourceName", 63, /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/, "letters, digits, underscores and hyphens, starting and ending with a letter or digit"),
    n("aks-dns-prefix", "azure-native:containerservice:ManagedCluster", "dnsPrefix", 54, /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, "letters, digits and hyphens, starting and ending with a letter or digit"),
    n("user-assigned-identity-name", "azure-native:managedidentity:UserAssignedIdentity", "resourceName", 128, /^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, hyphens and underscores, starting with a letter or digit", 3),
    n("federated-credential-name", "azure-native:managedidentity:FederatedIdentityCredential", "federatedIdentityCredentialResourceName", 120, /^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, hyphens and underscores, starting with a letter or digit", 3),
    n("action-group-short-name", "azure-native:monitor:ActionGroup", "groupShortName", 12, /^[\s\S]+$/, "1-12 characters"),
    n("metric-alert-name", "azure-native:monitor:MetricAlert", "ruleName", 260, /^[^*#&+:<>?@%{}\\/]+$/, "no * # & + : < > ? @ % { } \\ /"),
    n("data-collection-rule-name", "azure-native:monitor:DataCollectionRule", "dataCollectionRuleName", 64, /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "letters, digits, periods, underscores and hyphens, starting with a letter or digit", 3),
    n("diagnostic-setting-name", "azure-native:monitor:DiagnosticSetting", "name", 260, /^[^*#&+:<>?@%{}\\/]+$/, "no * # & + : < > ? @ % { } \\ /"),
];
