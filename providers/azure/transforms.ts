// Escape-hatch types for azure; each entry is a Transform<ResourceArgs> of one child resource.
// Filled in with the azure implementation.
export interface AzureDatabaseTransforms {}
export interface AzureCacheTransforms {}
export interface AzureObjectStoreTransforms {}
export interface AzureLoadBalancerTransforms {}
export interface AzureComputeServiceTransforms {}
