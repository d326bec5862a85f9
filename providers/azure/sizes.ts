import type { RedisArgs } from "@pulumi/azure-native/redis";
import type { Size } from "../../components/config";

/* Cloud-neutral sizes mapped to Azure SKUs, one place per cloud (providers/<cloud>/sizes.ts). */

/**
 * Flexible server SKUs per cloud-neutral size, with Azure's default `max_connections` for
 * each (the connections alert fires at a share of it). Burstable has no high availability,
 * so a small server that must be highly available moves to General Purpose.
 */
export const DATABASE_SKUS: Record<Size, { name: string; tier: "Burstable" | "GeneralPurpose"; maxConnections: number }> = {
    small: { name: "Standard_B2ms", tier: "Burstable", maxConnections: 859 },
    medium: { name: "Standard_D2ds_v5", tier: "GeneralPurpose", maxConnections: 859 },
    large: { name: "Standard_D4ds_v5", tier: "GeneralPurpose", maxConnections: 1719 },
};

export function databaseSku(size: Size, highAvailability: boolean): (typeof DATABASE_SKUS)[Size] {
    const sku = DATABASE_SKUS[size];
    return highAvailability && sku.tier === "Burstable" ? DATABASE_SKUS.medium : sku;
}

/**
 * Azure Cache for Redis SKUs. Premium is needed for persistence (RDB), zones and more than
 * one replica; Standard (a primary plus one replica, no persistence) serves the rest.
 */
export function cacheSku(size: Size, premium: boolean): RedisArgs["sku"] {
    if (premium) return { name: "Premium", family: "P", capacity: size === "large" ? 2 : 1 };
    return { name: "Standard", family: "C", capacity: size === "small" ? 1 : size === "medium" ? 2 : 3 };
}

/** Container Apps CPU (cores) and memory per cloud-neutral size (Consumption profile pairs). */
export const CONTAINER_RESOURCES: Record<Size, { cpu: number; memory: string }> = {
    small: { cpu: 0.5, memory: "1Gi" },
    medium: { cpu: 1, memory: "2Gi" },
    large: { cpu: 2, memory: "4Gi" },
};

/**
 * AKS node VM sizes per cloud-neutral size: Dds_v5 (local temp disk, so the OS disk can be
 * Ephemeral: faster, no managed-disk cost, reimaged on upgrade).
 */
export const NODE_VM_SIZES: Record<Size, string> = {
    small: "Standard_D2ds_v5",
    medium: "Standard_D4ds_v5",
    large: "Standard_D8ds_v5",
};
