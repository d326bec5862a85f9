import type { DatabaseRole } from "./database-access";
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ComponentBuilders } from "./builders";
import type { CloudHandle, SecretReference } from "./component";
import type { KubernetesCluster, KubernetesClusterBuilder, KubernetesClusterOutputs } from "./kubernetes-cluster";
import type { ComputeServiceArgs } from "./compute-service";
import type { Cloud, PlatformConfig } from "./config";
import type { LoadBalancerArgs } from "./load-balancer";
import type { NetworkOutputs } from "./network";

/**
 * What a cloud implements: one builder per component of components/catalog.ts that the cloud
 * builds (`ComponentBuilders`, which each component file extends with its own key), so adding
 * a component never edits this file. One instance is created per program run and called in
 * the catalog's order: network first, monitoring last. Every builder creates its resources as
 * children of `scope`, named `<name>-<child>`.
 */
export interface CloudImplementation extends ComponentBuilders {
    readonly cloud: Cloud;
    /** What the cloud contributes to `compute.runtime: kubernetes` (providers/kubernetes does the workloads). */
    readonly kubernetes?: KubernetesSupport;
}

/**
 * The cloud side of the kubernetes runtime. The workloads themselves (Deployment, Service,
 * HPA, PDB, NetworkPolicy, Secret, Ingress) are the same on every cloud and live in
 * providers/kubernetes; a cloud provides the cluster, the identities, the secret values and
 * its ingress controller's settings.
 */
export interface KubernetesSupport {
    /** EKS / GKE / AKS in the platform's private network; children of `scope`. */
    cluster: KubernetesClusterBuilder;
    /**
     * The same least-privilege cloud identity a managed-runtime service gets (secrets it reads,
     * its bucket), bound to the service's Kubernetes ServiceAccount (IRSA / GKE Workload
     * Identity / Azure workload identity). Children of the ComputeService `scope`.
     */
    workloadIdentity(scope: pulumi.ComponentResource, name: string, args: WorkloadIdentityArgs): WorkloadIdentityOutputs;
    /**
     * The value behind a secret reference, as a Pulumi secret, for a Kubernetes Secret.
     * `owner` is the handle of the component that keeps the secret (the database or the cache).
     */
    secretValue(scope: pulumi.ComponentResource, name: string, ref: SecretReference, owner: CloudHandle): pulumi.Output<string>;
    /** How the cloud's ingress controller terminates TLS, redirects HTTP and applies WAF for the LoadBalancer's Ingress. */
    ingress(scope: pulumi.ComponentResource, name: string, args: IngressArgs): IngressSettings;
}

export interface WorkloadIdentityArgs {
    service: string;
    namespace: string;
    serviceAccountName: string;
    /** The components the workload is bound to: the cloud's grant of each (its handle's `grant`) is given to this identity. */
    bindings: ComputeServiceArgs["bindings"];
    /** `admin` only for a job marked so (database-access.ts). @default app */
    databaseRole?: DatabaseRole;
    network: NetworkOutputs;
    /** The cluster the ServiceAccount lives in (its OIDC issuer, workload identity pool, ...). */
    cluster: KubernetesClusterOutputs;
}

export interface WorkloadIdentityOutputs {
    /** Annotations for the ServiceAccount (e.g. `eks.amazonaws.com/role-arn`). */
    serviceAccountAnnotations: Record<string, pulumi.Input<string>>;
    /** Labels the pods need (e.g. `azure.workload.identity/use: "true"`). */
    podLabels: Record<string, string>;
    /** The cloud identity (role ARN, service account email, client id). */
    identity: pulumi.Output<string>;
    /**
     * Plain environment the cloud's SDKs need beside the shared bindings, as the managed
     * runtime sets it (Azure: the blob endpoint of the object store's account).
     */
    env?: Record<string, pulumi.Input<string>>;
    /** The database login of this identity under IAM database authentication (absent: none was made). */
    databaseUser?: pulumi.Input<string>;
}

export interface IngressArgs {
    loadBalancer: LoadBalancerArgs;
    namespace: string;
    /** The Namespace object: whatever the cloud creates inside `namespace` depends on it, or a first deploy races its creation. */
    namespaceResource: pulumi.Resource;
    /** The explicit Kubernetes provider of the cluster, for any cloud-specific objects (FrontendConfig, ...). */
    provider: k8s.Provider;
    cluster: KubernetesClusterOutputs;
}

export interface IngressSettings {
    /** `spec.ingressClassName`; left off the Ingress when `annotations` select the controller (GKE's `kubernetes.io/ingress.class`). */
    ingressClassName: pulumi.Input<string>;
    annotations: Record<string, pulumi.Input<string>>;
    /** Per routed service, annotations its Service needs (GKE BackendConfig/NEG, AWS per-target health checks). */
    serviceAnnotations?: Record<string, Record<string, pulumi.Input<string>>>;
    /** TLS secret the Ingress names, when the controller reads the certificate from one; without it the certificate comes from `annotations`. */
    tlsSecretName?: string;
    /** Resources the Ingress must wait for. */
    dependsOn: pulumi.Resource[];
    /**
     * The public address, when the cloud puts its own load balancer in front of an internal
     * controller (Azure: the Application Gateway); otherwise the Ingress status's.
     */
    endpoint?: pulumi.Output<string>;
    /** The cloud's own wiring of what it made for the ingress (Azure: the Application Gateway in front of it), for its alerts. */
    handle?: CloudHandle;
}

/** What providers/kubernetes exports: the workloads runtime over a cluster. */
export interface KubernetesRuntimeModule {
    createKubernetesRuntime(
        cloud: CloudImplementation,
        cfg: PlatformConfig,
        cluster: KubernetesCluster,
    ): Pick<CloudImplementation, "loadBalancer" | "computeService" | "job">;
}

/** What each `providers/<cloud>/index.ts` exports. */
export interface CloudModule {
    /** npm packages of this cloud's SDK, the only cloud SDK the program may load for it. */
    readonly sdkPackages: readonly string[];
    createCloud(cfg: PlatformConfig): CloudImplementation;
}
