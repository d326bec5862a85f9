import type { CloudModule, KubernetesRuntimeModule } from "../components/cloud";
import type { Runtime } from "../components/config";
import { Cloud, CLOUD_PLUGINS } from "./registry";

/**
 * Loads `platform:cloud`'s implementation, `providers/<cloud>/index.ts`, on demand, so a stack
 * loads exactly one cloud SDK: an AWS stack never pays for (or can break on) the GCP or
 * Azure packages. tests/registry.spec.ts proves it per cloud.
 */
export function loadCloud(cloud: Cloud): CloudModule {
    if (!Object.hasOwn(CLOUD_PLUGINS, cloud)) throw new Error(`platform:cloud = ${JSON.stringify(cloud)}: allowed: one of ${Object.keys(CLOUD_PLUGINS).join(", ")}`);
    // The folder is the plugin's name (registry.ts); a path built at run time keeps the others unloaded.
    return require(`./${CLOUD_PLUGINS[cloud].name}`) as CloudModule;
}

/** The kubernetes workloads module, loaded only for `compute.runtime: kubernetes`. */
export function loadRuntime(runtime: Runtime): KubernetesRuntimeModule | undefined {
    return runtime === "kubernetes" ? (require("./kubernetes") as KubernetesRuntimeModule) : undefined;
}
