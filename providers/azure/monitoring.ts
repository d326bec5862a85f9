import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import { AlertId, alertDescription, ALERTS, MonitoringArgs, MonitoringOutputs, Severity } from "../../components/monitoring";
import { childName } from "../../components/naming";
import { createBudget } from "./budget";
import { AzureContext } from "./context";
import { azureHandles } from "./handles";
import { AzureWatched, azureWatched, createDashboard } from "./dashboard";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import { nameRule, type Rule } from "../shared/rules";
import { SPEC, TAGS } from "./replacement";
import { azureNameRule as n } from "./rules/names";

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

/*
 * The offline engine's facts (`npm run diff` and the deploy-rule specs read them) of the Azure types only monitoring
 * creates: which inputs replace them and their deploy rules. providers/azure/engine.ts
 * merges them with the facts of the types several components create.
 */

const replacement: ReplacementTable = {
    "azure-native:consumption:Budget": {
        source: `${SPEC}consumption/resource-manager/Microsoft.Consumption/stable/2024-08-01/consumption.json (scope, budgetName in the path)`,
        replace: ["scope", "budgetName"],
        update: ["amount", "category", "notifications", "timeGrain", "timePeriod", "filter", "eTag"],
    },
    "azure-native:monitor:ScheduledQueryRule": {
        source: `${SPEC}monitor/resource-manager/Microsoft.Insights/stable/*/scheduledQueryRule_API.json`,
        replace: ["ruleName", "resourceGroupName", "location"],
        update: [...TAGS, "actions", "autoMitigate", "criteria", "description", "displayName", "enabled", "evaluationFrequency", "scopes", "severity", "windowSize",
            "muteActionsDuration", "overrideQueryTimeRange", "checkWorkspaceAlertsStorageConfigured", "skipQueryValidation", "targetResourceTypes", "identity"],
        undecided: ["kind"],
    },
    "azure-native:portal:Dashboard": {
        source: `${SPEC}portal/resource-manager/Microsoft.Portal/stable/*/portal.json`,
        replace: ["dashboardName", "resourceGroupName", "location"],
        update: [...TAGS, "properties"],
    },
    "azure-native:monitor:ActionGroup": {
        source: `${SPEC}monitor/resource-manager/Microsoft.Insights/stable/*/actionGroups_API.json`,
        replace: ["actionGroupName", "resourceGroupName", "location"],
        update: [...TAGS, "emailReceivers", "enabled", "groupShortName", "smsReceivers", "webhookReceivers", "armRoleReceivers", "azureAppPushReceivers",
            "automationRunbookReceivers", "voiceReceivers", "logicAppReceivers", "azureFunctionReceivers", "eventHubReceivers", "itsmReceivers"],
    },
    "azure-native:monitor:MetricAlert": {
        source: `${SPEC}monitor/resource-manager/Microsoft.Insights/stable/2018-03-01/metricAlert_API.json`,
        replace: ["ruleName", "resourceGroupName", "location"],
        update: [...TAGS, "actions", "autoMitigate", "criteria", "description", "enabled", "evaluationFrequency", "scopes", "severity", "windowSize",
            "targetResourceType", "targetResourceRegion"],
    },
};

const ISO_DURATIONS = ["PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT6H", "PT12H", "P1D"];
const ISO_DURATION = /^PT(\d+)([MH])$/;
const minutes = (d: unknown): number | undefined => {
    const m = typeof d === "string" ? ISO_DURATION.exec(d) : null;
    return m ? Number(m[1]) * (m[2] === "H" ? 60 : 1) : undefined;
};

