import type { CloudImplementation, CloudModule } from "../../components/cloud";
import { AzureContext } from "./context";
import { bindCloud, loadBuilders } from "../shared/bind-cloud";
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
 * (providers/azure/kubernetes.ts), with the same identities and secrets. Each catalog
 * entry's builder comes from its file here.
 */
export const createCloud: CloudModule["createCloud"] = (cfg): CloudImplementation => {
    const ctx = AzureContext.create(cfg);
    return bindCloud("azure", ctx, loadBuilders<AzureContext>("azure", (file) => require(file)),
        // AKS support loads on first use: a managed-runtime stack never loads @pulumi/kubernetes.
        lazyKubernetesSupport(() => (require("./kubernetes") as typeof import("./kubernetes")).createKubernetesSupport(ctx)));
};
