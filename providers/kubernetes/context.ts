import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { CloudImplementation, KubernetesSupport } from "../../components/cloud";
import type { PlatformConfig } from "../../components/config";
import type { KubernetesCluster } from "../../components/kubernetes-cluster";

/**
 * The kubernetes side of one program run: the explicit provider built from the cluster's
 * kubeconfig (a secret), the environment's namespace, and the cloud's support hooks.
 */
export class KubernetesContext {
    readonly provider: k8s.Provider;
    readonly namespace: k8s.core.v1.Namespace;
    readonly namespaceName: string;

    constructor(readonly cloud: CloudImplementation, readonly cfg: PlatformConfig, readonly cluster: KubernetesCluster) {
        this.provider = new k8s.Provider("kubernetes", {
            kubeconfig: cluster.kubeconfig,
            enableServerSideApply: true,
        }, { parent: cluster });
        this.namespaceName = `${cfg.appName}-${cfg.environment}`;
        this.namespace = new k8s.core.v1.Namespace("kubernetes-namespace", {
            metadata: { name: this.namespaceName, labels: { ...this.labels(), "pod-security.kubernetes.io/enforce": "restricted" } },
        }, { parent: cluster, provider: this.provider });
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

    /** Options for a workload object: parented to its component, on the cluster's provider, after the namespace. */
    opts(scope: pulumi.Resource, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
        return { ...extra, parent: scope, provider: this.provider, dependsOn: [this.namespace, ...toArray(extra.dependsOn)] };
    }

    /** The cloud's hooks; an existing cluster (kubeconfig in config) may run without cloud-side identities. */
    get support(): KubernetesSupport | undefined {
        return this.cloud.kubernetes;
    }
}

function toArray(d: pulumi.CustomResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
    if (!d) return [];
    return Array.isArray(d) ? d : [d as pulumi.Input<pulumi.Resource>];
}
