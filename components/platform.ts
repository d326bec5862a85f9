import * as pulumi from "@pulumi/pulumi";
import type { ComponentTransforms } from "./builders";
import { BINDABLE, BuiltComponents, CATALOG, catalogOutputs } from "./catalog";
import type { CloudImplementation, KubernetesRuntimeModule } from "./cloud";
import { disasterRecoverySummary, PlatformConfig } from "./config";
import type { CreateInput } from "./definition";
import { KubernetesCluster } from "./kubernetes-cluster";

/** Code-level options a team embedding the Platform may pass (not expressible in stack config). */
export interface PlatformOptions {
    /** Per component, typed per-cloud escape hatches over its children (each component file's `<Component>Transforms`). */
    transforms?: ComponentTransforms;
}

/** How the loop calls an entry: the catalog's type has checked each entry's deps and cloud already. */
type AnyCreate = (input: CreateInput<Partial<BuiltComponents>, CloudImplementation>) => unknown;

/**
 * The composition: the components of components/catalog.ts in its order, each handed the
 * resolved config, the selected cloud and the components before it.
 */
export class Platform {
    /** Every component made, by catalog key (`components.database`, `components.computeService[name]`, ...). */
    readonly components: BuiltComponents;

    /**
     * @param kubernetesRuntime the workloads module (providers/kubernetes), passed in only for
     * `compute.runtime: kubernetes` so managed stacks never load @pulumi/kubernetes.
     */
    constructor(readonly config: PlatformConfig, managedCloud: CloudImplementation, options: PlatformOptions = {}, kubernetesRuntime?: KubernetesRuntimeModule) {
        if (config.compute.runtime === "kubernetes" && !kubernetesRuntime) throw new Error("internal: compute.runtime is kubernetes but no kubernetes runtime was loaded");
        const built: Partial<Record<keyof BuiltComponents, unknown>> = {};
        let cloud = managedCloud;
        for (const entry of CATALOG) {
            const made = (entry.create as AnyCreate)({ cfg: config, cloud, deps: built as Partial<BuiltComponents>, transforms: options.transforms ?? {}, bindable: BINDABLE });
            built[entry.key] = made;
            // Same components, same type tokens after the cluster: only the LoadBalancer's, ComputeServices' and Jobs' children change.
            if (made instanceof KubernetesCluster) cloud = { ...managedCloud, ...kubernetesRuntime!.createKubernetesRuntime(managedCloud, config, made) };
        }
        this.components = built as BuiltComponents;
    }

    /** Stack outputs: endpoints and names only, never a secret value. */
    outputs(): Record<string, pulumi.Input<unknown>> {
        return {
            cloud: this.config.cloud,
            environment: this.config.environment,
            region: this.config.region,
            disasterRecovery: disasterRecoverySummary(this.config.dr, this.config.region),
            ...catalogOutputs(this.components, this.config),
        };
    }
}