const rules: Rule[] = [
    n("action-group-short-name", "azure-native:monitor:ActionGroup", "groupShortName", 12, /^[\s\S]+$/, "1-12 characters"),
    n("metric-alert-name", "azure-native:monitor:MetricAlert", "ruleName", 260, /^[^*#&+:<>?@%{}\\/]+$/, "no * # & + : < > ? @ % { } \\ /"),
    {
        // Metric alerts: frequency <= window from the allowed durations, severity 0-4, single-resource criteria on one scope.
        id: "azure/metric-alert-shape",
        family: "combinations",
        types: ["azure-native:monitor:MetricAlert", "azure-native:monitor:ActionGroup"],
        doc: "https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-metric-create-templates",
        check: (r) => {
            const i = r.inputs;
            if (r.type === "azure-native:monitor:ActionGroup") return ((i.emailReceivers ?? []) as unknown[]).length > 1000 ? ["more than 1000 email receivers"] : i.location === "Global" || i.location === "global" ? [] : [`location ${i.location}: action groups are Global`];
            const problems: string[] = [];
            const f = ISO_DURATIONS.indexOf(i.evaluationFrequency ?? "PT1M");
            const w = ISO_DURATIONS.indexOf(i.windowSize ?? "PT5M");
            if (f < 0 || f > 4 || w < 0 || w < f) problems.push(`evaluationFrequency ${i.evaluationFrequency} / windowSize ${i.windowSize}: frequency PT1M-PT1H, not longer than the window`);
            if (i.severity < 0 || i.severity > 4) problems.push(`severity ${i.severity}: 0-4`);
            if (i.criteria?.odataType === "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria" && ((i.scopes ?? []) as unknown[]).length !== 1) problems.push("single-resource criteria take exactly one scope");
            return problems;
        },
    },
    {
        // A Cost budget starts on the first of a month, no earlier than the current month (a
        // past start must fall within the time grain) and at most twelve months ahead.
        id: "azure/budget-shape",
        family: "windows",
        types: ["azure-native:consumption:Budget"],
        doc: "https://learn.microsoft.com/en-us/javascript/api/@azure/arm-costmanagement/budgettimeperiod",
        check: (r) => {
            const problems: string[] = [];
            const start = new Date(r.inputs.timePeriod?.startDate ?? "");
            const now = new Date();
            const thisMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
            if (Number.isNaN(start.getTime()) || start.getUTCDate() !== 1 || start.getUTCHours() !== 0) problems.push(`timePeriod.startDate ${JSON.stringify(r.inputs.timePeriod?.startDate)}: the first of a month`);
            else if (r.inputs.timeGrain === "Monthly" && start.getTime() < thisMonth) problems.push(`timePeriod.startDate ${r.inputs.timePeriod.startDate} is before this month; a monthly budget's past start must be within the current month`);
            else if (start.getTime() > Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), 1)) problems.push(`timePeriod.startDate ${r.inputs.timePeriod.startDate} is more than twelve months ahead`);
            if (!(r.inputs.amount > 0)) problems.push(`amount ${r.inputs.amount}: above 0`);
            const notifications = Object.entries((r.inputs.notifications ?? {}) as Record<string, any>);
            if (notifications.length > 5) problems.push(`${notifications.length} notifications; a budget allows 5`);
            for (const [key, n] of notifications) {
                if (!((n.contactEmails ?? []).length || (n.contactGroups ?? []).length || (n.contactRoles ?? []).length)) problems.push(`notifications.${key} has no contact`);
                if (!(n.threshold > 0 && n.threshold <= 1000)) problems.push(`notifications.${key}.threshold ${n.threshold}: allowed 0-1000 (percent)`);
            }
            return problems;
        },
    },
    nameRule({
        // Dashboard names: up to 64 characters of letters, digits and hyphens.
        id: "azure/dashboard-name",
        types: ["azure-native:portal:Dashboard"],
        field: "dashboardName",
        max: 64,
        pattern: /^[A-Za-z0-9-]+$/,
        allowed: "letters, digits and -",
        doc: "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules#microsoftportal",
    }),
    {
        // Each tile has a type and a position inside the portal's 36-column grid, and tiles do not overlap.
        id: "azure/dashboard-parts",
        family: "combinations",
        types: ["azure-native:portal:Dashboard"],
        doc: "https://learn.microsoft.com/en-us/azure/azure-portal/azure-portal-dashboards-structure",
        check: (r) => {
            const problems: string[] = [];
            for (const [li, lens] of ((r.inputs.properties?.lenses ?? []) as any[]).entries()) {
                const cells = new Set<string>();
                for (const [pi, part] of ((lens.parts ?? []) as any[]).entries()) {
                    const p = part.position ?? {};
                    if (typeof part.metadata?.type !== "string") problems.push(`lenses[${li}].parts[${pi}].metadata.type is required`);
                    if (!(p.colSpan >= 1 && p.rowSpan >= 1 && p.x >= 0 && p.y >= 0 && p.x + p.colSpan <= 36)) problems.push(`lenses[${li}].parts[${pi}].position ${JSON.stringify(p)}: inside 36 columns`);
                    for (let x = p.x; x < p.x + p.colSpan; x++) for (let y = p.y; y < p.y + p.rowSpan; y++) {
                        if (cells.has(`${x},${y}`)) problems.push(`lenses[${li}].parts[${pi}] overlaps another tile at ${x},${y}`);
                        cells.add(`${x},${y}`);
                    }
                }
            }
            return [...new Set(problems)];
        },
    },
    {
        // Log alerts: severity 0-4, frequency PT1M-PT1D and no longer than the window (PT5M-P2D
        // for windows over a day are not used here), a query, and operator/threshold/aggregation per condition.
        id: "azure/log-alert-shape",
        family: "combinations",
        types: ["azure-native:monitor:ScheduledQueryRule"],
        doc: "https://learn.microsoft.com/en-us/rest/api/monitor/scheduled-query-rules/create-or-update",
        check: (r) => {
            const problems: string[] = [];
            const i = r.inputs;
            if (!(i.severity >= 0 && i.severity <= 4)) problems.push(`severity ${i.severity}: allowed 0-4`);
            const freq = minutes(i.evaluationFrequency), window = minutes(i.windowSize);
            if (freq === undefined || freq < 1 || freq > 1440) problems.push(`evaluationFrequency ${JSON.stringify(i.evaluationFrequency)}: PT1M to PT24H`);
            if (window === undefined || window < 1 || window > 2880) problems.push(`windowSize ${JSON.stringify(i.windowSize)}: PT1M to PT48H`);
            if (freq !== undefined && window !== undefined && freq > window) problems.push(`evaluationFrequency ${i.evaluationFrequency} is longer than windowSize ${i.windowSize}`);
            if ((i.scopes ?? []).length === 0) problems.push("scopes is empty");
            for (const [n, c] of ((i.criteria?.allOf ?? []) as any[]).entries()) {
                if (!c.query) problems.push(`criteria.allOf[${n}].query is required`);
                if (i.kind === "LogAlert" && (c.operator === undefined || c.threshold === undefined || c.timeAggregation === undefined)) problems.push(`criteria.allOf[${n}]: a LogAlert condition needs operator, threshold and timeAggregation`);
            }
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = { replacement, rules };
