import type { CloudImplementation, CloudModule } from "../../components/cloud";
import { createCache } from "./cache";
import { createComputeService } from "./compute-service";
import { createJob } from "./job";
import { AzureContext } from "./context";
import { azureHandles } from "./handles";
import { createDatabase } from "./database";
import { createLoadBalancer } from "./load-balancer";
import { createMonitoring } from "./monitoring";
import { createFlowLogs } from "./flow-logs";
import { createNetwork } from "./network";
import { createObjectStore } from "./object-store";
import { bindCloud } from "../shared/bind-cloud";
import { lazyKubernetesSupport } from "../shared/lazy-kubernetes";
import { azurePlugin } from "./plugin";

/** What the rest of the program knows about this cloud without loading its SDK (config section, regions, stateful types, ...). */
export { azurePlugin as plugin } from "./plugin";

/** The only cloud SDK a stack on this cloud loads (submodules of it, never the package index). */
export const sdkPackages: CloudModule["sdkPackages"] = azurePlugin.sdkPackages;

/**
 * Azure: Container Apps behind Application Gateway v2, PostgreSQL flexible server, Azure
 * Cache for Redis and a StorageV2 account, all private on one VNet, secrets in Key Vault.
 * Under `compute.runtime: kubernetes` the services run on a private AKS cluster instead
 * (providers/azure/kubernetes.ts), with the same identities and secrets.
 */
export const createCloud: CloudModule["createCloud"] = (cfg): CloudImplementation => {
    const ctx = AzureContext.create(cfg);
    return bindCloud("azure", ctx, {
        // The foundation, then its VNet flow logs (their storage account needs the foundation's endpoints subnet and blob DNS zone).
        network: (c, scope, name, args) => {
            const outputs = createNetwork(c, scope, name, args);
            createFlowLogs(c.withFoundation(azureHandles.read("network", outputs.handle, "flow logs")), scope, name);
            return outputs;
        },
        database: createDatabase,
        cache: createCache,
        objectStore: createObjectStore,
        loadBalancer: createLoadBalancer,
        computeService: createComputeService,
        monitoring: createMonitoring,
        job: createJob,
    }, // AKS support loads on first use: a managed-runtime stack never loads @pulumi/kubernetes.
    lazyKubernetesSupport(() => (require("./kubernetes") as typeof import("./kubernetes")).createKubernetesSupport(ctx)));
};

