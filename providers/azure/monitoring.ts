import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import { AlertId, alertDescription, ALERTS, MonitoringArgs, MonitoringOutputs, Severity } from "../../components/monitoring";
import { childName } from "../../components/naming";
import { createBudget } from "./budget";
import { AzureContext } from "./context";
import { azureHandles } from "./handles";
import { AzureWatched, azureWatched, createDashboard } from "./dashboard";
import type { CloudBuilder } from "../shared/bind-cloud";

/** A platform metric alert (Microsoft.Insights/metricAlerts) on one resource. */
interface MetricSpec {
    kind: "metric";
    key: string;
    id: AlertId;
    detail: string;
    scope: pulumi.Input<string>;
    metricNamespace: string;
    metricName: string;
    threshold: number;
    timeAggregation: "Average" | "Maximum" | "Minimum" | "Total";
    operator?: "GreaterThan" | "LessThan";
    windowSize?: string;
    dimensions?: Array<{ name: string; operator: string; values: string[] }>;
}

/** A log search alert (Microsoft.Insights/scheduledQueryRules) over the platform's Log Analytics workspace. */
interface LogSpec {
    kind: "log";
    key: string;
    id: AlertId;
    detail: string;
    /** KQL ending in a numeric column `value`; the alert fires when its maximum crosses the threshold. */
    query: string;
    threshold: number;
    operator?: "GreaterThan" | "LessThan";
    windowSize?: string;
}

export type AzureAlertSpec = MetricSpec | LogSpec;

const kql = (s: string) => `"${s.replace(/["\\]/g, "\\$&")}"`;

/** Azure Monitor's severities: 0 Critical ... 4 Verbose. */
export const AZURE_SEVERITY: Record<Severity, number> = { critical: 0, warning: 2 };

/**
 * `value` = 5xx share of requests (0 below 10 requests in the window) and p95 of the time
 * taken, from request logs with an integer `status` and a `seconds` column.
 */
function requestAlerts(th: MonitoringArgs["thresholds"], requests: string, who: string): LogSpec[] {
    const p95 = (key: string, id: AlertId, seconds: number): LogSpec => ({
        kind: "log", key, id, detail: `${who}: p95 response time above ${seconds} s`,
        query: `${requests}\n| summarize value = percentile(seconds, 95)`, threshold: seconds,
    });
    return [
        {
            kind: "log", key: "http-5xx-rate", id: "http-5xx-rate", detail: `${who}: 5xx responses above ${th.http5xxRatePercent} % of requests`,
            query: `${requests}\n| summarize total = count(), errors = countif(status >= 500)\n| extend value = iff(total >= 10, 100.0 * errors / total, 0.0)`,
            threshold: th.http5xxRatePercent,
        },
        p95("latency-p95", "latency-p95", th.p95LatencySeconds),
        p95("latency-p95-critical", "latency-p95-critical", th.p95LatencyCriticalSeconds),
    ];
}

/**
 * Issue 19's alert set on Azure Monitor. Managed runtime: Container Apps CPU, memory and
 * replica restarts (metric `RestartCount`); the Application Gateway's 5xx share and true p95
 * from its access log (resource-specific table AGWAccessLogs: HttpStatus, TimeTaken in
 * seconds, written by the gateway's diagnostic setting) and healthy hosts per backend pool.
 * Kubernetes runtime: AKS node CPU and memory (platform metrics); crash loops and Services
 * without a running pod from Container Insights' KubePodInventory; 5xx share and p95 from the
 * app-routing ingress-nginx access log in ContainerLogV2 (nginx's default log format), for
 * the upstreams of the platform namespace. Both: PostgreSQL connections, failed connections
 * (`connections_failed`), storage, CPU; Redis memory, evictions, CPU. Critical alerts go to
 * the critical action group (the one action group of before), warnings to the warning one.
 */
