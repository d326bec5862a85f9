/**
 * Typed escape hatches for the GCP children: one Transform<Args> per underlying resource,
 * applied last (components/transform.ts). Type-only: importing this loads no SDK.
 */
import type * as gcp from "@pulumi/gcp";
import type { Transform } from "../../components/transform";

export interface GcpDatabaseTransforms {
    instance?: Transform<gcp.sql.DatabaseInstanceArgs>;
    database?: Transform<gcp.sql.DatabaseArgs>;
    user?: Transform<gcp.sql.UserArgs>;
    secret?: Transform<gcp.secretmanager.SecretArgs>;
    secretVersion?: Transform<gcp.secretmanager.SecretVersionArgs>;
}

export interface GcpCacheTransforms {
    instance?: Transform<gcp.redis.InstanceArgs>;
    secret?: Transform<gcp.secretmanager.SecretArgs>;
    secretVersion?: Transform<gcp.secretmanager.SecretVersionArgs>;
}

export interface GcpObjectStoreTransforms {
    bucket?: Transform<gcp.storage.BucketArgs>;
    /** The project's Cloud Storage Data Access audit config (object reads and writes). */
    dataAccessLogs?: Transform<gcp.projects.IAMAuditConfigArgs>;
}

export interface GcpLoadBalancerTransforms {
    securityPolicy?: Transform<gcp.compute.SecurityPolicyArgs>;
    /** Applied to every route's serverless NEG. */
    networkEndpointGroup?: Transform<gcp.compute.RegionNetworkEndpointGroupArgs>;
    /** Applied to every route's backend service. */
    backendService?: Transform<gcp.compute.BackendServiceArgs>;
    urlMap?: Transform<gcp.compute.URLMapArgs>;
    certificate?: Transform<gcp.compute.ManagedSslCertificateArgs>;
    sslPolicy?: Transform<gcp.compute.SSLPolicyArgs>;
    httpsProxy?: Transform<gcp.compute.TargetHttpsProxyArgs>;
    address?: Transform<gcp.compute.GlobalAddressArgs>;
    httpsForwardingRule?: Transform<gcp.compute.GlobalForwardingRuleArgs>;
    httpRedirectUrlMap?: Transform<gcp.compute.URLMapArgs>;
    httpProxy?: Transform<gcp.compute.TargetHttpProxyArgs>;
    httpForwardingRule?: Transform<gcp.compute.GlobalForwardingRuleArgs>;
}

export interface GcpComputeServiceTransforms {
    serviceAccount?: Transform<gcp.serviceaccount.AccountArgs>;
    /** Applied to both secret accessor grants. */
    secretAccess?: Transform<gcp.secretmanager.SecretIamMemberArgs>;
    bucketAccess?: Transform<gcp.storage.BucketIAMMemberArgs>;
    sqlClient?: Transform<gcp.projects.IAMMemberArgs>;
    logBucket?: Transform<gcp.logging.ProjectBucketConfigArgs>;
    logSink?: Transform<gcp.logging.ProjectSinkArgs>;
    service?: Transform<gcp.cloudrunv2.ServiceArgs>;
}

/** This cloud's key in the contract's transform interfaces (components/transforms.ts). */
declare module "../../components/transforms" {
    interface DatabaseTransforms { gcp?: GcpDatabaseTransforms }
    interface CacheTransforms { gcp?: GcpCacheTransforms }
    interface ObjectStoreTransforms { gcp?: GcpObjectStoreTransforms }
    interface LoadBalancerTransforms { gcp?: GcpLoadBalancerTransforms }
    interface ComputeServiceTransforms { gcp?: GcpComputeServiceTransforms }
}
