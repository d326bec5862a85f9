import { nameRule, Rule } from "../../shared/rules";

/**
 * Azure name limits per resource type, from "Naming rules and restrictions for Azure
 * resources", for the longest app and service names the config accepts. Here the names of the
 * types several components create; a builder file checks its own types' names with `azureNameRule`.
 */
const DOC = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules";
export const ALNUM_END = "letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore";
export const NETWORK_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

const n = (id: string, type: string, field: string, max: number, pattern: RegExp, allowed: string, min = 1): Rule =>
    nameRule({ id: `azure/${id}`, types: [type], field, min, max, pattern, allowed, doc: DOC });
/** One Azure name rule (`azure/<id>`): `field` of `type`, `min`-`max` characters matching `pattern`, cited to the naming rules page. */
export { n as azureNameRule };

export const azureNameRules: Rule[] = [
    n("private-endpoint-name", "azure-native:network:PrivateEndpoint", "privateEndpointName", 64, NETWORK_NAME, ALNUM_END, 2),
    n("private-dns-zone-group-name", "azure-native:network:PrivateDnsZoneGroup", "privateDnsZoneGroupName", 80, NETWORK_NAME, ALNUM_END),
    n("storage-account-name", "azure-native:storage:StorageAccount", "accountName", 24, /^[a-z0-9]+$/, "lowercase letters and digits", 3),
    n("key-vault-secret-name", "azure-native:keyvault:Secret", "secretName", 127, /^[A-Za-z0-9-]+$/, "letters, digits and hyphens"),
    n("aks-cluster-name", "azure-native:containerservice:ManagedCluster", "resourceName", 63, /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/, "letters, digits, underscores and hyphens, starting and ending with a letter or digit"),
    n("aks-dns-prefix", "azure-native:containerservice:ManagedCluster", "dnsPrefix", 54, /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, "letters, digits and hyphens, starting and ending with a letter or digit"),
    n("user-assigned-identity-name", "azure-native:managedidentity:UserAssignedIdentity", "resourceName", 128, /^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, hyphens and underscores, starting with a letter or digit", 3),
    n("data-collection-rule-name", "azure-native:monitor:DataCollectionRule", "dataCollectionRuleName", 64, /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "letters, digits, periods, underscores and hyphens, starting with a letter or digit", 3),
    n("diagnostic-setting-name", "azure-native:monitor:DiagnosticSetting", "name", 260, /^[^*#&+:<>?@%{}\\/]+$/, "no * # & + : < > ? @ % { } \\ /"),
    n("federated-credential-name", "azure-native:managedidentity:FederatedIdentityCredential", "federatedIdentityCredentialResourceName", 120, /^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, hyphens and underscores, starting with a letter or digit", 3),
];
