import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BINDING_ENV } from "../../components/compute-service";
import { childName } from "../../components/naming";
import type { KubernetesContext } from "./context";
import type { DatabaseRole } from "../../components/database-access";
import type { WorkloadArgs } from "./identity";

/** The binding env vars that carry secrets: always `secretKeyRef`, never a plain `value`. */
export const SECRET_ENV = [BINDING_ENV.databasePassword, BINDING_ENV.cacheAuthToken] as const;

/** The binding secrets a workload receives: the admin password only for an `admin` job. */
export function bindingSecretNames(databaseRole: DatabaseRole): string[] {
    return SECRET_ENV.filter((k) => k !== BINDING_ENV.databasePassword || databaseRole === "admin");
}

/**
 * The service's Kubernetes Secret, built from the Pulumi secrets behind the data tier's secret
 * references (`support.secretValue` reads them; it creates nothing, so it is used with an
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
        ...(databaseRole === "admin" ? { [BINDING_ENV.databasePassword]: pulumi.secret(support.secretValue(scope, childName(name, "db-password"), args.bindings.database.passwordSecret, args.bindings.database.handle)) } : {}),
        [BINDING_ENV.cacheAuthToken]: pulumi.secret(support.secretValue(scope, childName(name, "cache-token"), args.bindings.cache.authSecret, args.bindings.cache.handle)),
        // The application's own secrets (services.<name>.secrets), straight from secret config.
        ...Object.fromEntries(Object.entries(svc.secrets).map(([k, v]) => [k, pulumi.secret(v)])),
    };
    return ctx.create(k8s.core.v1.Secret, scope, childName(name, "secret"), {
        metadata: { name: `${svc.name}-bindings`, namespace: ctx.namespaceName, labels: ctx.labels(svc.name) },
        type: "Opaque",
        stringData,
    }, undefined, { additionalSecretOutputs: ["data", "stringData"] });
}

/** Env entries that read the Secret's keys: the bindings' and the service's own secrets. */
export function secretEnv(secret: k8s.core.v1.Secret, appSecretNames: string[] = [], databaseRole: DatabaseRole = "app"): k8s.types.input.core.v1.EnvVar[] {
    return [...bindingSecretNames(databaseRole), ...[...appSecretNames].sort()].map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: secret.metadata.name, key } } }));
}
