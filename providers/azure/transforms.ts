/**
 * Escape-hatch types for Azure: each entry is a Transform over one child resource's args,
 * applied last (after the secure defaults). Type-only imports: erased at run time, so an
 * AWS or GCP stack that names these types never loads @pulumi/azure-native.
 */
import type * as app from "@pulumi/azure-native/app";
import type * as authorization from "@pulumi/azure-native/authorization";
import type * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import type * as network from "@pulumi/azure-native/network";
import type * as redis from "@pulumi/azure-native/redis";
import type * as storage from "@pulumi/azure-native/storage";
import type { RandomPasswordArgs } from "@pulumi/random/randomPassword";
import type { Transform } from "../../components/transform";

export interface AzureDatabaseTransforms {
    /** The PostgreSQL flexible server. */
    server?: Transform<dbforpostgresql.ServerArgs>;
    /** Every server parameter (`require_secure_transport`, `ssl_min_protocol_version`, ...). */
    configuration?: Transform<dbforpostgresql.ConfigurationArgs>;
    /** The application database. */
    database?: Transform<dbforpostgresql.DatabaseArgs>;
    /** The generated administrator password. */
    password?: Transform<RandomPasswordArgs>;
}

export interface AzureCacheTransforms {
    /** The Azure Cache for Redis instance. */
    redis?: Transform<redis.RedisArgs>;
    /** The RDB backup storage account (production). */
    backupAccount?: Transform<storage.StorageAccountArgs>;
}

export interface AzureObjectStoreTransforms {
    account?: Transform<storage.StorageAccountArgs>;
    blobService?: Transform<storage.BlobServicePropertiesArgs>;
    container?: Transform<storage.BlobContainerArgs>;
    lifecycle?: Transform<storage.ManagementPolicyArgs>;
}

export interface AzureLoadBalancerTransforms {
    gateway?: Transform<network.ApplicationGatewayArgs>;
    publicIp?: Transform<network.PublicIPAddressArgs>;
    /** Production only (WAF). */
    wafPolicy?: Transform<network.WebApplicationFirewallPolicyArgs>;
}

export interface AzureComputeServiceTransforms {
    containerApp?: Transform<app.ContainerAppArgs>;
    /** Each role assignment of the service identity. */
    roleAssignment?: Transform<authorization.RoleAssignmentArgs>;
}

/** This cloud's key in the contract's transform interfaces (components/transforms.ts). */
declare module "../../components/transforms" {
    interface DatabaseTransforms { azure?: AzureDatabaseTransforms }
    interface CacheTransforms { azure?: AzureCacheTransforms }
    interface ObjectStoreTransforms { azure?: AzureObjectStoreTransforms }
    interface LoadBalancerTransforms { azure?: AzureLoadBalancerTransforms }
    interface ComputeServiceTransforms { azure?: AzureComputeServiceTransforms }
}
