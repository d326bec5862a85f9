import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { plainBindingEnv } from "../../components/binding";
import type { JobArgs, JobOutputs } from "../../components/job";
import { childName } from "../../components/naming";
import type { KubernetesContext } from "./context";
import { createServiceIdentity, WorkloadArgs } from "./identity";
import { createNetworkPolicy } from "./network-policy";
import { createBindingsSecret, secretEnv, secretEnvNames } from "./secrets";
import { CONTAINER_SECURITY_CONTEXT, POD_SECURITY_CONTEXT } from "./security";
import { CONTAINER_RESOURCES, TMP_SIZE_LIMIT } from "./sizes";

/**
 * The port the job's NetworkPolicy admits the platform's pods on. A job serves nothing; the
 * NetworkPolicy names one port like a service's does (the schema's default service port).
 */
const JOB_POD_PORT = 8080;

/**
 * A one-off job on Kubernetes: a suspended CronJob used as a template (it never fires), so
 * `pulumi up` runs nothing; `runCommand` creates one Job from it (`kubectl create job --from`)
 * and waits for it to complete. It gets what a service gets: its ServiceAccount bound to the
 * same kind of cloud identity, its own Secret (bindings + its secrets), a NetworkPolicy, the
 * restricted pod. Workload name `j-<job>`: GCP service account ids leave room for no more.
 */
export function createKubernetesJob(ctx: KubernetesContext, scope: pulumi.ComponentResource, name: string, args: JobArgs): JobOutputs {
    const job = args.job;
    const workload = `j-${job.name}`;
    // The workload builders read the name, secrets, port and route (none) of their workload.
    const asService: WorkloadArgs = {
        service: { name: workload, port: JOB_POD_PORT, secrets: job.secrets },
        bindings: args.bindings,
        network: args.network,
    };
    const identity = createServiceIdentity(ctx, scope, name, asService, job.databaseRole);
    const secret = createBindingsSecret(ctx, scope, name, asService, job.databaseRole);
    const networkPolicy = createNetworkPolicy(ctx, scope, name, asService);

    const plainEnv: Record<string, pulumi.Input<string>> = { ...plainBindingEnv(job, args.bindings, identity.databaseUser), ...identity.env };
    for (const key of secretEnvNames(args.bindings)) delete plainEnv[key];
    const labels = { ...ctx.labels(workload), ...identity.podLabels };

    const cronJob = ctx.create(k8s.batch.v1.CronJob, scope, childName(name, "cronjob"), {
        metadata: { name: workload, namespace: ctx.namespaceName, labels: ctx.labels(workload) },
        spec: {
            // Never due (31 February) and suspended: only `kubectl create job --from` runs it.
            schedule: "0 0 31 2 *",
            suspend: true,
            concurrencyPolicy: "Forbid",
            jobTemplate: {
                spec: {
                    backoffLimit: 0,
                    activeDeadlineSeconds: job.timeoutSeconds,
                    ttlSecondsAfterFinished: 86400,
                    template: {
                        metadata: { labels },
                        spec: {
                            serviceAccountName: identity.serviceAccount.metadata.name,
                            automountServiceAccountToken: false,
                            restartPolicy: "Never",
                            securityContext: POD_SECURITY_CONTEXT,
                            containers: [{
                                name: job.name,
                                image: job.image,
                                command: job.command,
                                env: [...Object.entries(plainEnv).map(([k, v]) => ({ name: k, value: v })), ...secretEnv(secret, args.bindings, Object.keys(job.secrets), job.databaseRole)],
                                resources: CONTAINER_RESOURCES[job.size],
                                securityContext: CONTAINER_SECURITY_CONTEXT,
                                volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                            }],
                            volumes: [{ name: "tmp", emptyDir: { sizeLimit: TMP_SIZE_LIMIT } }],
                        },
                    },
                },
            },
        },
    }, undefined, { dependsOn: [identity.serviceAccount, secret, networkPolicy] });

    const ns = ctx.namespaceName;
    return {
        jobName: cronJob.metadata.name,
        identity: identity.identity,
        runCommand: pulumi.interpolate`RUN=${workload}-$(date +%s) && kubectl -n ${ns} create job "$RUN" --from=cronjob/${cronJob.metadata.name} && kubectl -n ${ns} wait --for=condition=complete --timeout=${job.timeoutSeconds}s job/"$RUN"`,
    };
}
