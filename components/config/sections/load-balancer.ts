import { z } from "../zod";
import { bounded, HOSTNAME_PATTERN, HOSTNAME_RULE } from "../schema-values";
import { defineSection, perTier } from "./section";

/** `platform:loadBalancer`: the one HTTPS entry point in front of the services. */
export interface LoadBalancerTier {
    /** Web application firewall. @default production: true, staging: false */
    waf: boolean;
    /** Deletion protection on the load balancer. @default production: true, staging: false */
    deletionProtection: boolean;
    /** Health check. @default path /health every 30 s, healthy 2, unhealthy 3 */
    health: { path: string; intervalSeconds: number; healthyThreshold: number; unhealthyThreshold: number; timeoutSeconds: number };
    /** @default "1.2" */
    minimumTlsVersion: "1.2";
    /** @default true */
    accessLogs: boolean;
}

export type LoadBalancerConfig = LoadBalancerTier & {
    /** Hostname the managed certificate is issued for. Changing it re-issues the certificate. */
    domain: string;
};

const health = { path: "/health", intervalSeconds: 30, healthyThreshold: 2, unhealthyThreshold: 3, timeoutSeconds: 5 };

export const loadBalancerSection = defineSection({
    key: "loadBalancer",
    shape: {
        loadBalancer: z.strictObject({
            domain: bounded(253, HOSTNAME_PATTERN, HOSTNAME_RULE),
            waf: z.boolean().optional(),
            deletionProtection: z.boolean().optional(),
        }),
    },
    tiers: perTier<LoadBalancerTier>({
        production: { waf: true, deletionProtection: true, health, minimumTlsVersion: "1.2", accessLogs: true },
        staging: { waf: false, deletionProtection: false, health, minimumTlsVersion: "1.2", accessLogs: true },
    }),
    resolve: ({ raw, tier }): LoadBalancerConfig => ({ ...tier, ...raw.loadBalancer }),
    reference: [
        { label: "`loadBalancer.domain`", keys: ["loadBalancer.domain"], allowed: "DNS hostname", defaults: { production: "required", staging: "required" }, change: "re-issues the certificate" },
        { label: "`loadBalancer.waf`", keys: ["loadBalancer.waf"], defaults: "tier", change: "in place" },
        { label: "`loadBalancer.deletionProtection`", keys: ["loadBalancer.deletionProtection"], defaults: "tier", change: "in place" },
    ],
});
