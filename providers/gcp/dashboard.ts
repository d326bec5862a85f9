import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../../components/naming";
import type { GcpContext } from "./context";
import type { WatchedNames } from "./watched-names";

const quote = (s: string) => JSON.stringify(s);

/** An xyChart tile over one filter (Cloud Monitoring dashboard JSON, monitoring.googleapis.com/v1 Dashboard). */
function chart(title: string, filter: string, aligner: string, reducer = "REDUCE_SUM", groupBy: string[] = []) {
    return {
        title,
        xyChart: {
            dataSets: [{
                plotType: "LINE",
                timeSeriesQuery: { timeSeriesFilter: { filter, aggregation: { alignmentPeriod: "60s", perSeriesAligner: aligner, crossSeriesReducer: reducer, groupByFields: groupBy } } },
            }],
        },
    };
}

/**
 * One Cloud Monitoring dashboard per stack: an alert chart per policy, the load balancer's
 * requests by response class and p95 latency, each Cloud Run service's (or the GKE
 * namespace's) CPU and memory, Cloud SQL connections, CPU and disk, Memorystore memory and
 * evictions, all on the plan's own names. The API takes labels inside the JSON.
 */
export function createDashboard(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: {
    names: Omit<WatchedNames, "counters">;
    policies: gcp.monitoring.AlertPolicy[];
}): gcp.monitoring.Dashboard {
    const { cfg } = ctx;
    const n = args.names;
    const lb = n.gke
        ? `resource.type = "https_lb_rule" AND resource.labels.url_map_name = monitoring.regex.full_match(${quote(`k8s2-um-[a-z0-9]+-${n.gke.namespace}-.*`)})`
        : `resource.type = "https_lb_rule" AND resource.labels.url_map_name = ${quote(n.urlMap)}`;
    const sql = `resource.type = "cloudsql_database" AND resource.labels.database_id = ${quote(`${n.project}:${n.sqlInstance}`)}`;
    const redis = `resource.type = "redis_instance" AND resource.labels.instance_id = ${quote(`projects/${n.project}/locations/${n.region}/instances/${n.redisInstance}`)}`;
    const services = n.gke
        ? [
            chart("GKE containers: CPU of limit", `resource.type = "k8s_container" AND resource.labels.namespace_name = ${quote(n.gke.namespace)} AND metric.type = "kubernetes.io/container/cpu/limit_utilization"`, "ALIGN_MEAN", "REDUCE_MAX", ["resource.label.container_name"]),
            chart("GKE containers: memory of limit", `resource.type = "k8s_container" AND resource.labels.namespace_name = ${quote(n.gke.namespace)} AND metric.type = "kubernetes.io/container/memory/limit_utilization"`, "ALIGN_MEAN", "REDUCE_MAX", ["resource.label.container_name"]),
        ]
        : n.cloudRunServices.flatMap((s) => [
            chart(`${s}: CPU`, `resource.type = "cloud_run_revision" AND resource.labels.service_name = ${quote(s)} AND metric.type = "run.googleapis.com/container/cpu/utilizations"`, "ALIGN_PERCENTILE_99", "REDUCE_MAX"),
            chart(`${s}: memory`, `resource.type = "cloud_run_revision" AND resource.labels.service_name = ${quote(s)} AND metric.type = "run.googleapis.com/container/memory/utilizations"`, "ALIGN_PERCENTILE_99", "REDUCE_MAX"),
        ]);
    const tiles = pulumi.all(args.policies.map((p) => pulumi.all([p.name, p.displayName]))).apply((policies) => [
        ...policies.map(([policyName, title]) => ({ title, alertChart: { name: policyName } })),
        chart("Load balancer: requests by response class", `${lb} AND metric.type = "loadbalancing.googleapis.com/https/request_count"`, "ALIGN_RATE", "REDUCE_SUM", ["metric.label.response_code_class"]),
        chart("Load balancer: p95 latency (ms)", `${lb} AND metric.type = "loadbalancing.googleapis.com/https/total_latencies"`, "ALIGN_DELTA", "REDUCE_PERCENTILE_95"),
        ...services,
        chart("Cloud SQL: connections", `${sql} AND metric.type = "cloudsql.googleapis.com/database/postgresql/num_backends"`, "ALIGN_MEAN"),
        chart("Cloud SQL: CPU", `${sql} AND metric.type = "cloudsql.googleapis.com/database/cpu/utilization"`, "ALIGN_MEAN"),
        chart("Cloud SQL: disk", `${sql} AND metric.type = "cloudsql.googleapis.com/database/disk/utilization"`, "ALIGN_MAX"),
        chart("Memorystore: memory", `${redis} AND metric.type = "redis.googleapis.com/stats/memory/usage_ratio"`, "ALIGN_MAX", "REDUCE_MAX"),
        chart("Memorystore: evictions", `${redis} AND metric.type = "redis.googleapis.com/stats/evicted_keys"`, "ALIGN_RATE"),
    ]);
    return ctx.create(gcp.monitoring.Dashboard, scope, childName(name, "dashboard"), {
        project: ctx.project,
        dashboardJson: tiles.apply((widgets) => JSON.stringify({
            displayName: `${cfg.appName} ${cfg.environment}`,
            labels: ctx.labels(),
            gridLayout: { columns: "2", widgets },
        })),
    });
}
