/**
 * Service names the program cannot give a service, because a name it derives from the service
 * name would equal a fixed name it already uses. Service names have no hyphen, and every
 * derived name puts the service name in a hyphen-separated segment of its own
 * (`monitoring-<service>-cpu`, `load-balancer-<service>-tg`, `<app>-<env>-<service>-logs`,
 * Kubernetes objects named `<service>` in the platform namespace), so the only collisions are
 * with fixed names whose segment in that position is a whole word:
 *
 * - Monitoring, every cloud: per-service alarms `<service>-cpu` / `<service>-memory` sit beside
 *   the fixed `db-cpu`, `cache-cpu`, `cache-memory`, `alb-5xx`, `targets-5xx`, `http-5xx`,
 *   `latency`, `cluster-node-cpu`, `aks-node-cpu`, `alerts`, `action-group` (AWS CloudWatch,
 *   Azure Monitor; their logical and physical names).
 * - Azure user-assigned identities: each service's `<app>-<env>-<service>-id` beside the
 *   Application Gateway's `<app>-<env>-agw-id` and the AKS cluster's `<app>-<env>-aks-id` (unique per resource group).
 *
 * tests/config/reserved-names.spec.ts plans every cloud on both runtimes and fails if any
 * service-derived name can equal a fixed one for a name not listed here. The list is reserved
 * in config rather than the resources renamed, so no existing stack's URNs or physical names change.
 */
export const RESERVED_SERVICE_NAMES: ReadonlySet<string> = new Set([
    "db", "cache", "alb", "targets", "http", "latency", "cluster", "aks", "alerts", "action", "agw",
]);

export function reservedServiceNameRule(name: string): string | undefined {
    if (!RESERVED_SERVICE_NAMES.has(name)) return undefined;
    return `a service name other than ${[...RESERVED_SERVICE_NAMES].join(", ")} (reserved: the platform's own alarms and resources use them)`;
}
