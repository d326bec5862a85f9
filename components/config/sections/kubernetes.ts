import { z } from "../zod";
import { kubeconfigProblem } from "../value-rules";
import { bounded, sizeSchema, valueRule, type Size } from "../schema-values";
import { defineSection, perTier } from "./section";

/** The managed Kubernetes cluster of `compute.runtime: kubernetes`. */
export interface KubernetesTier {
    /** Kubernetes minor version. @default "1.33". Upgrading is in place, one minor at a time. */
    version: string;
    /** Cloud-neutral node class. @default production: medium, staging: small */
    nodeSize: Size;
    /** @default production: 3, staging: 1 */
    minNodes: number;
    /** @default production: 10, staging: 3 */
    maxNodes: number;
}

/** Cluster settings (kubernetes runtime); `kubeconfig` means an existing cluster. Never print it. */
export type KubernetesConfig = KubernetesTier & {
    /** Ingress class override (required with an existing cluster). */
    ingressClass?: string;
    kubeconfig?: string;
};

export const kubernetesSection = defineSection({
    key: "kubernetes",
    shape: {
        /** Cluster settings for `compute.runtime: kubernetes`. */
        kubernetes: z.strictObject({
            version: bounded(8, /^1\.\d{2}$/, "a Kubernetes minor version such as 1.33").optional(),
            nodeSize: sizeSchema.optional(),
            minNodes: z.number().int().min(1).max(100).optional(),
            maxNodes: z.number().int().min(1).max(100).optional(),
            /** Ingress class to use instead of the cloud's own (required with an existing cluster). */
            ingressClass: bounded(63, /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/, "a Kubernetes resource name (at most 63 lowercase letters, digits, . and -)").optional(),
        }).optional(),
        /**
         * Kubeconfig of an existing cluster (set it with `pulumi config set --secret`). When set,
         * the kubernetes runtime deploys into that cluster and creates nothing cloud-side for compute.
         */
        kubeconfig: z.string().check(valueRule(kubeconfigProblem)).optional(),
    },
    tiers: perTier<KubernetesTier>({
        production: { version: "1.33", nodeSize: "medium", minNodes: 3, maxNodes: 10 },
        staging: { version: "1.33", nodeSize: "small", minNodes: 1, maxNodes: 3 },
    }),
    resolve: ({ raw, tier }): KubernetesConfig => ({ ...tier, ...raw.kubernetes, kubeconfig: raw.kubeconfig }),
    rules: {
        nodeRange({ value, add }) {
            if (value.minNodes > value.maxNodes) add("kubernetes.minNodes", value.minNodes, `at most kubernetes.maxNodes (${value.maxNodes})`);
        },
        ingressClassWithKubeconfig({ raw, value, add }) {
            if (raw.kubeconfig !== undefined && !value.ingressClass) {
                add("kubernetes.ingressClass", undefined, "the ingress class of the existing cluster; required with platform:kubeconfig");
            }
        },
    },
    reference: [
        { label: "`kubernetes.version`", keys: ["kubernetes.version"], allowed: "Kubernetes minor, e.g. `1.33`", defaults: "tier", change: "in-place upgrade" },
        { label: "`kubernetes.nodeSize`", keys: ["kubernetes.nodeSize"], defaults: "tier", change: "new nodes" },
        { label: "`kubernetes.minNodes` / `maxNodes`", keys: ["kubernetes.minNodes", "kubernetes.maxNodes"], note: ", min ≤ max", defaults: "tier", change: "in place" },
        { label: "`kubernetes.ingressClass`", keys: ["kubernetes.ingressClass"], allowed: "Kubernetes name; required with `kubeconfig`", defaults: { production: "the cloud's", staging: "the cloud's" }, change: "re-creates the Ingress" },
        { label: "`kubeconfig`", keys: ["kubeconfig"], allowed: "secret: an existing cluster's kubeconfig, YAML or JSON (`pulumi config set --secret`), with `kind: Config`, clusters with a server, users, contexts naming them", defaults: { production: "—", staging: "—" }, change: "moves every service" },
    ],
});
