import type { KubernetesSupport } from "../../components/cloud";
import type { AzureContext } from "./context";
import { createAksCluster } from "./kubernetes-cluster";
import { createWorkloadIdentity } from "./kubernetes-identity";
import { createIngressSettings } from "./kubernetes-ingress";
import { secretValue } from "./kubernetes-secrets";

/**
 * The Azure side of `compute.runtime: kubernetes`: a private AKS cluster (kubernetes-cluster.ts),
 * workload identities federated to the services' ServiceAccounts with the Container Apps'
 * grants (kubernetes-identity.ts), secret values from what the database and cache stored in
 * Key Vault (kubernetes-secrets.ts), and the internal app-routing nginx behind the Application
 * Gateway (kubernetes-ingress.ts). Loaded on first use (index.ts), so a managed-runtime stack
 * never loads @pulumi/kubernetes.
 */
export function createKubernetesSupport(ctx: AzureContext): KubernetesSupport {
    return {
        cluster: (scope, name, args) => createAksCluster(ctx, scope, name, args),
        workloadIdentity: (scope, name, args) => createWorkloadIdentity(ctx, scope, name, args),
        secretValue: (_scope, _name, ref, owner) => secretValue(ref, owner),
        ingress: (scope, name, args) => createIngressSettings(ctx, scope, name, args),
    };
}
