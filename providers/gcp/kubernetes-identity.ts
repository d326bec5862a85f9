import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { WorkloadIdentityArgs, WorkloadIdentityOutputs } from "../../components/cloud";
import { childName } from "../../components/naming";
import { createServiceIdentity } from "./compute-service";
import type { GcpContext } from "./context";

/** The Workload Identity principal of a Kubernetes ServiceAccount. */
export function workloadIdentityMember(project: string, namespace: string, ksa: string): string {
    return `serviceAccount:${project}.svc.id.goog[${namespace}/${ksa}]`;
}

/**
 * The service's Cloud Run identity, bound to its Kubernetes ServiceAccount: the same account
 * and role grants (createServiceIdentity), plus `roles/iam.workloadIdentityUser` on the
 * account for exactly `<project>.svc.id.goog[<namespace>/<ksa>]`.
 */
export function createWorkloadIdentity(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: WorkloadIdentityArgs): WorkloadIdentityOutputs {
    const { account, grants, databaseUser } = createServiceIdentity(ctx, scope, name, args.service, args.bindings, {
        description: `Workload Identity of ${args.namespace}/${args.serviceAccountName} on GKE`,
        databaseRole: args.databaseRole,
    });
    const binding = ctx.create(gcp.serviceaccount.IAMMember, scope, childName(name, "workload-identity"), {
        serviceAccountId: account.name,
        role: "roles/iam.workloadIdentityUser",
        member: workloadIdentityMember(ctx.project, args.namespace, args.serviceAccountName),
    });
    // Carries the binding and grants as dependencies: whatever consumes the email (the KSA
    // annotation) is ordered after them, so pods do not start before their identity can act.
    const ordered = pulumi.all([account.email, ...[binding, ...grants].map((g) => (g as pulumi.CustomResource).id)]).apply(([email]) => email as string);
    return {
        serviceAccountAnnotations: { "iam.gke.io/gcp-service-account": ordered },
        podLabels: {},
        identity: account.email,
        databaseUser,
    };
}
