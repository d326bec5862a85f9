import type * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import type { AzureContext } from "./context";

/**
 * Sends a resource's logs (all categories) and metrics to the platform's Log Analytics
 * workspace. `metrics` names the categories where the resource type does not accept
 * `AllMetrics` (storage services), or `false` for none.
 */
export function diagnostics(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, resourceUri: pulumi.Input<string>, opts: { metrics?: false | readonly string[] } = {}): monitor.DiagnosticSetting {
    return ctx.create(monitor.DiagnosticSetting, scope, name, {
        name: "to-log-analytics",
        resourceUri,
        workspaceId: ctx.baseFoundation.logAnalyticsWorkspaceId,
        logAnalyticsDestinationType: "Dedicated",
        logs: [{ categoryGroup: "allLogs", enabled: true }],
        metrics: opts.metrics === false ? undefined : (opts.metrics ?? ["AllMetrics"]).map((category) => ({ category, enabled: true })),
    });
}
