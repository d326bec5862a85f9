import { AlertSourceFactory, FiringAlert, openedSince } from "../shared/alert-source";

/**
 * Alerts Management, `az rest` GET `Microsoft.AlertsManagement/alerts?monitorCondition=Fired&severity=Sev0`
 * (critical is Sev0, providers/azure/monitoring.ts).
 * https://learn.microsoft.com/rest/api/monitor/alertsmanagement/alerts/get-all
 */
export const alertSource: AlertSourceFactory = (o) => {
    const names = new Set(o.alerts);
    const subscription = o.env.AZURE_SUBSCRIPTION_ID;
    if (!subscription) throw new Error("azure: AZURE_SUBSCRIPTION_ID is not set");
    return async (sinceMs) => {
        const url = `https://management.azure.com/subscriptions/${subscription}/providers/Microsoft.AlertsManagement/alerts?api-version=2019-05-05-preview&monitorCondition=Fired&severity=Sev0&timeRange=1d`;
        const out = JSON.parse(await o.run("az", ["rest", "--method", "get", "--url", url])) as {
            value?: Array<{ properties?: { essentials?: { alertRule?: string; startDateTime?: string } } }>;
        };
        return (out.value ?? [])
            .map((a) => a.properties?.essentials ?? {})
            .map((e) => ({ name: (e.alertRule ?? "").split("/").pop() ?? "", since: e.startDateTime }))
            .filter((a): a is FiringAlert => names.has(a.name) && openedSince(a.since, sinceMs));
    };
};
