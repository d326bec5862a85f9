import type * as pulumi from "@pulumi/pulumi";

/**
 * The escape hatch (in the manner of SST's `transform`): either a partial set of args merged
 * over what the component computed, or a function that edits the args and options in place.
 * It runs last, so it can loosen a guarantee; the policy pack is what catches that.
 */
export type Transform<TArgs, TOpts = pulumi.CustomResourceOptions> =
    | Partial<TArgs>
    | ((args: TArgs, opts: TOpts) => void);

export function applyTransform<TArgs extends object, TOpts>(
    args: TArgs,
    opts: TOpts,
    transform: Transform<TArgs, TOpts> | undefined,
): [TArgs, TOpts] {
    if (!transform) return [args, opts];
    if (typeof transform === "function") {
        transform(args, opts);
        return [args, opts];
    }
    return [{ ...args, ...transform }, opts];
}
