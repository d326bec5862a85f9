import type { KubernetesSupport } from "../../components/cloud";
import { createEksCluster } from "./kubernetes-cluster";
import { AwsContext } from "./context";
import { createWorkloadIdentity } from "./kubernetes-identity";
import { secretValue } from "./kubernetes-secrets";
import { createIngressSettings } from "./kubernetes-ingress";

/**
 * The AWS side of `compute.runtime: kubernetes`: EKS (kubernetes-cluster.ts), IRSA roles (kubernetes-identity.ts) with the same
 * least-privilege documents as the ECS roles, secret values read from Secrets Manager
 * (kubernetes-secrets.ts), and
 * the ALB ingress settings (kubernetes-ingress.ts: certificate, TLS policy, redirect, health check, WAF, logs).
 */
export function createKubernetesSupport(ctx: AwsContext): KubernetesSupport {
    return {
        cluster: (scope, name, args) => createEksCluster(ctx, scope, name, args),
        workloadIdentity: (scope, name, args) => createWorkloadIdentity(ctx, scope, name, args),
        secretValue: (scope, _name, ref) => secretValue(ctx, scope, ref),
        ingress: (scope, name, args) => createIngressSettings(ctx, scope, name, args),
    };
}
