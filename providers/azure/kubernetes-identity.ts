import * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import type { WorkloadIdentityArgs, WorkloadIdentityOutputs } from "../../components/cloud";
import { childName } from "../../components/naming";
import { serviceIdentity } from "./compute-service";
import type { AzureContext } from "./context";
import { azureHandles } from "./handles";

/** Audience of Entra workload identity federation tokens. */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

/**
 * Azure workload identity: the service's own user-assigned identity with the same grants the
 * Container App would get (compute-service.ts serviceIdentity), federated to its
 * ServiceAccount through the cluster's OIDC issuer. With an existing cluster (kubeconfig in
 * config) the issuer is unknown, so the operator federates it (a warning says how).
 */
export function createWorkloadIdentity(run: AzureContext, scope: pulumi.ComponentResource, name: string, args: WorkloadIdentityArgs): WorkloadIdentityOutputs {
    const ctx = run.withFoundation(azureHandles.read("network", args.network.handle, "workload identity"));
    const { identity, databaseUser, env } = serviceIdentity(ctx, scope, name, { service: args.service, bindings: args.bindings, databaseRole: args.databaseRole });
    const issuerUrl = azureHandles.readIfOwn("kubernetesCluster", args.cluster.handle)?.issuerUrl;
    if (issuerUrl) {
        ctx.create(managedidentity.FederatedIdentityCredential, scope, childName(name, "federated-credential"), {
            federatedIdentityCredentialResourceName: `kubernetes-${args.namespace}-${args.serviceAccountName}`.slice(0, 120),
            resourceName: identity.name,
            resourceGroupName: ctx.foundation.resourceGroupName,
            issuer: issuerUrl,
            subject: `system:serviceaccount:${args.namespace}:${args.serviceAccountName}`,
            audiences: [WORKLOAD_IDENTITY_AUDIENCE],
        });
    } else {
        // An existing cluster (kubeconfig in config): its issuer is unknown to the program.
        pulumi.log.warn(`${args.service}: existing cluster: federate identity ${ctx.physical(args.service, "id")} to system:serviceaccount:${args.namespace}:${args.serviceAccountName} with that cluster's OIDC issuer`, scope);
    }
    return {
        serviceAccountAnnotations: {
            "azure.workload.identity/client-id": identity.clientId,
            "azure.workload.identity/tenant-id": identity.tenantId,
        },
        // The workload identity webhook injects AZURE_CLIENT_ID/TENANT_ID for labelled pods.
        podLabels: { "azure.workload.identity/use": "true" },
        identity: identity.clientId,
        env,
        databaseUser,
    };
}
