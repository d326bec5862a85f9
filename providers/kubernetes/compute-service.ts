import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BINDING_ENV, ComputeServiceArgs, ComputeServiceOutputs } from "../../components/compute-service";
import { childName } from "../../components/naming";
import type { KubernetesContext } from "./context";

/**
 * One service as Kubernetes workloads: a ServiceAccount bound to the cloud identity, a Secret
 * built from the Pulumi secrets, a Deployment and a ClusterIP Service.
 * (Skeleton: HPA, PDB, NetworkPolicy and the hardened pod spec follow in this folder.)
 */
export function createKubernetesService(ctx: KubernetesContext, scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs): ComputeServiceOutputs {
    const svc = args.service;
    const labels = ctx.labels(svc.name);
    const selector = { "app.kubernetes.io/name": svc.name, "app.kubernetes.io/part-of": ctx.cfg.appName };
    const ns = ctx.namespaceName;

    const identity = ctx.support?.workloadIdentity(scope, name, { service: svc.name, namespace: ns, serviceAccountName: svc.name, bindings: args.bindings });
    const serviceAccount = new k8s.core.v1.ServiceAccount(childName(name, "sa"), {
        metadata: { name: svc.name, namespace: ns, labels, annotations: identity?.serviceAccountAnnotations },
        automountServiceAccountToken: false,
    }, ctx.opts(scope));

    const secretName = `${svc.name}-bindings`;
    const secret = new k8s.core.v1.Secret(childName(name, "secret"), {
        metadata: { name: secretName, namespace: ns, labels },
        type: "Opaque",
        stringData: ctx.support
            ? {
                [BINDING_ENV.databasePassword]: ctx.support.secretValue(scope, childName(name, "db-password"), args.bindings.database.password),
                [BINDING_ENV.cacheAuthToken]: ctx.support.secretValue(scope, childName(name, "cache-token"), args.bindings.cache.authToken),
            }
            : {},
    }, ctx.opts(scope));

    const plainEnv = {
        ...svc.env,
        [BINDING_ENV.databaseHost]: args.bindings.database.endpoint,
        [BINDING_ENV.databasePort]: args.bindings.database.port.apply(String),
        [BINDING_ENV.databaseName]: args.bindings.database.databaseName,
        [BINDING_ENV.databaseUser]: args.bindings.database.username,
        [BINDING_ENV.cacheHost]: args.bindings.cache.endpoint,
        [BINDING_ENV.cachePort]: args.bindings.cache.port.apply(String),
        [BINDING_ENV.bucket]: args.bindings.objectStore.bucketName,
    };
    const deployment = new k8s.apps.v1.Deployment(childName(name, "deployment"), {
        metadata: { name: svc.name, namespace: ns, labels },
        spec: {
            replicas: svc.minReplicas,
            selector: { matchLabels: selector },
            template: {
                metadata: { labels: { ...labels, ...identity?.podLabels } },
                spec: {
                    serviceAccountName: serviceAccount.metadata.name,
                    containers: [{
                        name: svc.name,
                        image: svc.image,
                        command: svc.command,
                        ports: [{ name: "http", containerPort: svc.port }],
                        env: [
                            ...Object.entries(plainEnv).map(([k, v]) => ({ name: k, value: v })),
                            ...[BINDING_ENV.databasePassword, BINDING_ENV.cacheAuthToken].map((key) => ({
                                name: key,
                                valueFrom: { secretKeyRef: { name: secret.metadata.name, key } },
                            })),
                        ],
                    }],
                },
            },
        },
    }, ctx.opts(scope));

    const service = new k8s.core.v1.Service(childName(name, "service"), {
        metadata: { name: svc.name, namespace: ns, labels },
        spec: { type: "ClusterIP", selector, ports: [{ name: "http", port: svc.port, targetPort: "http" }] },
    }, ctx.opts(scope, { dependsOn: [deployment] }));

    return {
        serviceName: deployment.metadata.name,
        identity: identity?.identity ?? serviceAccount.metadata.name,
        internalUrl: pulumi.interpolate`http://${service.metadata.name}.${ns}.svc.cluster.local:${svc.port}`,
    };
}
