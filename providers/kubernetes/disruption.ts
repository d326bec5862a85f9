import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ComputeServiceArgs } from "../../components/compute-service";
import { childName } from "../../components/naming";
import type { KubernetesContext } from "./context";

/**
 * PodDisruptionBudget: `maxUnavailable: 1` on both tiers. Voluntary disruptions (node drains,
 * cluster upgrades) take one pod at a time, so production (>= 3 replicas, spread over zones)
 * keeps serving. `minAvailable: 1` was rejected for staging: with its single replica it would
 * allow zero disruptions and block every node drain and upgrade. Unhealthy pods may always be
 * evicted, so a crash-looping pod never blocks a drain.
 */
export function createDisruptionBudget(ctx: KubernetesContext, scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs): k8s.policy.v1.PodDisruptionBudget {
    const svc = args.service;
    return ctx.create(k8s.policy.v1.PodDisruptionBudget, scope, childName(name, "pdb"), {
        metadata: { name: svc.name, namespace: ctx.namespaceName, labels: ctx.labels(svc.name) },
        spec: {
            maxUnavailable: 1,
            selector: { matchLabels: ctx.selector(svc.name) },
            unhealthyPodEvictionPolicy: "AlwaysAllow",
        },
    });
}
