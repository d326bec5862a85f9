import type { CloudMocks } from "./types";

/** azure outputs: filled in with the azure implementation. */
export const azureMocks: CloudMocks = {
    prefixes: ["azure-native:"],
    resources: {},
    fallback: (args, ctx) => ({ id: `${args.name}-${ctx.id(args.name, 8)}` }),
    invokes: {},
};
