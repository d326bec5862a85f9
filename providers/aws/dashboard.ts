import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, physicalName } from "../../components/naming";
import type { AwsContext } from "./context";
import type { AwsHandles } from "./handles";

type Metric = [string, string, ...pulumi.Input<string>[]];

/** A metric widget: CloudWatch's dashboard body `metrics` rows are [namespace, name, dimName, dimValue, ...]. */
function widget(title: string, metrics: Metric[], stat = "Average", x = 0, y = 0) {
    return { type: "metric", x, y, width: 12, height: 6, properties: { title, view: "timeSeries", stacked: false, stat, period: 300, metrics } };
}

/** The AWS resources behind the components the alarms and the dashboard watch, from their handles. */
export interface AwsWatched {
    database: AwsHandles["database"];
    cache: AwsHandles["cache"];
    /** The ALB this program creates (managed runtime); under kubernetes the ingress controller makes it. */
    lb?: AwsHandles["loadBalancer"];
    /** The ECS cluster (managed runtime). */
    cluster?: aws.ecs.Cluster;
    /** ECS services by name (managed runtime). */
    services: Record<string, AwsHandles["computeService"]>;
    /** The EKS cluster (kubernetes runtime, absent with an existing cluster). */
    eks?: AwsHandles["kubernetesCluster"];
}

/**
 * One CloudWatch dashboard per stack: the alarms' state, the load balancer (requests, 5xx,
 * p95), each ECS service's CPU and memory, the database and the cache, every widget on the
 * plan's own resources. Body format:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 * (aws_cloudwatch_dashboard takes no tags.)
 */
export function createDashboard(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: {
    services: string[];
    alarms: aws.cloudwatch.MetricAlarm[];
    /** The ALB's `LoadBalancer` dimension (its ARN suffix); under kubernetes the controller's ALB. */
    loadBalancer?: pulumi.Input<string>;
    watched: AwsWatched;
}): aws.cloudwatch.Dashboard {
    const { cfg } = ctx;
    const { database, cache, cluster, eks } = args.watched;
    const lb = args.loadBalancer ?? args.watched.lb?.alb.arnSuffix;

    const widgets: unknown[] = [
        { type: "alarm", x: 0, y: 0, width: 24, height: 4, properties: { title: "Alarms", alarms: args.alarms.map((a) => a.arn) } },
    ];
    if (lb) {
        widgets.push(
            widget("Load balancer: requests and 5xx", [
                ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", lb],
                ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", lb],
                ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", lb],
            ], "Sum"),
            widget("Load balancer: p95 response time", [["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", lb]], "p95", 12),
        );
    }
    if (cluster) {
        for (const service of args.services) {
            const ecs = args.watched.services[service];
            if (!ecs) continue;
            widgets.push(widget(`${service}: CPU and memory`, [
                ["AWS/ECS", "CPUUtilization", "ClusterName", cluster.name, "ServiceName", ecs.service.name],
                ["AWS/ECS", "MemoryUtilization", "ClusterName", cluster.name, "ServiceName", ecs.service.name],
            ]));
        }
    }
    if (eks) {
        widgets.push(widget("EKS nodes: CPU and memory", [
            ["ContainerInsights", "node_cpu_utilization", "ClusterName", eks.cluster.name],
            ["ContainerInsights", "node_memory_utilization", "ClusterName", eks.cluster.name],
        ]));
    }
    const db = database.instance.identifier;
    widgets.push(
        widget("PostgreSQL: connections and CPU", [
            ["AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", db],
            ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", db],
        ]),
        widget("PostgreSQL: free storage", [["AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", db]], "Minimum", 12),
        widget("Redis: memory, CPU and evictions", [
            ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "ReplicationGroupId", cache.group.replicationGroupId],
            ["AWS/ElastiCache", "EngineCPUUtilization", "ReplicationGroupId", cache.group.replicationGroupId],
            ["AWS/ElastiCache", "Evictions", "ReplicationGroupId", cache.group.replicationGroupId],
        ]),
    );

    return ctx.create(aws.cloudwatch.Dashboard, scope, childName(name, "dashboard"), {
        dashboardName: physicalName(cfg, "platform"),
        dashboardBody: pulumi.jsonStringify(pulumi.output({ start: "-PT6H", periodOverride: "inherit", widgets }).apply((body) => ({ ...body, widgets: body.widgets.map(withRegion(cfg.region)) }))),
    });
}

/** Metric widgets need the region they read from. */
function withRegion(region: string) {
    return (w: unknown) => {
        const widgetValue = w as { type: string; properties: Record<string, unknown> };
        return widgetValue.type === "metric" ? { ...widgetValue, properties: { ...widgetValue.properties, region } } : widgetValue;
    };
}
