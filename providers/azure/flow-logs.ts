import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as storage from "@pulumi/azure-native/storage";
import { childName } from "../../components/naming";
import type { AzureContext } from "./context";
import { hardenedStorageAccount } from "./object-store";
import { BACKUP_STORAGE_SKU } from "./storage-redundancy";

/**
 * The Network Watcher every flow log lives under. Azure creates one per subscription and region,
 * `NetworkWatcher_<region>` in the resource group `NetworkWatcherRG`, when the first VNet of the
 * region is created (unless the subscription opted out), and allows only one per region: the
 * program uses it rather than creating a second that would fail. A subscription that opted out
 * creates it once with `az network watcher configure -g NetworkWatcherRG -l <region> --enabled`.
 * https://learn.microsoft.com/azure/network-watcher/network-watcher-create
 */
export function networkWatcher(region: string): { resourceGroupName: string; networkWatcherName: string } {
    return { resourceGroupName: "NetworkWatcherRG", networkWatcherName: `NetworkWatcher_${region}` };
}

/**
 * A flow log's storage retention for the audit retention: Azure's `retentionPolicy.days` runs
 * 1-365, 0 keeps the logs forever (the flow log manages the account's lifecycle rule itself).
 * Longer audit retention than a year keeps them forever; nothing shorter than asked.
 */
export function flowLogRetentionDays(auditDays: number): number {
    return auditDays <= 365 ? auditDays : 0;
}

/** Traffic analytics' processing interval (minutes; 10 or 60). */
export const TRAFFIC_ANALYTICS_INTERVAL_MINUTES = 10;

/**
 * VNet flow logs (the AWS VPC / GCP subnet flow logs counterpart; NSG flow logs are being
 * retired: https://learn.microsoft.com/azure/network-watcher/nsg-flow-logs-migrate) for the
 * platform VNet: every flow, JSON v2, into a dedicated hardened storage account (no shared keys,
 * private endpoint, trusted-services bypass for Network Watcher) kept `audit.logRetentionDays`,
 * written by a user-assigned identity with Storage Blob Data Contributor on that account
 * (https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-managed-identity), and
 * traffic analytics into the platform workspace (table NTANetAnalytics, audit retention too).
 */
export function createFlowLogs(ctx: AzureContext, scope: pulumi.ComponentResource, name: string): network.FlowLog {
    const cfg = ctx.cfg;
    const f = ctx.foundation;
    const component = childName(name, "flow-logs");
    const account = hardenedStorageAccount(ctx, scope, component, { purpose: "f", sku: BACKUP_STORAGE_SKU[cfg.environment], protect: cfg.protect });
    // Versioning keeps an overwritten or deleted log blob recoverable (tamper evidence); the
    // flow log's own retention rule removes the blobs, so no management policy of ours competes.
    ctx.create(storage.BlobServiceProperties, scope, childName(component, "blob-service"), {
        accountName: account.name,
        resourceGroupName: f.resourceGroupName,
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: { enabled: true, days: 7 },
    });
    const identity = ctx.identity(scope, childName(component, "identity"), "flow-logs");
    const writer = ctx.grant(scope, childName(component, "writer"), { principalId: identity.principalId, role: "storageBlobDataContributor", on: account.id });
    const retention = flowLogRetentionDays(cfg.audit.logRetentionDays);
    return ctx.create(network.FlowLog, scope, childName(name, "flow-log"), {
        ...networkWatcher(ctx.location),
        flowLogName: ctx.physical("vnet-flow-log"),
        location: ctx.location,
        targetResourceId: f.vnetId,
        storageId: account.id,
        enabled: true,
        format: { type: "JSON", version: 2 },
        retentionPolicy: { enabled: retention > 0, days: retention },
        identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        flowAnalyticsConfiguration: {
            networkWatcherFlowAnalyticsConfiguration: {
                enabled: true,
                workspaceId: f.logAnalyticsWorkspaceGuid,
                workspaceRegion: ctx.location,
                workspaceResourceId: f.logAnalyticsWorkspaceId,
                trafficAnalyticsInterval: TRAFFIC_ANALYTICS_INTERVAL_MINUTES,
            },
        },
        tags: ctx.tags,
    }, undefined, { dependsOn: [writer] });
}
