import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ComputeServiceArgs } from "../../components/compute-service";
import { childName } from "../../components/naming";
import type { KubernetesContext } from "./context";
import { CONTAINER_SECURITY_CONTEXT, POD_SECURITY_CONTEXT } from "./security";
import { CONTAINER_RESOURCES, TMP_SIZE_LIMIT } from "./sizes";

export interface DeploymentInputs {
    serviceAccountName: pulumi.Input<string>;
    /** Extra pod labels (the cloud's workload identity, e.g. `azure.workload.identity/use`). */
    podLabels: Record<string, string>;
    env: k8s.types.input.core.v1.EnvVar[];
    dependsOn: pulumi.Resource[];
}

/** Probe timings, from the load balancer's health check (every 30 s, unhealthy after 3). */
export const PROBES = {
    liveness: { initialDelaySeconds: 10, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1 },
    readiness: { initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1 },
    /** Slow starts (migrations, JIT warm-up) get up to 5 min before liveness applies. */
    startup: { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30, successThreshold: 1 },
} as const;

/**
 * The Deployment's rollout per release strategy, with what plain Kubernetes offers (no mesh):
 * - rolling: 1 pod surge, 1 unavailable (as before);
 * - canary: new pods come up `percent` of the replicas at a time with none taken down
 *   first, and each must stay ready for the bake time before the rollout continues
 *   (`minReadySeconds`): traffic reaches the new version in steps of about `percent`, and a
 *   pod failing its probes stops the rollout, which `progressDeadlineSeconds` marks failed;
 * - blueGreen: a complete new set (`maxSurge` 100 %) is up and ready before any old pod goes.
 * True traffic-weighted canaries with metric analysis and automatic rollback need a
 * progressive-delivery controller (Argo Rollouts or Flagger): README "Releases".
 */
export function rolloutSettings(release: ComputeServiceArgs["service"]["release"]): Pick<k8s.types.input.apps.v1.DeploymentSpec, "strategy" | "minReadySeconds" | "progressDeadlineSeconds"> {
    const bakeSeconds = release.bakeMinutes * 60;
    switch (release.strategy) {
        case "rolling":
            return { strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } };
        case "canary":
            return {
                strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: `${Math.ceil(release.percent)}%` } },
                minReadySeconds: bakeSeconds,
                progressDeadlineSeconds: bakeSeconds + 600,
            };
        case "blueGreen":
            return {
                strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "100%" } },
                minReadySeconds: bakeSeconds,
                progressDeadlineSeconds: bakeSeconds + 600,
            };
    }
}

/**
 * The service's Deployment. `replicas` is deliberately omitted: the HPA owns it (min/max per
 * tier), and with server-side apply a `replicas` field here would fight the autoscaler on
 * every `pulumi up`. A fresh Deployment starts at 1 and the HPA raises it to its minimum.
 */
export function createDeployment(ctx: KubernetesContext, scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs, inputs: DeploymentInputs): k8s.apps.v1.Deployment {
    const svc = args.service;
    const selector = ctx.selector(svc.name);
    const labels = ctx.labels(svc.name);
    const httpGet = { path: svc.healthPath, port: "http" };
    const production = ctx.cfg.environment === "production";

    return ctx.create(k8s.apps.v1.Deployment, scope, childName(name, "deployment"), {
        metadata: { name: svc.name, namespace: ctx.namespaceName, labels },
        spec: {
            selector: { matchLabels: selector },
            revisionHistoryLimit: 5,
            ...rolloutSettings(svc.release),
            template: {
                metadata: { labels: { ...labels, ...inputs.podLabels } },
                spec: {
                    serviceAccountName: inputs.serviceAccountName,
                    // No API-server token: the services never call the Kubernetes API. IRSA (EKS) and
                    // Azure workload identity inject their own audience-scoped projected token through
                    // their mutating webhooks; GKE Workload Identity uses the metadata server.
                    automountServiceAccountToken: false,
                    securityContext: POD_SECURITY_CONTEXT,
                    terminationGracePeriodSeconds: 30,
                    topologySpreadConstraints: [
                        // Production spreads hard across zones (a zone outage leaves 2/3); staging may run in one zone.
                        { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: production ? "DoNotSchedule" : "ScheduleAnyway", labelSelector: { matchLabels: selector } },
                        { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector } },
                    ],
                    affinity: {
                        podAntiAffinity: {
                            preferredDuringSchedulingIgnoredDuringExecution: [{
                                weight: 100,
                                podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: selector } },
                            }],
                        },
                    },
                    containers: [{
                        name: svc.name,
                        image: svc.image,
                        command: svc.command,
                        ports: [{ name: "http", containerPort: svc.port, protocol: "TCP" }],
                        env: inputs.env,
                        resources: CONTAINER_RESOURCES[svc.size],
                        securityContext: CONTAINER_SECURITY_CONTEXT,
                        startupProbe: { httpGet, ...PROBES.startup },
                        livenessProbe: { httpGet, ...PROBES.liveness },
                        readinessProbe: { httpGet: { path: svc.readinessPath, port: "http" }, ...PROBES.readiness },
                        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                    }],
                    volumes: [{ name: "tmp", emptyDir: { sizeLimit: TMP_SIZE_LIMIT } }],
                },
            },
        },
    }, undefined, { dependsOn: inputs.dependsOn });
}
