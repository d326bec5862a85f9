import type { KubernetesRuntimeModule } from "../../components/cloud";

export const createKubernetesRuntime: KubernetesRuntimeModule["createKubernetesRuntime"] = () => {
    throw new Error("platform:compute.runtime = \"kubernetes\": the kubernetes runtime is not available yet; allowed today: managed");
};
