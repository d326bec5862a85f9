import * as pulumi from "@pulumi/pulumi";
import * as consumption from "@pulumi/azure-native/consumption";
import type * as monitor from "@pulumi/azure-native/monitor";
import { childName } from "../../components/naming";
import type { AzureContext } from "./context";

/**
 * The first day of the month the budget is created in. Microsoft.Consumption/budgets: a Cost
 * budget's startDate "must be first of the month ... Past start date should be selected within
 * the timegrain period" (https://learn.microsoft.com/en-us/javascript/api/@azure/arm-costmanagement/budgettimeperiod),
 * so a fixed date is rejected once its month has passed. The budget ignores later changes to
 * it (see createBudget), so the start stays where the first `pulumi up` put it.
 */
export function budgetStart(now: Date = new Date()): string {
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().replace(".000Z", "Z");
}

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
    return ctx.create(consumption.Budget, scope, childName(name, "budget"), {
        budgetName: ctx.physical("monthly"),
        scope: ctx.foundation.resourceGroupId,
        amount: args.amount,
        category: "Cost",
        timeGrain: "Monthly",
        timePeriod: { startDate: budgetStart() },
        notifications: { actual80: notify(80, "Actual"), forecast100: notify(100, "Forecasted") },
    }, undefined, { ignoreChanges: ["timePeriod.startDate"] });
}
