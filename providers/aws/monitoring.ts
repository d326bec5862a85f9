import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlertId, alertDescription, ALERTS, MonitoringArgs, MonitoringOutputs, Severity } from "../../components/monitoring";
import { childName, limitedName, physicalName } from "../../components/naming";
import { createBudget } from "./budget";
import { AwsContext, policyJson } from "./context";
import { AwsWatched, createDashboard } from "./dashboard";
import { awsHandles } from "./handles";
import { createKey } from "./kms";
import { RDS_CLASS, rdsMaxConnections } from "./sizes";
import type { CloudBuilder } from "../shared/bind-cloud";

/** The SNS topic of a severity's alerts (the critical one keeps the single topic's name of before severities). */
export const alertTopicName = (cfg: Parameters<typeof physicalName>[0], severity: Severity): string => physicalName(cfg, severity === "critical" ? "alerts" : "alerts-warning");

/** That topic's ARN, for alarms created before the Monitoring component (release gates). */
export const alertTopicArn = (ctx: AwsContext, severity: Severity): pulumi.Output<string> =>
    pulumi.interpolate`arn:${ctx.partition}:sns:${ctx.cfg.region}:${ctx.accountId}:${alertTopicName(ctx.cfg, severity)}`;

type Dimensions = Record<string, pulumi.Input<string>>;
type MetricQuery = aws.types.input.cloudwatch.MetricAlarmMetricQuery;

/** One alarm: a single metric, or metric math (`metricQueries`) for rates and sums. */
export type AlarmSpec = Omit<aws.cloudwatch.MetricAlarmArgs, "name" | "alarmActions" | "okActions" | "tags" | "alarmDescription"> & { key: string; id: AlertId; detail: string };

/** Free-storage alarm threshold in bytes: `percent` of the allocated storage. */
export function freeStorageThresholdBytes(storageGb: number, percent: number): number {
    return Math.floor(storageGb * 1024 ** 3 * (percent / 100));
}

/** A metric of a metric-math alarm (`returnData` off: only the expression is alarmed on). */
export function metric(id: string, namespace: string, metricName: string, stat: string, dimensions: Dimensions, period = 60): MetricQuery {
    return { id, returnData: false, metric: { namespace, metricName, stat, period, dimensions } };
}

/**
 * `100 * errors / requests`, 0 while fewer than 10 requests a minute arrive (so one failed
 * health probe on an idle service pages nobody). CloudWatch metric math IF/FILL:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
 */
export function errorRateQueries(errors: MetricQuery[], requests: MetricQuery[]): MetricQuery[] {
    const sum = (qs: MetricQuery[]) => qs.map((q) => `FILL(${q.id},0)`).join("+");
    return [...errors, ...requests, { id: "rate", label: "5xx % of requests", returnData: true, expression: `IF((${sum(requests)})>=10,100*(${sum(errors)})/(${sum(requests)}),0)` }];
}

/** The ALB's 5xx rates (its own and the targets') and p95 latency at both thresholds: the same four alarms on ECS and EKS. */
function loadBalancerAlarms(th: MonitoringArgs["thresholds"], alb: pulumi.Input<string>): AlarmSpec[] {
    const dims = { LoadBalancer: alb };
    const requests = [metric("requests", "AWS/ApplicationELB", "RequestCount", "Sum", dims)];
    const rate = (key: string, metricName: string, who: string): AlarmSpec => ({
        key, id: "http-5xx-rate", detail: `${who}: 5xx responses above ${th.http5xxRatePercent}% of requests`,
        metricQueries: errorRateQueries([metric("errors", "AWS/ApplicationELB", metricName, "Sum", dims)], requests),
        comparisonOperator: "GreaterThanThreshold", threshold: th.http5xxRatePercent, evaluationPeriods: 3,
    });
    const p95 = (key: string, id: AlertId, seconds: number): AlarmSpec => ({
        key, id, detail: `Load balancer: p95 target response time above ${seconds}s`,
        namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", extendedStatistic: "p95",
        comparisonOperator: "GreaterThanThreshold", threshold: seconds, period: 300, evaluationPeriods: 2, dimensions: dims,
    });
    return [
        rate("alb-5xx", "HTTPCode_ELB_5XX_Count", "Load balancer"),
        rate("targets-5xx", "HTTPCode_Target_5XX_Count", "Services"),
        p95("alb-p95-latency", "latency-p95", th.p95LatencySeconds),
        p95("alb-p95-latency-critical", "latency-p95-critical", th.p95LatencyCriticalSeconds),
    ];
}


