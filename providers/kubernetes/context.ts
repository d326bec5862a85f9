import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { CloudImplementation, KubernetesSupport } from "../../components/cloud";
import type { PlatformConfig } from "../../components/config";
import type { KubernetesCluster } from "../../components/kubernetes-cluster";
import { kubernetesNamespace } from "../../components/naming";
import { createChild, CreateChild } from "../shared/child-factory";

/**
 * The kubernetes side of one program run: the explicit provider built from the cluster's
 * kubeconfig (a secret), the environment's namespace, and the cloud's support hooks.
 *
 * Two modes:
 * - managed cluster (default): the cloud's `KubernetesSupport` provides workload identities,
 *   secret values and its ingress controller's settings;
 * - existing cluster (`platform:kubeconfig` set): nothing cloud-side is created for compute,
 *   so `cluster`, `workloadIdentity` and `ingress` are never called. Only `secretValue` is
 *   still used: it reads the value behind a secret reference of the data tier (which exists
 *   in both modes) and creates nothing.
 */
export class KubernetesContext {
    readonly provider: k8s.Provider;
    readonly namespace: k8s.core.v1.Namespace;
    readonly namespaceName: string;
    /** True when the workloads go to an existing cluster given in config. */
    readonly existingCluster: boolean;

    constructor(readonly cloud: CloudImplementation, readonly cfg: PlatformConfig, readonly cluster: KubernetesCluster) {
        this.existingCluster = cfg.kubernetes.kubeconfig !== undefined;
        this.provider = new k8s.Provider("kubernetes-cluster-provider", {
            kubeconfig: cluster.kubeconfig,
            enableServerSideApply: true,
        }, { parent: cluster });
        this.namespaceName = kubernetesNamespace(cfg);
        this.namespace = createChild(k8s.core.v1.Namespace, cluster, "kubernetes-cluster-namespace", {
            metadata: {
                name: this.namespaceName,
                // Pod Security Admission: every pod of the platform meets the `restricted` profile.
                labels: {
                    ...this.labels(),
                    "pod-security.kubernetes.io/enforce": "restricted",
                    "pod-security.kubernetes.io/enforce-version": "latest",
                    "pod-security.kubernetes.io/warn": "restricted",
                    "pod-security.kubernetes.io/audit": "restricted",
                },
            },
        }, { provider: this.provider, transformations: [] });
    }

    /** The standard tags as Kubernetes labels, plus the recommended `app.kubernetes.io/*` ones. */
    labels(component?: string): Record<string, string> {
        return {
            ...this.cfg.tags,
            "app.kubernetes.io/part-of": this.cfg.appName,
            "app.kubernetes.io/managed-by": "pulumi",
            ...(component ? { "app.kubernetes.io/name": component } : {}),
        };
    }

    /** The labels a service's pods are selected by (stable: changing a selector replaces the Deployment). */
    selector(service: string): Record<string, string> {
        return { "app.kubernetes.io/name": service, "app.kubernetes.io/part-of": this.cfg.appName };
    }

    /**
     * Creates one workload object: parented to its component, on the cluster's provider, after
     * the namespace, with the per-child transform applied last (the shared child factory,
     * providers/shared/child-factory.ts). No context-wide transformation: none is needed by
     * every workload (Azure's only drops azure-native API-version aliases).
     */
    readonly create: CreateChild = (ctor, scope, name, args, transform, opts = {}) => createChild(ctor, scope, name, args, {
        provider: this.provider,
        transformations: [],
        transform,
        opts: { ...opts, dependsOn: [this.namespace, ...toArray(opts.dependsOn)] },
    });

    /** The cloud's hooks, whatever the mode (only `secretValue` is used with an existing cluster). */
    get support(): KubernetesSupport | undefined {
        return this.cloud.kubernetes;
    }

    /** The hooks that create cloud-side resources: only for a cluster this program manages. */
    get cloudSide(): KubernetesSupport | undefined {
        return this.existingCluster ? undefined : this.cloud.kubernetes;
    }

    /** The ingress class: `kubernetes.ingressClass` from config, else the cluster's (the cloud's controller). */
    get ingressClass(): pulumi.Output<string> {
        return this.cfg.kubernetes.ingressClass ? pulumi.output(this.cfg.kubernetes.ingressClass) : this.cluster.ingressClass;
    }
}

function toArray(d: pulumi.CustomResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
    if (!d) return [];
    return Array.isArray(d) ? d : [d as pulumi.Input<pulumi.Resource>];
}
