import type * as pulumi from "@pulumi/pulumi";
import { cacheComponent } from "./cache";
import type { CloudImplementation } from "./cloud";
import { computeServiceComponent } from "./compute-service";
import type { PlatformConfig } from "./config";
import { databaseComponent } from "./database";
import { COMPONENT_ROLES, type ComponentDefinition } from "./definition";
import { jobComponent } from "./job";
import { kubernetesClusterComponent } from "./kubernetes-cluster";
import { loadBalancerComponent } from "./load-balancer";
import { monitoringComponent } from "./monitoring";
import { networkComponent } from "./network";
import { objectStoreComponent } from "./object-store";

/**
 * Each entry checked against the ones before it: the components its `create` is built on
 * (`deps`) must come earlier, and the selected cloud (CloudImplementation) must offer the
 * builder it calls. A wrong order or a missing builder fails the typecheck, naming the entry.
 */
type Ordered<T extends readonly unknown[], Built> = T extends readonly [infer Head, ...infer Rest]
    ? Head extends ComponentDefinition<infer K, infer Instance, infer Deps, infer Cloud>
        ? readonly [
            Built extends Deps ? (CloudImplementation extends Cloud ? Head : `${K}: the cloud does not offer the builder it calls`) : `${K}: built on a component that comes later in the catalog`,
            ...Ordered<Rest, Built & { [P in K]: Instance }>,
        ]
        : readonly ["not a ComponentDefinition"]
    : readonly [];

const DEFINITIONS = [
    networkComponent,
    kubernetesClusterComponent,
    databaseComponent,
    cacheComponent,
    objectStoreComponent,
    loadBalancerComponent,
    computeServiceComponent,
    jobComponent,
    monitoringComponent,
] as const;

/**
 * The one list of the platform's components, in the order the Platform creates them (the data
 * flow: network, cluster, data tier, load balancer, services, jobs, alerts). Adding a component
 * is its file, one line here, and a builder file per cloud (docs/architecture.md, "Recipe: add a
 * component").
 */
export const CATALOG: Ordered<typeof DEFINITIONS, Record<never, never>> = DEFINITIONS;

export type CatalogEntry = (typeof DEFINITIONS)[number];
export type CatalogKey = CatalogEntry["key"];

/** What the Platform made, by catalog key: each entry's component (or record of them). */
export type BuiltComponents = { [D in CatalogEntry as D["key"]]: ReturnType<D["create"]> };

/** The type token of each component, by catalog key. */
export const COMPONENT_TYPES = Object.fromEntries(DEFINITIONS.map((d) => [d.key, d.type])) as { [D in CatalogEntry as D["key"]]: D["type"] };

/** The entries a cloud builds itself: one `providers/<cloud>/<file>.ts` each, exporting `builder`. */
export const CLOUD_BUILT = DEFINITIONS.filter((d) => d.builtBy === "cloud");

/**
 * The entries services and jobs bind to (a `binding` in their definition), in catalog order.
 * Their outputs are ServiceBindings' keys (each adds its own from its file): the workloads'
 * WorkloadDeps require them, so a key without its entry here fails the order check above.
 */
export const BINDABLE = DEFINITIONS.filter((d) => d.binding !== undefined);

/** The entry whose type token this is (undefined for any other type). */
export function definitionOfType(type: string): CatalogEntry | undefined {
    return DEFINITIONS.find((d) => d.type === type);
}

/** The catalog's stack outputs, grouped by role (components/definition.ts), in catalog order within a role. */
export function catalogOutputs(built: BuiltComponents, cfg: PlatformConfig): Record<string, pulumi.Input<unknown>> {
    const out: Record<string, pulumi.Input<unknown>> = {};
    for (const role of COMPONENT_ROLES) {
        for (const d of DEFINITIONS) {
            const outputs = d.outputs as ((instance: unknown, cfg: PlatformConfig) => Record<string, pulumi.Input<unknown>>) | undefined;
            const instance = built[d.key];
            if (d.role === role && outputs && instance !== undefined) Object.assign(out, outputs(instance, cfg));
        }
    }
    return out;
}
