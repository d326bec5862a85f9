import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import type { ObjectStoreArgs, ObjectStoreOutputs } from "../../components/object-store";
import { childName, compactName } from "../../components/naming";
import type { PlatformConfig } from "../../components/config";
import type { Transform } from "../../components/transform";
import { AzureContext, uniqueSuffix } from "./context";
import { azureHandles } from "./handles";
import { diagnostics } from "./diagnostics";
import { privateEndpoint } from "./private-endpoint";
import { coldTierAction, OBJECT_STORE_SKU } from "./storage-redundancy";
import type { CloudBuilder } from "../shared/bind-cloud";
import { AzureGrant, grantTo } from "./workload-grants";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import type { Rule } from "../shared/rules";
import { SPEC } from "./replacement";
import { azureNameRule as n } from "./rules/names";

/**
 * Metric categories Azure accepts on a storage account's diagnostic settings: the blob
 * service exports only `Transaction` (the account itself also `Capacity`); `AllMetrics` is
 * answered with 400 BadRequest.
 * https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage-reference#metrics
 */
export const BLOB_SERVICE_METRIC_CATEGORIES = ["Transaction"] as const;

/** The one private container the platform's object store is. */
export const CONTAINER_NAME = "data";

/** One letter per account in a stack: `d` object store data, `b` Redis backups, `f` VNet flow logs. */
export type StoragePurpose = "d" | "b" | "f";

/**
 * A storage account name: `<app><env><purpose letter><4 hex>`, 3-24 lowercase letters and
 * digits. The hex comes from the deployment's identity (app, environment, location,
 * subscription), because account names are global across Azure. The longest app name the
 * config accepts (12 characters) still fits: `<12>prod<1+5>` is 22 characters.
 */
export function storageAccountName(cfg: Pick<PlatformConfig, "appName" | "environment" | "region" | "azure">, purpose: StoragePurpose): string {
    const name = compactName(cfg, `${purpose}${uniqueSuffix(cfg, `storage-${purpose}`, 5)}`);
    if (!/^[a-z0-9]{3,24}$/.test(name)) throw new Error(`internal: storage account name ${name} breaks Azure's rule (3-24 lowercase letters and digits)`);
    return name;
}

/**
 * A StorageV2 account with the platform's secure defaults: HTTPS only, TLS 1.2, no public
 * blob access, no shared keys (identities only), infrastructure (double) encryption, the
 * firewall default Deny with trusted Azure services let through, and a private endpoint for
 * blob. Shared by the object store, the Redis RDB backups and the VNet flow logs.
 */
export function hardenedStorageAccount(ctx: AzureContext, scope: pulumi.ComponentResource, component: string, args: {
    purpose: StoragePurpose;
    /** Redundancy (see storage-redundancy.ts); changing it is an in-place update. */
    sku: string;
    protect: boolean;
    transform?: Transform<storage.StorageAccountArgs>;
}): storage.StorageAccount {
    const f = ctx.foundation;
    const account = ctx.create(storage.StorageAccount, scope, childName(component, "account"), {
        accountName: storageAccountName(ctx.cfg, args.purpose),
        resourceGroupName: f.resourceGroupName,
        location: ctx.location,
        kind: "StorageV2",
        sku: { name: args.sku },
        accessTier: "Hot",
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        allowCrossTenantReplication: false,
        publicNetworkAccess: "Enabled",
        networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
        encryption: {
            keySource: "Microsoft.Storage",
            requireInfrastructureEncryption: true,
            services: { blob: { enabled: true, keyType: "Account" }, file: { enabled: true, keyType: "Account" } },
        },
        tags: ctx.tags,
    }, args.transform, { protect: args.protect });
    privateEndpoint(ctx, scope, component, { key: "blob", target: account.id, groupId: "blob", zoneId: f.privateDnsZoneIds.blob });
    diagnostics(ctx, scope, childName(component, "diagnostics"), pulumi.interpolate`${account.id}/blobServices/default`, { metrics: BLOB_SERVICE_METRIC_CATEGORIES });
    if (args.protect) ctx.deleteLock(scope, childName(component, "lock"), account.id, "Production data: remove this lock deliberately before deleting the account.");
    return account;
}

/**
 * The lifecycle rules of the requirements table, as Azure management-policy rules. `exports/`
 * moves to the coldest tier the account's SKU supports (archive, or cold on zone-redundant
 * accounts: see storage-redundancy.ts).
 */
export function lifecycleRules(args: Pick<ObjectStoreArgs, "tempExpirationDays" | "archiveAfterDays" | "expirationDays">, sku: string, container = CONTAINER_NAME): storage.ManagementPolicyArgs["policy"] {
    return {
        rules: [
            {
                name: "expire-uploads-temp",
                enabled: true,
                type: "Lifecycle",
                definition: {
                    filters: { blobTypes: ["blockBlob"], prefixMatch: [`${container}/uploads/temp/`] },
                    actions: {
                        baseBlob: { delete: { daysAfterModificationGreaterThan: args.tempExpirationDays } },
                        version: { delete: { daysAfterCreationGreaterThan: args.tempExpirationDays } },
                    },
                },
            },
            {
                name: "archive-then-expire-exports",
                enabled: true,
                type: "Lifecycle",
                definition: {
                    filters: { blobTypes: ["blockBlob"], prefixMatch: [`${container}/exports/`] },
                    actions: {
                        baseBlob: {
                            [coldTierAction(sku)]: { daysAfterModificationGreaterThan: args.archiveAfterDays },
                            delete: { daysAfterModificationGreaterThan: args.expirationDays },
                        },
                        version: { delete: { daysAfterCreationGreaterThan: args.expirationDays } },
                    },
                },
            },
        ],
    };
}

