import type * as pulumi from "@pulumi/pulumi";
import type { Builder, BuilderKey, ComponentBuilders } from "../../components/builders";
import { CLOUD_BUILT } from "../../components/catalog";
import type { CloudImplementation, KubernetesSupport } from "../../components/cloud";
import type { Cloud } from "../../components/config";

/** A cloud's builder of one component: the contract's builder with that cloud's per-run context first. */
export type CloudBuilder<C, K extends BuilderKey> = ComponentBuilders[K] extends Builder<infer A, infer O>
    ? (ctx: C, scope: pulumi.ComponentResource, name: string, args: A) => O
    : never;

/** A cloud's component builders, one per key of ComponentBuilders. */
export type CloudBuilders<C> = { [K in BuilderKey]: CloudBuilder<C, K> };

/**
 * Each cloud-built catalog entry's builder, read from its file in the cloud's folder
 * (`providers/<cloud>/<file>.ts` exports `builder: CloudBuilder<Context, "<key>">`, which
 * typechecks its signature against the contract). `load` is the cloud's own `require`, so the
 * path resolves in its folder; tests/build-layout.spec.ts fails while a file is missing.
 */
export function loadBuilders<C>(cloud: Cloud, load: (file: string) => unknown): CloudBuilders<C> {
    return Object.fromEntries(CLOUD_BUILT.map((entry) => {
        const { builder } = load(`./${entry.file}`) as { builder?: unknown };
        if (typeof builder !== "function") throw new Error(`internal: providers/${cloud}/${entry.file}.ts exports no \`builder\` for the ${entry.key} component (components/catalog.ts lists it)`);
        return [entry.key, builder];
    })) as CloudBuilders<C>;
}

/** Binds a cloud's builders to its context: the CloudImplementation the Platform calls. */
export function bindCloud<C>(cloud: Cloud, ctx: C, builders: CloudBuilders<C>, kubernetes?: KubernetesSupport): CloudImplementation {
    type AnyBuilder = (ctx: C, scope: pulumi.ComponentResource, name: string, args: unknown) => unknown;
    const bound = Object.fromEntries(Object.entries(builders).map(([key, build]) => [key, (scope: pulumi.ComponentResource, name: string, args: unknown) => (build as AnyBuilder)(ctx, scope, name, args)]));
    return { cloud, ...bound, kubernetes } as CloudImplementation;
}
