import type * as pulumi from "@pulumi/pulumi";

/**
 * What a cloud builds, one member per component: each component file adds its own builder
 * (`declare module "./builders" { interface ComponentBuilders { database: DatabaseBuilder } }`),
 * so components/cloud.ts, providers/shared/bind-cloud.ts and PlatformOptions never list the
 * components. This file imports nothing: every component can augment it without an import cycle.
 */
export interface ComponentBuilders {}

/** A key of a component a cloud builds (`database`, `computeService`, ...). */
export type BuilderKey = keyof ComponentBuilders;

/** The contract every builder has: children of `scope`, named `<name>-<child>`. */
export type Builder<A, O> = (scope: pulumi.ComponentResource, name: string, args: A) => O;

/** The Args a component's builder takes. */
export type BuilderArgs<K extends BuilderKey> = ComponentBuilders[K] extends Builder<infer A, unknown> ? A : never;

/** The per-cloud escape hatches a component's Args take as `transform` (components/transform.ts); never when it takes none. */
export type TransformsOf<K extends BuilderKey> = "transform" extends keyof BuilderArgs<K> ? NonNullable<BuilderArgs<K>[Extract<"transform", keyof BuilderArgs<K>>]> : never;

/** `PlatformOptions.transforms`: one optional entry per component whose Args take a `transform`. */
export type ComponentTransforms = { [K in BuilderKey as [TransformsOf<K>] extends [never] ? never : K]?: TransformsOf<K> };
