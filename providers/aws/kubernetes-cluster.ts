import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CustomResource } from "@pulumi/kubernetes/apiextensions";
import { Provider as KubernetesProvider } from "@pulumi/kubernetes/provider";
import type { Size } from "../../components/config";
import type { KubernetesClusterArgs, KubernetesClusterOutputs } from "../../components/kubernetes-cluster";
import { childName, physicalName } from "../../components/naming";
import { AwsContext, policyJson } from "./context";
import { auditLogGroup } from "./audit-logs";
import { awsHandles } from "./handles";
import { createKey } from "./kms";

/** Every EKS control-plane log type. */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** The ingress class the EKS Auto Mode ALB capability serves (created by the AWS `ingress()` hook). */
export const EKS_INGRESS_CLASS = "alb";

/** Auto Mode's built-in `system` pool runs the cluster's critical add-ons; workloads get the tier-limited `platform` pool. */
export const BUILT_IN_NODE_POOLS = ["system"];
export const WORKLOAD_NODE_POOL = "platform";

/**
 * Cloud-neutral node sizes as EC2 instance types (x86_64, current general-purpose families)
 * and the per-node capacity used to turn `maxNodes` into the NodePool's cpu/memory limits.
 */
export const EKS_NODE: Record<Size, { instanceTypes: string[]; vcpu: number; memoryGiB: number }> = {
    small: { instanceTypes: ["m7i.large", "m6i.large", "m5.large"], vcpu: 2, memoryGiB: 8 },
    medium: { instanceTypes: ["m7i.xlarge", "m6i.xlarge", "m5.xlarge"], vcpu: 4, memoryGiB: 16 },
    large: { instanceTypes: ["m7i.2xlarge", "m6i.2xlarge", "m5.2xlarge"], vcpu: 8, memoryGiB: 32 },
};

/** NodePool limits equivalent to `maxNodes` nodes of `size` (Karpenter caps capacity, not node count). */
export function nodePoolLimits(size: Size, maxNodes: number): { cpu: string; memory: string } {
    const node = EKS_NODE[size];
    return { cpu: String(node.vcpu * maxNodes), memory: `${node.memoryGiB * maxNodes}Gi` };
}

export interface KubeconfigInput {
    clusterName: string;
    endpoint: string;
    certificateAuthority: string;
    region: string;
}

/**
 * A kubeconfig (JSON, which is valid YAML) that authenticates with `aws eks get-token`: no
 * long-lived credential is stored in it; whoever runs Pulumi needs IAM access to the cluster
 * (the creator gets an admin access entry) and network reach to the private endpoint.
 */
export function eksKubeconfig(k: KubeconfigInput): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: k.clusterName, cluster: { server: k.endpoint, "certificate-authority-data": k.certificateAuthority } }],
        contexts: [{ name: k.clusterName, context: { cluster: k.clusterName, user: k.clusterName } }],
        "current-context": k.clusterName,
        preferences: {},
        users: [{
            name: k.clusterName,
            user: {
                exec: {
                    apiVersion: "client.authentication.k8s.io/v1beta1",
                    command: "aws",
                    args: ["eks", "get-token", "--cluster-name", k.clusterName, "--region", k.region, "--output", "json"],
                    interactiveMode: "Never",
                },
            },
        }],
    });
}

/**
 * EKS in the platform's private subnets:
 * - API endpoint private only. Operators and CI reach it from inside the VPC (client VPN,
 *   an SSM bastion, or a self-hosted runner in the private subnets): the `api` security
 *   group admits 443 from the VPC CIDR only.
 * - Kubernetes Secrets envelope-encrypted with a customer-managed KMS key (rotation on).
 * - All five control-plane log types into `/aws/eks/<name>/cluster`, retained per tier,
 *   created before the cluster so EKS does not create it without retention.
 * - Access entries only (`API` authentication mode); the deploying identity gets admin.
 * - EKS Auto Mode: managed compute (built-in `system` pool + a `platform` NodePool capped at
 *   `maxNodes` nodes' worth of capacity), the ALB ingress capability and EBS storage.
 * - IRSA: an IAM OIDC provider for the cluster issuer (per-service roles in kubernetes.ts).
 */
