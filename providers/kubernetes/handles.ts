import type * as pulumi from "@pulumi/pulumi";
import { handleCodec } from "../shared/handles";

/** What the kubernetes runtime's components hand to the ones built on them (passed by the Platform, never kept). */
export interface KubernetesHandles {
    /** Per routed service, the annotations the cloud's ingress controller needs on its Service (GKE BackendConfig/NEG, AWS health checks). */
    loadBalancer: { serviceAnnotations: Record<string, Record<string, pulumi.Input<string>>> };
    computeService: Record<string, never>;
}

export const kubernetesHandles = handleCodec<KubernetesHandles>("kubernetes");
