import type { CloudPolicyTypes } from "../../tools/ci/cloud-ci";

/**
 * The Azure resource types the policy pack inspects (`T.azure.<name>` in policy/policies), with the
 * SDK module declaring each: tokens copied from @pulumi/azure-native 3.28's `__pulumiType`. The pack is
 * published alone, so `npm run policy:types` copies this into policy/policies/cloud-types.ts;
 * tests/policy/plans.spec.ts checks every token against the installed SDK.
 */
export const policyTypes = {
    postgresServer: { token: "azure-native:dbforpostgresql:Server", module: "@pulumi/azure-native/dbforpostgresql/server.js" },
    postgresConfiguration: { token: "azure-native:dbforpostgresql:Configuration", module: "@pulumi/azure-native/dbforpostgresql/configuration.js" },
    redis: { token: "azure-native:redis:Redis", module: "@pulumi/azure-native/redis/redis.js" },
    storageAccount: { token: "azure-native:storage:StorageAccount", module: "@pulumi/azure-native/storage/storageAccount.js" },
    blobServiceProperties: { token: "azure-native:storage:BlobServiceProperties", module: "@pulumi/azure-native/storage/blobServiceProperties.js" },
    blobContainer: { token: "azure-native:storage:BlobContainer", module: "@pulumi/azure-native/storage/blobContainer.js" },
    applicationGateway: { token: "azure-native:network:ApplicationGateway", module: "@pulumi/azure-native/network/applicationGateway.js" },
    containerApp: { token: "azure-native:app:ContainerApp", module: "@pulumi/azure-native/app/containerApp.js" },
    containerAppJob: { token: "azure-native:app:Job", module: "@pulumi/azure-native/app/job.js" },
    managementLock: { token: "azure-native:authorization:ManagementLockAtResourceLevel", module: "@pulumi/azure-native/authorization/managementLockAtResourceLevel.js" },
    managementLockByScope: { token: "azure-native:authorization:ManagementLockByScope", module: "@pulumi/azure-native/authorization/managementLockByScope.js" },
    wafPolicy: { token: "azure-native:network:WebApplicationFirewallPolicy", module: "@pulumi/azure-native/network/webApplicationFirewallPolicy.js" },
    metricAlert: { token: "azure-native:monitor:MetricAlert", module: "@pulumi/azure-native/monitor/metricAlert.js" },
    diagnosticSetting: { token: "azure-native:monitor:DiagnosticSetting", module: "@pulumi/azure-native/monitor/diagnosticSetting.js" },
    logTable: { token: "azure-native:operationalinsights:Table", module: "@pulumi/azure-native/operationalinsights/table.js" },
    flowLog: { token: "azure-native:network:FlowLog", module: "@pulumi/azure-native/network/flowLog.js" },
    virtualNetwork: { token: "azure-native:network:VirtualNetwork", module: "@pulumi/azure-native/network/virtualNetwork.js" },
} as const satisfies CloudPolicyTypes;
