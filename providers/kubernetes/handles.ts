import type * as pulumi from "@pulumi/pulumi";
import type { CloudHandle } from "../../components/component";
import { handleCodec } from "../shared/handles";

/** What the kubernetes runtime's components hand to the ones built on them (passed by the Platform, never kept). */
export interface KubernetesHandles {
    /** Per routed service, the annotations the cloud's ingress controller needs on its Service (GKE BackendConfig/NEG, AWS health checks). */
    loadBalancer: {
        serviceAnnotations: Record<string, Record<string, pulumi.Input<string>>>;
        /** The cloud's handle of what it made for the ingress (IngressSettings.handle). */
        ingress?: CloudHandle;
    };
    computeService: Record<string, never>;
}

export const kubernetesHandles = handleCodec<KubernetesHandles>("kubernetes");
