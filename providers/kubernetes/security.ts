import type * as k8s from "@pulumi/kubernetes";

/**
 * The hardened pod: everything the Pod Security `restricted` profile requires and the
 * policy pack checks (policy/policies/kubernetes.ts). The image must run as a non-root
 * user; 10001 is outside the range of users an image usually defines, so a file owned by
 * an image user is never accidentally writable.
 */
export const RUN_AS_USER = 10001;

export const POD_SECURITY_CONTEXT: k8s.types.input.core.v1.PodSecurityContext = {
    runAsNonRoot: true,
    runAsUser: RUN_AS_USER,
    runAsGroup: RUN_AS_USER,
    fsGroup: RUN_AS_USER,
    seccompProfile: { type: "RuntimeDefault" },
};

export const CONTAINER_SECURITY_CONTEXT: k8s.types.input.core.v1.SecurityContext = {
    runAsNonRoot: true,
    runAsUser: RUN_AS_USER,
    runAsGroup: RUN_AS_USER,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
};
