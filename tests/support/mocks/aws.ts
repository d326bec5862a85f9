import type { CloudMocks } from "./types";

const ACCOUNT = "123456789012";

function arnFor(type: string, name: string, region: string): string {
    const service = type.split(":")[1]?.split("/")[0] ?? "aws";
    return `arn:aws:${service}:${region}:${ACCOUNT}:${name}`;
}

/** AWS outputs: ARNs, endpoints and ids shaped like the real ones. Region us-west-2 unless the provider says otherwise. */
export const awsMocks: CloudMocks = {
    prefixes: ["aws:"],
    resources: {},
    fallback: (args, ctx) => ({
        id: `${args.name}-${ctx.id(args.name, 8)}`,
        state: { arn: arnFor(args.type, args.name, "us-west-2") },
    }),
    invokes: {},
};