/**
 * The object store: a hardened account, blob versioning with blob and container soft delete,
 * one private container, and the lifecycle policy. Services reach it with their managed
 * identity (Storage Blob Data Contributor on the container), never with keys.
 */
export function createObjectStore(run: AzureContext, scope: pulumi.ComponentResource, name: string, args: ObjectStoreArgs): ObjectStoreOutputs {
    const ctx = run.withFoundation(azureHandles.read("network", args.network.handle, "object store"));
    const f = ctx.foundation;
    const t = args.transform?.azure;
    const sku = OBJECT_STORE_SKU[ctx.cfg.environment];
    const account = hardenedStorageAccount(ctx, scope, name, { purpose: "d", sku, protect: args.protect, transform: t?.account });

    const blobService = ctx.create(storage.BlobServiceProperties, scope, childName(name, "blob-service"), {
        accountName: account.name,
        resourceGroupName: f.resourceGroupName,
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: { enabled: true, days: 30 },
        containerDeleteRetentionPolicy: { enabled: true, days: 30 },
        changeFeed: { enabled: true, retentionInDays: 30 },
    }, t?.blobService);

    const container = ctx.create(storage.BlobContainer, scope, childName(name, "container"), {
        containerName: CONTAINER_NAME,
        accountName: account.name,
        resourceGroupName: f.resourceGroupName,
        publicAccess: "None",
    }, t?.container, { dependsOn: [blobService] });

    ctx.create(storage.ManagementPolicy, scope, childName(name, "lifecycle"), {
        accountName: account.name,
        resourceGroupName: f.resourceGroupName,
        managementPolicyName: "default",
        policy: lifecycleRules(args, sku),
    }, t?.lifecycle, { dependsOn: [container] });

    const blobEndpoint = account.primaryEndpoints.apply((e) => e.blob);
    return {
        bucketName: container.name,
        endpoint: pulumi.interpolate`${blobEndpoint}${container.name}`,
        resourceId: container.id,
        handle: azureHandles.wrap("objectStore", { accountId: account.id, blobEndpoint, grant }),
    };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/azure/index.ts. */
export const builder: CloudBuilder<AzureContext, "objectStore"> = createObjectStore;

/**
 * What a workload bound to the object store is given on Azure (workload-grants.ts): `Storage
 * Blob Data Contributor` on the container, and the account endpoint, which Azure's storage
 * SDKs need and the container name (OBJECT_STORE_BUCKET) does not give.
 */
export const grant: AzureGrant<{ blobEndpoint: pulumi.Output<string> }, ObjectStoreOutputs> = (ctx, scope, name, to, store, outputs) => ({
    grants: [grantTo(ctx, scope, name, to, "object-store-writer", "storageBlobDataContributor", outputs.resourceId)],
    env: { AZURE_STORAGE_BLOB_ENDPOINT: store.blobEndpoint },
});

/** Typed escape hatches for this component's Azure children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface AzureObjectStoreTransforms {
    account?: Transform<storage.StorageAccountArgs>;
    blobService?: Transform<storage.BlobServicePropertiesArgs>;
    container?: Transform<storage.BlobContainerArgs>;
    lifecycle?: Transform<storage.ManagementPolicyArgs>;
}

declare module "../../components/object-store" {
    interface ObjectStoreTransforms { azure?: AzureObjectStoreTransforms }
}

/** What this component hands to the components built on it (providers/azure/handles.ts). */
declare module "./handles" {
    interface AzureHandles {
        objectStore: { accountId: pulumi.Output<string>; blobEndpoint: pulumi.Output<string>; grant: typeof grant };
    }
}

/*
 * The offline engine's facts (`npm run diff` and the deploy-rule specs read them) of the Azure types only the object store
 * creates: which inputs replace them, their deploy rules and which of them hold data. providers/azure/engine.ts
 * merges them with the facts of the types several components create.
 */

const replacement: ReplacementTable = {
    "azure-native:storage:BlobContainer": {
        source: `${SPEC}storage/resource-manager/Microsoft.Storage/stable/*/blob.json (defaultEncryptionScope, denyEncryptionScopeOverride create-only)`,
        replace: ["containerName", "accountName", "resourceGroupName", "defaultEncryptionScope", "denyEncryptionScopeOverride"],
        update: ["publicAccess", "metadata", "immutableStorageWithVersioning", "enableNfsV3AllSquash", "enableNfsV3RootSquash"],
    },
};

const rules: Rule[] = [
    n("blob-container-name", "azure-native:storage:BlobContainer", "containerName", 63, /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/, "lowercase letters, digits and single hyphens, starting and ending with a letter or digit", 3),
];

export const engineFacts: EngineFacts = { replacement, rules, statefulTypes: { "azure-native:storage:BlobContainer": "blob container" } };
