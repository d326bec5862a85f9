import type { Rule } from "../../shared/rules";
import { nameRule } from "../../shared/rules";

/** Budgets, portal dashboards and log alerts: the day-2 operations resources. */

const ISO_DURATION = /^PT(\d+)([MH])$/;
const minutes = (d: unknown): number | undefined => {
    const m = typeof d === "string" ? ISO_DURATION.exec(d) : null;
    return m ? Number(m[1]) * (m[2] === "H" ? 60 : 1) : undefined;
};

export const azureOperationsRules: Rule[] = [
    {
        // A Cost budget starts on the first of a month, no earlier than the current month (a
        // past start must fall within the time grain) and at most twelve months ahead.
        id: "azure/budget-shape",
        family: "windows",
        types: ["azure-native:consumption:Budget"],
        doc: "https://learn.microsoft.com/en-us/javascript/api/@azure/arm-costmanagement/budgettimeperiod",
        check: (r) => {
            const problems: string[] = [];
            const start = new Date(r.inputs.timePeriod?.startDate ?? "");
            const now = new Date();
            const thisMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
            if (Number.isNaN(start.getTime()) || start.getUTCDate() !== 1 || start.getUTCHours() !== 0) problems.push(`timePeriod.startDate ${JSON.stringify(r.inputs.timePeriod?.startDate)}: the first of a month`);
            else if (r.inputs.timeGrain === "Monthly" && start.getTime() < thisMonth) problems.push(`timePeriod.startDate ${r.inputs.timePeriod.startDate} is before this month; a monthly budget's past start must be within the current month`);
            else if (start.getTime() > Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), 1)) problems.push(`timePeriod.startDate ${r.inputs.timePeriod.startDate} is more than twelve months ahead`);
            if (!(r.inputs.amount > 0)) problems.push(`amount ${r.inputs.amount}: above 0`);
            const notifications = Object.entries((r.inputs.notifications ?? {}) as Record<string, any>);
            if (notifications.length > 5) problems.push(`${notifications.length} notifications; a budget allows 5`);
            for (const [key, n] of notifications) {
                if (!((n.contactEmails ?? []).length || (n.contactGroups ?? []).length || (n.contactRoles ?? []).length)) problems.push(`notifications.${key} has no contact`);
                if (!(n.threshold > 0 && n.threshold <= 1000)) problems.push(`notifications.${key}.threshold ${n.threshold}: allowed 0-1000 (percent)`);
            }
            return problems;
        },
    },
    nameRule({
        // Dashboard names: up to 64 characters of letters, digits and hyphens.
        id: "azure/dashboard-name",
        types: ["azure-native:portal:Dashboard"],
        field: "dashboardName",
        max: 64,
        pattern: /^[A-Za-z0-9-]+$/,
        allowed: "letters, digits and -",
        doc: "https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules#microsoftportal",
    }),
    {
        // Each tile has a type and a position inside the portal's 36-column grid, and tiles do not overlap.
        id: "azure/dashboard-parts",
        family: "combinations",
        types: ["azure-native:portal:Dashboard"],
        doc: "https://learn.microsoft.com/en-us/azure/azure-portal/azure-portal-dashboards-structure",
        check: (r) => {
            const problems: string[] = [];
            for (const [li, lens] of ((r.inputs.properties?.lenses ?? []) as any[]).entries()) {
                const cells = new Set<string>();
                for (const [pi, part] of ((lens.parts ?? []) as any[]).entries()) {
                    const p = part.position ?? {};
                    if (typeof part.metadata?.type !== "string") problems.push(`lenses[${li}].parts[${pi}].metadata.type is required`);
                    if (!(p.colSpan >= 1 && p.rowSpan >= 1 && p.x >= 0 && p.y >= 0 && p.x + p.colSpan <= 36)) problems.push(`lenses[${li}].parts[${pi}].position ${JSON.stringify(p)}: inside 36 columns`);
                    for (let x = p.x; x < p.x + p.colSpan; x++) for (let y = p.y; y < p.y + p.rowSpan; y++) {
                        if (cells.has(`${x},${y}`)) problems.push(`lenses[${li}].parts[${pi}] overlaps another tile at ${x},${y}`);
                        cells.add(`${x},${y}`);
                    }
                }
            }
            return [...new Set(problems)];
        },
    },
    {
        // Log alerts: severity 0-4, frequency PT1M-PT1D and no longer than the window (PT5M-P2D
        // for windows over a day are not used here), a query, and operator/threshold/aggregation per condition.
        id: "azure/log-alert-shape",
        family: "combinations",
        types: ["azure-native:monitor:ScheduledQueryRule"],
        doc: "https://learn.microsoft.com/en-us/rest/api/monitor/scheduled-query-rules/create-or-update",
        check: (r) => {
            const problems: string[] = [];
            const i = r.inputs;
            if (!(i.severity >= 0 && i.severity <= 4)) problems.push(`severity ${i.severity}: allowed 0-4`);
            const freq = minutes(i.evaluationFrequency), window = minutes(i.windowSize);
            if (freq === undefined || freq < 1 || freq > 1440) problems.push(`evaluationFrequency ${JSON.stringify(i.evaluationFrequency)}: PT1M to PT24H`);
            if (window === undefined || window < 1 || window > 2880) problems.push(`windowSize ${JSON.stringify(i.windowSize)}: PT1M to PT48H`);
            if (freq !== undefined && window !== undefined && freq > window) problems.push(`evaluationFrequency ${i.evaluationFrequency} is longer than windowSize ${i.windowSize}`);
            if ((i.scopes ?? []).length === 0) problems.push("scopes is empty");
            for (const [n, c] of ((i.criteria?.allOf ?? []) as any[]).entries()) {
                if (!c.query) problems.push(`criteria.allOf[${n}].query is required`);
                if (i.kind === "LogAlert" && (c.operator === undefined || c.threshold === undefined || c.timeAggregation === undefined)) problems.push(`criteria.allOf[${n}]: a LogAlert condition needs operator, threshold and timeAggregation`);
            }
            return problems;
        },
    },
];
