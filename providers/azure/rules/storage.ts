import type { Rule } from "../../shared/rules";
import { ARCHIVE_TIER_SKUS } from "../storage-redundancy";

/** Storage accounts, their blob service, lifecycle policies and diagnostic settings. */

const ACCOUNT = "azure-native:storage:StorageAccount";

/** Metric categories each storage (sub)service exports through diagnostic settings. */
export const STORAGE_METRIC_CATEGORIES: Array<{ pattern: RegExp; categories: string[] }> = [
    { pattern: /\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+\/(blob|file|queue|table)Services\/default$/i, categories: ["Transaction"] },
    { pattern: /\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+$/i, categories: ["Capacity", "Transaction"] },
];

export const azureStorageRules: Rule[] = [
    {
        // Archive tier x redundancy: no archive on ZRS, GZRS or RA-GZRS accounts (FeatureNotSupportedForAccount).
        id: "azure/archive-tier-redundancy",
        family: "combinations",
        types: ["azure-native:storage:ManagementPolicy"],
        doc: "https://learn.microsoft.com/azure/storage/blobs/access-tiers-overview#archive-access-tier",
        check: (r, plan) => {
            const account = plan.ofType(ACCOUNT).find((a) => a.inputs.accountName === r.inputs.accountName);
            const sku = account?.inputs.sku?.name;
            if (!sku || ARCHIVE_TIER_SKUS.includes(sku)) return [];
            return ((r.inputs.policy?.rules ?? []) as any[]).filter((rule) => JSON.stringify(rule.definition?.actions ?? {}).includes("tierToArchive"))
                .map((rule) => `rule ${rule.name} moves blobs to archive, which a ${sku} account does not support (archive needs ${ARCHIVE_TIER_SKUS.join(", ")})`);
        },
    },
    {
        // Lifecycle: a tier change comes before the delete of the same blobs; cold keeps data 90 days, archive 180 (early deletion).
        id: "azure/lifecycle-order",
        family: "combinations",
        types: ["azure-native:storage:ManagementPolicy"],
        doc: "https://learn.microsoft.com/azure/storage/blobs/lifecycle-management-overview#rule-actions",
        check: (r) => ((r.inputs.policy?.rules ?? []) as any[]).flatMap((rule) => {
            const base = rule.definition?.actions?.baseBlob ?? {};
            const del = base.delete?.daysAfterModificationGreaterThan;
            return ["tierToCool", "tierToCold", "tierToArchive"].filter((k) => base[k]).flatMap((k) => {
                const at = base[k].daysAfterModificationGreaterThan;
                return del !== undefined && at >= del ? [`rule ${rule.name}: ${k} at ${at} days is not before delete at ${del}`] : [];
            });
        }),
    },
    {
        // Diagnostic settings on storage: only the metric categories the (sub)service exports (AllMetrics is a 400).
        id: "azure/storage-diagnostic-metric-categories",
        family: "combinations",
        types: ["azure-native:monitor:DiagnosticSetting"],
        doc: "https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage-reference#metrics",
        check: (r) => {
            const target = STORAGE_METRIC_CATEGORIES.find((t) => t.pattern.test(String(r.inputs.resourceUri)));
            if (!target) return [];
            return ((r.inputs.metrics ?? []) as any[]).filter((m) => !target.categories.includes(m.category))
                .map((m) => `metric category ${m.category} on ${String(r.inputs.resourceUri).split("/providers/")[1]}: allowed ${target.categories.join(", ")}`);
        },
    },
    {
        // Blob service: soft-delete retention 1-365 days; change feed retention 1-146000; one blob service ("default") per account.
        id: "azure/blob-service-retention",
        family: "combinations",
        types: ["azure-native:storage:BlobServiceProperties", "azure-native:storage:BlobContainer"],
        doc: "https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview",
        check: (r, plan) => {
            const problems: string[] = [];
            if (!plan.ofType(ACCOUNT).some((a) => a.inputs.accountName === r.inputs.accountName)) problems.push(`account ${r.inputs.accountName} is not a storage account of this plan`);
            if (r.type === "azure-native:storage:BlobContainer") return problems;
            if (r.inputs.blobServicesName !== "default") problems.push(`blobServicesName ${r.inputs.blobServicesName}: must be default`);
            for (const k of ["deleteRetentionPolicy", "containerDeleteRetentionPolicy"]) {
                const d = r.inputs[k]?.days;
                if (d !== undefined && (d < 1 || d > 365)) problems.push(`${k}.days ${d}: allowed 1-365`);
            }
            const c = r.inputs.changeFeed?.retentionInDays;
            if (c !== undefined && (c < 1 || c > 146000)) problems.push(`changeFeed.retentionInDays ${c}: allowed 1-146000`);
            if (r.inputs.deleteRetentionPolicy?.allowPermanentDelete && r.inputs.isVersioningEnabled) problems.push("allowPermanentDelete cannot be combined with versioning");
            return problems;
        },
    },
    {
        // Infrastructure encryption and shared-key-less access need StorageV2; Premium SKUs take no access tier.
        id: "azure/storage-account-kind",
        family: "combinations",
        types: [ACCOUNT],
        doc: "https://learn.microsoft.com/azure/storage/common/storage-account-overview#types-of-storage-accounts",
        check: (r) => {
            const problems: string[] = [];
            if (r.inputs.encryption?.requireInfrastructureEncryption && r.inputs.kind !== "StorageV2" && r.inputs.kind !== "BlockBlobStorage") problems.push(`infrastructure encryption needs StorageV2; kind is ${r.inputs.kind}`);
            if (String(r.inputs.sku?.name).startsWith("Premium") && r.inputs.accessTier !== undefined && r.inputs.kind === "StorageV2") problems.push("a premium StorageV2 account takes no access tier");
            if (/GZRS|ZRS/.test(String(r.inputs.sku?.name)) && r.inputs.kind !== "StorageV2" && r.inputs.kind !== "BlockBlobStorage" && r.inputs.kind !== "FileStorage") problems.push(`${r.inputs.sku?.name} needs a StorageV2 account`);
            return problems;
        },
    },
];
