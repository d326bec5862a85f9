import type { Rule } from "../../shared/rules";
import { azureComputeRules } from "./compute";
import { azureDataRules } from "./data";
import { azureNameRules } from "./names";
import { azureNetworkRules } from "./network";
import { azureStorageRules } from "./storage";
import { azureTagRule } from "./tags";

/** Azure types the program tags. */
const TAGGED = [
    "azure-native:resources:ResourceGroup", "azure-native:network:VirtualNetwork", "azure-native:network:NetworkSecurityGroup", "azure-native:network:PrivateEndpoint",
    "azure-native:network:PublicIPAddress", "azure-native:network:ApplicationGateway", "azure-native:network:WebApplicationFirewallPolicy", "azure-native:privatedns:PrivateZone",
    "azure-native:privatedns:VirtualNetworkLink", "azure-native:operationalinsights:Workspace", "azure-native:keyvault:Vault", "azure-native:keyvault:Secret",
    "azure-native:storage:StorageAccount", "azure-native:dbforpostgresql:Server", "azure-native:redis:Redis", "azure-native:app:ManagedEnvironment", "azure-native:app:ContainerApp",
    "azure-native:containerservice:ManagedCluster", "azure-native:managedidentity:UserAssignedIdentity", "azure-native:monitor:ActionGroup", "azure-native:monitor:MetricAlert",
    "azure-native:monitor:DataCollectionRule", "azure-native:monitor:ScheduledQueryRule", "azure-native:portal:Dashboard", "azure-native:network:FlowLog",
];

/** The Azure rule catalogue (docs/cloud-mapping.md lists its families). */
export const azureRules: readonly Rule[] = [
    ...azureNameRules,
    { ...azureTagRule, types: TAGGED },
    ...azureStorageRules,
    ...azureDataRules,
    ...azureNetworkRules,
    ...azureComputeRules,
];
