// Escape-hatch types for gcp; each entry is a Transform<ResourceArgs> of one child resource.
// Filled in with the gcp implementation.
export interface GcpDatabaseTransforms {}
export interface GcpCacheTransforms {}
export interface GcpObjectStoreTransforms {}
export interface GcpLoadBalancerTransforms {}
export interface GcpComputeServiceTransforms {}
