import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { MonitoringArgs, MonitoringOutputs } from "../../components/monitoring";
import { childName, physicalName } from "../../components/naming";
import { AwsContext, policyJson } from "./context";
import { createKey } from "./kms";
import { RDS_CLASS, rdsMaxConnections } from "./sizes";

type AlarmSpec = Omit<aws.cloudwatch.MetricAlarmArgs, "name" | "alarmActions" | "okActions" | "tags"> & { key: string; description: string };

/** Free-storage alarm threshold in bytes: `percent` of the allocated storage. */
export function freeStorageThresholdBytes(storageGb: number, percent: number): number {
    return Math.floor(storageGb * 1024 ** 3 * (percent / 100));
}

/**
 * DESIGN.md's alerts on CloudWatch: per service CPU and memory, ALB 5xx and p95 latency, RDS
 * connections, free storage and CPU, Redis CPU and memory, all into one KMS-encrypted SNS
 * topic (with an email subscription when an alert address is configured).
 */
export function createMonitoring(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: MonitoringArgs): MonitoringOutputs {
    const { cfg } = ctx;
    const th = args.thresholds;
    const database = ctx.require("database", "monitoring");
    const cache = ctx.require("cache", "monitoring");
    const kubernetes = args.runtime === "kubernetes";
    const lb = kubernetes ? undefined : ctx.require("loadBalancer", "monitoring");
    const cluster = ctx.state.cluster;

    const key = createKey(ctx, scope, name, "SNS alert topic", {
        policy: policyJson({
            Version: "2012-10-17",
            Statement: [
                { Sid: "AccountAdmin", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:root` }, Action: "kms:*", Resource: "*" },
                { Sid: "CloudWatchAlarms", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" },
            ],
        }),
    });
    const topic = ctx.create(aws.sns.Topic, scope, childName(name, "alerts"), {
        name: physicalName(cfg, "alerts"),
        kmsMasterKeyId: key.arn,
        tags: ctx.tags(),
    });
    if (args.alertEmail) {
        ctx.create(aws.sns.TopicSubscription, scope, childName(name, "alerts-email"), {
            topic: topic.arn,
            protocol: "email",
            endpoint: args.alertEmail,
        });
    }

    const specs: AlarmSpec[] = [];
    for (const service of args.services) {
        const ecs = ctx.state.services[service];
        if (!ecs || !cluster) continue;
        const dimensions = { ClusterName: cluster.name, ServiceName: ecs.service.name };
        specs.push(
            { key: `${service}-cpu`, description: `${service}: average CPU above ${th.cpuPercent}%`, namespace: "AWS/ECS", metricName: "CPUUtilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.cpuPercent, period: 300, evaluationPeriods: 2, dimensions },
            { key: `${service}-memory`, description: `${service}: average memory above ${th.memoryPercent}%`, namespace: "AWS/ECS", metricName: "MemoryUtilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.memoryPercent, period: 300, evaluationPeriods: 2, dimensions },
        );
    }

    const eks = ctx.state.eks;
    if (kubernetes && eks) {
        // Container Insights (the amazon-cloudwatch-observability add-on) per node, averaged over the cluster.
        const dimensions = { ClusterName: eks.cluster.name };
        specs.push(
            { key: "cluster-node-cpu", description: `EKS nodes: average CPU above ${th.cpuPercent}%`, namespace: "ContainerInsights", metricName: "node_cpu_utilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.cpuPercent, period: 300, evaluationPeriods: 2, dimensions },
            { key: "cluster-node-memory", description: `EKS nodes: average memory above ${th.memoryPercent}%`, namespace: "ContainerInsights", metricName: "node_memory_utilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.memoryPercent, period: 300, evaluationPeriods: 2, dimensions },
        );
    }

    // Under kubernetes the ALB belongs to the ingress controller; its ARN is not known to the program.
    const albDims = lb ? { LoadBalancer: lb.alb.arnSuffix } : undefined;
    if (albDims) specs.push(
        { key: "alb-5xx", description: `Load balancer: more than ${th.http5xxPerMinute} 5xx responses per minute`, namespace: "AWS/ApplicationELB", metricName: "HTTPCode_ELB_5XX_Count", statistic: "Sum", comparisonOperator: "GreaterThanThreshold", threshold: th.http5xxPerMinute, period: 60, evaluationPeriods: 3, dimensions: albDims },
        { key: "targets-5xx", description: `Services: more than ${th.http5xxPerMinute} 5xx responses per minute`, namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", statistic: "Sum", comparisonOperator: "GreaterThanThreshold", threshold: th.http5xxPerMinute, period: 60, evaluationPeriods: 3, dimensions: albDims },
        { key: "alb-p95-latency", description: `Load balancer: p95 target response time above ${th.p95LatencySeconds}s`, namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", extendedStatistic: "p95", comparisonOperator: "GreaterThanThreshold", threshold: th.p95LatencySeconds, period: 300, evaluationPeriods: 2, dimensions: albDims },
    );

    const dbDims = { DBInstanceIdentifier: database.instance.identifier };
    const memoryGiB = Object.values(RDS_CLASS).find((c) => c.instanceClass === database.instanceClass)?.memoryGiB ?? 4;
    const maxConnections = rdsMaxConnections(memoryGiB);
    specs.push(
        { key: "db-connections", description: `PostgreSQL: connections above ${th.databaseConnections}% of max_connections (${maxConnections})`, namespace: "AWS/RDS", metricName: "DatabaseConnections", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: Math.floor((maxConnections * th.databaseConnections) / 100), period: 300, evaluationPeriods: 2, dimensions: dbDims },
        { key: "db-free-storage", description: `PostgreSQL: free storage below ${th.freeStoragePercent}% of ${database.storageGb} GB`, namespace: "AWS/RDS", metricName: "FreeStorageSpace", statistic: "Minimum", comparisonOperator: "LessThanThreshold", threshold: freeStorageThresholdBytes(database.storageGb, th.freeStoragePercent), period: 300, evaluationPeriods: 1, dimensions: dbDims },
        { key: "db-cpu", description: `PostgreSQL: CPU above ${th.cpuPercent}%`, namespace: "AWS/RDS", metricName: "CPUUtilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.cpuPercent, period: 300, evaluationPeriods: 2, dimensions: dbDims },
    );

    const cacheDims = { ReplicationGroupId: cache.group.replicationGroupId };
    specs.push(
        { key: "cache-cpu", description: `Redis: engine CPU above ${th.cpuPercent}%`, namespace: "AWS/ElastiCache", metricName: "EngineCPUUtilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.cpuPercent, period: 300, evaluationPeriods: 2, dimensions: cacheDims },
        { key: "cache-memory", description: `Redis: memory above ${th.memoryPercent}%`, namespace: "AWS/ElastiCache", metricName: "DatabaseMemoryUsagePercentage", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.memoryPercent, period: 300, evaluationPeriods: 2, dimensions: cacheDims },
    );

    const alarms = specs.map(({ key: alarmKey, description, ...spec }) =>
        ctx.create(aws.cloudwatch.MetricAlarm, scope, childName(name, alarmKey), {
            ...spec,
            name: physicalName(cfg, alarmKey),
            alarmDescription: description,
            treatMissingData: "notBreaching",
            alarmActions: [topic.arn],
            okActions: [topic.arn],
            tags: ctx.tags(),
        }));

    return { alertNames: pulumi.all(alarms.map((a) => a.name)) };
}
