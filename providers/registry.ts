import type { CloudModule, KubernetesRuntimeModule } from "../components/cloud";
import type { Cloud, Runtime } from "../components/config";

/**
 * Maps `platform:cloud` to its implementation. Each entry is a lazy `require`, so a stack
 * loads exactly one cloud SDK: an AWS stack never pays for (or can break on) the GCP or
 * Azure packages. tests/registry.spec.ts proves it per cloud.
 */
const CLOUDS: Record<Cloud, () => CloudModule> = {
    aws: () => require("./aws") as CloudModule,
    gcp: () => require("./gcp") as CloudModule,
    azure: () => require("./azure") as CloudModule,
};

export function loadCloud(cloud: Cloud): CloudModule {
    const load = CLOUDS[cloud];
    if (!load) throw new Error(`platform:cloud = ${JSON.stringify(cloud)}: allowed: one of ${Object.keys(CLOUDS).join(", ")}`);
    return load();
}

/** The kubernetes workloads module, loaded only for `compute.runtime: kubernetes`. */
export function loadRuntime(runtime: Runtime): KubernetesRuntimeModule | undefined {
    return runtime === "kubernetes" ? (require("./kubernetes") as KubernetesRuntimeModule) : undefined;
}
