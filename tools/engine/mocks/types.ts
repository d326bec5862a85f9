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
    /** The generic answer: a realistic id (and ARN / name), nothing else computed. */
    fallback: ResourceMock;
    /**
     * The types the generic answer serves: the program reads nothing they compute but their id
     * (`"every type"` where the generic answer is what the real service does: the Kubernetes API
     * server echoes the object, a provider resource computes nothing). A type in neither list is
     * an error, so a new type's computed outputs are a decision, never a silent empty value.
     */
    genericTypes: readonly string[] | "every type";
    invokes: Record<string, InvokeMock>;
}
