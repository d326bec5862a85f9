import type { Environment } from "../../components/config";

/**
 * Storage redundancy and the cold tier that goes with it.
 *
 * Azure supports the archive tier only on LRS, GRS and RA-GRS accounts, never on ZRS, GZRS or
 * RA-GZRS (a management policy with `tierToArchive` there fails with
 * FeatureNotSupportedForAccount); the cold tier is an online tier every redundancy supports.
 * https://learn.microsoft.com/azure/storage/blobs/access-tiers-overview
 * https://learn.microsoft.com/azure/storage/blobs/archive-blob (archive: LRS, GRS, RA-GRS only)
 */
export const ARCHIVE_TIER_SKUS: readonly string[] = ["Standard_LRS", "Standard_GRS", "Standard_RAGRS"];

/**
 * The object store's redundancy. Production: RA-GZRS, zone-redundant in the primary region
 * (zone failure is automatic, as the tier wants) and geo-replicated with read access to the
 * paired region (the copy region failure recovery reads from). RA-GZRS has no archive tier,
 * so `exports/` moves to the cold tier there. Staging: LRS, with archive.
 *
 * Changing the SKU is an in-place update, not a replacement: azure-native declares no
 * replace-on-change for `sku` and the ARM update (PATCH) accepts it. Going from ZRS to
 * RA-GZRS only adds geo-replication and read access, which Azure applies as a setting change;
 * adding or removing zone redundancy (LRS <-> ZRS) would instead need a conversion Azure runs
 * outside ARM. https://learn.microsoft.com/azure/storage/common/redundancy-migration
 */
export const OBJECT_STORE_SKU: Record<Environment, string> = { production: "Standard_RAGZRS", staging: "Standard_LRS" };

/** Redis RDB backup accounts: zone-redundant in production (no lifecycle tiering there). */
export const BACKUP_STORAGE_SKU: Record<Environment, string> = { production: "Standard_ZRS", staging: "Standard_LRS" };

/** The coldest lifecycle action an account of this SKU supports: archive where it exists, else cold. */
export function coldTierAction(sku: string): "tierToArchive" | "tierToCold" {
    return ARCHIVE_TIER_SKUS.includes(sku) ? "tierToArchive" : "tierToCold";
}
