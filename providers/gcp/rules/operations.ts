import type { Rule } from "../../shared/rules";
import { parseJsonInput as parseJson } from "../../shared/rules";

/** Dashboards, billing budgets and log-based metrics: the day-2 operations resources. */

export const gcpOperationsRules: Rule[] = [
    {
        // A dashboard has a displayName and one layout; a grid has at least one column, a mosaic 1-48 columns with tiles inside it.
        id: "gcp/dashboard-json",
        family: "combinations",
        types: ["gcp:monitoring/dashboard:Dashboard"],
        doc: "https://cloud.google.com/monitoring/api/ref_v3/rest/v1/projects.dashboards",
        check: (r) => {
            const d = parseJson(r.inputs.dashboardJson);
            if (!d) return ["dashboardJson is not a JSON object"];
            const problems: string[] = [];
            if (typeof d.displayName !== "string" || d.displayName.length === 0) problems.push("dashboardJson.displayName is required");
            const layouts = ["gridLayout", "mosaicLayout", "rowLayout", "columnLayout"].filter((k) => d[k] !== undefined);
            if (layouts.length !== 1) problems.push(`dashboardJson has ${layouts.length} layouts (${layouts.join(", ")}); exactly one is allowed`);
            if (d.gridLayout && !(Number(d.gridLayout.columns ?? 1) >= 1)) problems.push(`gridLayout.columns ${d.gridLayout.columns}: at least 1`);
            if (d.mosaicLayout) {
                const columns = Number(d.mosaicLayout.columns);
                if (!(columns >= 1 && columns <= 48)) problems.push(`mosaicLayout.columns ${d.mosaicLayout.columns}: allowed 1-48`);
                for (const [i, t] of ((d.mosaicLayout.tiles ?? []) as any[]).entries()) if ((t.xPos ?? 0) + (t.width ?? 1) > columns) problems.push(`mosaicLayout.tiles[${i}] ends past column ${columns}`);
            }
            const widgets = d.gridLayout?.widgets ?? d.mosaicLayout?.tiles ?? [];
            if (widgets.length > 100) problems.push(`${widgets.length} widgets; a dashboard holds at most 100`);
            return problems;
        },
    },
    {
        // A budget names a billing account (XXXXXX-XXXXXX-XXXXXX), an amount, and threshold percentages above 0.
        id: "gcp/billing-budget",
        family: "combinations",
        types: ["gcp:billing/budget:Budget"],
        doc: "https://cloud.google.com/billing/docs/reference/budget/rest/v1/billingAccounts.budgets",
        check: (r) => {
            const problems: string[] = [];
            if (!/^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/.test(r.inputs.billingAccount ?? "")) problems.push(`billingAccount ${JSON.stringify(r.inputs.billingAccount)}: allowed XXXXXX-XXXXXX-XXXXXX (hex)`);
            if ((r.inputs.displayName ?? "").length > 60) problems.push(`displayName is ${r.inputs.displayName.length} characters; allowed 60`);
            const amount = r.inputs.amount ?? {};
            if (!amount.lastPeriodAmount && !(Number(amount.specifiedAmount?.units) > 0)) problems.push("amount needs specifiedAmount.units above 0 or lastPeriodAmount");
            for (const [i, t] of ((r.inputs.thresholdRules ?? []) as any[]).entries()) if (!(t.thresholdPercent > 0)) problems.push(`thresholdRules[${i}].thresholdPercent ${t.thresholdPercent}: above 0 (1.0 is 100 %)`);
            if ((r.inputs.allUpdatesRule?.monitoringNotificationChannels ?? []).length > 5) problems.push("at most 5 monitoringNotificationChannels");
            return problems;
        },
    },
    {
        // Metric names: up to 100 characters of A-Za-z0-9 and _-.,+!*',()%/; a filter is required, up to 20,000 characters.
        id: "gcp/log-metric",
        family: "names",
        types: ["gcp:logging/metric:Metric"],
        doc: "https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.metrics",
        check: (r) => {
            const problems: string[] = [];
            const name = r.inputs.name ?? "";
            if (name.length < 1 || name.length > 100 || !/^[A-Za-z0-9_\-.,+!*',()%\/]+$/.test(name)) problems.push(`name ${JSON.stringify(name)}: 1-100 characters of A-Za-z0-9 and _-.,+!*',()%/`);
            const filter = r.inputs.filter ?? "";
            if (filter.length < 1 || filter.length > 20000) problems.push(`filter is ${filter.length} characters; allowed 1-20000`);
            return problems;
        },
    },
];
