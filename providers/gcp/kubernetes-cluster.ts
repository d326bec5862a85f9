import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { KubernetesClusterArgs, KubernetesClusterOutputs } from "../../components/kubernetes-cluster";
import { childName, limitedName } from "../../components/naming";
import type { GcpContext } from "./context";
import { gcpHandles } from "./handles";
import { createKmsKey } from "./kms";
import { gkeMaintenanceWindow } from "./maintenance";
import { GKE_RANGE_NAMES } from "./network";

/** GKE's built-in Ingress controller (external Application Load Balancer). */
export const GKE_INGRESS_CLASS = "gce";

/** Autopilot clusters created at 1.29+ reach the control plane over Private Service Connect; the name limit is 40. */
export function gkeClusterName(cfg: GcpContext["cfg"]): string {
    return limitedName(cfg, 40, "gke");
}

/**
 * Kubeconfig for the cluster's DNS-based control-plane endpoint, authenticated by
 * `gke-gcloud-auth-plugin` (Google credentials, checked by IAM before Kubernetes RBAC). The
 * DNS endpoint presents a publicly trusted certificate, so no cluster CA is pinned here.
 */
export function gkeKubeconfig(clusterName: string, server: string): string {
    const ctxName = `gke_${clusterName}`;
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: ctxName, cluster: { server: `https://${server}` } }],
        contexts: [{ name: ctxName, context: { cluster: ctxName, user: ctxName } }],
        "current-context": ctxName,
        users: [{
            name: ctxName,
            user: {
                exec: {
                    apiVersion: "client.authentication.k8s.io/v1beta1",
                    command: "gke-gcloud-auth-plugin",
                    installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
                    provideClusterInfo: true,
                },
            },
        }],
    });
}

export interface ArtifactRegistryRepository {
    location: string;
    project: string;
    repository: string;
}

/**
 * The Artifact Registry repositories (`LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE`) among
 * the images, once each; images from any other registry need no grant.
 */
export function artifactRegistryRepositories(images: string[]): ArtifactRegistryRepository[] {
    const repos = new Map<string, ArtifactRegistryRepository>();
    for (const image of images) {
        const m = /^([a-z0-9-]+)-docker\.pkg\.dev\/([a-z0-9-]+)\/([a-z0-9._-]+)\//.exec(image);
        if (m) repos.set(`${m[1]}/${m[2]}/${m[3]}`, { location: m[1]!, project: m[2]!, repository: m[3]! });
    }
    return [...repos.values()];
}

/**
 * GKE Autopilot, regional (nodes across the region's zones), in the platform subnet with its
 * `gke-pods` / `gke-services` secondary ranges (VPC-native):
 * - private nodes (no external IPs; egress through the platform's Cloud NAT);
 * - control plane: the IP endpoint is private (`enablePrivateEndpoint`) and its authorized
 *   networks are only the platform subnet (no Google public CIDRs); operators and CI reach the
 *   API through the DNS-based endpoint, which Google fronts with IAM
 *   (`container.clusters.connect`) before Kubernetes RBAC. The kubeconfig uses that endpoint.
 * - Workload Identity (`<project>.svc.id.goog`, always on in Autopilot);
 * - application-layer secrets encryption with a Cloud KMS key (rotated every 90 days) that
 *   only the GKE service agent may use;
 * - REGULAR release channel with the configured minimum master version;
 * - system and workload logging and monitoring, managed Prometheus;
 * - nodes run as a dedicated service account with only `roles/container.defaultNodeServiceAccount`,
 *   plus `roles/artifactregistry.reader` on each Artifact Registry repository a service image
 *   comes from;
 * - deletion protection (and the KMS key `protect`ed) in production.
 *
 * Autopilot sizes and scales nodes from the pods' requests: `nodeSize`, `minNodes` and
 * `maxNodes` have no Autopilot setting (the HPAs' min/max replicas bound the capacity).
 */
