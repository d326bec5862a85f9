import type { CloudImplementation, CloudModule } from "../../components/cloud";
import type { PlatformConfig } from "../../components/config";
import { createCache } from "./cache";
import { createComputeService } from "./compute-service";
import { GcpContext } from "./context";
import { createDatabase } from "./database";
import { gcpKubernetesSupport } from "./kubernetes";
import { createLoadBalancer } from "./load-balancer";
import { createMonitoring } from "./monitoring";
import { createNetwork } from "./network";
import { createObjectStore } from "./object-store";

export const sdkPackages: CloudModule["sdkPackages"] = ["@pulumi/gcp"];

/** The GCP implementation: one context (explicit providers, labels, shared handles) per run. */
export const createCloud: CloudModule["createCloud"] = (cfg: PlatformConfig): CloudImplementation => {
    const ctx = new GcpContext(cfg);
    return {
        cloud: "gcp",
        network: (scope, name, args) => createNetwork(ctx, scope, name, args),
        database: (scope, name, args) => createDatabase(ctx, scope, name, args),
        cache: (scope, name, args) => createCache(ctx, scope, name, args),
        objectStore: (scope, name, args) => createObjectStore(ctx, scope, name, args),
        loadBalancer: (scope, name, args) => createLoadBalancer(ctx, scope, name, args),
        computeService: (scope, name, args) => createComputeService(ctx, scope, name, args),
        monitoring: (scope, name, args) => createMonitoring(ctx, scope, name, args),
        kubernetes: gcpKubernetesSupport(ctx),
    };
};
