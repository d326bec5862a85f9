import type * as pulumi from "@pulumi/pulumi";
import type { BindableEntry, Binding } from "./binding";
import type { ComponentTransforms } from "./builders";
import type { PlatformConfig } from "./config";
import type { AnySection, ConfigSection } from "./config/sections";

/**
 * Where a component sits in the platform. The topology draws by it (the entry point, the
 * services, the data tier they bind to, the observer) and the stack outputs are grouped by it,
 * in this order.
 */
export const COMPONENT_ROLES = ["foundation", "entry", "data", "service", "observer", "task"] as const;
export type ComponentRole = (typeof COMPONENT_ROLES)[number];

/** What the Platform hands a catalog entry to create its component(s). */
export interface CreateInput<Deps, Cloud> {
    cfg: PlatformConfig;
    /** The selected cloud's builders (under `compute.runtime: kubernetes`, after the cluster, the workloads runtime's). */
    cloud: Cloud;
    /** The components created before it, by catalog key; components/catalog.ts's type fails when one comes later. */
    deps: Deps;
    /** `PlatformOptions.transforms`. */
    transforms: ComponentTransforms;
    /**
     * The catalog's entries workloads bind to (`BINDABLE`, catalog order). A workload's create
     * binds to those of its own typed `deps` (binding.ts `bindingsOf`): the catalog is not
     * importable from a component file (it imports them), and `deps` stays the one record of
     * what was built before an entry.
     */
    bindable: readonly BindableEntry[];
}

/**
 * One entry of components/catalog.ts, exported by the component's own file: how the Platform
 * creates it from the resolved config and the components it is built on, what it adds to the
 * stack outputs, and what tools read about it.
 */
// A section of any types whose key is K (`any` keeps its methods' parameters assignable, as AnySection does).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SectionKeyed<K extends string> = ConfigSection<K, any, any, any>;

export interface ComponentDefinition<K extends string = string, Instance = unknown, Deps = never, Cloud = never, Settings extends AnySection | undefined = AnySection | undefined> {
    /** The catalog key: the builder's key in CloudImplementation, `PlatformOptions.transforms`'s key. */
    readonly key: K;
    /** `Database`: the type token's last part. */
    readonly kind: Capitalize<K>;
    /** The one Pulumi type token, the same on every cloud. */
    readonly type: `platform:components:${Capitalize<K>}`;
    /** `providers/<cloud>/<file>.ts`, the builder file every cloud has (kebab-case of the key). */
    readonly file: string;
    /**
     * `cloud`: a member of CloudImplementation, loaded from each cloud's `<file>.ts` `builder`;
     * `kubernetes support`: part of the cloud's Kubernetes support (components/cloud.ts).
     */
    readonly builtBy: "cloud" | "kubernetes support";
    readonly role: ComponentRole;
    /**
     * Present when services and jobs bind to it (components/binding.ts): what every runtime gives
     * a bound workload, and the plain variable and stack output that show a service uses it (the
     * topology's evidence). Its outputs join `ServiceBindings` from its file.
     */
    readonly binding?: Binding<never>;
    /**
     * Its own `platform:<key>` config section, when it has settings (components/config/sections/section.ts:
     * schema, tier defaults, rules, README rows). The program's config lists it after the
     * platform's own sections (components/program-config.ts), and the component's file adds its
     * resolved type to `PlatformConfig` (components/config/component-settings.ts).
     */
    readonly settings?: Settings;
    /** Whether the topology draws a dotted "alerts" edge from Monitoring to it (not every component the alerts watch: the services have alerts too). */
    readonly alerted: boolean;
    /** The component (a record of them, by name, for one per service or job; undefined when the config has none). */
    create(input: CreateInput<Deps, Cloud>): Instance;
    /** Its stack outputs: endpoints and names only, never a secret value. */
    outputs?(instance: Instance, cfg: PlatformConfig): Record<string, pulumi.Input<unknown>>;
}

/** `objectStore` → `object-store`. */
const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A definition with its kind, type token and file derived from the key, so none can disagree with it. */
export function defineComponent<K extends string, Instance, Deps, Cloud, Settings extends SectionKeyed<K> | undefined = undefined>(
    def: Omit<ComponentDefinition<K, Instance, Deps, Cloud, Settings>, "kind" | "type" | "file" | "alerted"> & { alerted?: boolean },
): ComponentDefinition<K, Instance, Deps, Cloud, Settings> {
    const kind = (def.key.charAt(0).toUpperCase() + def.key.slice(1)) as Capitalize<K>;
    return { ...def, alerted: def.alerted ?? false, kind, type: `platform:components:${kind}`, file: kebab(def.key) };
}
