import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { WorkloadIdentityOutputs } from "../../components/cloud";
import type { ComputeServiceArgs } from "../../components/compute-service";
import type { ServiceConfig } from "../../components/config";
import { childName } from "../../components/naming";
import type { KubernetesContext } from "./context";
import type { DatabaseRole } from "../../components/database-access";

/**
 * What the per-workload builders (identity, Secret, NetworkPolicy) read of a service or a job:
 * its name, secrets, pod port and route (a job has no route), its bindings and network.
 */
export type WorkloadArgs = Pick<ComputeServiceArgs, "bindings" | "network"> & { service: Pick<ServiceConfig, "name" | "secrets" | "port" | "http"> };

export interface ServiceIdentity {
    serviceAccount: k8s.core.v1.ServiceAccount;
    /** The cloud identity (managed cluster), else the ServiceAccount's name. */
    identity: pulumi.Output<string>;
    podLabels: Record<string, string>;
    /** Cloud-specific plain environment (WorkloadIdentityOutputs.env). */
    env: Record<string, pulumi.Input<string>>;
    /**
     * The IAM database login of the cloud identity; with an existing cluster (no cloud identity)
     * the ServiceAccount's name, the login the cluster owner binds its identity to.
     */
    databaseUser: pulumi.Input<string>;
}

/**
 * The service's ServiceAccount, bound to the same least-privilege cloud identity the managed
 * runtime gives the service (IRSA role / GCP service account / Azure managed identity) through
 * the annotations the cloud returns. With an existing cluster no cloud identity is created:
 * the ServiceAccount is plain, and binding it is the cluster owner's job.
 */
export function createServiceIdentity(ctx: KubernetesContext, scope: pulumi.ComponentResource, name: string, args: WorkloadArgs, databaseRole: DatabaseRole = "app"): ServiceIdentity {
    const svc = args.service;
    const wi: WorkloadIdentityOutputs | undefined = ctx.cloudSide?.workloadIdentity(scope, name, {
        service: svc.name,
        namespace: ctx.namespaceName,
        serviceAccountName: svc.name,
        bindings: args.bindings,
        databaseRole,
        network: args.network,
        cluster: ctx.cluster,
    });
    const serviceAccount = ctx.create(k8s.core.v1.ServiceAccount, scope, childName(name, "sa"), {
        metadata: { name: svc.name, namespace: ctx.namespaceName, labels: ctx.labels(svc.name), annotations: wi?.serviceAccountAnnotations },
        automountServiceAccountToken: false,
    });
    return {
        serviceAccount,
        identity: wi?.identity ?? serviceAccount.metadata.name,
        podLabels: wi?.podLabels ?? {},
        env: wi?.env ?? {},
        databaseUser: wi?.databaseUser ?? serviceAccount.metadata.name,
    };
}
