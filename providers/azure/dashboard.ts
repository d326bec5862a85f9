import * as pulumi from "@pulumi/pulumi";
import * as portal from "@pulumi/azure-native/portal";
import { childName } from "../../components/naming";
import type { MonitoringArgs } from "../../components/monitoring";
import type { AzureContext } from "./context";
import { kubernetesHandles } from "../kubernetes/handles";
import { azureHandles } from "./handles";

/** The ids the alerts and the dashboard watch, from the watched components' handles. */
export interface AzureWatched {
    database: pulumi.Output<string>;
    databaseMaxConnections: number;
    cache: pulumi.Output<string>;
    /** The Application Gateway (managed runtime). */
    gateway?: pulumi.Output<string>;
    /** Container Apps by service (managed runtime). */
    containerApps: Record<string, pulumi.Output<string>>;
    /** The AKS managed cluster (kubernetes runtime, absent with an existing cluster). */
    cluster?: pulumi.Output<string>;
}

export function azureWatched(args: MonitoringArgs): AzureWatched {
    const database = azureHandles.read("database", args.database.handle, "monitoring");
    const containerApps: Record<string, pulumi.Output<string>> = {};
    for (const [service, outputs] of Object.entries(args.computeServices)) {
        const own = azureHandles.readIfOwn("computeService", outputs.handle);
        if (own) containerApps[service] = own.containerAppId;
    }
    return {
        database: database.serverId,
        databaseMaxConnections: database.maxConnections,
        cache: azureHandles.read("cache", args.cache.handle, "monitoring").cacheId,
        // Managed runtime: the LoadBalancer is the gateway; kubernetes: the gateway the ingress made.
        gateway: (azureHandles.readIfOwn("loadBalancer", args.loadBalancer.handle)
            ?? azureHandles.readIfOwn("loadBalancer", kubernetesHandles.readIfOwn("loadBalancer", args.loadBalancer.handle)?.ingress))?.gatewayId,
        containerApps,
        cluster: azureHandles.readIfOwn("kubernetesCluster", args.cluster?.handle)?.clusterId,
    };
}

interface Chart { title: string; resourceId: pulumi.Input<string>; namespace: string; metrics: Array<[name: string, aggregation: number]> }

/** Azure portal aggregation types in MonitorChartPart metrics: 1 Sum, 3 Max, 4 Average. */
const SUM = 1, MAX = 3, AVG = 4;

/** One MonitorChartPart tile (the shape the portal exports under Microsoft.Portal/dashboards lenses). */
function part(chart: Chart, index: number) {
    return {
        position: { x: (index % 2) * 6, y: Math.floor(index / 2) * 4, colSpan: 6, rowSpan: 4 },
        metadata: {
            type: "Extension/HubsExtension/PartType/MonitorChartPart",
            inputs: [{
                name: "options",
                isOptional: true,
                value: {
                    chart: {
                        title: chart.title,
                        metrics: chart.metrics.map(([metricName, aggregationType]) => ({
                            resourceMetadata: { id: chart.resourceId }, name: metricName, aggregationType, namespace: chart.namespace,
                            metricVisualization: { displayName: metricName },
                        })),
                        visualization: { chartType: 2 },
                    },
                },
            }, { name: "sharedTimeRange", isOptional: true }],
        },
    };
}

/**
 * One Azure portal dashboard per stack: the gateway (requests by status, healthy hosts,
 * time taken), each Container App (CPU, memory, restarts) or the AKS nodes, PostgreSQL
 * (connections, failed connections, CPU, storage) and Redis (memory, evictions, CPU), every
 * tile on a resource id of the same plan.
 */
export function createDashboard(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, args: { services: string[]; watched: AzureWatched }): portal.Dashboard {
    const w = args.watched;
    const charts: Chart[] = [];
    if (w.gateway) charts.push({ title: "Application Gateway", resourceId: w.gateway, namespace: "Microsoft.Network/applicationGateways", metrics: [["ResponseStatus", SUM], ["HealthyHostCount", AVG], ["ApplicationGatewayTotalTime", AVG]] });
    for (const service of args.services) {
        const id = w.containerApps[service];
        if (id) charts.push({ title: service, resourceId: id, namespace: "Microsoft.App/containerApps", metrics: [["CpuPercentage", AVG], ["MemoryPercentage", AVG], ["RestartCount", SUM]] });
    }
    if (w.cluster) charts.push({ title: "AKS nodes", resourceId: w.cluster, namespace: "Microsoft.ContainerService/managedClusters", metrics: [["node_cpu_usage_percentage", AVG], ["node_memory_working_set_percentage", AVG]] });
    if (w.database) charts.push({ title: "PostgreSQL", resourceId: w.database, namespace: "Microsoft.DBforPostgreSQL/flexibleServers", metrics: [["active_connections", MAX], ["connections_failed", SUM], ["cpu_percent", AVG], ["storage_percent", MAX]] });
    if (w.cache) charts.push({ title: "Redis", resourceId: w.cache, namespace: "Microsoft.Cache/redis", metrics: [["usedmemorypercentage", MAX], ["evictedkeys", SUM], ["percentProcessorTime", MAX]] });

    return ctx.create(portal.Dashboard, scope, childName(name, "dashboard"), {
        dashboardName: ctx.physical("dashboard"),
        resourceGroupName: ctx.foundation.resourceGroupName,
        location: ctx.location,
        properties: { lenses: [{ order: 0, parts: charts.map(part) }], metadata: { model: { timeRange: { type: "MsPortalFx.Composition.Configuration.ValueTypes.TimeRange", value: { relative: { duration: 24, timeUnit: 1 } } } } } },
        tags: { ...ctx.tags, "hidden-title": `${ctx.cfg.appName} ${ctx.cfg.environment}` },
    });
}
