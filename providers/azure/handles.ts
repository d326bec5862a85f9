import type * as pulumi from "@pulumi/pulumi";
import type { SecretReference } from "../../components/component";
import { handleCodec } from "../shared/handles";

/** A generated value in Key Vault: its ARM id (per-secret role assignments) and the value, as a Pulumi secret (Kubernetes Secrets). */
export interface StoredVaultSecret {
    secretId: pulumi.Output<string>;
    reference: SecretReference;
    value: pulumi.Output<string>;
}

/**
 * What each Azure component hands to the components built on it, passed by the Platform as typed
 * Args fields; nothing is kept between calls. Each component's entry is declared in its builder
 * file (`declare module "./handles"` in providers/azure/<component>.ts), so adding a component
 * never edits this file; the cluster's is here, since the Kubernetes support builds it.
 * Type-only imports: this file loads no SDK.
 */
export interface AzureHandles {
    /** The AKS cluster of `compute.runtime: kubernetes` (no handle with an existing cluster's kubeconfig). */
    kubernetesCluster: {
        clusterId: pulumi.Output<string>;
        /** The cluster's OIDC issuer, which workload identities federate to. */
        issuerUrl: pulumi.Output<string>;
        /** The app-routing add-on's grant on the certificate: the Ingress waits for it. */
        certificateGrant: pulumi.Resource;
    };
}

export const azureHandles = handleCodec<AzureHandles>("azure");