export function alertSpecs(ctx: AzureContext, args: MonitoringArgs, w: AzureWatched = azureWatched(args)): AzureAlertSpec[] {
    const th = args.thresholds;
    const specs: AzureAlertSpec[] = [];
    const managed = args.runtime === "managed";
    const app = (service: string, appId: pulumi.Input<string>): MetricSpec[] => [
        { kind: "metric", key: `${service}-cpu`, id: "service-cpu", detail: `${service}: CPU above ${th.cpuPercent} %`, scope: appId, metricNamespace: "Microsoft.App/containerApps", metricName: "CpuPercentage", threshold: th.cpuPercent, timeAggregation: "Average" },
        { kind: "metric", key: `${service}-memory`, id: "service-memory", detail: `${service}: memory above ${th.memoryPercent} %`, scope: appId, metricNamespace: "Microsoft.App/containerApps", metricName: "MemoryPercentage", threshold: th.memoryPercent, timeAggregation: "Average" },
        // Container Apps metric "Replica Restart Count" (RestartCount); 15 minutes is the nearest metric-alert window to the tier's 10.
        { kind: "metric", key: `${service}-crash-loop`, id: "crash-loop", detail: `${service}: more than ${th.restartsPer10Minutes} replica restarts in 15 minutes`, scope: appId, metricNamespace: "Microsoft.App/containerApps", metricName: "RestartCount", threshold: th.restartsPer10Minutes, timeAggregation: "Total", windowSize: "PT15M" },
    ];
    for (const service of managed ? args.services : []) {
        const appId = w.containerApps[service];
        if (appId) specs.push(...app(service, appId));
    }
    if (managed && w.gateway) {
        specs.push(...requestAlerts(th, "AGWAccessLogs\n| project status = toint(HttpStatus), seconds = todouble(TimeTaken)", "Application Gateway"));
        specs.push({
            kind: "metric", key: "healthy-hosts", id: "no-healthy-targets", detail: "Application Gateway: a backend pool has no healthy host", scope: w.gateway,
            metricNamespace: "Microsoft.Network/applicationGateways", metricName: "HealthyHostCount", threshold: 1, operator: "LessThan", timeAggregation: "Minimum",
            dimensions: [{ name: "BackendSettingsPool", operator: "Include", values: ["*"] }],
        });
    }
    if (!managed && w.cluster) {
        const ns = `${ctx.cfg.appName}-${ctx.cfg.environment}`;
        specs.push(
            { kind: "metric", key: "aks-node-cpu", id: "service-cpu", detail: `AKS nodes: CPU above ${th.cpuPercent} %`, scope: w.cluster, metricNamespace: "Microsoft.ContainerService/managedClusters", metricName: "node_cpu_usage_percentage", threshold: th.cpuPercent, timeAggregation: "Average" },
            { kind: "metric", key: "aks-node-memory", id: "service-memory", detail: `AKS nodes: memory (working set) above ${th.memoryPercent} %`, scope: w.cluster, metricNamespace: "Microsoft.ContainerService/managedClusters", metricName: "node_memory_working_set_percentage", threshold: th.memoryPercent, timeAggregation: "Average" },
            {
                kind: "log", key: "crash-loop", id: "crash-loop", detail: `AKS: a container of ${ns} restarted more than ${th.restartsPer10Minutes} times in 10 minutes`, windowSize: "PT10M",
                query: `KubePodInventory\n| where Namespace == ${kql(ns)}\n| summarize value = max(ContainerRestartCount) - min(ContainerRestartCount) by ContainerName`,
                threshold: th.restartsPer10Minutes,
            },
            {
                kind: "log", key: "healthy-pods", id: "no-healthy-targets", detail: `AKS: a routed Service of ${ns} has no running pod`, operator: "LessThan",
                query: `datatable(ServiceName: string) [${args.httpServices.map(kql).join(", ")}]\n| join kind=leftouter (KubePodInventory | where Namespace == ${kql(ns)} and PodStatus == "Running" | summarize running = dcount(Name) by ServiceName) on ServiceName\n| project ServiceName, value = coalesce(running, 0)`,
                threshold: 1,
            },
            // ingress-nginx's default log format: ... "$request" $status $bytes "$referer" "$agent" $request_length $request_time [$proxy_upstream_name] ...
            // app routing runs it in namespace app-routing-system; the upstream is <namespace>-<service>-<port>.
            ...requestAlerts(th, [
                "ContainerLogV2",
                '| where PodNamespace == "app-routing-system"',
                "| parse tostring(LogMessage) with * '\" ' status:int ' ' bytes:long ' \"' referer '\" \"' agent '\" ' request_length:long ' ' seconds:real ' [' upstream '] ' *",
                `| where upstream startswith ${kql(`${ns}-`)}`,
            ].join("\n"), "Ingress"),
        );
    }
    if (w.database) {
        const maxConnections = w.databaseMaxConnections ?? 100;
        const pg = "Microsoft.DBforPostgreSQL/flexibleServers";
        specs.push(
            { kind: "metric", key: "db-connections", id: "db-connections", detail: `PostgreSQL connections above ${th.databaseConnections} % of max_connections (${maxConnections})`, scope: w.database, metricNamespace: pg, metricName: "active_connections", threshold: Math.floor(maxConnections * th.databaseConnections / 100), timeAggregation: "Maximum" },
            { kind: "metric", key: "db-connection-failures", id: "db-connection-failures", detail: `PostgreSQL: more than ${th.databaseConnectionFailures} failed connections in 5 minutes`, scope: w.database, metricNamespace: pg, metricName: "connections_failed", threshold: th.databaseConnectionFailures, timeAggregation: "Total" },
            { kind: "metric", key: "db-storage", id: "db-free-storage", detail: `PostgreSQL free storage below ${th.freeStoragePercent} %`, scope: w.database, metricNamespace: pg, metricName: "storage_percent", threshold: 100 - th.freeStoragePercent, timeAggregation: "Maximum" },
            { kind: "metric", key: "db-cpu", id: "db-cpu", detail: `PostgreSQL CPU above ${th.cpuPercent} %`, scope: w.database, metricNamespace: pg, metricName: "cpu_percent", threshold: th.cpuPercent, timeAggregation: "Average" },
        );
    }
    if (w.cache) {
        const redis = "Microsoft.Cache/redis";
        specs.push(
            { kind: "metric", key: "cache-memory", id: "cache-memory", detail: `Redis memory above ${th.memoryPercent} %`, scope: w.cache, metricNamespace: redis, metricName: "usedmemorypercentage", threshold: th.memoryPercent, timeAggregation: "Maximum" },
            { kind: "metric", key: "cache-evictions", id: "cache-evictions", detail: `Redis evicting more than ${th.cacheEvictionsPerMinute} keys per minute`, scope: w.cache, metricNamespace: redis, metricName: "evictedkeys", threshold: th.cacheEvictionsPerMinute * 5, timeAggregation: "Total" },
            { kind: "metric", key: "cache-cpu", id: "cache-cpu", detail: `Redis CPU above ${th.cpuPercent} %`, scope: w.cache, metricNamespace: redis, metricName: "percentProcessorTime", threshold: th.cpuPercent, timeAggregation: "Maximum" },
        );
    }
    return specs;
}

