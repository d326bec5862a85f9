import type { Rule } from "../../shared/rules";
import { nameRule, parseJsonInput as parseJson } from "../../shared/rules";

/** Dashboards, budgets, log metric filters and topic policies: the day-2 operations resources. */

export const awsOperationsRules: Rule[] = [
    nameRule({
        // DashboardName: up to 255 characters, alphanumerics, dash and underscore.
        id: "aws/dashboard-name",
        types: ["aws:cloudwatch/dashboard:Dashboard"],
        field: "dashboardName",
        max: 255,
        pattern: /^[A-Za-z0-9_-]+$/,
        allowed: "letters, digits, - and _",
        doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html",
    }),
    {
        // The body is a JSON object with a widgets list; each widget sits on the 24-column grid.
        id: "aws/dashboard-body",
        family: "combinations",
        types: ["aws:cloudwatch/dashboard:Dashboard"],
        doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html",
        check: (r) => {
            const body = parseJson(r.inputs.dashboardBody);
            if (!body || !Array.isArray(body.widgets)) return ["dashboardBody is not a JSON object with a widgets array"];
            const problems: string[] = [];
            if (body.widgets.length > 500) problems.push(`${body.widgets.length} widgets; a dashboard holds at most 500`);
            body.widgets.forEach((w: any, i: number) => {
                if (!["metric", "text", "log", "alarm", "explorer", "custom"].includes(w.type)) problems.push(`widgets[${i}].type ${JSON.stringify(w.type)}: allowed metric, text, log, alarm, explorer, custom`);
                const x = w.x ?? 0, width = w.width ?? 6;
                if (width < 1 || width > 24 || x < 0 || x + width > 24) problems.push(`widgets[${i}] spans columns ${x}-${x + width}; the grid has 24`);
                if (w.height !== undefined && (w.height < 1 || w.height > 1000)) problems.push(`widgets[${i}].height ${w.height}: allowed 1-1000`);
            });
            return problems;
        },
    },
    {
        // A cost budget: a positive amount, a supported period, at most 5 notifications with 1-10 email or 1 SNS subscriber each.
        id: "aws/budget-shape",
        family: "combinations",
        types: ["aws:budgets/budget:Budget"],
        doc: "https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_CreateBudget.html",
        check: (r) => {
            const problems: string[] = [];
            if (!["COST", "USAGE", "RI_UTILIZATION", "RI_COVERAGE", "SAVINGS_PLANS_UTILIZATION", "SAVINGS_PLANS_COVERAGE"].includes(r.inputs.budgetType)) problems.push(`budgetType ${JSON.stringify(r.inputs.budgetType)} is not a budget type`);
            if (!["DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY"].includes(r.inputs.timeUnit)) problems.push(`timeUnit ${JSON.stringify(r.inputs.timeUnit)}: allowed DAILY, MONTHLY, QUARTERLY, ANNUALLY`);
            if (!(Number(r.inputs.limitAmount) > 0)) problems.push(`limitAmount ${JSON.stringify(r.inputs.limitAmount)}: a positive amount`);
            const notifications = (r.inputs.notifications ?? []) as any[];
            if (notifications.length > 5) problems.push(`${notifications.length} notifications; a budget allows 5`);
            notifications.forEach((n, i) => {
                const email = (n.subscriberEmailAddresses ?? []).length, sns = (n.subscriberSnsTopicArns ?? []).length;
                if (email + sns === 0) problems.push(`notifications[${i}] has no subscriber`);
                if (email > 10 || sns > 1) problems.push(`notifications[${i}]: at most 10 email subscribers and 1 SNS topic`);
                if (n.thresholdType === "PERCENTAGE" && !(n.threshold > 0 && n.threshold <= 1000000000)) problems.push(`notifications[${i}].threshold ${n.threshold}: a positive percentage`);
            });
            return problems;
        },
    },
    {
        // Filter name up to 512, pattern up to 1024, metric name and namespace up to 255 characters.
        id: "aws/log-metric-filter",
        family: "names",
        types: ["aws:cloudwatch/logMetricFilter:LogMetricFilter"],
        doc: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html",
        check: (r) => {
            const problems: string[] = [];
            const len = (v: unknown) => (typeof v === "string" ? v.length : 0);
            if (len(r.inputs.name) < 1 || len(r.inputs.name) > 512 || /[:*]/.test(r.inputs.name ?? "")) problems.push(`name ${JSON.stringify(r.inputs.name)}: 1-512 characters without : or *`);
            if (len(r.inputs.pattern) > 1024) problems.push(`pattern is ${len(r.inputs.pattern)} characters; allowed 1024`);
            const t = r.inputs.metricTransformation ?? {};
            for (const k of ["name", "namespace"]) if (len(t[k]) < 1 || len(t[k]) > 255 || /[:*$]/.test(t[k] ?? "")) problems.push(`metricTransformation.${k} ${JSON.stringify(t[k])}: 1-255 characters without :, * or $`);
            return problems;
        },
    },
    {
        // An SNS access policy: Version 2012-10-17, every statement with Effect, Principal and Action on this topic.
        id: "aws/topic-policy",
        family: "companions",
        types: ["aws:sns/topicPolicy:TopicPolicy"],
        doc: "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html",
        check: (r, plan) => {
            const doc = parseJson(r.inputs.policy);
            if (!doc) return ["policy is not a JSON document"];
            const problems: string[] = [];
            if (doc.Version !== "2012-10-17") problems.push(`policy Version ${JSON.stringify(doc.Version)}: use 2012-10-17`);
            for (const [i, s] of ((doc.Statement ?? []) as any[]).entries()) {
                if (!["Allow", "Deny"].includes(s.Effect) || !s.Principal || !s.Action) problems.push(`Statement[${i}] needs Effect, Principal and Action`);
                if (s.Resource !== undefined && s.Resource !== r.inputs.arn) problems.push(`Statement[${i}].Resource ${JSON.stringify(s.Resource)} is not the topic ${r.inputs.arn}`);
            }
            if (!plan.resolve("aws:sns/topic:Topic", r.inputs.arn)) problems.push(`arn ${JSON.stringify(r.inputs.arn)} is no topic of this plan`);
            return problems;
        },
    },
];
