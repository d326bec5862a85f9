import type { CloudMocks } from "./types";

/** Provider resources (`pulumi:providers:*`): a provider computes nothing, on every cloud. */
export const providerMocks: CloudMocks = {
    prefixes: ["pulumi:providers:"],
    resources: {},
    fallback: (args, ctx) => ({ id: `${args.name}-${ctx.id(args.name, 8)}` }),
    genericTypes: "every type",
    invokes: {},
};

/** @pulumi/random. */
export const commonMocks: CloudMocks = {
    prefixes: ["random:"],
    resources: {
        "random:index/randomPassword:RandomPassword": (args, ctx) => ({
            state: { result: `mock-${ctx.id(args.name, 24)}`, bcryptHash: "$2a$10$mock" },
        }),
        "random:index/randomId:RandomId": (args, ctx) => ({ state: { hex: ctx.id(args.name, 8), b64Url: ctx.id(args.name, 8) } }),
        "random:index/randomString:RandomString": (args, ctx) => ({ state: { result: ctx.id(args.name, Number(args.inputs.length ?? 8)) } }),
    },
    fallback: (args, ctx) => ({ id: `${args.name}-${ctx.id(args.name, 8)}` }),
    genericTypes: [],
    invokes: {},
};
