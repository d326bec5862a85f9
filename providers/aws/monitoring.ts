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
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import { nameRule, parseJsonInput as parseJson, type Rule } from "../shared/rules";
import { TAGS, TF } from "./replacement";

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

// The offline engine's facts of the AWS types only this component creates (npm run diff and the
// deploy-rule specs read them; providers/shared/cloud-engine.ts): engine.ts holds the shared ones.

const REPLACEMENT: ReplacementTable = {
    "aws:budgets/budget:Budget": {
        source: `${TF}budgets/budget.go (name, account_id ForceNew)`,
        replace: ["name", "namePrefix", "accountId"],
        update: [...TAGS, "budgetType", "costFilters", "limitAmount", "limitUnit", "notifications", "timeUnit", "timePeriodStart", "timePeriodEnd", "costTypes",
            "plannedLimits", "autoAdjustData"],
    },
    "aws:cloudwatch/dashboard:Dashboard": {
        source: `${TF}cloudwatch/dashboard.go (dashboard_name ForceNew)`,
        replace: ["dashboardName"],
        update: ["dashboardBody"],
    },
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": {
        source: `${TF}logs/metric_filter.go (name, log_group_name ForceNew)`,
        replace: ["name", "logGroupName"],
        update: ["metricTransformation", "pattern", "applyOnTransformedLogs"],
    },
    "aws:sns/topicPolicy:TopicPolicy": {
        source: `${TF}sns/topic_policy.go (arn ForceNew)`,
        replace: ["arn"],
        update: ["policy"],
    },
    "aws:sns/topic:Topic": {
        source: `${TF}sns/topic.go`,
        replace: ["name", "namePrefix", "fifoTopic"],
        update: [...TAGS, "kmsMasterKeyId", "displayName", "policy", "deliveryPolicy", "contentBasedDeduplication", "signatureVersion", "tracingConfig"],
    },
    "aws:sns/topicSubscription:TopicSubscription": {
        source: `${TF}sns/topic_subscription.go`,
        replace: ["endpoint", "protocol", "topic", "endpointAutoConfirms", "confirmationTimeoutInMinutes"],
        update: ["filterPolicy", "filterPolicyScope", "rawMessageDelivery", "redrivePolicy", "deliveryPolicy", "subscriptionRoleArn", "replayPolicy"],
    },
};

