import type { KubernetesRuntimeModule } from "../../components/cloud";
import { createKubernetesService } from "./compute-service";
import { KubernetesContext } from "./context";
import { createKubernetesJob } from "./job";
import { createKubernetesLoadBalancer } from "./load-balancer";

/**
 * The kubernetes runtime: the same workloads on EKS, GKE, AKS or an existing cluster.
 *
 * Files, one concept each: context (provider, namespace, mode), identity (ServiceAccount +
 * cloud identity), secrets (Secret + secretKeyRef env), deployment (+ security, sizes),
 * autoscaling (HPA), disruption (PDB), network-policy, compute-service (the composition of a
 * service), load-balancer (the Ingress).
 */
export const createKubernetesRuntime: KubernetesRuntimeModule["createKubernetesRuntime"] = (cloud, cfg, cluster) => {
    const ctx = new KubernetesContext(cloud, cfg, cluster);
    return {
        loadBalancer: (scope, name, args) => createKubernetesLoadBalancer(ctx, scope, name, args),
        computeService: (scope, name, args) => createKubernetesService(ctx, scope, name, args),
        job: (scope, name, args) => createKubernetesJob(ctx, scope, name, args),
    };
};
