import type * as pulumi from "@pulumi/pulumi";

/** Computes the provider-side outputs of one resource type from its inputs. */
export type ResourceMock = (args: pulumi.runtime.MockResourceArgs, ctx: MockContext) => { id?: string; state?: Record<string, unknown> };
/** Answers one invoke (data source) token. */
export type InvokeMock = (args: pulumi.runtime.MockCallArgs, ctx: MockContext) => Record<string, unknown>;

export interface MockContext {
    /** A stable fake id for a resource name: the same across runs, so plans diff cleanly. */
    id(name: string, length?: number): string;
    stack: string;
    project: string;
}

/** One cloud's mock table: resource outputs by type token, invokes by token. */
export interface CloudMocks {
    /** Type-token prefixes this table owns (e.g. `aws:`). */
    prefixes: string[];
    /** Outputs for types that need more than echoing inputs (endpoints, ARNs, ...). */
    resources: Record<string, ResourceMock>;
    /** Fallback for this cloud's other types: a realistic id (and ARN/self link). */
    fallback: ResourceMock;
    invokes: Record<string, InvokeMock>;
}
