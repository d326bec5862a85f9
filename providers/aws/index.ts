import type { CloudImplementation, CloudModule, KubernetesSupport } from "../../components/cloud";
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
    }, lazyKubernetes(ctx));
};

/**
 * EKS support, loaded on first use: kubernetes.ts pulls in @pulumi/kubernetes submodules,
 * which a managed-runtime stack must never load.
 */
function lazyKubernetes(ctx: AwsContext): KubernetesSupport {
    let support: KubernetesSupport | undefined;
    const load = (): KubernetesSupport => (support ??= (require("./kubernetes") as typeof import("./kubernetes")).createKubernetesSupport(ctx));
    return {
        cluster: (scope, name, args) => load().cluster(scope, name, args),
        workloadIdentity: (scope, name, args) => load().workloadIdentity(scope, name, args),
        secretValue: (scope, name, ref, owner) => load().secretValue(scope, name, ref, owner),
        ingress: (scope, name, args) => load().ingress(scope, name, args),
    };
}
