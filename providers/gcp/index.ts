import type { CloudImplementation, CloudModule } from "../../components/cloud";
import type { PlatformConfig } from "../../components/config";
import { GcpContext } from "./context";
import { gcpKubernetesSupport } from "./kubernetes";
import { bindCloud, loadBuilders } from "../shared/bind-cloud";
import { gcpPlugin } from "./plugin";

/** What the rest of the program knows about this cloud without loading its SDK (config section, regions, stateful types, ...). */
export { gcpPlugin as plugin } from "./plugin";

/** The only cloud SDK a stack on this cloud loads. */
export const sdkPackages: CloudModule["sdkPackages"] = gcpPlugin.sdkPackages;

/** The GCP implementation: one context (explicit providers, labels) per run; each catalog entry's builder from its file here. */
export const createCloud: CloudModule["createCloud"] = (cfg: PlatformConfig): CloudImplementation => {
    const ctx = new GcpContext(cfg);
    return bindCloud("gcp", ctx, loadBuilders<GcpContext>("gcp", (file) => require(file)), gcpKubernetesSupport(ctx));
};
