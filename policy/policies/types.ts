import { CLOUD_TYPE_SOURCES, CLOUD_TYPES } from "./cloud-types";

/**
 * Resource type tokens the pack inspects. Each cloud's come from its own folder
 * (providers/<cloud>/policy-types.ts), copied into ./cloud-types.ts by `npm run policy:types`
 * because the pack is published alone; the kubernetes ones (every cloud's clusters) are here.
 * tests/policy/plans.spec.ts checks every token against the installed SDKs, so a renamed token
 * fails the suite instead of silently matching nothing. The pack never imports a cloud SDK itself.
 */
export const T = {
    ...CLOUD_TYPES,
    kubernetes: {
        ingress: "kubernetes:networking.k8s.io/v1:Ingress",
        gkeBackendConfig: "kubernetes:cloud.google.com/v1:BackendConfig",
    },
} as const;

/** Every token above, with the SDK module file that declares it (for the token spec). */
export const TYPE_SOURCES: Record<string, string> = {
    ...CLOUD_TYPE_SOURCES,
    "kubernetes:core/v1:Pod": "@pulumi/kubernetes/core/v1/pod.js",
    "kubernetes:apps/v1:Deployment": "@pulumi/kubernetes/apps/v1/deployment.js",
    "kubernetes:apps/v1:StatefulSet": "@pulumi/kubernetes/apps/v1/statefulSet.js",
    "kubernetes:apps/v1:DaemonSet": "@pulumi/kubernetes/apps/v1/daemonSet.js",
    "kubernetes:apps/v1:ReplicaSet": "@pulumi/kubernetes/apps/v1/replicaSet.js",
    "kubernetes:batch/v1:Job": "@pulumi/kubernetes/batch/v1/job.js",
    "kubernetes:batch/v1:CronJob": "@pulumi/kubernetes/batch/v1/cronJob.js",
    "kubernetes:networking.k8s.io/v1:Ingress": "@pulumi/kubernetes/networking/v1/ingress.js",
};