function watchedResources(args: MonitoringArgs): AwsWatched {
    const services: AwsWatched["services"] = {};
    for (const [service, outputs] of Object.entries(args.computeServices)) {
        const ecs = awsHandles.readIfOwn("computeService", outputs.handle);
        if (ecs) services[service] = ecs;
    }
    return {
        database: awsHandles.read("database", args.database.handle, "monitoring"),
        cache: awsHandles.read("cache", args.cache.handle, "monitoring"),
        lb: awsHandles.readIfOwn("loadBalancer", args.loadBalancer.handle),
        cluster: awsHandles.read("network", args.network.handle, "monitoring").ecsCluster,
        services,
        eks: awsHandles.readIfOwn("kubernetesCluster", args.cluster?.handle),
    };
}

/**
 * DESIGN.md's alerts and issue 19's severities on CloudWatch. Per ECS service: CPU, memory,
 * healthy targets (both target groups of a blue/green service) and tasks failing to stay
 * running; under EKS the same from Container Insights (nodes, running pods per Service,
 * container restarts). The ALB's 5xx rates and p95 latency on both runtimes: under EKS the
 * ingress controller makes the ALB, named by the Ingress's `load-balancer-name` annotation,
 * and is looked up by that name once the Ingress has an address. RDS connections (saturation),
 * connection failures (FATAL lines in the exported PostgreSQL log), free storage, CPU; Redis
 * CPU, memory, evictions. Critical alarms go to one KMS-encrypted SNS topic, warnings (and the
 * budget) to another, each with the configured e-mail subscriptions.
 */
