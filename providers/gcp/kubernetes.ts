import type { KubernetesSupport } from "../../components/cloud";
import type { GcpContext } from "./context";
import { createGkeCluster } from "./kubernetes-cluster";
import { createGkeIngress } from "./kubernetes-ingress";
import { createWorkloadIdentity } from "./kubernetes-identity";
import { secretValueFor } from "./kubernetes-secrets";

/** What GCP contributes to `compute.runtime: kubernetes`. */
export function gcpKubernetesSupport(ctx: GcpContext): KubernetesSupport {
    return {
        cluster: (scope, name, args) => createGkeCluster(ctx, scope, name, args),
        workloadIdentity: (scope, name, args) => createWorkloadIdentity(ctx, scope, name, args),
        secretValue: (_scope, _name, ref, owner) => secretValueFor(ref, owner),
        ingress: (scope, name, args) => createGkeIngress(ctx, scope, name, args),
    };
}
