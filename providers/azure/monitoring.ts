import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import type { MonitoringArgs, MonitoringOutputs } from "../../components/monitoring";
import { childName } from "../../components/naming";
import { AzureContext } from "./context";

interface AlertSpec {
    key: string;
    description: string;
    scope: pulumi.Input<string>;
    metricNamespace: string;
    metricName: string;
    threshold: number;
    timeAggregation: "Average" | "Maximum" | "Total";
    operator?: "GreaterThan" | "LessThan";
    windowSize?: string;
    dimensions?: Array<{ name: string; operator: string; values: string[] }>;
}

/**
 * The requirements table's alerts as Azure Monitor metric alerts, all routed to one action
 * group (e-mail when configured). Azure metric alerts aggregate Average/Max/Total, not
 * percentiles: the p95 latency alert watches the gateway's average total time at the p95
 * threshold, which fires no later than a p95 breach would stay hidden for long.
 * "Free storage < 10 %" is PostgreSQL `storage_percent` > 90.
 */
export function createMonitoring(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, args: MonitoringArgs): MonitoringOutputs {
    const f = ctx.foundation;
    const w = ctx.watched;
    const th = args.thresholds;

    const group = new monitor.ActionGroup(childName(name, "action-group"), {
        actionGroupName: ctx.physical("alerts"),
        resourceGroupName: f.resourceGroupName,
        location: "Global",
        groupShortName: ctx.physical("ops").replace(/-/g, "").slice(0, 12),
        enabled: true,
        emailReceivers: args.alertEmail ? [{ name: "oncall", emailAddress: args.alertEmail, useCommonAlertSchema: true }] : [],
        tags: ctx.tags,
    }, ctx.opts(scope));

    const specs: AlertSpec[] = [];
    const managed = args.runtime === "managed";
    // Kubernetes runtime: services are Deployments on AKS (no Container Apps, no Application
    // Gateway): CPU and memory alerts watch the cluster's nodes instead.
    for (const service of managed ? args.services : []) {
        const appId = w.containerApps[service];
        if (!appId) continue;
        specs.push(
            { key: `${service}-cpu`, description: `${service}: CPU above ${th.cpuPercent} %`, scope: appId, metricNamespace: "Microsoft.App/containerApps", metricName: "CpuPercentage", threshold: th.cpuPercent, timeAggregation: "Average" },
            { key: `${service}-memory`, description: `${service}: memory above ${th.memoryPercent} %`, scope: appId, metricNamespace: "Microsoft.App/containerApps", metricName: "MemoryPercentage", threshold: th.memoryPercent, timeAggregation: "Average" },
        );
    }
    if (!managed && w.cluster) {
        specs.push(
            { key: "aks-node-cpu", description: `AKS nodes: CPU above ${th.cpuPercent} %`, scope: w.cluster, metricNamespace: "Microsoft.ContainerService/managedClusters", metricName: "node_cpu_usage_percentage", threshold: th.cpuPercent, timeAggregation: "Average" },
            { key: "aks-node-memory", description: `AKS nodes: memory (working set) above ${th.memoryPercent} %`, scope: w.cluster, metricNamespace: "Microsoft.ContainerService/managedClusters", metricName: "node_memory_working_set_percentage", threshold: th.memoryPercent, timeAggregation: "Average" },
        );
    }
    if (managed && w.gateway) {
        specs.push(
            {
                key: "http-5xx", description: `More than ${th.http5xxPerMinute} 5xx responses per minute`, scope: w.gateway,
                metricNamespace: "Microsoft.Network/applicationGateways", metricName: "ResponseStatus", threshold: th.http5xxPerMinute,
                timeAggregation: "Total", windowSize: "PT1M", dimensions: [{ name: "HttpStatusGroup", operator: "Include", values: ["5xx"] }],
            },
            {
                key: "latency", description: `Response time above ${th.p95LatencySeconds} s`, scope: w.gateway,
                metricNamespace: "Microsoft.Network/applicationGateways", metricName: "ApplicationGatewayTotalTime", threshold: th.p95LatencySeconds * 1000, timeAggregation: "Average",
            },
        );
    }
    if (w.database) {
        const maxConnections = w.databaseMaxConnections ?? 100;
        specs.push(
            {
                key: "db-connections", description: `PostgreSQL connections above ${th.databaseConnections} % of max_connections (${maxConnections})`, scope: w.database,
                metricNamespace: "Microsoft.DBforPostgreSQL/flexibleServers", metricName: "active_connections", threshold: Math.floor(maxConnections * th.databaseConnections / 100), timeAggregation: "Maximum",
            },
            {
                key: "db-storage", description: `PostgreSQL free storage below ${th.freeStoragePercent} %`, scope: w.database,
                metricNamespace: "Microsoft.DBforPostgreSQL/flexibleServers", metricName: "storage_percent", threshold: 100 - th.freeStoragePercent, timeAggregation: "Maximum",
            },
            {
                key: "db-cpu", description: `PostgreSQL CPU above ${th.cpuPercent} %`, scope: w.database,
                metricNamespace: "Microsoft.DBforPostgreSQL/flexibleServers", metricName: "cpu_percent", threshold: th.cpuPercent, timeAggregation: "Average",
            },
        );
    }
    if (w.cache) {
        specs.push({
            key: "cache-memory", description: `Redis memory above ${th.memoryPercent} %`, scope: w.cache,
            metricNamespace: "Microsoft.Cache/redis", metricName: "usedmemorypercentage", threshold: th.memoryPercent, timeAggregation: "Maximum",
        });
    }

    const names: string[] = [];
    for (const s of specs) {
        const ruleName = ctx.physical(s.key);
        names.push(ruleName);
        new monitor.MetricAlert(childName(name, s.key), {
            ruleName,
            resourceGroupName: f.resourceGroupName,
            location: "global",
            description: s.description,
            severity: 2,
            enabled: true,
            autoMitigate: true,
            scopes: [s.scope],
            evaluationFrequency: "PT1M",
            windowSize: s.windowSize ?? "PT5M",
            criteria: {
                odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
                allOf: [{
                    criterionType: "StaticThresholdCriterion",
                    name: s.key,
                    metricNamespace: s.metricNamespace,
                    metricName: s.metricName,
                    operator: s.operator ?? "GreaterThan",
                    threshold: s.threshold,
                    timeAggregation: s.timeAggregation,
                    ...(s.dimensions ? { dimensions: s.dimensions } : {}),
                }],
            },
            actions: [{ actionGroupId: group.id }],
            tags: ctx.tags,
        }, ctx.opts(scope));
    }
    return { alertNames: pulumi.output(names) };
}
