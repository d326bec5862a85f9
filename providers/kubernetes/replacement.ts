import type { ReplacementRule, ReplacementTable } from "../shared/replacement";

/**
 * Which fields of each Kubernetes kind this program creates force a new object. The
 * Kubernetes provider patches objects in place except for the fields in its `forceNew` table
 * (pulumi/pulumi-kubernetes provider/pkg/provider/forcenew.go): `metadata.name` and
 * `metadata.namespace` for every kind, plus kind-specific immutable fields. Fields the API
 * server itself declares immutable ("This field is immutable" in the API reference) are listed
 * as replace too: an in-place patch of them would fail, so the change needs a new object.
 */

const FORCE_NEW = "pulumi/pulumi-kubernetes provider/pkg/provider/forcenew.go";
const IDENTITY = ["metadata.name", "metadata.namespace", "apiVersion", "kind"];

function kind(extraReplace: string[], fields: string[], source = FORCE_NEW): ReplacementRule {
    return { source, replace: [...IDENTITY, ...extraReplace], update: ["metadata", ...fields] };
}

export const KUBERNETES_REPLACEMENT: ReplacementTable = {
    "pulumi:providers:kubernetes": {
        // The provider replaces itself (and so every object) when the kubeconfig points at another cluster.
        source: "pulumi/pulumi-kubernetes provider/pkg/provider/provider.go DiffConfig",
        replace: [],
        update: ["enableServerSideApply", "deleteUnreachable", "skipUpdateUnreachable", "suppressHelmHookWarnings"],
        undecided: ["kubeconfig", "cluster", "context", "namespace"],
    },
    "kubernetes:apps/v1:Deployment": kind(["spec.selector"], ["spec"]),
    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": kind([], ["spec"]),
    // A CronJob's spec (schedule, suspend, jobTemplate) updates in place; a changed jobTemplate applies to the jobs it starts next.
    "kubernetes:batch/v1:CronJob": kind([], ["spec"]),
    "kubernetes:core/v1:Namespace": kind([], ["spec"]),
    "kubernetes:core/v1:Secret": kind(["type", "stringData", "data"], ["immutable"]),
    "kubernetes:core/v1:Service": kind(["spec.clusterIP", "spec.type"], ["spec"]),
    "kubernetes:core/v1:ServiceAccount": kind([], ["automountServiceAccountToken", "secrets", "imagePullSecrets"]),
    "kubernetes:networking.k8s.io/v1:Ingress": kind([], ["spec"]),
    // IngressClassSpec.controller: "This field is immutable" (networking.k8s.io/v1 API reference).
    "kubernetes:networking.k8s.io/v1:IngressClass": kind(["spec.controller"], ["spec"], `${FORCE_NEW}; kubernetes/api networking/v1 IngressClassSpec.controller`),
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": kind([], ["spec"]),
    "kubernetes:policy/v1:PodDisruptionBudget": kind([], ["spec"]),
    // Custom resources: the provider's metadata rule; their controllers accept spec updates.
    "kubernetes:eks.amazonaws.com/v1:IngressClassParams": kind([], ["spec"]),
    "kubernetes:karpenter.sh/v1:NodePool": kind([], ["spec"]),
    "kubernetes:networking.gke.io/v1:ManagedCertificate": kind([], ["spec"]),
    "kubernetes:networking.gke.io/v1beta1:FrontendConfig": kind([], ["spec"]),
    "kubernetes:cloud.google.com/v1:BackendConfig": kind([], ["spec"]),
    // Immutable by CRD validation (`self == oldSelf`); the program replaces the object on a change (replaceOnChanges).
    "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController": kind(
        ["spec.ingressClassName", "spec.controllerNamePrefix"],
        ["spec"],
        "Azure/aks-app-routing-operator api/v1alpha1 NginxIngressControllerSpec (XValidation self == oldSelf)",
    ),
};
