/**
 * Typed per-cloud escape hatches, one entry per underlying resource. Type-only imports:
 * they are erased at run time, so naming a cloud here never loads its SDK.
 */
import type * as aws from "../providers/aws/transforms";
import type * as azure from "../providers/azure/transforms";
import type * as gcp from "../providers/gcp/transforms";

export interface DatabaseTransforms { aws?: aws.AwsDatabaseTransforms; gcp?: gcp.GcpDatabaseTransforms; azure?: azure.AzureDatabaseTransforms }
export interface CacheTransforms { aws?: aws.AwsCacheTransforms; gcp?: gcp.GcpCacheTransforms; azure?: azure.AzureCacheTransforms }
export interface ObjectStoreTransforms { aws?: aws.AwsObjectStoreTransforms; gcp?: gcp.GcpObjectStoreTransforms; azure?: azure.AzureObjectStoreTransforms }
export interface LoadBalancerTransforms { aws?: aws.AwsLoadBalancerTransforms; gcp?: gcp.GcpLoadBalancerTransforms; azure?: azure.AzureLoadBalancerTransforms }
export interface ComputeServiceTransforms { aws?: aws.AwsComputeServiceTransforms; gcp?: gcp.GcpComputeServiceTransforms; azure?: azure.AzureComputeServiceTransforms }
