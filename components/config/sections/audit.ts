import { z } from "../zod";
import { defineSection, perTier } from "./section";

/** Audit-log retention steps: CloudWatch Logs' allowed values from 90 days to 10 years. */
export const AUDIT_RETENTION_DAYS = [90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/**
 * Audit logs (flow logs, control-plane audit logs, WAF logs, object-access logs): kept
 * apart from application logs, at least a year in production (DESIGN.md "Audit logs").
 */
export interface AuditConfig { logRetentionDays: number }

export const auditSection = defineSection({
    key: "audit",
    shape: {
        /** Audit-log retention; CloudWatch Logs' retention steps from 90 days up (GCP and Azure accept any of them). */
        audit: z.strictObject({
            logRetentionDays: z.literal(AUDIT_RETENTION_DAYS, { error: `one of ${AUDIT_RETENTION_DAYS.join(", ")}` }).optional(),
        }).optional(),
    },
    tiers: perTier<AuditConfig>({ production: { logRetentionDays: 365 }, staging: { logRetentionDays: 90 } }),
    resolve: ({ raw, tier }): AuditConfig => ({ ...tier, ...raw.audit }),
    reference: [
        { label: "`audit.logRetentionDays`", keys: ["audit.logRetentionDays"], note: "≥ 365 in production, enforced by the pack", defaults: "tier", change: "in place" },
    ],
});
