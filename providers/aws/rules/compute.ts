import type { Rule } from "../../shared/rules";

/** CloudWatch Logs (several components create log groups) and EKS (the KubernetesCluster support). */

/** CloudWatch Logs retention values the API accepts. */
const LOG_RETENTION = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Fargate's valid (CPU units -> memory MiB) combinations. */
const FARGATE_MEMORY: Record<number, (m: number) => boolean> = {
    256: (m) => [512, 1024, 2048].includes(m),
    512: (m) => m >= 1024 && m <= 4096 && m % 1024 === 0,
    1024: (m) => m >= 2048 && m <= 8192 && m % 1024 === 0,
    2048: (m) => m >= 4096 && m <= 16384 && m % 1024 === 0,
    4096: (m) => m >= 8192 && m <= 30720 && m % 1024 === 0,
    8192: (m) => m >= 16384 && m <= 61440 && m % 4096 === 0,
    16384: (m) => m >= 32768 && m <= 122880 && m % 8192 === 0,
};

export const awsComputeRules: Rule[] = [
    {
        id: "aws/log-group-retention",
        family: "combinations",
        types: ["aws:cloudwatch/logGroup:LogGroup"],
        doc: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html",
        check: (r) => r.inputs.retentionInDays === undefined || LOG_RETENTION.includes(r.inputs.retentionInDays) ? [] : [`retentionInDays ${r.inputs.retentionInDays}: allowed ${LOG_RETENTION.join(", ")}`],
    },
    {
        // EKS Auto Mode: compute, block storage and load balancing are enabled together, with the node role.
        id: "aws/eks-auto-mode",
        family: "combinations",
        types: ["aws:eks/cluster:Cluster", "aws:eks/addon:Addon", "aws:iam/openIdConnectProvider:OpenIdConnectProvider"],
        doc: "https://docs.aws.amazon.com/eks/latest/userguide/create-auto.html",
        check: (r, plan) => {
            if (r.type === "aws:iam/openIdConnectProvider:OpenIdConnectProvider") {
                return String(r.inputs.url).startsWith("https://") && ((r.inputs.clientIdLists ?? []) as string[]).length <= 100 ? [] : ["an OIDC provider needs an https:// URL and at most 100 client ids"];
            }
            if (r.type === "aws:eks/addon:Addon") {
                return plan.ofType("aws:eks/cluster:Cluster").some((c) => c.inputs.name === r.inputs.clusterName) ? [] : [`addon ${r.inputs.addonName} names cluster ${r.inputs.clusterName}, which is not in the plan`];
            }
            const auto = r.inputs.computeConfig?.enabled === true;
            const storage = r.inputs.storageConfig?.blockStorage?.enabled === true;
            const lb = r.inputs.kubernetesNetworkConfig?.elasticLoadBalancing?.enabled === true;
            const problems = auto === storage && storage === lb ? [] : ["Auto Mode needs computeConfig, storageConfig.blockStorage and kubernetesNetworkConfig.elasticLoadBalancing enabled together"];
            if (auto && !r.inputs.computeConfig?.nodeRoleArn && ((r.inputs.computeConfig?.nodePools ?? []) as string[]).length > 0) problems.push("Auto Mode node pools need computeConfig.nodeRoleArn");
            if (auto && r.inputs.bootstrapSelfManagedAddons !== false) problems.push("Auto Mode needs bootstrapSelfManagedAddons = false");
            return problems;
        },
    },
    {
        id: "aws/fargate-cpu-memory",
        family: "combinations",
        types: ["aws:ecs/taskDefinition:TaskDefinition"],
        doc: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size",
        check: (r) => {
            if (!((r.inputs.requiresCompatibilities ?? []) as string[]).includes("FARGATE")) return [];
            const cpu = Number(r.inputs.cpu);
            const memory = Number(r.inputs.memory);
            const problems = FARGATE_MEMORY[cpu]?.(memory) ? [] : [`cpu ${r.inputs.cpu} with memory ${r.inputs.memory} is not a Fargate task size`];
            if (r.inputs.networkMode !== "awsvpc") problems.push(`networkMode ${r.inputs.networkMode}: Fargate requires awsvpc`);
            return problems;
        },
    },
];
