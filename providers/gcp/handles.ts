import type * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { handleCodec } from "../shared/handles";

/** A value the platform generated and stored in Secret Manager, kept (as a Pulumi secret) for the Kubernetes Secrets. */
export interface StoredSecretValue {
    id: pulumi.Output<string>;
    value: pulumi.Output<string>;
}

/**
 * What each GCP component hands to the components built on it, passed by the Platform as typed
 * Args fields; nothing is kept between calls. Each component's entry is declared in its builder
 * file (`declare module "./handles"` in providers/gcp/<component>.ts), so adding a component
 * never edits this file; the cluster's is here, since the Kubernetes support builds it.
 * Type-only imports: this file loads no SDK.
 */
export interface GcpHandles {
    /** The GKE cluster of `compute.runtime: kubernetes` (no handle with an existing cluster's kubeconfig). */
    kubernetesCluster: { cluster: gcp.container.Cluster };
}

export const gcpHandles = handleCodec<GcpHandles>("gcp");
