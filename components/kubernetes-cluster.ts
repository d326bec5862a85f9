import * as pulumi from "@pulumi/pulumi";
import { CloudHandle, PlatformComponent } from "./component";
import { CreateInput, defineComponent } from "./definition";
import type { Network } from "./network";
import type { NetworkOutputs } from "./network";
import type { PlatformConfig } from "./config";

/** The `platform:kubernetes` settings a KubernetesCluster takes as resolved (documented, with their defaults, on the config types). */
export type KubernetesClusterSettings = Pick<PlatformConfig["kubernetes"], "version" | "nodeSize" | "minNodes" | "maxNodes" | "ingressClass">;

export interface KubernetesClusterArgs extends KubernetesClusterSettings {
    /** Zones the nodes spread across (the network's zones). */
    zones: number;
    /** Kubeconfig of an existing cluster: when set, nothing cloud-side is created. */
    existingKubeconfig?: string;
    /** The platform network it lives in. */
    network: NetworkOutputs;
}

export interface KubernetesClusterOutputs {
    clusterName: pulumi.Output<string>;
    /** Always a Pulumi secret. */
    kubeconfig: pulumi.Output<string>;
    /** The ingress class the LoadBalancer's Ingress uses. */
    ingressClass: pulumi.Output<string>;
    /** The cloud's wiring for the workloads (absent with an existing cluster's kubeconfig). */
    handle?: CloudHandle;
}

/** How a cloud builds a managed cluster under `scope` (components/cloud.ts, KubernetesSupport). */
export type KubernetesClusterBuilder = (scope: pulumi.ComponentResource, name: string, args: KubernetesClusterArgs) => KubernetesClusterOutputs;

/** The managed cluster behind `compute.runtime: kubernetes` (EKS, GKE, AKS), in the platform's private network. */
export class KubernetesCluster extends PlatformComponent<KubernetesClusterOutputs> implements KubernetesClusterOutputs {
    declare readonly clusterName: pulumi.Output<string>;
    declare readonly kubeconfig: pulumi.Output<string>;
    declare readonly ingressClass: pulumi.Output<string>;
    declare readonly handle?: CloudHandle;

    constructor(name: string, args: KubernetesClusterArgs, cloud: { readonly cloud: string; readonly kubernetes?: { cluster: KubernetesClusterBuilder } }, opts?: pulumi.ComponentResourceOptions) {
        super(kubernetesClusterComponent.type, name, (self) => {
            if (args.existingKubeconfig !== undefined) {
                return {
                    clusterName: pulumi.output("existing"),
                    kubeconfig: pulumi.secret(args.existingKubeconfig),
                    ingressClass: pulumi.output(args.ingressClass ?? ""),
                };
            }
            if (!cloud.kubernetes) throw new Error(`platform:compute.runtime = "kubernetes": the ${cloud.cloud} implementation has no managed cluster yet`);
            const out = cloud.kubernetes.cluster(self, name, args);
            return { ...out, ingressClass: args.ingressClass ? pulumi.output(args.ingressClass) : out.ingressClass, kubeconfig: pulumi.secret(out.kubeconfig) };
        }, opts);
    }
}

/** What KubernetesCluster needs of a cloud: its Kubernetes support (components/cloud.ts), when it has one. */
type ClusterCloud = { readonly cloud: string; readonly kubernetes?: { cluster: KubernetesClusterBuilder } };

/**
 * The cluster of `compute.runtime: kubernetes` (none on the managed runtime). The components
 * after it in the catalog get the workloads runtime's builders (components/platform.ts).
 */
export const kubernetesClusterComponent = defineComponent({
    key: "kubernetesCluster",
    builtBy: "kubernetes support",
    role: "foundation",
    create: ({ cfg, cloud, deps }: CreateInput<{ network: Network }, ClusterCloud>): KubernetesCluster | undefined =>
        cfg.compute.runtime !== "kubernetes" ? undefined : new KubernetesCluster("kubernetes-cluster", {
            ...cfg.kubernetes,
            zones: cfg.network.zones,
            existingKubeconfig: cfg.kubernetes.kubeconfig,
            network: deps.network,
        }, cloud, { dependsOn: [deps.network] }),
});
