/**
 * Typed per-cloud escape hatches, one entry per underlying resource. The contract names no
 * cloud: each cloud adds its own key to these interfaces from its folder
 * (`providers/<cloud>/transforms.ts`, `declare module` merging), so adding a cloud never
 * edits this file, and importing it loads nothing.
 */

export interface DatabaseTransforms {}
export interface CacheTransforms {}
export interface ObjectStoreTransforms {}
export interface LoadBalancerTransforms {}
export interface ComputeServiceTransforms {}
