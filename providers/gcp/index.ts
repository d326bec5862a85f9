import type { CloudImplementation, CloudModule } from "../../components/cloud";
import type { PlatformConfig } from "../../components/config";
import { createCache } from "./cache";
import { createComputeService } from "./compute-service";
import { createJob } from "./job";
import { GcpContext } from "./context";
import { createDatabase } from "./database";
import { gcpKubernetesSupport } from "./kubernetes";
import { createLoadBalancer } from "./load-balancer";
import { createMonitoring } from "./monitoring";
import { createNetwork } from "./network";
import { createObjectStore } from "./object-store";
import { bindCloud } from "../shared/bind-cloud";
import { gcpPlugin } from "./plugin";

/** What the rest of the program knows about this cloud without loading its SDK (config section, regions, stateful types, ...). */
export { gcpPlugin as plugin } from "./plugin";

/** The only cloud SDK a stack on this cloud loads. */
export const sdkPackages: CloudModule["sdkPackages"] = gcpPlugin.sdkPackages;

/** The GCP implementation: one context (explicit providers, labels, shared handles) per run. */
export const createCloud: CloudModule["createCloud"] = (cfg: PlatformConfig): CloudImplementation => {
    const ctx = new GcpContext(cfg);
    return bindCloud("gcp", ctx, {
        network: createNetwork,
        database: createDatabase,
        cache: createCache,
        objectStore: createObjectStore,
        loadBalancer: createLoadBalancer,
        computeService: createComputeService,
        monitoring: createMonitoring,
        job: createJob,
    }, gcpKubernetesSupport(ctx));
};
