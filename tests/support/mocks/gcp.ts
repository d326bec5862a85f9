import type { CloudMocks } from "./types";

/** gcp outputs: filled in with the gcp implementation. */
export const gcpMocks: CloudMocks = {
    prefixes: ["gcp:"],
    resources: {},
    fallback: (args, ctx) => ({ id: `${args.name}-${ctx.id(args.name, 8)}` }),
    invokes: {},
};
