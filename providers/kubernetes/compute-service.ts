import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { plainBindingEnv } from "../../components/binding";
import type { ComputeServiceArgs, ComputeServiceOutputs } from "../../components/compute-service";
import { childName } from "../../components/naming";
import type { ReleaseStatus } from "../../components/release";
import { createAutoscaler } from "./autoscaling";
import type { KubernetesContext } from "./context";
import { kubernetesHandles } from "./handles";
import { createDeployment } from "./deployment";
import { createDisruptionBudget } from "./disruption";
import { createServiceIdentity } from "./identity";
import { createNetworkPolicy } from "./network-policy";
import { createBindingsSecret, secretEnv, secretEnvNames } from "./secrets";

/**
 * One service as Kubernetes workloads, the same on every cloud: a ServiceAccount bound to the
 * cloud identity, a Secret from the Pulumi secrets, a hardened Deployment, a ClusterIP Service,
 * an HPA, a PodDisruptionBudget and a NetworkPolicy. Each object has its own file.
 */
export function createKubernetesService(ctx: KubernetesContext, scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs): ComputeServiceOutputs {
    const svc = args.service;
    const identity = createServiceIdentity(ctx, scope, name, args);
    const secret = createBindingsSecret(ctx, scope, name, args);

    const plainEnv: Record<string, pulumi.Input<string>> = { ...plainBindingEnv(svc, args.bindings, identity.databaseUser), ...identity.env };
    for (const key of secretEnvNames(args.bindings)) delete plainEnv[key];

    const networkPolicy = createNetworkPolicy(ctx, scope, name, args);
    const deployment = createDeployment(ctx, scope, name, args, {
        serviceAccountName: identity.serviceAccount.metadata.name,
        podLabels: identity.podLabels,
        env: [...Object.entries(plainEnv).map(([k, v]) => ({ name: k, value: v })), ...secretEnv(secret, args.bindings, Object.keys(svc.secrets))],
        // Pods start only once their identity, secret and network policy exist.
        dependsOn: [identity.serviceAccount, secret, networkPolicy],
    });

    const service = ctx.create(k8s.core.v1.Service, scope, childName(name, "service"), {
        metadata: { name: svc.name, namespace: ctx.namespaceName, labels: ctx.labels(svc.name), annotations: kubernetesHandles.read("loadBalancer", args.loadBalancer.handle, "service").serviceAnnotations[svc.name] },
        spec: { type: "ClusterIP", selector: ctx.selector(svc.name), ports: [{ name: "http", port: svc.port, targetPort: "http", protocol: "TCP" }] },
    });

    createAutoscaler(ctx, scope, name, args, deployment);
    createDisruptionBudget(ctx, scope, name, args);

    return {
        serviceName: deployment.metadata.name,
        identity: identity.identity,
        internalUrl: pulumi.interpolate`http://${service.metadata.name}.${ctx.namespaceName}.svc.cluster.local:${svc.port}`,
        handle: kubernetesHandles.wrap("computeService", {}),
        // The workflow waits on `kubectl rollout status` for this Deployment and undoes it when that or the bake fails.
        release: deployment.metadata.name.apply((deploymentName): ReleaseStatus => ({
            strategy: svc.release.strategy,
            bakeMinutes: svc.release.bakeMinutes,
            gate: "rollout",
            deployment: { namespace: ctx.namespaceName, name: deploymentName },
        })),
    };
}
