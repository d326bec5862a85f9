import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ComputeServiceArgs } from "../../components/compute-service";
import { childName } from "../../components/naming";
import type { KubernetesContext } from "./context";

/**
 * Scale-down waits `compute.scaleInCooldownSeconds` of consistently low load (the HPA's
 * stabilization window, 0-3600 s in autoscaling/v2, the range the config key allows) and then
 * removes at most one pod a minute; scale-up reacts at once, adding up to 4 pods or doubling
 * per minute, whichever is more. The window is the managed runtimes' scale-in cooldown.
 */
export function hpaBehavior(scaleInCooldownSeconds: number) {
    return {
        scaleUp: {
            stabilizationWindowSeconds: 0,
            selectPolicy: "Max",
            policies: [{ type: "Pods", value: 4, periodSeconds: 60 }, { type: "Percent", value: 100, periodSeconds: 60 }],
        },
        scaleDown: {
            stabilizationWindowSeconds: scaleInCooldownSeconds,
            selectPolicy: "Min",
            policies: [{ type: "Pods", value: 1, periodSeconds: 60 }],
        },
    };
}

/** autoscaling/v2 HPA: CPU and memory utilisation targets (of the requests), min/max per tier. */
export function createAutoscaler(ctx: KubernetesContext, scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs, deployment: k8s.apps.v1.Deployment): k8s.autoscaling.v2.HorizontalPodAutoscaler {
    const svc = args.service;
    const utilization = (resource: string, averageUtilization: number) => ({ type: "Resource", resource: { name: resource, target: { type: "Utilization", averageUtilization } } });
    return ctx.create(k8s.autoscaling.v2.HorizontalPodAutoscaler, scope, childName(name, "hpa"), {
        metadata: { name: svc.name, namespace: ctx.namespaceName, labels: ctx.labels(svc.name) },
        spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deployment.metadata.name },
            minReplicas: Math.max(1, svc.minReplicas),
            maxReplicas: Math.max(1, svc.maxReplicas),
            metrics: [utilization("cpu", args.cpuTargetPercent), utilization("memory", args.memoryTargetPercent)],
            behavior: hpaBehavior(args.scaleInCooldownSeconds),
        },
    }, undefined, { dependsOn: [deployment] });
}
