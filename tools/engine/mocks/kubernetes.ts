import type { CloudMocks } from "./types";

/** Kubernetes objects: the API server echoes the object; Ingress gets a load balancer address in status. */
export const kubernetesMocks: CloudMocks = {
    prefixes: ["kubernetes:"],
    resources: {
        "kubernetes:networking.k8s.io/v1:Ingress": (args, ctx) => ({
            state: { status: { loadBalancer: { ingress: [{ hostname: `k8s-${ctx.id(args.name, 8)}.elb.example.com` }] } } },
        }),
    },
    genericTypes: "every type",
    fallback: (args) => ({ id: `${(args.inputs.metadata as { namespace?: string })?.namespace ?? "default"}/${(args.inputs.metadata as { name?: string })?.name ?? args.name}` }),
    invokes: {},
};
