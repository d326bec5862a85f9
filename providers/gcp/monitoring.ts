import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AlertId, alertDescription, ALERTS, MonitoringArgs, MonitoringOutputs, Severity } from "../../components/monitoring";
import { childName, kubernetesNamespace, limitedName } from "../../components/naming";
import { createBudget } from "./budget";
import { createDashboard } from "./dashboard";
import type { GkeNames, WatchedNames } from "./watched-names";
import type { GcpContext } from "./context";
import { gcpHandles } from "./handles";
import { gkeClusterName } from "./kubernetes-cluster";
import { cloudRunServiceName } from "./load-balancer";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import { nameRule, parseJsonInput as parseJson, type Rule } from "../shared/rules";
import { HW, MM } from "./replacement";

type Threshold = gcp.types.input.monitoring.AlertPolicyConditionConditionThreshold;
type Absent = gcp.types.input.monitoring.AlertPolicyConditionConditionAbsent;

/** One alert policy: its resource key, the logical alert it implements, and a threshold or absence condition. */
export interface AlertSpec {
    key: string;
    id: AlertId;
    title: string;
    threshold?: Threshold;
    absent?: Absent;
}

/** Log-based counters the alerts need where Cloud Monitoring has no metric: their names (`logging.googleapis.com/user/<name>`) and filters. */
export interface LogCounter {
    key: string;
    name: string;
    filter: string;
    description: string;
}

const quote = (s: string) => JSON.stringify(s);

