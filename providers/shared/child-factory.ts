import type * as pulumi from "@pulumi/pulumi";
import { applyTransform, Transform } from "../../components/transform";

export type ResourceCtor<TArgs, R> = new (name: string, args: TArgs, opts?: pulumi.CustomResourceOptions) => R;

/** A context's `create`: one child of `scope`, its per-child transform applied last. */
export type CreateChild = <TArgs extends object, R>(
    ctor: ResourceCtor<TArgs, R>,
    scope: pulumi.ComponentResource,
    name: string,
    args: TArgs,
    transform?: Transform<TArgs>,
    opts?: pulumi.CustomResourceOptions,
) => R;

/** How one child is placed: its provider, the transformations every child of its context gets, its own transform, any further options. */
export interface ChildPlacement<TArgs> {
    provider: pulumi.ProviderResource;
    transformations: readonly pulumi.ResourceTransformation[];
    transform?: Transform<TArgs>;
    opts?: pulumi.CustomResourceOptions;
}

/**
 * The one place a child resource is constructed: parented to `scope`, on the explicit
 * `provider`, the context's transformations before the child's own `opts.transformations`,
 * and the per-child transform applied last. `CloudContext.create` and the kubernetes
 * runtime's `KubernetesContext.create` (providers/kubernetes/context.ts) both end here;
 * tests/child-factory.spec.ts fails on an SDK resource constructed anywhere else in providers/.
 */
export function createChild<TArgs extends object, R>(ctor: ResourceCtor<TArgs, R>, scope: pulumi.Resource, name: string, args: TArgs, placement: ChildPlacement<TArgs>): R {
    const opts = placement.opts ?? {};
    const transformations = [...placement.transformations, ...(opts.transformations ?? [])];
    const base: pulumi.CustomResourceOptions = { ...opts, parent: scope, provider: placement.provider, ...(transformations.length ? { transformations } : {}) };
    const [finalArgs, finalOpts] = applyTransform<TArgs, pulumi.CustomResourceOptions>(args, base, placement.transform);
    return new ctor(name, finalArgs, finalOpts);
}
