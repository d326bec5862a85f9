import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { handleCodec } from "../shared/handles";

/**
 * What each AWS component hands to the components built on it, passed by the Platform as typed
 * Args fields; nothing is kept between calls. Each component's entry is declared in its builder
 * file (`declare module "./handles"` in providers/aws/<component>.ts), so adding a component
 * never edits this file; the cluster's is here, since the Kubernetes support builds it.
 * Type-only imports: this file loads no SDK.
 */
export interface AwsHandles {
    /** The EKS cluster of `compute.runtime: kubernetes` (no handle with an existing cluster's kubeconfig). */
    kubernetesCluster: {
        cluster: aws.eks.Cluster;
        oidcProvider: aws.iam.OpenIdConnectProvider;
        /** The issuer without `https://`, the prefix of the IRSA condition keys. */
        issuerHost: pulumi.Output<string>;
    };
}

export const awsHandles = handleCodec<AwsHandles>("aws");
