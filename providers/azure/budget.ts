import * as pulumi from "@pulumi/pulumi";
import * as consumption from "@pulumi/azure-native/consumption";
import type * as monitor from "@pulumi/azure-native/monitor";
import { childName } from "../../components/naming";
import type { AzureContext } from "./context";

/**
 * A fixed first-of-month start (Microsoft.Consumption/budgets: startDate must be the first of
 * a month, on or after June 2017); a moving "this month" would change the budget every month.
 */
export const BUDGET_START = "2026-01-01T00:00:00Z";

/**
 * The stack's monthly cost budget on its resource group (everything the platform creates
 * lives there), notifying the warning action group and addresses at 80 % actual and 100 %
 * forecast spend. Budgets take no tags.
 */
export function createBudget(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, args: { amount: number; actionGroup: monitor.ActionGroup }): consumption.Budget {
    const warning = ctx.cfg.monitoring.warning;
    const notify = (threshold: number, thresholdType: "Actual" | "Forecasted") => ({
        enabled: true, operator: "GreaterThan", threshold, thresholdType, contactEmails: warning, contactGroups: [args.actionGroup.id],
    });
    return new consumption.Budget(childName(name, "budget"), {
        budgetName: ctx.physical("monthly"),
        scope: ctx.foundation.resourceGroupId,
        amount: args.amount,
        category: "Cost",
        timeGrain: "Monthly",
        timePeriod: { startDate: BUDGET_START },
        notifications: { actual80: notify(80, "Actual"), forecast100: notify(100, "Forecasted") },
    }, ctx.opts(scope));
}