/** Container CPU / memory against their limits (p99 per container), for the platform's namespace on its cluster. */
function gkeContainerAlerts(th: MonitoringArgs["thresholds"], gke: GkeNames): AlertSpec[] {
    const k8s = `resource.type = "k8s_container"${gke.cluster ? ` AND resource.labels.cluster_name = ${quote(gke.cluster)}` : ""} AND resource.labels.namespace_name = ${quote(gke.namespace)} AND resource.labels.container_name = one_of(${gke.containers.map(quote).join(", ")})`;
    const perContainer = [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_PERCENTILE_99", crossSeriesReducer: "REDUCE_MAX", groupByFields: ["resource.label.container_name"] }];
    return [
        {
            key: "cpu",
            id: "service-cpu",
            title: `GKE container CPU above ${th.cpuPercent}% of its limit`,
            threshold: {
                filter: `${k8s} AND metric.type = "kubernetes.io/container/cpu/limit_utilization"`,
                comparison: "COMPARISON_GT",
                thresholdValue: th.cpuPercent / 100,
                duration: "300s",
                aggregations: perContainer,
            },
        },
        {
            key: "memory",
            id: "service-memory",
            title: `GKE container memory above ${th.memoryPercent}% of its limit`,
            threshold: {
                filter: `${k8s} AND metric.type = "kubernetes.io/container/memory/limit_utilization" AND metric.labels.memory_type = "non-evictable"`,
                comparison: "COMPARISON_GT",
                thresholdValue: th.memoryPercent / 100,
                duration: "300s",
                aggregations: perContainer,
            },
        },
        {
            // restart_count is cumulative per container: its delta over 10 minutes is the restarts in them.
            // https://cloud.google.com/monitoring/api/metrics_kubernetes (kubernetes.io/container/restart_count)
            key: "crash-loop",
            id: "crash-loop",
            title: `GKE containers restarted more than ${th.restartsPer10Minutes} times in 10 minutes`,
            threshold: {
                filter: `${k8s} AND metric.type = "kubernetes.io/container/restart_count"`,
                comparison: "COMPARISON_GT",
                thresholdValue: th.restartsPer10Minutes,
                duration: "0s",
                aggregations: [{ alignmentPeriod: "600s", perSeriesAligner: "ALIGN_DELTA", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.container_name"] }],
            },
        },
    ];
}


/** A "value above threshold" condition, the shape most alerts share. */
function gt(key: string, id: AlertId, title: string, filter: string, thresholdValue: number, aggregations: Threshold["aggregations"], duration = "300s"): AlertSpec {
    return { key, id, title, threshold: { filter, comparison: "COMPARISON_GT", thresholdValue, duration, aggregations } };
}

/** The log-based counters: refused PostgreSQL connections (FATAL lines), and Cloud Run instances that exited or ran out of memory. */
export function logCounters(names: Omit<WatchedNames, "counters">, cfg: { appName: string; environment: "production" | "staging" }): LogCounter[] {
    const sql = `resource.type="cloudsql_database" AND resource.labels.database_id="${names.project}:${names.sqlInstance}"`;
    const counters: LogCounter[] = [{
        key: "db-connection-failures-metric",
        name: limitedName(cfg, 100, "db-connection-failures"),
        // Cloud SQL for PostgreSQL writes the server log as cloudsql.googleapis.com/postgres.log.
        filter: `${sql} AND log_id("cloudsql.googleapis.com/postgres.log") AND textPayload:"FATAL:"`,
        description: "PostgreSQL refused a connection (FATAL: authentication, too many clients, no such database)",
    }];
    if (!names.gke) {
        counters.push({
            key: "crash-loop-metric",
            name: limitedName(cfg, 100, "run-crashes"),
            // Cloud Run's system log records each instance that exits or exceeds its memory limit.
            filter: `resource.type="cloud_run_revision" AND resource.labels.service_name=(${names.cloudRunServices.map(quote).join(" OR ")}) AND log_id("run.googleapis.com/varlog/system") AND (textPayload:"Container called exit" OR textPayload:"Memory limit")`,
            description: "A Cloud Run instance exited or ran out of memory",
        });
    }
    return counters;
}

/**
 * Issue 19's alert set as Cloud Monitoring conditions: Cloud Run (or GKE container) CPU,
 * memory, crash loops and healthy instances; the load balancer's 5xx share of requests (a
 * ratio condition: filter over denominatorFilter) and p95 latency at the warning and critical
 * thresholds; Cloud SQL connections (saturation), refused connections, CPU and disk; Redis
 * memory, evictions and CPU. Pure: tested without mocks.
 */
export function alertSpecs(args: Pick<MonitoringArgs, "thresholds">, names: WatchedNames): AlertSpec[] {
    const th = args.thresholds;
    const run = `resource.type = "cloud_run_revision" AND resource.labels.service_name = one_of(${names.cloudRunServices.map(quote).join(", ")})`;
    const routedRun = `resource.type = "cloud_run_revision" AND resource.labels.service_name = one_of(${names.routedCloudRunServices.map(quote).join(", ")})`;
    // GKE names the Ingress's URL map `k8s2-um-<cluster uid>-<namespace>-<ingress>-<hash>`.
    const lb = names.gke
        ? `resource.type = "https_lb_rule" AND resource.labels.url_map_name = monitoring.regex.full_match(${quote(`k8s2-um-[a-z0-9]+-${names.gke.namespace}-.*`)})`
        : `resource.type = "https_lb_rule" AND resource.labels.url_map_name = ${quote(names.urlMap)}`;
    const sql = `resource.type = "cloudsql_database" AND resource.labels.database_id = ${quote(`${names.project}:${names.sqlInstance}`)}`;
    const redis = `resource.type = "redis_instance" AND resource.labels.instance_id = ${quote(`projects/${names.project}/locations/${names.region}/instances/${names.redisInstance}`)}`;
    const perService = (aligner: string) => [{ alignmentPeriod: "60s", perSeriesAligner: aligner, crossSeriesReducer: "REDUCE_MAX", groupByFields: ["resource.label.service_name"] }];
    const lbRate = [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_RATE", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.url_map_name"] }];
    const userMetric = (n: string) => `metric.type = "logging.googleapis.com/user/${n}"`;
    const perInstance = (aligner: string, reducer: string) => [{ alignmentPeriod: "60s", perSeriesAligner: aligner, crossSeriesReducer: reducer, groupByFields: ["resource.label.instance_id"] }];
    const p95 = (key: string, id: AlertId, seconds: number): AlertSpec => ({
        key, id, title: `Load balancer p95 latency above ${seconds}s`,
        threshold: {
            filter: `${lb} AND metric.type = "loadbalancing.googleapis.com/https/total_latencies"`,
            comparison: "COMPARISON_GT",
            // total_latencies is in milliseconds.
            thresholdValue: seconds * 1000,
            duration: "300s",
            aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_DELTA", crossSeriesReducer: "REDUCE_PERCENTILE_95", groupByFields: ["resource.label.url_map_name"] }],
        },
    });
    const gke = names.gke;
    const gkeHttp = gke ? `resource.type = "k8s_container"${gke.cluster ? ` AND resource.labels.cluster_name = ${quote(gke.cluster)}` : ""} AND resource.labels.namespace_name = ${quote(gke.namespace)}` : "";
    return [
        ...(gke ? gkeContainerAlerts(th, gke) : [
            {
                key: "cpu", id: "service-cpu" as const,
                title: `Cloud Run CPU above ${th.cpuPercent}%`,
                threshold: {
                    filter: `${run} AND metric.type = "run.googleapis.com/container/cpu/utilizations"`,
                    comparison: "COMPARISON_GT",
                    thresholdValue: th.cpuPercent / 100,
                    duration: "300s",
                    aggregations: perService("ALIGN_PERCENTILE_99"),
                },
            },
            {
                key: "memory", id: "service-memory" as const,
                title: `Cloud Run memory above ${th.memoryPercent}%`,
                threshold: {
                    filter: `${run} AND metric.type = "run.googleapis.com/container/memory/utilizations"`,
                    comparison: "COMPARISON_GT",
                    thresholdValue: th.memoryPercent / 100,
                    duration: "300s",
                    aggregations: perService("ALIGN_PERCENTILE_99"),
                },
            },
            {
                key: "crash-loop", id: "crash-loop" as const,
                title: `Cloud Run instances exited more than ${th.restartsPer10Minutes} times in 10 minutes`,
                threshold: {
                    filter: `${userMetric(names.counters.runCrashes)} AND resource.type = "cloud_run_revision"`,
                    comparison: "COMPARISON_GT",
                    thresholdValue: th.restartsPer10Minutes,
                    duration: "0s",
                    aggregations: [{ alignmentPeriod: "600s", perSeriesAligner: "ALIGN_DELTA", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.service_name"] }],
                },
            },
        ]),
        gke
            ? {
                // No series from a routed container for 5 minutes: no pod of it is running.
                key: "healthy-instances", id: "no-healthy-targets",
                title: "A routed GKE workload has no running container",
                absent: {
                    filter: `${gkeHttp} AND resource.labels.container_name = one_of(${gke.httpContainers.map(quote).join(", ")}) AND metric.type = "kubernetes.io/container/uptime"`,
                    duration: "300s",
                    aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MEAN", crossSeriesReducer: "REDUCE_COUNT", groupByFields: ["resource.label.container_name"] }],
                },
            }
            : {
                // instance_count by state (active/idle); fewer than one instance in total: nothing serves.
                key: "healthy-instances", id: "no-healthy-targets",
                title: "A routed Cloud Run service has no instance",
                threshold: {
                    filter: `${routedRun} AND metric.type = "run.googleapis.com/container/instance_count"`,
                    comparison: "COMPARISON_LT",
                    thresholdValue: 1,
                    duration: "300s",
                    aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MAX", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.service_name"] }],
                },
            },
        {
            key: "http-5xx", id: "http-5xx-rate",
            title: `Load balancer 5xx above ${th.http5xxRatePercent}% of requests`,
            // A ratio condition: filter / denominatorFilter, both aligned to per-second rates
            // (AlertPolicy conditionThreshold.denominatorFilter, google_monitoring_alert_policy).
            threshold: {
                filter: `${lb} AND metric.type = "loadbalancing.googleapis.com/https/request_count" AND metric.labels.response_code_class = 500`,
                denominatorFilter: `${lb} AND metric.type = "loadbalancing.googleapis.com/https/request_count"`,
                comparison: "COMPARISON_GT",
                thresholdValue: th.http5xxRatePercent / 100,
                duration: "300s",
                aggregations: lbRate,
                denominatorAggregations: lbRate,
            },
        },
        p95("latency-p95", "latency-p95", th.p95LatencySeconds),
        p95("latency-p95-critical", "latency-p95-critical", th.p95LatencyCriticalSeconds),
        gt("db-connections", "db-connections", `Cloud SQL connections above ${th.databaseConnections}% of max_connections`,
            `${sql} AND metric.type = "cloudsql.googleapis.com/database/postgresql/num_backends"`, Math.floor((names.maxConnections * th.databaseConnections) / 100),
            [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MEAN", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.database_id"] }]),
        gt("db-connection-failures", "db-connection-failures", `Cloud SQL refused more than ${th.databaseConnectionFailures} connections in 5 minutes`,
            `${userMetric(names.counters.dbConnectionFailures)} AND resource.type = "cloudsql_database"`, th.databaseConnectionFailures,
            [{ alignmentPeriod: "300s", perSeriesAligner: "ALIGN_DELTA", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.database_id"] }], "0s"),
        gt("db-storage", "db-free-storage", `Cloud SQL free storage below ${th.freeStoragePercent}%`,
            `${sql} AND metric.type = "cloudsql.googleapis.com/database/disk/utilization"`, 1 - th.freeStoragePercent / 100, [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MAX" }]),
        gt("db-cpu", "db-cpu", `Cloud SQL CPU above ${th.cpuPercent}%`,
            `${sql} AND metric.type = "cloudsql.googleapis.com/database/cpu/utilization"`, th.cpuPercent / 100, [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MEAN" }]),
        gt("cache-memory", "cache-memory", `Memorystore memory above ${th.memoryPercent}%`,
            `${redis} AND metric.type = "redis.googleapis.com/stats/memory/usage_ratio"`, th.memoryPercent / 100, perInstance("ALIGN_MAX", "REDUCE_MAX")),
        // ALIGN_RATE yields per-second rates.
        gt("cache-evictions", "cache-evictions", `Memorystore evicting more than ${th.cacheEvictionsPerMinute} keys per minute`,
            `${redis} AND metric.type = "redis.googleapis.com/stats/evicted_keys"`, th.cacheEvictionsPerMinute / 60, perInstance("ALIGN_RATE", "REDUCE_SUM")),
        // CPU seconds per second: Redis executes commands on one thread, so 0.8 is 80 % of it.
        gt("cache-cpu", "cache-cpu", `Memorystore CPU above ${th.cpuPercent}% of a core`,
            `${redis} AND metric.type = "redis.googleapis.com/stats/cpu_utilization"`, th.cpuPercent / 100, perInstance("ALIGN_RATE", "REDUCE_SUM")),
    ];
}

/**
 * Every alert notifies a Pub/Sub topic (as AWS alarms notify their SNS topic), so each tier has
 * a destination that paging, chat or ticketing tools subscribe to, with or without an alert
 * email. Cloud Monitoring publishes as its notification service agent, which needs
 * roles/pubsub.publisher on the topic, see
 * https://cloud.google.com/monitoring/support/notification-options#pubsub
 */
function alertTopicChannel(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, severity: Severity): gcp.monitoring.NotificationChannel {
    const { cfg } = ctx;
    // The critical topic keeps the names of the single topic of before severities.
    const prefix = severity === "critical" ? "" : "warning-";
    const topic = ctx.create(gcp.pubsub.Topic, scope, childName(name, `${prefix}alerts-topic`), {
        name: limitedName(cfg, 255, severity === "critical" ? "alerts" : "alerts-warning"),
        messageRetentionDuration: "604800s",
        labels: ctx.labels(),
    });
    const project = gcp.organizations.getProjectOutput({ projectId: ctx.project }, { provider: ctx.provider, parent: scope });
    const publisher = ctx.create(gcp.pubsub.TopicIAMMember, scope, childName(name, `${prefix}alerts-publisher`), {
        topic: topic.name,
        role: "roles/pubsub.publisher",
        member: pulumi.interpolate`serviceAccount:service-${project.number}@gcp-sa-monitoring-notification.iam.gserviceaccount.com`,
    });
    return ctx.create(gcp.monitoring.NotificationChannel, scope, childName(name, `${prefix}alerts-pubsub`), {
        displayName: `${cfg.appName} ${cfg.environment} ${severity} alerts topic`,
        type: "pubsub",
        labels: { topic: topic.id },
        userLabels: ctx.labels(),
    }, undefined, { dependsOn: [publisher] });
}

/**
 * One alert policy per spec, CRITICAL or WARNING per the catalogue, each notifying the alerts
 * topic and its severity's e-mail channels; the log-based counters they read; the dashboard;
 * the budget.
 */
export function createMonitoring(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: MonitoringArgs): MonitoringOutputs {
    const { cfg } = ctx;
    const db = gcpHandles.read("database", args.database.handle, "monitoring");
    const cache = gcpHandles.read("cache", args.cache.handle, "monitoring");
    const kubernetes = args.runtime === "kubernetes";
    // Under kubernetes there is no Cloud Run service nor platform-made URL map: GKE makes the load balancer.
    const lb = kubernetes ? undefined : gcpHandles.read("loadBalancer", args.loadBalancer.handle, "monitoring");

    // The critical channel keeps the single channel's URN of before severities (`<name>-email`).
    const channel = (severity: Severity, email: string, i: number) => ctx.create(gcp.monitoring.NotificationChannel, scope,
        childName(name, `${severity === "critical" ? "" : "warning-"}email${i === 0 ? "" : `-${i + 1}`}`), {
            displayName: `${cfg.appName} ${cfg.environment} ${severity === "critical" ? "on-call" : "warnings"}${i === 0 ? "" : ` ${i + 1}`}`,
            type: "email",
            labels: { email_address: email },
            userLabels: ctx.labels(),
        });
    // Every alert also reaches its severity's topic, so a tier without e-mail addresses still notifies someone.
    const topics: Record<Severity, gcp.monitoring.NotificationChannel> = {
        critical: alertTopicChannel(ctx, scope, name, "critical"),
        warning: alertTopicChannel(ctx, scope, name, "warning"),
    };
    const channels: Record<Severity, gcp.monitoring.NotificationChannel[]> = {
        critical: [topics.critical, ...args.critical.map((e, i) => channel("critical", e, i))],
        warning: [topics.warning, ...args.warning.map((e, i) => channel("warning", e, i))],
    };

    const gke = kubernetes
        ? {
            // No GKE handle with an existing cluster's kubeconfig: its name is not this stack's to know.
            cluster: gcpHandles.readIfOwn("kubernetesCluster", args.cluster?.handle) ? gkeClusterName(cfg) : "",
            namespace: kubernetesNamespace(cfg),
            containers: args.services,
            httpContainers: args.httpServices,
        }
        : undefined;
    const base = {
        project: ctx.project,
        region: ctx.region,
        cloudRunServices: kubernetes ? [] : args.services.map((s) => cloudRunServiceName(cfg, s)),
        routedCloudRunServices: kubernetes ? [] : args.httpServices.map((s) => cloudRunServiceName(cfg, s)),
        urlMap: lb?.urlMapName ?? "",
        sqlInstance: db.name,
        redisInstance: cache.name,
        maxConnections: db.maxConnections,
        gke,
    };
    const counters = logCounters(base, cfg);
    const metrics = counters.map((c) => ctx.create(gcp.logging.Metric, scope, childName(name, c.key), {
        project: ctx.project,
        name: c.name,
        description: c.description,
        filter: c.filter,
        metricDescriptor: { metricKind: "DELTA", valueType: "INT64", unit: "1" },
    }));
    const specs = alertSpecs(args, {
        ...base,
        counters: { dbConnectionFailures: counters[0]!.name, runCrashes: counters[1]?.name ?? "" },
    });

    const policies = specs.map((spec) => {
        const severity = ALERTS[spec.id].severity;
        const policy = ctx.create(gcp.monitoring.AlertPolicy, scope, childName(name, spec.key), {
            displayName: `${cfg.appName}-${cfg.environment}: ${spec.title}`,
            combiner: "OR",
            severity: severity === "critical" ? "CRITICAL" : "WARNING",
            conditions: [{ displayName: spec.title, ...(spec.absent ? { conditionAbsent: spec.absent } : { conditionThreshold: spec.threshold }) }],
            notificationChannels: channels[severity].map((c) => c.name),
            alertStrategy: { autoClose: "1800s" },
            documentation: { content: alertDescription(args.runbookUrl, spec.id, `${spec.title} on ${cfg.appName} (${cfg.environment})`), mimeType: "text/markdown" },
            userLabels: ctx.labels(),
        }, undefined, { dependsOn: metrics });
        return policy;
    });

    const dashboard = createDashboard(ctx, scope, name, { names: base, policies });
    // The budget e-mails the warning addresses (budgets take e-mail channels; the topic is for alert tooling).
    if (args.thresholds.budget.enabled) createBudget(ctx, scope, name, { amount: args.thresholds.budget.amount, channels: channels.warning.filter((c) => c !== topics.warning) });

    return { alertNames: pulumi.all(policies.map((p) => p.displayName)), dashboard: dashboard.id };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/gcp/index.ts. */
export const builder: CloudBuilder<GcpContext, "monitoring"> = createMonitoring;

/*
 * The offline engine's facts of the GCP types only monitoring creates (npm run diff and the deploy-rule specs read them):
 * providers/gcp/engine.ts merges them with the facts of the types several components create.
 */

const secondsOf = (d: unknown): number | undefined => {
    const m = typeof d === "string" ? /^(\d+(?:\.\d+)?)s$/.exec(d) : null;
    return m ? Number(m[1]) : undefined;
};

const monitoringRules: Rule[] = [
    nameRule({ id: "gcp/alert-policy-display-name", types: ["gcp:monitoring/alertPolicy:AlertPolicy", "gcp:monitoring/notificationChannel:NotificationChannel"], field: "displayName", max: 512, pattern: /^[\s\S]+$/, allowed: "1-512 characters", doc: "https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies" }),
    {
        // Alert policies: 1-6 conditions, alignment periods of >= 60 s; an email channel has its address.
        id: "gcp/monitoring-alerts",
        family: "quotas",
        types: ["gcp:monitoring/alertPolicy:AlertPolicy", "gcp:monitoring/notificationChannel:NotificationChannel"],
        doc: "https://cloud.google.com/monitoring/quotas#alerting_uptime",
        check: (r) => {
            if (r.type === "gcp:monitoring/notificationChannel:NotificationChannel") return r.inputs.type !== "email" || /^[^@\s]+@[^@\s]+$/.test(String(r.inputs.labels?.email_address)) ? [] : ["an email channel needs labels.email_address"];
            const conditions = (r.inputs.conditions ?? []) as any[];
            const problems = conditions.length >= 1 && conditions.length <= 6 ? [] : [`${conditions.length} conditions; an alert policy takes 1-6`];
            for (const c of conditions) {
                for (const a of c.conditionThreshold?.aggregations ?? []) {
                    const s = /^(\d+)s$/.exec(String(a.alignmentPeriod ?? "60s"));
                    if (!s || Number(s[1]) < 60) problems.push(`alignmentPeriod ${a.alignmentPeriod}: at least 60s`);
                }
            }
            return problems;
        },
    },
    {
        // A dashboard has a displayName and one layout; a grid has at least one column, a mosaic 1-48 columns with tiles inside it.
        id: "gcp/dashboard-json",
        family: "combinations",
        types: ["gcp:monitoring/dashboard:Dashboard"],
        doc: "https://cloud.google.com/monitoring/api/ref_v3/rest/v1/projects.dashboards",
        check: (r) => {
            const d = parseJson(r.inputs.dashboardJson);
            if (!d) return ["dashboardJson is not a JSON object"];
            const problems: string[] = [];
            if (typeof d.displayName !== "string" || d.displayName.length === 0) problems.push("dashboardJson.displayName is required");
            const layouts = ["gridLayout", "mosaicLayout", "rowLayout", "columnLayout"].filter((k) => d[k] !== undefined);
            if (layouts.length !== 1) problems.push(`dashboardJson has ${layouts.length} layouts (${layouts.join(", ")}); exactly one is allowed`);
            if (d.gridLayout && !(Number(d.gridLayout.columns ?? 1) >= 1)) problems.push(`gridLayout.columns ${d.gridLayout.columns}: at least 1`);
            if (d.mosaicLayout) {
                const columns = Number(d.mosaicLayout.columns);
                if (!(columns >= 1 && columns <= 48)) problems.push(`mosaicLayout.columns ${d.mosaicLayout.columns}: allowed 1-48`);
                for (const [i, t] of ((d.mosaicLayout.tiles ?? []) as any[]).entries()) if ((t.xPos ?? 0) + (t.width ?? 1) > columns) problems.push(`mosaicLayout.tiles[${i}] ends past column ${columns}`);
            }
            const widgets = d.gridLayout?.widgets ?? d.mosaicLayout?.tiles ?? [];
            if (widgets.length > 100) problems.push(`${widgets.length} widgets; a dashboard holds at most 100`);
            return problems;
        },
    },
    {
        // A budget names a billing account (XXXXXX-XXXXXX-XXXXXX), an amount, and threshold percentages above 0.
        id: "gcp/billing-budget",
        family: "combinations",
        types: ["gcp:billing/budget:Budget"],
        doc: "https://cloud.google.com/billing/docs/reference/budget/rest/v1/billingAccounts.budgets",
        check: (r) => {
            const problems: string[] = [];
            if (!/^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/.test(r.inputs.billingAccount ?? "")) problems.push(`billingAccount ${JSON.stringify(r.inputs.billingAccount)}: allowed XXXXXX-XXXXXX-XXXXXX (hex)`);
            if ((r.inputs.displayName ?? "").length > 60) problems.push(`displayName is ${r.inputs.displayName.length} characters; allowed 60`);
            const amount = r.inputs.amount ?? {};
            if (!amount.lastPeriodAmount && !(Number(amount.specifiedAmount?.units) > 0)) problems.push("amount needs specifiedAmount.units above 0 or lastPeriodAmount");
            for (const [i, t] of ((r.inputs.thresholdRules ?? []) as any[]).entries()) if (!(t.thresholdPercent > 0)) problems.push(`thresholdRules[${i}].thresholdPercent ${t.thresholdPercent}: above 0 (1.0 is 100 %)`);
            if ((r.inputs.allUpdatesRule?.monitoringNotificationChannels ?? []).length > 5) problems.push("at most 5 monitoringNotificationChannels");
            return problems;
        },
    },
    {
        // Metric names: up to 100 characters of A-Za-z0-9 and _-.,+!*',()%/; a filter is required, up to 20,000 characters.
        id: "gcp/log-metric",
        family: "names",
        types: ["gcp:logging/metric:Metric"],
        doc: "https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.metrics",
        check: (r) => {
            const problems: string[] = [];
            const name = r.inputs.name ?? "";
            if (name.length < 1 || name.length > 100 || !/^[A-Za-z0-9_\-.,+!*',()%\/]+$/.test(name)) problems.push(`name ${JSON.stringify(name)}: 1-100 characters of A-Za-z0-9 and _-.,+!*',()%/`);
            const filter = r.inputs.filter ?? "";
            if (filter.length < 1 || filter.length > 20000) problems.push(`filter is ${filter.length} characters; allowed 1-20000`);
            return problems;
        },
    },
    {
        // Topic ids: 3-255 characters, a letter first, then letters, digits and - _ . ~ + %, never goog*;
        // message retention 10 minutes to 31 days.
        id: "gcp/pubsub-topic",
        family: "names",
        types: ["gcp:pubsub/topic:Topic"],
        doc: "https://cloud.google.com/pubsub/docs/create-topic#properties_of_a_topic",
        check: (r) => {
            const problems: string[] = [];
            const name = String(r.inputs.name ?? "");
            if (!/^[A-Za-z][A-Za-z0-9\-_.~+%]{2,254}$/.test(name) || name.toLowerCase().startsWith("goog")) problems.push(`name ${JSON.stringify(name)}: 3-255 characters, a letter first, then letters, digits and -_.~+%, not starting with goog`);
            const retention = secondsOf(r.inputs.messageRetentionDuration);
            if (r.inputs.messageRetentionDuration !== undefined && (retention === undefined || retention < 600 || retention > 2_678_400)) problems.push(`messageRetentionDuration ${JSON.stringify(r.inputs.messageRetentionDuration)}: 600s to 2678400s (31 days)`);
            return problems;
        },
    },
    {
        // A topic IAM member names a topic of the plan, a predefined or custom role, and a typed member.
        id: "gcp/pubsub-topic-iam",
        family: "companions",
        types: ["gcp:pubsub/topicIAMMember:TopicIAMMember"],
        doc: "https://cloud.google.com/pubsub/docs/access-control",
        check: (r, plan) => {
            const problems: string[] = [];
            const topicRef = String(r.inputs.topic ?? "");
            if (!plan.ofType("gcp:pubsub/topic:Topic").some((t) => t.id === topicRef || t.inputs.name === topicRef || topicRef.endsWith(`/topics/${t.inputs.name}`))) problems.push(`topic ${JSON.stringify(topicRef)} is no topic of this plan`);
            if (!/^(roles\/pubsub\.[a-zA-Z]+|projects\/[^/]+\/roles\/.+)$/.test(r.inputs.role ?? "")) problems.push(`role ${JSON.stringify(r.inputs.role)}: a roles/pubsub.* or custom role`);
            if (!/^(serviceAccount|user|group|domain|principal|principalSet):.+$/.test(r.inputs.member ?? "") && !["allUsers", "allAuthenticatedUsers"].includes(r.inputs.member)) problems.push(`member ${JSON.stringify(r.inputs.member)}: <type>:<id>`);
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = {
    replacement: {
        "gcp:pubsub/topic:Topic": {
            source: `${MM}pubsub/Topic.yaml (name, project immutable; kmsKeyName's mutability differs across releases)`,
            replace: ["name", "project"],
            update: ["labels", "messageRetentionDuration", "messageStoragePolicy", "schemaSettings", "ingestionDataSourceSettings", "messageTransforms"],
            undecided: ["kmsKeyName"],
        },
        "gcp:pubsub/topicIAMMember:TopicIAMMember": {
            source: `${HW}pubsub IAM member (iam_pubsub_topic: every argument ForceNew)`,
            replace: ["topic", "role", "member", "project", "condition"],
            update: [],
        },
        "gcp:billing/budget:Budget": {
            source: `${MM}billingbudget/Budget.yaml (billingAccount immutable)`,
            replace: ["billingAccount"],
            update: ["allUpdatesRule", "amount", "budgetFilter", "displayName", "thresholdRules", "ownershipScope"],
        },
        "gcp:logging/metric:Metric": {
            source: `${MM}logging/Metric.yaml`,
            replace: ["project"],
            update: ["description", "filter", "metricDescriptor", "labelExtractors", "valueExtractor", "bucketOptions", "bucketName", "disabled"],
            // The name is the metric's id: the API renames it in place, but the provider may recreate it.
            undecided: ["name"],
        },
        "gcp:monitoring/dashboard:Dashboard": {
            source: `${HW}monitoring/resource_monitoring_dashboard.go (project ForceNew)`,
            replace: ["project"],
            update: ["dashboardJson"],
        },
        "gcp:monitoring/alertPolicy:AlertPolicy": {
            source: `${MM}monitoring/AlertPolicy.yaml`,
            replace: ["project"],
            update: ["alertStrategy", "combiner", "conditions", "displayName", "documentation", "notificationChannels", "severity", "userLabels", "enabled"],
        },
        "gcp:monitoring/notificationChannel:NotificationChannel": {
            source: `${MM}monitoring/NotificationChannel.yaml`,
            replace: ["project"],
            update: ["displayName", "labels", "userLabels", "description", "enabled", "sensitiveLabels", "forceDelete"],
            undecided: ["type"],
        },
    },
    rules: monitoringRules,
};