export function createMonitoring(run: AzureContext, scope: pulumi.ComponentResource, name: string, args: MonitoringArgs): MonitoringOutputs {
    const ctx = run.withFoundation(azureHandles.read("network", args.network.handle, "monitoring"));
    const f = ctx.foundation;
    const group = (severity: Severity, key: string, physical: string, emails: string[]) => ctx.create(monitor.ActionGroup, scope, childName(name, key), {
        actionGroupName: ctx.physical(physical),
        resourceGroupName: f.resourceGroupName,
        location: "Global",
        groupShortName: ctx.physical(severity === "critical" ? "ops" : "warn").replace(/-/g, "").slice(0, 12),
        enabled: true,
        emailReceivers: emails.map((emailAddress, i) => ({ name: i === 0 ? "oncall" : `oncall${i + 1}`, emailAddress, useCommonAlertSchema: true })),
        tags: ctx.tags,
    });
    // The critical group keeps the URN and name of the single action group of before.
    const groups: Record<Severity, monitor.ActionGroup> = {
        critical: group("critical", "action-group", "alerts", args.critical),
        warning: group("warning", "action-group-warning", "alerts-warning", args.warning),
    };

    const names: string[] = [];
    const rules: pulumi.Resource[] = [];
    const watched = azureWatched(args);
    for (const s of alertSpecs(ctx, args, watched)) {
        const ruleName = ctx.physical(s.key);
        names.push(ruleName);
        const severity = ALERTS[s.id].severity;
        const description = alertDescription(args.runbookUrl, s.id, s.detail);
        if (s.kind === "metric") {
            rules.push(ctx.create(monitor.MetricAlert, scope, childName(name, s.key), {
                ruleName,
                resourceGroupName: f.resourceGroupName,
                location: "global",
                description,
                severity: AZURE_SEVERITY[severity],
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
                actions: [{ actionGroupId: groups[severity].id }],
                tags: ctx.tags,
            }));
        } else {
            // scheduledQueryRules (kind LogAlert): criteria.allOf[].query / metricMeasureColumn / timeAggregation / failingPeriods.
            rules.push(ctx.create(monitor.ScheduledQueryRule, scope, childName(name, s.key), {
                ruleName,
                resourceGroupName: f.resourceGroupName,
                location: ctx.location,
                kind: "LogAlert",
                description,
                displayName: ruleName,
                severity: AZURE_SEVERITY[severity],
                enabled: true,
                autoMitigate: true,
                scopes: [f.logAnalyticsWorkspaceId],
                evaluationFrequency: "PT5M",
                windowSize: s.windowSize ?? "PT5M",
                criteria: {
                    allOf: [{
                        query: s.query,
                        timeAggregation: "Maximum",
                        metricMeasureColumn: "value",
                        operator: s.operator ?? "GreaterThan",
                        threshold: s.threshold,
                        failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
                    }],
                },
                actions: { actionGroups: [groups[severity].id] },
                tags: ctx.tags,
            }));
        }
    }

    const dashboard = createDashboard(ctx, scope, name, { services: args.runtime === "managed" ? args.services : [], watched });
    if (args.thresholds.budget.enabled) createBudget(ctx, scope, name, { amount: args.thresholds.budget.amount, actionGroup: groups.warning });
    return { alertNames: pulumi.output(names), dashboard: dashboard.id };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/azure/index.ts. */
export const builder: CloudBuilder<AzureContext, "monitoring"> = createMonitoring;
