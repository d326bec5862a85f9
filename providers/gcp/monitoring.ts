import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { MonitoringArgs, MonitoringOutputs } from "../../components/monitoring";
import { childName, limitedName } from "../../components/naming";
import type { GcpContext } from "./context";
import { gkeClusterName } from "./kubernetes";
import { cloudRunServiceName } from "./load-balancer";

type Threshold = gcp.types.input.monitoring.AlertPolicyConditionConditionThreshold;

export interface AlertSpec {
    key: string;
    title: string;
    threshold: Threshold;
}

const quote = (s: string) => JSON.stringify(s);

/** The GKE cluster and namespace the services run in under `compute.runtime: kubernetes`. */
export interface GkeNames {
    cluster: string;
    namespace: string;
    containers: string[];
}

/** Container CPU / memory against their limits (p99 per container), for the platform's namespace on its cluster. */
function gkeContainerAlerts(th: MonitoringArgs["thresholds"], gke: GkeNames): AlertSpec[] {
    const k8s = `resource.type = "k8s_container"${gke.cluster ? ` AND resource.labels.cluster_name = ${quote(gke.cluster)}` : ""} AND resource.labels.namespace_name = ${quote(gke.namespace)} AND resource.labels.container_name = one_of(${gke.containers.map(quote).join(", ")})`;
    const perContainer = [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_PERCENTILE_99", crossSeriesReducer: "REDUCE_MAX", groupByFields: ["resource.label.container_name"] }];
    return [
        {
            key: "cpu",
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
            title: `GKE container memory above ${th.memoryPercent}% of its limit`,
            threshold: {
                filter: `${k8s} AND metric.type = "kubernetes.io/container/memory/limit_utilization" AND metric.labels.memory_type = "non-evictable"`,
                comparison: "COMPARISON_GT",
                thresholdValue: th.memoryPercent / 100,
                duration: "300s",
                aggregations: perContainer,
            },
        },
    ];
}

/**
 * The requirements table's alerts as Cloud Monitoring threshold conditions: Cloud Run CPU and
 * memory utilisation (p99 across instances, per service), the load balancer's 5xx rate and
 * p95 latency, Cloud SQL connections against the configured max_connections, and disk
 * utilisation (free storage below the threshold). Pure: tested without mocks.
 */
export function alertSpecs(
    args: Pick<MonitoringArgs, "thresholds" | "services">,
    names: { project: string; cloudRunServices: string[]; urlMap: string; sqlInstance: string; maxConnections: number; gke?: GkeNames },
): AlertSpec[] {
    const th = args.thresholds;
    const run = `resource.type = "cloud_run_revision" AND resource.labels.service_name = one_of(${names.cloudRunServices.map(quote).join(", ")})`;
    // GKE names the Ingress's URL map `k8s2-um-<cluster uid>-<namespace>-<ingress>-<hash>`.
    const lb = names.gke
        ? `resource.type = "https_lb_rule" AND resource.labels.url_map_name = monitoring.regex.full_match(${quote(`k8s2-um-[a-z0-9]+-${names.gke.namespace}-.*`)})`
        : `resource.type = "https_lb_rule" AND resource.labels.url_map_name = ${quote(names.urlMap)}`;
    const sql = `resource.type = "cloudsql_database" AND resource.labels.database_id = ${quote(`${names.project}:${names.sqlInstance}`)}`;
    const perService = (aligner: string) => [{ alignmentPeriod: "60s", perSeriesAligner: aligner, crossSeriesReducer: "REDUCE_MAX", groupByFields: ["resource.label.service_name"] }];
    return [
        ...(names.gke ? gkeContainerAlerts(th, names.gke) : [
            {
                key: "cpu",
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
                key: "memory",
                title: `Cloud Run memory above ${th.memoryPercent}%`,
                threshold: {
                    filter: `${run} AND metric.type = "run.googleapis.com/container/memory/utilizations"`,
                    comparison: "COMPARISON_GT",
                    thresholdValue: th.memoryPercent / 100,
                    duration: "300s",
                    aggregations: perService("ALIGN_PERCENTILE_99"),
                },
            },
        ]),
        {
            key: "http-5xx",
            title: `Load balancer 5xx above ${th.http5xxPerMinute}/min`,
            threshold: {
                filter: `${lb} AND metric.type = "loadbalancing.googleapis.com/https/request_count" AND metric.labels.response_code_class = 500`,
                comparison: "COMPARISON_GT",
                // ALIGN_RATE yields per-second rates.
                thresholdValue: th.http5xxPerMinute / 60,
                duration: "300s",
                aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_RATE", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.url_map_name"] }],
            },
        },
        {
            key: "latency-p95",
            title: `Load balancer p95 latency above ${th.p95LatencySeconds}s`,
            threshold: {
                filter: `${lb} AND metric.type = "loadbalancing.googleapis.com/https/total_latencies"`,
                comparison: "COMPARISON_GT",
                // total_latencies is in milliseconds.
                thresholdValue: th.p95LatencySeconds * 1000,
                duration: "300s",
                aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_DELTA", crossSeriesReducer: "REDUCE_PERCENTILE_95", groupByFields: ["resource.label.url_map_name"] }],
            },
        },
        {
            key: "db-connections",
            title: `Cloud SQL connections above ${th.databaseConnections}% of max_connections`,
            threshold: {
                filter: `${sql} AND metric.type = "cloudsql.googleapis.com/database/postgresql/num_backends"`,
                comparison: "COMPARISON_GT",
                thresholdValue: Math.floor((names.maxConnections * th.databaseConnections) / 100),
                duration: "300s",
                aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MEAN", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.database_id"] }],
            },
        },
        {
            key: "db-storage",
            title: `Cloud SQL free storage below ${th.freeStoragePercent}%`,
            threshold: {
                filter: `${sql} AND metric.type = "cloudsql.googleapis.com/database/disk/utilization"`,
                comparison: "COMPARISON_GT",
                thresholdValue: 1 - th.freeStoragePercent / 100,
                duration: "300s",
                aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MAX" }],
            },
        },
    ];
}

