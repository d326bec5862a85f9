import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childName, physicalName } from "../../components/naming";
import type { GcpContext } from "./context";

/**
 * The stack's monthly budget on its project's spend (google_billing_budget: billing_account,
 * budget_filter.projects as `projects/<number>`, amount.specified_amount.units in the billing
 * account's currency, threshold_rules, all_updates_rule.monitoring_notification_channels),
 * notifying the warning channels at 80 % of actual and 100 % of forecast spend. Budgets take
 * no labels. The deploying identity needs `roles/billing.costsManager` on the account.
 */
export function createBudget(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: { amount: number; channels: gcp.monitoring.NotificationChannel[] }): gcp.billing.Budget {
    const { cfg } = ctx;
    if (!cfg.gcp?.billingAccount) throw new Error("internal: config validation requires gcp.billingAccount with the budget on");
    const project = gcp.organizations.getProjectOutput({ projectId: ctx.project }, { provider: ctx.provider, parent: scope });
    return ctx.create(gcp.billing.Budget, scope, childName(name, "budget"), {
        billingAccount: cfg.gcp?.billingAccount,
        displayName: physicalName(cfg, "monthly"),
        budgetFilter: { projects: [pulumi.interpolate`projects/${project.number}`], calendarPeriod: "MONTH" },
        amount: { specifiedAmount: { units: String(args.amount) } },
        thresholdRules: [
            { thresholdPercent: 0.8, spendBasis: "CURRENT_SPEND" },
            { thresholdPercent: 1.0, spendBasis: "FORECASTED_SPEND" },
        ],
        allUpdatesRule: { monitoringNotificationChannels: args.channels.map((c) => c.name), disableDefaultIamRecipients: args.channels.length > 0 },
    });
}
