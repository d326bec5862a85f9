import * as pulumi from "@pulumi/pulumi";
import { PlatformComponent } from "./component";
import type { Cache, CacheOutputs } from "./cache";
import type { ComputeService, ComputeServiceOutputs } from "./compute-service";
import type { PlatformConfig, ServiceConfig } from "./config";
import type { Database, DatabaseOutputs } from "./database";
import { CreateInput, defineComponent } from "./definition";
import type { KubernetesCluster, KubernetesClusterOutputs } from "./kubernetes-cluster";
import type { LoadBalancer, LoadBalancerOutputs } from "./load-balancer";
import type { Network, NetworkOutputs } from "./network";
import type { TierProfile } from "./config/tiers";

export type Severity = "critical" | "warning";

/**
 * The platform's alerts, the same logical set on every cloud and runtime. Each id is also the
 * heading anchor of its section in docs/runbook.md, and every alert's description links
 * there; a cloud may implement one logical alert with several rules (AWS watches the load
 * balancer's own 5xx and the targets' 5xx separately), never with none.
 * Critical alerts page (`monitoring.critical`); warnings notify (`monitoring.warning`).
 */
export const ALERTS = {
    "http-5xx-rate": { severity: "critical", summary: "5xx responses above the critical share of requests" },
    "no-healthy-targets": { severity: "critical", summary: "a service has no healthy instance behind the load balancer" },
    "latency-p95": { severity: "warning", summary: "p95 response time above the warning threshold" },
    "latency-p95-critical": { severity: "critical", summary: "p95 response time above the critical threshold" },
    "service-cpu": { severity: "warning", summary: "service (or node) CPU above its threshold" },
    "service-memory": { severity: "warning", summary: "service (or node) memory above its threshold" },
    "crash-loop": { severity: "critical", summary: "containers restarting repeatedly" },
    "db-connections": { severity: "warning", summary: "database connections near max_connections (saturation)" },
    "db-connection-failures": { severity: "critical", summary: "database refusing or failing connections" },
    "db-free-storage": { severity: "critical", summary: "database free storage below its threshold" },
    "db-cpu": { severity: "warning", summary: "database CPU above its threshold" },
    "cache-memory": { severity: "warning", summary: "cache memory above its threshold" },
    "cache-evictions": { severity: "warning", summary: "cache evicting keys (memory pressure)" },
    "cache-cpu": { severity: "warning", summary: "cache CPU above its threshold" },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type AlertId = keyof typeof ALERTS;
export const ALERT_IDS = Object.keys(ALERTS) as AlertId[];

/** The runbook section of an alert: `<runbookUrl>#<id>`. */
export function runbookLink(runbookUrl: string, id: AlertId): string {
    return `${runbookUrl}#${id}`;
}

/** One description format everywhere: severity, what fired, where to start. */
export function alertDescription(runbookUrl: string, id: AlertId, detail: string): string {
    return `[${ALERTS[id].severity}] ${detail}. Runbook: ${runbookLink(runbookUrl, id)}`;
}

/** The alert id an alert description links to (the inverse of alertDescription), for specs and tools. */
export function alertIdOf(description: string): AlertId | undefined {
    const m = /runbook\.md#([a-z0-9-]+)/.exec(description) ?? /#([a-z0-9-]+)\s*$/.exec(description);
    return m && m[1]! in ALERTS ? (m[1] as AlertId) : undefined;
}

/**
 * The settings Monitoring takes as resolved: where each severity goes (`monitoring.critical`
 * pages, `monitoring.warning` notifies, each defaulting to `alertEmail`; empty: console only),
 * where descriptions link (`monitoring.runbookUrl`, default docs/runbook.md), and the runtime
 * (under `kubernetes` the services are Deployments, not the cloud's managed services, so the
 * alerts watch the cluster instead). Documented on the config types.
 */
export type MonitoringSettings = Pick<PlatformConfig["monitoring"], "critical" | "warning" | "runbookUrl"> & Pick<PlatformConfig["compute"], "runtime">;

/** Alerts from DESIGN.md's monitoring row, the same thresholds on every cloud. */
export interface MonitoringArgs extends MonitoringSettings {
    /**
     * @default CPU 80 %, memory 85 %, 5xx 10 % of requests, p95 2 s (warning) / 5 s (critical),
     * DB connections 80 % of max, free storage 10 %, budget per tier (production 5000, staging 1000)
     */
    thresholds: TierProfile["monitoring"];
    /** Names of the compute services to watch. */
    services: ServiceConfig["name"][];
    /** The ones the load balancer fronts (5xx, latency and healthy-target alerts are theirs). */
    httpServices: ServiceConfig["name"][];
    /** The load balancer's address; under kubernetes it exists once the ingress controller made it. */
    loadBalancerEndpoint: pulumi.Output<string>;
    /** What the alerts watch. */
    network: NetworkOutputs;
    database: DatabaseOutputs;
    cache: CacheOutputs;
    loadBalancer: LoadBalancerOutputs;
    /** By service name. */
    computeServices: Record<string, ComputeServiceOutputs>;
    /** Present under `compute.runtime: kubernetes`. */
    cluster?: KubernetesClusterOutputs;
}

export interface MonitoringOutputs {
    /** Names of the alert rules created. */
    alertNames: pulumi.Output<string[]>;
    /** The stack's dashboard (CloudWatch dashboard name, Cloud Monitoring dashboard id, Azure dashboard id). */
    dashboard?: pulumi.Output<string>;
}

/** How a cloud builds a Monitoring's children under `scope` (providers/<cloud>/monitoring.ts). */
export type MonitoringBuilder = (scope: pulumi.ComponentResource, name: string, args: MonitoringArgs) => MonitoringOutputs;

declare module "./builders" {
    interface ComponentBuilders { monitoring: MonitoringBuilder }
}

/** What the alerts watch: everything before them in the catalog. */
interface MonitoredDeps {
    network: Network;
    kubernetesCluster: KubernetesCluster | undefined;
    database: Database;
    cache: Cache;
    loadBalancer: LoadBalancer;
    computeService: Record<string, ComputeService>;
}

export class Monitoring extends PlatformComponent<MonitoringOutputs> implements MonitoringOutputs {
    declare readonly alertNames: pulumi.Output<string[]>;
    declare readonly dashboard?: pulumi.Output<string>;

    constructor(name: string, args: MonitoringArgs, cloud: { readonly monitoring: MonitoringBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(monitoringComponent.type, name, (self) => cloud.monitoring(self, name, args), opts);
    }
}

/** The alerts over all of it, last. */
export const monitoringComponent = defineComponent({
    key: "monitoring",
    builtBy: "cloud",
    role: "observer",
    create: ({ cfg, cloud, deps }: CreateInput<MonitoredDeps, { readonly monitoring: MonitoringBuilder }>) => new Monitoring("monitoring", {
        thresholds: cfg.monitoring,
        critical: cfg.monitoring.critical,
        warning: cfg.monitoring.warning,
        runbookUrl: cfg.monitoring.runbookUrl,
        services: cfg.services.map((s) => s.name),
        httpServices: cfg.services.filter((s) => s.http).map((s) => s.name),
        runtime: cfg.compute.runtime,
        loadBalancerEndpoint: deps.loadBalancer.endpoint,
        network: deps.network,
        database: deps.database,
        cache: deps.cache,
        loadBalancer: deps.loadBalancer,
        computeServices: deps.computeService,
        cluster: deps.kubernetesCluster,
    }, cloud, { dependsOn: [deps.database, deps.cache, deps.loadBalancer, ...Object.values(deps.computeService)] }),
    outputs: (monitoring) => ({
        alerts: monitoring.alertNames,
        ...(monitoring.dashboard ? { dashboard: monitoring.dashboard } : {}),
    }),
});
