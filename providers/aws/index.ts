import type { CloudImplementation, CloudModule } from "../../components/cloud";
import type { PlatformConfig } from "../../components/config";
import { createCache } from "./cache";
import { createComputeService } from "./compute-service";
import { createJob } from "./job";
import { AwsContext } from "./context";
import { createDatabase } from "./database";
import { createLoadBalancer } from "./load-balancer";
import { createMonitoring } from "./monitoring";
import { createNetwork } from "./network";
import { createObjectStore } from "./object-store";
import { bindCloud } from "../shared/bind-cloud";
import { lazyKubernetesSupport } from "../shared/lazy-kubernetes";
import { awsPlugin } from "./plugin";

/** What the rest of the program knows about this cloud without loading its SDK (config section, regions, stateful types, ...). */
export { awsPlugin as plugin } from "./plugin";

/** The only cloud SDK a stack on this cloud loads. */
export const sdkPackages: CloudModule["sdkPackages"] = awsPlugin.sdkPackages;

/** The AWS implementation: one context (explicit providers, tags, shared handles) per run. */
export const createCloud: CloudModule["createCloud"] = (cfg: PlatformConfig): CloudImplementation => {
    const ctx = new AwsContext(cfg);
    return bindCloud("aws", ctx, {
        network: createNetwork,
        database: createDatabase,
        cache: createCache,
        objectStore: createObjectStore,
        loadBalancer: createLoadBalancer,
        computeService: createComputeService,
        monitoring: createMonitoring,
        job: createJob,
    }, // EKS support loads on first use: a managed-runtime stack never loads @pulumi/kubernetes.
    lazyKubernetesSupport(() => (require("./kubernetes") as typeof import("./kubernetes")).createKubernetesSupport(ctx)));
};