const RULES: Rule[] = [
    // https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
    nameRule({ id: "aws/sns-topic-name", types: ["aws:sns/topic:Topic"], field: "name", max: 256, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores", doc: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html" }),
    {
        // Subscriptions: known protocols, and an email endpoint is an address.
        id: "aws/sns-subscription",
        family: "combinations",
        types: ["aws:sns/topicSubscription:TopicSubscription", "aws:sns/topic:Topic"],
        doc: "https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html",
        check: (r) => {
            if (r.type === "aws:sns/topic:Topic") return r.inputs.fifoTopic && !String(r.inputs.name).endsWith(".fifo") ? ["a FIFO topic name ends in .fifo"] : [];
            const p = r.inputs.protocol;
            const problems = ["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"].includes(p) ? [] : [`protocol ${p} is not an SNS protocol`];
            if (p === "email" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(r.inputs.endpoint))) problems.push(`endpoint ${r.inputs.endpoint} is not an email address`);
            return problems;
        },
    },
    nameRule({
        // DashboardName: up to 255 characters, alphanumerics, dash and underscore.
        id: "aws/dashboard-name",
        types: ["aws:cloudwatch/dashboard:Dashboard"],
        field: "dashboardName",
        max: 255,
        pattern: /^[A-Za-z0-9_-]+$/,
        allowed: "letters, digits, - and _",
        doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html",
    }),
    {
        // The body is a JSON object with a widgets list; each widget sits on the 24-column grid.
        id: "aws/dashboard-body",
        family: "combinations",
        types: ["aws:cloudwatch/dashboard:Dashboard"],
        doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html",
        check: (r) => {
            const body = parseJson(r.inputs.dashboardBody);
            if (!body || !Array.isArray(body.widgets)) return ["dashboardBody is not a JSON object with a widgets array"];
            const problems: string[] = [];
            if (body.widgets.length > 500) problems.push(`${body.widgets.length} widgets; a dashboard holds at most 500`);
            body.widgets.forEach((w: any, i: number) => {
                if (!["metric", "text", "log", "alarm", "explorer", "custom"].includes(w.type)) problems.push(`widgets[${i}].type ${JSON.stringify(w.type)}: allowed metric, text, log, alarm, explorer, custom`);
                const x = w.x ?? 0, width = w.width ?? 6;
                if (width < 1 || width > 24 || x < 0 || x + width > 24) problems.push(`widgets[${i}] spans columns ${x}-${x + width}; the grid has 24`);
                if (w.height !== undefined && (w.height < 1 || w.height > 1000)) problems.push(`widgets[${i}].height ${w.height}: allowed 1-1000`);
            });
            return problems;
        },
    },
    {
        // A cost budget: a positive amount, a supported period, at most 5 notifications with 1-10 email or 1 SNS subscriber each.
        id: "aws/budget-shape",
        family: "combinations",
        types: ["aws:budgets/budget:Budget"],
        doc: "https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_CreateBudget.html",
        check: (r) => {
            const problems: string[] = [];
            if (!["COST", "USAGE", "RI_UTILIZATION", "RI_COVERAGE", "SAVINGS_PLANS_UTILIZATION", "SAVINGS_PLANS_COVERAGE"].includes(r.inputs.budgetType)) problems.push(`budgetType ${JSON.stringify(r.inputs.budgetType)} is not a budget type`);
            if (!["DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY"].includes(r.inputs.timeUnit)) problems.push(`timeUnit ${JSON.stringify(r.inputs.timeUnit)}: allowed DAILY, MONTHLY, QUARTERLY, ANNUALLY`);
            if (!(Number(r.inputs.limitAmount) > 0)) problems.push(`limitAmount ${JSON.stringify(r.inputs.limitAmount)}: a positive amount`);
            const notifications = (r.inputs.notifications ?? []) as any[];
            if (notifications.length > 5) problems.push(`${notifications.length} notifications; a budget allows 5`);
            notifications.forEach((n, i) => {
                const email = (n.subscriberEmailAddresses ?? []).length, sns = (n.subscriberSnsTopicArns ?? []).length;
                if (email + sns === 0) problems.push(`notifications[${i}] has no subscriber`);
                if (email > 10 || sns > 1) problems.push(`notifications[${i}]: at most 10 email subscribers and 1 SNS topic`);
                if (n.thresholdType === "PERCENTAGE" && !(n.threshold > 0 && n.threshold <= 1000000000)) problems.push(`notifications[${i}].threshold ${n.threshold}: a positive percentage`);
            });
            return problems;
        },
    },
    {
        // Filter name up to 512, pattern up to 1024, metric name and namespace up to 255 characters.
        id: "aws/log-metric-filter",
        family: "names",
        types: ["aws:cloudwatch/logMetricFilter:LogMetricFilter"],
        doc: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html",
        check: (r) => {
            const problems: string[] = [];
            const len = (v: unknown) => (typeof v === "string" ? v.length : 0);
            if (len(r.inputs.name) < 1 || len(r.inputs.name) > 512 || /[:*]/.test(r.inputs.name ?? "")) problems.push(`name ${JSON.stringify(r.inputs.name)}: 1-512 characters without : or *`);
            if (len(r.inputs.pattern) > 1024) problems.push(`pattern is ${len(r.inputs.pattern)} characters; allowed 1024`);
            const t = r.inputs.metricTransformation ?? {};
            for (const k of ["name", "namespace"]) if (len(t[k]) < 1 || len(t[k]) > 255 || /[:*$]/.test(t[k] ?? "")) problems.push(`metricTransformation.${k} ${JSON.stringify(t[k])}: 1-255 characters without :, * or $`);
            return problems;
        },
    },
    {
        // An SNS access policy: Version 2012-10-17, every statement with Effect, Principal and Action on this topic.
        id: "aws/topic-policy",
        family: "companions",
        types: ["aws:sns/topicPolicy:TopicPolicy"],
        doc: "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html",
        check: (r, plan) => {
            const doc = parseJson(r.inputs.policy);
            if (!doc) return ["policy is not a JSON document"];
            const problems: string[] = [];
            if (doc.Version !== "2012-10-17") problems.push(`policy Version ${JSON.stringify(doc.Version)}: use 2012-10-17`);
            for (const [i, s] of ((doc.Statement ?? []) as any[]).entries()) {
                if (!["Allow", "Deny"].includes(s.Effect) || !s.Principal || !s.Action) problems.push(`Statement[${i}] needs Effect, Principal and Action`);
                if (s.Resource !== undefined && s.Resource !== r.inputs.arn) problems.push(`Statement[${i}].Resource ${JSON.stringify(s.Resource)} is not the topic ${r.inputs.arn}`);
            }
            if (!plan.resolve("aws:sns/topic:Topic", r.inputs.arn)) problems.push(`arn ${JSON.stringify(r.inputs.arn)} is no topic of this plan`);
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = {
    replacement: REPLACEMENT,
    rules: RULES,
};