export function createMonitoring(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: MonitoringArgs): MonitoringOutputs {
    const { cfg } = ctx;
    const th = args.thresholds;
    const kubernetes = args.runtime === "kubernetes";
    const watched = watchedResources(args);
    const { database, cache, lb, cluster, eks } = watched;

    const key = createKey(ctx, scope, name, "SNS alert topic", {
        policy: policyJson({
            Version: "2012-10-17",
            Statement: [
                { Sid: "AccountAdmin", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:root` }, Action: "kms:*", Resource: "*" },
                { Sid: "CloudWatchAlarms", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" },
                // AWS Budgets publishing to an SSE-KMS topic needs the same two actions:
                // https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html
                { Sid: "BudgetNotifications", Effect: "Allow", Principal: { Service: "budgets.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" },
            ],
        }),
    });
    const topics: Record<Severity, aws.sns.Topic> = {
        // The critical topic keeps the one topic's URN and name that existed before severities.
        critical: ctx.create(aws.sns.Topic, scope, childName(name, "alerts"), { name: alertTopicName(cfg, "critical"), kmsMasterKeyId: key.arn, tags: ctx.tags() }),
        warning: ctx.create(aws.sns.Topic, scope, childName(name, "alerts-warning"), { name: alertTopicName(cfg, "warning"), kmsMasterKeyId: key.arn, tags: ctx.tags() }),
    };
    const subscribe = (severity: Severity, emails: string[], prefix: string) => emails.forEach((email, i) =>
        ctx.create(aws.sns.TopicSubscription, scope, childName(name, i === 0 ? prefix : `${prefix}-${i + 1}`), { topic: topics[severity].arn, protocol: "email", endpoint: email }));
    subscribe("critical", args.critical, "alerts-email");
    subscribe("warning", args.warning, "alerts-warning-email");

    const specs: AlarmSpec[] = [];
    for (const service of args.services) {
        const ecs = watched.services[service];
        if (!ecs || !cluster) continue;
        const dimensions = { ClusterName: cluster.name, ServiceName: ecs.service.name };
        specs.push(
            { key: `${service}-cpu`, id: "service-cpu", detail: `${service}: average CPU above ${th.cpuPercent}%`, namespace: "AWS/ECS", metricName: "CPUUtilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.cpuPercent, period: 300, evaluationPeriods: 2, dimensions },
            { key: `${service}-memory`, id: "service-memory", detail: `${service}: average memory above ${th.memoryPercent}%`, namespace: "AWS/ECS", metricName: "MemoryUtilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.memoryPercent, period: 300, evaluationPeriods: 2, dimensions },
            // Container Insights (enabled on the cluster): tasks that keep stopping never reach the desired count.
            {
                key: `${service}-crash-loop`, id: "crash-loop", detail: `${service}: fewer tasks running than desired for 10 minutes (tasks failing to start or crashing)`,
                metricQueries: [
                    metric("desired", "ECS/ContainerInsights", "DesiredTaskCount", "Average", dimensions, 300),
                    metric("running", "ECS/ContainerInsights", "RunningTaskCount", "Average", dimensions, 300),
                    { id: "missing", label: "tasks missing", returnData: true, expression: "FILL(desired,0)-FILL(running,0)" },
                ],
                comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 1, evaluationPeriods: 2,
            },
        );
        const groups = lb ? [lb.targetGroups[service], lb.alternateTargetGroups[service]].filter((g): g is aws.lb.TargetGroup => g !== undefined) : [];
        if (lb && groups.length > 0) {
            specs.push({
                key: `${service}-healthy-targets`, id: "no-healthy-targets", detail: `${service}: no healthy target behind the load balancer`,
                metricQueries: [
                    ...groups.map((g, i) => metric(`healthy${i}`, "AWS/ApplicationELB", "HealthyHostCount", "Minimum", { LoadBalancer: lb.alb.arnSuffix, TargetGroup: g.arnSuffix })),
                    { id: "healthy", label: "healthy targets", returnData: true, expression: groups.map((_, i) => `FILL(healthy${i},0)`).join("+") },
                ],
                comparisonOperator: "LessThanThreshold", threshold: 1, evaluationPeriods: 2, treatMissingData: "breaching",
            });
        }
    }

    let ingressAlbSuffix: pulumi.Output<string> | undefined;
    if (kubernetes && eks) {
        // Container Insights (the amazon-cloudwatch-observability add-on), metric names and dimensions:
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-EKS.html
        const dimensions = { ClusterName: eks.cluster.name };
        const namespace = `${cfg.appName}-${cfg.environment}`;
        specs.push(
            { key: "cluster-node-cpu", id: "service-cpu", detail: `EKS nodes: average CPU above ${th.cpuPercent}%`, namespace: "ContainerInsights", metricName: "node_cpu_utilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.cpuPercent, period: 300, evaluationPeriods: 2, dimensions },
            { key: "cluster-node-memory", id: "service-memory", detail: `EKS nodes: average memory above ${th.memoryPercent}%`, namespace: "ContainerInsights", metricName: "node_memory_utilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.memoryPercent, period: 300, evaluationPeriods: 2, dimensions },
        );
        for (const service of args.services) {
            // PodName is the workload's name without the ReplicaSet/pod suffix, i.e. the Deployment.
            const pod = { ...dimensions, Namespace: namespace, PodName: service };
            specs.push({
                key: `${service}-crash-loop`, id: "crash-loop", detail: `${service}: more than ${th.restartsPer10Minutes} container restarts in 10 minutes`,
                metricQueries: [
                    metric("restarts", "ContainerInsights", "pod_number_of_container_restarts", "Maximum", pod, 600),
                    { id: "increase", label: "restarts in 10 min", returnData: true, expression: "DIFF(FILL(restarts,0))" },
                ],
                comparisonOperator: "GreaterThanThreshold", threshold: th.restartsPer10Minutes, evaluationPeriods: 1,
            });
        }
        for (const service of args.httpServices) {
            specs.push({
                key: `${service}-healthy-targets`, id: "no-healthy-targets", detail: `${service}: no running pod behind its Service`,
                namespace: "ContainerInsights", metricName: "service_number_of_running_pods", statistic: "Minimum",
                dimensions: { ...dimensions, Namespace: namespace, Service: service },
                comparisonOperator: "LessThanThreshold", threshold: 1, period: 60, evaluationPeriods: 3, treatMissingData: "breaching",
            });
        }
        // The controller's ALB exists once the Ingress has an address; look it up by the name the
        // Ingress annotation gave it (providers/aws/kubernetes-ingress.ts). data source aws_lb returns arn_suffix:
        // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/lb
        const ingressAlb = aws.lb.getLoadBalancerOutput({ name: args.loadBalancerEndpoint.apply(() => limitedName(cfg, 32, "alb")) }, { provider: ctx.provider, parent: scope });
        ingressAlbSuffix = ingressAlb.arnSuffix;
        specs.push(...loadBalancerAlarms(th, ingressAlbSuffix));
    }

    if (lb) specs.push(...loadBalancerAlarms(th, lb.alb.arnSuffix));

    const dbDims = { DBInstanceIdentifier: database.instance.identifier };
    const memoryGiB = Object.values(RDS_CLASS).find((c) => c.instanceClass === database.instanceClass)?.memoryGiB ?? 4;
    const maxConnections = rdsMaxConnections(memoryGiB);
    specs.push(
        { key: "db-connections", id: "db-connections", detail: `PostgreSQL: connections above ${th.databaseConnections}% of max_connections (${maxConnections})`, namespace: "AWS/RDS", metricName: "DatabaseConnections", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: Math.floor((maxConnections * th.databaseConnections) / 100), period: 300, evaluationPeriods: 2, dimensions: dbDims },
        { key: "db-free-storage", id: "db-free-storage", detail: `PostgreSQL: free storage below ${th.freeStoragePercent}% of ${database.storageGb} GB`, namespace: "AWS/RDS", metricName: "FreeStorageSpace", statistic: "Minimum", comparisonOperator: "LessThanThreshold", threshold: freeStorageThresholdBytes(database.storageGb, th.freeStoragePercent), period: 300, evaluationPeriods: 1, dimensions: dbDims },
        { key: "db-cpu", id: "db-cpu", detail: `PostgreSQL: CPU above ${th.cpuPercent}%`, namespace: "AWS/RDS", metricName: "CPUUtilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.cpuPercent, period: 300, evaluationPeriods: 2, dimensions: dbDims },
    );

    // RDS has no failed-connection metric; PostgreSQL logs every refused connection as FATAL
    // (authentication failed, too many clients, no such database) in the log the instance exports.
    const failuresMetric = physicalName(cfg, "db-connection-failures");
    const failuresNamespace = `Platform/${physicalName(cfg)}`;
    ctx.create(aws.cloudwatch.LogMetricFilter, scope, childName(name, "db-connection-failures-filter"), {
        name: failuresMetric,
        logGroupName: database.instance.identifier.apply((id) => `/aws/rds/instance/${id}/postgresql`),
        pattern: '"FATAL:"',
        metricTransformation: { name: failuresMetric, namespace: failuresNamespace, value: "1", defaultValue: "0" },
    });
    specs.push({
        key: "db-connection-failures", id: "db-connection-failures", detail: `PostgreSQL: more than ${th.databaseConnectionFailures} refused connections (FATAL) in 5 minutes`,
        namespace: failuresNamespace, metricName: failuresMetric, statistic: "Sum", comparisonOperator: "GreaterThanThreshold",
        threshold: th.databaseConnectionFailures, period: 300, evaluationPeriods: 1,
    });

    const cacheDims = { ReplicationGroupId: cache.group.replicationGroupId };
    specs.push(
        { key: "cache-cpu", id: "cache-cpu", detail: `Redis: engine CPU above ${th.cpuPercent}%`, namespace: "AWS/ElastiCache", metricName: "EngineCPUUtilization", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.cpuPercent, period: 300, evaluationPeriods: 2, dimensions: cacheDims },
        { key: "cache-memory", id: "cache-memory", detail: `Redis: memory above ${th.memoryPercent}%`, namespace: "AWS/ElastiCache", metricName: "DatabaseMemoryUsagePercentage", statistic: "Average", comparisonOperator: "GreaterThanThreshold", threshold: th.memoryPercent, period: 300, evaluationPeriods: 2, dimensions: cacheDims },
        { key: "cache-evictions", id: "cache-evictions", detail: `Redis: more than ${th.cacheEvictionsPerMinute} keys evicted per minute`, namespace: "AWS/ElastiCache", metricName: "Evictions", statistic: "Sum", comparisonOperator: "GreaterThanThreshold", threshold: th.cacheEvictionsPerMinute * 5, period: 300, evaluationPeriods: 1, dimensions: cacheDims },
    );

    const alarms = specs.map(({ key: alarmKey, id, detail, ...spec }) => {
        const topic = topics[ALERTS[id].severity];
        return ctx.create(aws.cloudwatch.MetricAlarm, scope, childName(name, alarmKey), {
            treatMissingData: "notBreaching",
            ...spec,
            name: physicalName(cfg, alarmKey),
            alarmDescription: alertDescription(args.runbookUrl, id, detail),
            alarmActions: [topic.arn],
            okActions: [topic.arn],
            tags: ctx.tags(),
        });
    });

    const dashboard = createDashboard(ctx, scope, name, { services: args.services, alarms, loadBalancer: ingressAlbSuffix, watched });
    if (th.budget.enabled) createBudget(ctx, scope, name, { amount: th.budget.amount, topic: topics.warning });

    return { alertNames: pulumi.all(alarms.map((a) => a.name)), dashboard: dashboard.dashboardName };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/aws/index.ts. */
export const builder: CloudBuilder<AwsContext, "monitoring"> = createMonitoring;
