import type { CloudImplementation, CloudModule } from "../../components/cloud";
import type { PlatformConfig } from "../../components/config";
import { AwsContext } from "./context";
import { bindCloud, loadBuilders } from "../shared/bind-cloud";
import { lazyKubernetesSupport } from "../shared/lazy-kubernetes";
import { awsPlugin } from "./plugin";

/** What the rest of the program knows about this cloud without loading its SDK (config section, regions, stateful types, ...). */
export { awsPlugin as plugin } from "./plugin";

/** The only cloud SDK a stack on this cloud loads. */
export const sdkPackages: CloudModule["sdkPackages"] = awsPlugin.sdkPackages;

/** The AWS implementation: one context (explicit providers, tags) per run; each catalog entry's builder from its file here. */
export const createCloud: CloudModule["createCloud"] = (cfg: PlatformConfig): CloudImplementation => {
    const ctx = new AwsContext(cfg);
    return bindCloud("aws", ctx, loadBuilders<AwsContext>("aws", (file) => require(file)),
        // EKS support loads on first use: a managed-runtime stack never loads @pulumi/kubernetes.
        lazyKubernetesSupport(() => (require("./kubernetes") as typeof import("./kubernetes")).createKubernetesSupport(ctx)));
};
