import type * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { TierProfile } from "../../components/config/tiers";
import { handleCodec } from "../shared/handles";

/** A value the platform generated and stored in Secret Manager, kept (as a Pulumi secret) for the Kubernetes Secrets. */
export interface StoredSecretValue {
    id: pulumi.Output<string>;
    value: pulumi.Output<string>;
}

/**
 * What each GCP component hands to the components built on it, passed by the Platform as
 * typed Args fields; nothing is kept between calls. Type-only imports: loads no SDK.
 */
export interface GcpHandles {
    network: {
        network: gcp.compute.Network;
        subnet: gcp.compute.Subnetwork;
        /** Private service access range and its peering: Cloud SQL and Memorystore live there. */
        privateRange: gcp.compute.GlobalAddress;
        peering: gcp.servicenetworking.Connection;
        /** Network tag that Cloud Run's direct VPC egress carries; the firewall admits only it to the data tier. */
        computeTag: string;
    };
    /**
     * `secretValues`: the values behind the component's Secret Manager secrets (database
     * password, Redis AUTH string), so the kubernetes runtime builds its Kubernetes Secrets
     * without reading them back from Secret Manager.
     */
    database: { instance: gcp.sql.DatabaseInstance; name: string; maxConnections: number; secretValues: StoredSecretValue[] };
    cache: { instance: gcp.redis.Instance; name: string; secretValues: StoredSecretValue[] };
    objectStore: { bucket: gcp.storage.Bucket };
    loadBalancer: { urlMapName: string; health: TierProfile["loadBalancer"]["health"] };
    computeService: { service: gcp.cloudrunv2.Service };
    /** The GKE cluster of `compute.runtime: kubernetes` (no handle with an existing cluster's kubeconfig). */
    kubernetesCluster: { cluster: gcp.container.Cluster };
}

export const gcpHandles = handleCodec<GcpHandles>("gcp");
