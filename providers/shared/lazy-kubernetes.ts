import type { KubernetesSupport } from "../../components/cloud";

/**
 * Kubernetes support that loads its module on first use. A cloud's kubernetes module pulls in
 * @pulumi/kubernetes submodules, which a managed-runtime stack must never load (the registry
 * spec counts the modules a managed plan loads), so each cloud's index.ts hands over a loader.
 */
export function lazyKubernetesSupport(load: () => KubernetesSupport): KubernetesSupport {
    let support: KubernetesSupport | undefined;
    const loaded = (): KubernetesSupport => (support ??= load());
    return {
        cluster: (scope, name, args) => loaded().cluster(scope, name, args),
        workloadIdentity: (scope, name, args) => loaded().workloadIdentity(scope, name, args),
        secretValue: (scope, name, ref, owner) => loaded().secretValue(scope, name, ref, owner),
        ingress: (scope, name, args) => loaded().ingress(scope, name, args),
    };
}