export function createGkeCluster(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: KubernetesClusterArgs): KubernetesClusterOutputs {
    const { cfg } = ctx;
    const net = gcpHandles.read("network", args.network.handle, "kubernetes cluster");
    const clusterName = gkeClusterName(cfg);

    const project = gcp.organizations.getProjectOutput({ projectId: ctx.project }, { provider: ctx.provider, parent: scope });
    const gkeServiceAgent = pulumi.interpolate`serviceAccount:service-${project.number}@container-engine-robot.iam.gserviceaccount.com`;

    const { key } = createKmsKey(ctx, scope, { ringChild: childName(name, "keyring"), ring: limitedName(cfg, 63, "gke"), keyChild: childName(name, "secrets-key"), key: limitedName(cfg, 63, "gke-secrets") });

    const keyAccess = ctx.create(gcp.kms.CryptoKeyIAMMember, scope, childName(name, "secrets-key-access"), {
        cryptoKeyId: key.id,
        role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        member: gkeServiceAgent,
    });

    const nodeAccount = ctx.create(gcp.serviceaccount.Account, scope, childName(name, "node-identity"), {
        accountId: limitedName(cfg, 30, "gke-nodes"),
        displayName: `${cfg.appName} ${cfg.environment} GKE nodes`,
        description: `Node identity of GKE cluster ${clusterName}: logs, metrics, image pulls only`,
    });
    const nodeRole = ctx.create(gcp.projects.IAMMember, scope, childName(name, "node-role"), {
        project: ctx.project,
        role: "roles/container.defaultNodeServiceAccount",
        member: nodeAccount.member,
    });

    // Private images: read access to exactly the Artifact Registry repositories the services
    // pull from (the default node role has none), nothing project-wide.
    const imagePulls = artifactRegistryRepositories(Object.values(cfg.services).map((svc) => svc.image)).map((repo) =>
        ctx.create(gcp.artifactregistry.RepositoryIamMember, scope, childName(name, `image-pull-${repo.location}-${repo.project}-${repo.repository}`), {
            project: repo.project,
            location: repo.location,
            repository: repo.repository,
            role: "roles/artifactregistry.reader",
            member: nodeAccount.member,
        }));

    const cluster = ctx.create(gcp.container.Cluster, scope, childName(name, "cluster"), {
        name: clusterName,
        description: `${cfg.appName} ${cfg.environment} workloads (Autopilot)`,
        location: ctx.region,
        enableAutopilot: true,
        network: net.network.id,
        subnetwork: net.subnet.id,
        networkingMode: "VPC_NATIVE",
        ipAllocationPolicy: {
            clusterSecondaryRangeName: GKE_RANGE_NAMES.pods,
            servicesSecondaryRangeName: GKE_RANGE_NAMES.services,
            stackType: "IPV4",
        },
        privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true },
        masterAuthorizedNetworksConfig: {
            gcpPublicCidrsAccessEnabled: false,
            cidrBlocks: [{ cidrBlock: net.subnet.ipCidrRange, displayName: "platform subnet" }],
        },
        controlPlaneEndpointsConfig: {
            dnsEndpointConfig: { allowExternalTraffic: true },
            ipEndpointsConfig: { enabled: true },
        },
        workloadIdentityConfig: { workloadPool: `${ctx.project}.svc.id.goog` },
        releaseChannel: { channel: "REGULAR" },
        minMasterVersion: args.version,
        deletionProtection: cfg.protect,
        databaseEncryption: { state: "ENCRYPTED", keyName: key.id },
        clusterAutoscaling: {
            autoProvisioningDefaults: {
                serviceAccount: nodeAccount.email,
                oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
            },
        },
        loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS"] },
        monitoringConfig: {
            enableComponents: ["SYSTEM_COMPONENTS"],
            managedPrometheus: { enabled: true },
        },
        maintenancePolicy: { recurringWindow: gkeMaintenanceWindow(cfg.database.maintenanceWindow) },
        // Autopilot nodes carry the compute tag, so the egress firewall that admits tagged
        // compute to Cloud SQL / Memorystore admits the pods too (their alias IPs sit on the
        // node's NIC). Without it the deny-data rule drops every database request.
        // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#node_pool_auto_config
        nodePoolAutoConfig: { networkTags: { tags: [net.computeTag] } },
        resourceLabels: ctx.labels(),
    }, undefined, { dependsOn: [keyAccess, nodeRole, ...imagePulls] });

    const server = cluster.controlPlaneEndpointsConfig.apply((c) => c?.dnsEndpointConfig?.endpoint ?? "");
    return {
        clusterName: cluster.name,
        kubeconfig: pulumi.secret(pulumi.all([cluster.name, server]).apply(([n, s]) => gkeKubeconfig(n, s))),
        ingressClass: pulumi.output(GKE_INGRESS_CLASS),
        handle: gcpHandles.wrap("kubernetesCluster", { cluster }),
    };
}
