import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { bindingSecrets } from "../../components/binding";
import { childName } from "../../components/naming";
import type { KubernetesContext } from "./context";
import type { DatabaseRole } from "../../components/database-access";
import type { WorkloadArgs } from "./identity";

/** The binding variables that carry secrets (every bound component's): always `secretKeyRef`, never a plain `value`. */
export function secretEnvNames(bindings: WorkloadArgs["bindings"]): string[] {
    return bindingSecrets(bindings, "all").map((s) => s.env);
}

/**
 * The service's Kubernetes Secret, built from the Pulumi secrets behind the bound components'
 * secret references (`support.secretValue` reads them; it creates nothing, so it is used with an
 * existing cluster too). The values stay Pulumi secrets end to end: the Secret's `stringData`
 * is encrypted in state and never printed. Rotation: a new secret version changes the value,
 * `pulumi up` updates the Secret; pods pick it up on their next rollout.
 */
export function createBindingsSecret(ctx: KubernetesContext, scope: pulumi.ComponentResource, name: string, args: WorkloadArgs, databaseRole: DatabaseRole = "app"): k8s.core.v1.Secret {
    const support = ctx.support;
    if (!support) {
        throw new Error(`platform:compute.runtime = "kubernetes": the ${ctx.cfg.cloud} implementation cannot yet provide secret values for Kubernetes Secrets`);
    }
    const svc = args.service;
    const stringData: Record<string, pulumi.Output<string>> = {
        // Each binding secret the workload receives (components/binding.ts), read where the component that keeps it stored it.
        ...Object.fromEntries(bindingSecrets(args.bindings, { databaseRole }).map((s) => [s.env, pulumi.secret(support.secretValue(scope, childName(name, s.name), s.ref, s.owner.outputs.handle))])),
        // The application's own secrets (services.<name>.secrets), straight from secret config.
        ...Object.fromEntries(Object.entries(svc.secrets).map(([k, v]) => [k, pulumi.secret(v)])),
    };
    return ctx.create(k8s.core.v1.Secret, scope, childName(name, "secret"), {
        metadata: { name: `${svc.name}-bindings`, namespace: ctx.namespaceName, labels: ctx.labels(svc.name) },
        type: "Opaque",
        stringData,
    }, undefined, { additionalSecretOutputs: ["data", "stringData"] });
}

/** Env entries that read the Secret's keys: the binding secrets the workload receives, then its own secrets. */
export function secretEnv(secret: k8s.core.v1.Secret, bindings: WorkloadArgs["bindings"], appSecretNames: string[] = [], databaseRole: DatabaseRole = "app"): k8s.types.input.core.v1.EnvVar[] {
    const received = bindingSecrets(bindings, { databaseRole }).map((s) => s.env);
    return [...received, ...[...appSecretNames].sort()].map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: secret.metadata.name, key } } }));
}