/**
 * Every alert notifies a Pub/Sub topic (as AWS alarms notify their SNS topic), so each tier has
 * a destination that paging, chat or ticketing tools subscribe to, with or without an alert
 * email. Cloud Monitoring publishes as its notification service agent, which needs
 * roles/pubsub.publisher on the topic, see
 * https://cloud.google.com/monitoring/support/notification-options#pubsub
 */
function alertTopicChannel(ctx: GcpContext, scope: pulumi.ComponentResource, name: string): gcp.monitoring.NotificationChannel {
    const { cfg } = ctx;
    const topic = ctx.create(gcp.pubsub.Topic, scope, childName(name, "alerts-topic"), {
        name: limitedName(cfg, 255, "alerts"),
        messageRetentionDuration: "604800s",
        labels: ctx.labels(),
    });
    const project = gcp.organizations.getProjectOutput({ projectId: ctx.project }, { provider: ctx.provider, parent: scope });
    const publisher = ctx.create(gcp.pubsub.TopicIAMMember, scope, childName(name, "alerts-publisher"), {
        topic: topic.name,
        role: "roles/pubsub.publisher",
        member: pulumi.interpolate`serviceAccount:service-${project.number}@gcp-sa-monitoring-notification.iam.gserviceaccount.com`,
    });
    return ctx.create(gcp.monitoring.NotificationChannel, scope, childName(name, "alerts-pubsub"), {
        displayName: `${cfg.appName} ${cfg.environment} alerts topic`,
        type: "pubsub",
        labels: { topic: topic.id },
        userLabels: ctx.labels(),
    }, undefined, { dependsOn: [publisher] });
}

/** One alert policy per requirement, notifying the alerts topic and the on-call email when `alertEmail` is set. */
export function createMonitoring(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: MonitoringArgs): MonitoringOutputs {
    const { cfg } = ctx;
    const db = ctx.require("database", "monitoring");
    const kubernetes = args.runtime === "kubernetes";
    // Under kubernetes there is no Cloud Run service nor platform-made URL map: GKE makes the load balancer.
    const lb = kubernetes ? undefined : ctx.require("loadBalancer", "monitoring");

    const channels = [alertTopicChannel(ctx, scope, name)];
    if (args.alertEmail) {
        channels.push(ctx.create(gcp.monitoring.NotificationChannel, scope, childName(name, "email"), {
            displayName: `${cfg.appName} ${cfg.environment} on-call`,
            type: "email",
            labels: { email_address: args.alertEmail },
            userLabels: ctx.labels(),
        }));
    }

    const gke = kubernetes
        ? { cluster: ctx.state.kubernetes?.clusterName ? gkeClusterName(cfg) : "", namespace: ctx.state.kubernetes?.namespace ?? `${cfg.appName}-${cfg.environment}`, containers: args.services }
        : undefined;
    const specs = alertSpecs(args, {
        project: ctx.project,
        cloudRunServices: kubernetes ? [] : args.services.map((s) => cloudRunServiceName(cfg, s)),
        urlMap: lb?.urlMapName ?? "",
        sqlInstance: db.name,
        maxConnections: db.maxConnections,
        gke,
    });

    const displayNames = specs.map((spec) => {
        const displayName = `${cfg.appName}-${cfg.environment}: ${spec.title}`;
        ctx.create(gcp.monitoring.AlertPolicy, scope, childName(name, spec.key), {
            displayName,
            combiner: "OR",
            severity: spec.key.startsWith("db-") || spec.key === "http-5xx" ? "CRITICAL" : "WARNING",
            conditions: [{ displayName: spec.title, conditionThreshold: spec.threshold }],
            notificationChannels: channels.map((c) => c.name),
            alertStrategy: { autoClose: "1800s" },
            documentation: { content: `${spec.title} on ${cfg.appName} (${cfg.environment}). See the platform runbook.`, mimeType: "text/markdown" },
            userLabels: ctx.labels(),
        });
        return displayName;
    });

    return { alertNames: pulumi.output(displayNames) };
}
