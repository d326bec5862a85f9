import { z } from "../zod";
import { email } from "../schema-values";
import { defineSection, perTier } from "./section";

/** `platform:monitoring`: alert thresholds, destinations and the budget. */
export interface MonitoringTier {
    cpuPercent: number;
    memoryPercent: number;
    /** Critical: 5xx responses as a share of all requests. */
    http5xxRatePercent: number;
    /** Warning above this p95, critical above `p95LatencyCriticalSeconds`. */
    p95LatencySeconds: number;
    p95LatencyCriticalSeconds: number;
    databaseConnections: number;
    freeStoragePercent: number;
    /** Warning: cache keys evicted per minute (memory pressure pushing data out). */
    cacheEvictionsPerMinute: number;
    /** Critical: failed database connection attempts in 5 minutes. */
    databaseConnectionFailures: number;
    /** Critical: container restarts of one workload in 10 minutes (a crash loop). */
    restartsPer10Minutes: number;
    /** Monthly budget of the stack, alerting the warning destination at 80 % actual and 100 % forecast. */
    budget: { enabled: boolean; amount: number };
}

/**
 * `critical` / `warning` are the destinations of the two severities (each defaults to
 * `alertEmail`, so a stack with only `alertEmail` keeps sending everything there).
 */
export type MonitoringConfig = MonitoringTier & { alertEmail?: string; critical: string[]; warning: string[]; runbookUrl: string };

/** Alert descriptions link here unless `monitoring.runbookUrl` names the published copy. */
export const DEFAULT_RUNBOOK_URL = "docs/runbook.md";

/** An alert destination: one e-mail address or several. */
const alertDestination = z.union([email, z.array(email).min(1).max(20)], {
    error: "an email address or a list of them",
});

const thresholds = {
    cpuPercent: 80, memoryPercent: 85, http5xxRatePercent: 10, p95LatencySeconds: 2, p95LatencyCriticalSeconds: 5,
    databaseConnections: 80, freeStoragePercent: 10, cacheEvictionsPerMinute: 100, databaseConnectionFailures: 10, restartsPer10Minutes: 3,
};

function destinations(value: string | string[] | undefined, fallback: string | undefined): string[] {
    if (value !== undefined) return Array.isArray(value) ? value : [value];
    return fallback ? [fallback] : [];
}

export const monitoringSection = defineSection({
    key: "monitoring",
    shape: {
        monitoring: z.strictObject({
            alertEmail: email.optional(),
            /** Who is paged for critical alerts; defaults to alertEmail. */
            critical: alertDestination.optional(),
            /** Who hears about warnings and the budget; defaults to alertEmail. */
            warning: alertDestination.optional(),
            /** Where alert descriptions link to (the runbook's published URL); defaults to the repo path docs/runbook.md. */
            runbookUrl: z.string().max(2048).pipe(z.url({ error: "a URL such as https://github.com/acme/platform/blob/main/docs/runbook.md" })).optional(),
            budget: z.strictObject({
                enabled: z.boolean().optional(),
                /** Monthly amount in the billing currency (USD on AWS; the account's currency on GCP and Azure). */
                amount: z.number().int().min(1).max(10_000_000).optional(),
            }).optional(),
        }).optional(),
    },
    tiers: perTier<MonitoringTier>({
        production: { ...thresholds, budget: { enabled: true, amount: 5000 } },
        staging: { ...thresholds, budget: { enabled: true, amount: 1000 } },
    }),
    resolve: ({ raw, tier }): MonitoringConfig => ({
        ...tier,
        alertEmail: raw.monitoring?.alertEmail,
        critical: destinations(raw.monitoring?.critical, raw.monitoring?.alertEmail),
        warning: destinations(raw.monitoring?.warning, raw.monitoring?.alertEmail),
        runbookUrl: raw.monitoring?.runbookUrl ?? DEFAULT_RUNBOOK_URL,
        budget: { ...tier.budget, ...raw.monitoring?.budget },
    }),
    reference: [
        { label: "`monitoring.alertEmail`", keys: ["monitoring.alertEmail"], allowed: "email of at most 254 characters: the default of both destinations below", defaults: { production: "—", staging: "—" }, change: "in place" },
        { label: "`monitoring.critical` / `monitoring.warning`", keys: ["monitoring.critical", "monitoring.warning"], allowed: "email or list of emails: who is paged for critical alerts / told of warnings and the budget", defaults: { production: "`alertEmail`", staging: "`alertEmail`" }, change: "in place" },
        { label: "`monitoring.runbookUrl`", keys: ["monitoring.runbookUrl"], allowed: "URL alert descriptions link to (`<url>#<alert>`)", defaults: { production: "`docs/runbook.md`", staging: "`docs/runbook.md`" }, change: "in place" },
        { label: "`monitoring.budget.enabled` / `.amount`", keys: ["monitoring.budget.enabled", "monitoring.budget.amount"], note: "the amount is monthly: USD on AWS, the billing currency on GCP and Azure", defaults: "tier", change: "in place" },
    ],
});
