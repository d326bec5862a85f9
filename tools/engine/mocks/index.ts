import type * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { awsMocks } from "./aws";
import { commonMocks, providerMocks } from "./common";
import { azureMocks } from "./azure";
import { gcpMocks } from "./gcp";
import { kubernetesMocks } from "./kubernetes";
import type { CloudMocks, MockContext } from "./types";

const TABLES: CloudMocks[] = [awsMocks, gcpMocks, azureMocks, kubernetesMocks, providerMocks, commonMocks];

/**
 * Mocks that answer like the clouds do: every resource gets a realistic id plus the outputs
 * the provider would compute (ARNs, endpoints, self links, resource ids), every invoke the
 * program makes is answered, and an invoke nobody modelled is an error rather than an empty
 * object, so a new data source cannot slip into the program untested. So is a resource type
 * that neither has its own answer nor is listed as served by the generic one (`genericTypes`):
 * an output a workload reads would otherwise be silently empty.
 */
export function recordingMocks(project: string, stack: string): pulumi.runtime.Mocks {
    const ctx: MockContext = {
        project,
        stack,
        id: (name, length = 17) => createHash("sha256").update(`${stack}/${name}`).digest("hex").slice(0, length),
    };
    const tableFor = (token: string) => TABLES.find((t) => t.prefixes.some((p) => token.startsWith(p)));
    return {
        newResource(args) {
            // Component resources (platform:components:*) have no provider: echo their inputs.
            if (args.custom === false) return { id: "", state: args.inputs };
            const table = tableFor(args.type);
            if (!table) throw new Error(`mocks: no cloud owns resource type ${args.type}; add it to tools/engine/mocks`);
            const generic = table.genericTypes === "every type" || table.genericTypes.includes(args.type);
            const mock = table.resources[args.type] ?? (generic ? table.fallback : undefined);
            if (!mock) throw new Error(`mocks: no mock for resource type ${args.type} (${args.name}): answer the outputs its provider computes in tools/engine/mocks \`resources\`, or list it in \`genericTypes\` when the program reads nothing it computes but its id`);
            const out = mock(args, ctx);
            return { id: out.id ?? `${args.name}-${ctx.id(args.name, 8)}`, state: { ...args.inputs, ...out.state } };
        },
        call(args) {
            const table = tableFor(args.token);
            const mock = table?.invokes[args.token];
            if (!mock) throw new Error(`mocks: unknown invoke ${args.token}; answer it in tools/engine/mocks`);
            return mock(args, ctx);
        },
    };
}