export function createEksCluster(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: KubernetesClusterArgs): KubernetesClusterOutputs {
    const { cfg } = ctx;
    const { vpcId, privateSubnetIds: privateSubnets, securityGroups: sgs, logsKey } = awsHandles.read("network", args.network.handle, "kubernetes cluster");
    const clusterName = physicalName(cfg);
    const managed = (policy: string) => pulumi.interpolate`arn:${ctx.partition}:iam::aws:policy/${policy}`;

    // The audit and authenticator logs make this an audit log group: audit retention, logs CMK.
    const logGroup = auditLogGroup(ctx, logsKey, scope, childName(name, "control-plane-logs"), `/aws/eks/${clusterName}/cluster`);

    const key = createKey(ctx, scope, name, "EKS secrets envelope encryption");

    const clusterRole = ctx.create(aws.iam.Role, scope, childName(name, "cluster-role"), {
        name: physicalName(cfg, "eks-cluster"),
        description: `EKS control plane and Auto Mode capabilities of ${clusterName}`,
        assumeRolePolicy: policyJson({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
        }),
        tags: ctx.tags(),
    });
    const clusterPolicies = ["AmazonEKSClusterPolicy", "AmazonEKSComputePolicy", "AmazonEKSBlockStoragePolicy", "AmazonEKSLoadBalancingPolicy", "AmazonEKSNetworkingPolicy"];
    const clusterAttachments = clusterPolicies.map((policy) => ctx.create(aws.iam.RolePolicyAttachment, scope, childName(name, `cluster-${policy}`), {
        role: clusterRole.name,
        policyArn: managed(policy),
    }));
    const clusterKeyPolicy = ctx.create(aws.iam.RolePolicy, scope, childName(name, "cluster-secrets-key"), {
        role: clusterRole.id,
        policy: policyJson({
            Version: "2012-10-17",
            Statement: [{ Sid: "EnvelopeEncryption", Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"], Resource: key.arn }],
        }),
    });

    const nodeRole = ctx.create(aws.iam.Role, scope, childName(name, "node-role"), {
        name: physicalName(cfg, "eks-node"),
        description: `EC2 instances EKS Auto Mode launches for ${clusterName}`,
        assumeRolePolicy: policyJson({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
        tags: ctx.tags(),
    });
    // Auto Mode nodes need only these two; CloudWatchAgentServerPolicy lets the Container Insights agent publish node metrics.
    const nodeAttachments = ["AmazonEKSWorkerNodeMinimalPolicy", "AmazonEC2ContainerRegistryPullOnly", "CloudWatchAgentServerPolicy"].map((policy) =>
        ctx.create(aws.iam.RolePolicyAttachment, scope, childName(name, `node-${policy}`), { role: nodeRole.name, policyArn: managed(policy) }));

    const apiSg = ctx.create(aws.ec2.SecurityGroup, scope, childName(name, "api-sg"), {
        name: physicalName(cfg, "eks-api"),
        description: "EKS private API endpoint: HTTPS from inside the VPC only (VPN, bastion, CI runner)",
        vpcId,
        tags: ctx.tags(physicalName(cfg, "eks-api")),
    });
    ctx.create(aws.vpc.SecurityGroupIngressRule, scope, childName(name, "api-in-https"), {
        securityGroupId: apiSg.id,
        description: "Kubernetes API from the VPC",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cfg.network.cidr,
        tags: ctx.tags(),
    });

    const cluster = ctx.create(aws.eks.Cluster, scope, childName(name, "eks"), {
        name: clusterName,
        version: args.version,
        roleArn: clusterRole.arn,
        vpcConfig: {
            subnetIds: privateSubnets,
            securityGroupIds: [apiSg.id],
            endpointPrivateAccess: true,
            endpointPublicAccess: false,
        },
        encryptionConfig: { provider: { keyArn: key.arn }, resources: ["secrets"] },
        enabledClusterLogTypes: [...EKS_LOG_TYPES],
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
        bootstrapSelfManagedAddons: false,
        computeConfig: { enabled: true, nodePools: BUILT_IN_NODE_POOLS, nodeRoleArn: nodeRole.arn },
        kubernetesNetworkConfig: { elasticLoadBalancing: { enabled: true }, ipFamily: "ipv4" },
        storageConfig: { blockStorage: { enabled: true } },
        upgradePolicy: { supportType: "STANDARD" },
        deletionProtection: cfg.protect,
        tags: ctx.tags(clusterName),
    }, undefined, { dependsOn: [logGroup, clusterKeyPolicy, ...clusterAttachments, ...nodeAttachments] });

    // Auto Mode nodes carry the cluster security group: admit it to the data tier next to the ECS compute group.
    const clusterSg = cluster.vpcConfig.clusterSecurityGroupId;
    for (const [kind, sg, port] of [["database", sgs.database, 5432], ["cache", sgs.cache, 6379]] as const) {
        ctx.create(aws.vpc.SecurityGroupIngressRule, scope, childName(name, `${kind}-in-nodes`), {
            securityGroupId: sg.id,
            description: `${kind} from the EKS nodes`,
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            referencedSecurityGroupId: clusterSg,
            tags: ctx.tags(),
        });
    }

    const issuer = cluster.identities.apply((ids) => ids[0]?.oidcs?.[0]?.issuer ?? "");
    // No thumbprint: IAM validates the EKS issuer against its own trusted CAs.
    const oidcProvider = ctx.create(aws.iam.OpenIdConnectProvider, scope, childName(name, "oidc"), {
        url: issuer,
        clientIdLists: ["sts.amazonaws.com"],
        tags: ctx.tags(),
    });

    ctx.create(aws.eks.Addon, scope, childName(name, "container-insights"), {
        clusterName: cluster.name,
        addonName: "amazon-cloudwatch-observability",
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        tags: ctx.tags(),
    });

    const kubeconfig = pulumi.secret(pulumi.all([cluster.name, cluster.endpoint, cluster.certificateAuthority]).apply(([n, endpoint, ca]) =>
        eksKubeconfig({ clusterName: n, endpoint, certificateAuthority: ca.data ?? "", region: cfg.region })));

    // Cluster bootstrap (like pulumi/eks does): the workload NodePool, through a provider of its own so the
    // cluster component owns it; the workloads use the runtime's provider over the same kubeconfig.
    const bootstrap = new KubernetesProvider(childName(name, "bootstrap"), { kubeconfig, enableServerSideApply: true }, { parent: scope });
    const node = EKS_NODE[args.nodeSize];
    ctx.create(CustomResource, scope, childName(name, "node-pool"), {
        apiVersion: "karpenter.sh/v1",
        kind: "NodePool",
        metadata: { name: WORKLOAD_NODE_POOL, labels: { ...cfg.tags } },
        spec: {
            template: {
                metadata: { labels: { "platform/pool": WORKLOAD_NODE_POOL } },
                spec: {
                    nodeClassRef: { group: "eks.amazonaws.com", kind: "NodeClass", name: "default" },
                    requirements: [
                        { key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand"] },
                        { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
                        { key: "node.kubernetes.io/instance-type", operator: "In", values: node.instanceTypes },
                    ],
                    expireAfter: "336h",
                },
            },
            limits: nodePoolLimits(args.nodeSize, args.maxNodes),
            disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "5m", budgets: [{ nodes: "10%" }] },
        },
    }, undefined, { provider: bootstrap, dependsOn: [cluster] });

    return {
        clusterName: cluster.name,
        kubeconfig,
        ingressClass: pulumi.output(args.ingressClass ?? EKS_INGRESS_CLASS),
        handle: awsHandles.wrap("kubernetesCluster", { cluster, oidcProvider, issuerHost: issuer.apply((i) => i.replace(/^https:\/\//, "")) }),
    };
}
