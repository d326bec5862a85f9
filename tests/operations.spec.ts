import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Cloud, Runtime } from "../components/config";
import { ALERT_IDS, ALERTS, alertIdOf, AlertId, Severity } from "../components/monitoring";
import type { PlanResource } from "../tools/engine/plan";
import type { PlanRun } from "../tools/engine/run-plan";
import { inputs, named, ofType, one, planFor } from "./support/harness";

/**
 * Day-2 operations across every cloud and runtime: the same alert set, each alert routed by
 * severity and linked to a runbook section that exists, one dashboard whose widgets name
 * resources of the same plan, one budget notifying the warning destination.
 */

const CLOUDS: Cloud[] = ["aws", "gcp", "azure"];
const RUNTIMES: Runtime[] = ["managed", "kubernetes"];
const RUNBOOK = fs.readFileSync(path.join(__dirname, "..", "docs", "runbook.md"), "utf8");
const CRITICAL = "platform:monitoring.critical=pager@acme-platform.example.com";

/** Alert rules of the Monitoring component with the description carrying their runbook link. */
const ALERT_RULES: Record<Cloud, Array<{ type: string; description: (i: Record<string, any>) => string }>> = {
    aws: [{ type: "aws:cloudwatch/metricAlarm:MetricAlarm", description: (i) => i.alarmDescription }],
    gcp: [{ type: "gcp:monitoring/alertPolicy:AlertPolicy", description: (i) => i.documentation.content }],
    azure: [
        { type: "azure-native:monitor:MetricAlert", description: (i) => i.description },
        { type: "azure-native:monitor:ScheduledQueryRule", description: (i) => i.description },
    ],
};

const DASHBOARD: Record<Cloud, string> = {
    aws: "aws:cloudwatch/dashboard:Dashboard",
    gcp: "gcp:monitoring/dashboard:Dashboard",
    azure: "azure-native:portal:Dashboard",
};
const BUDGET: Record<Cloud, string> = {
    aws: "aws:budgets/budget:Budget",
    gcp: "gcp:billing/budget:Budget",
    azure: "azure-native:consumption:Budget",
};

function monitoringAlerts(run: PlanRun, cloud: Cloud): Array<{ resource: PlanResource; id: AlertId | undefined; description: string }> {
    return ALERT_RULES[cloud].flatMap(({ type, description }) => ofType(run, type)
        .filter((r) => r.parent?.endsWith("::monitoring"))
        .map((resource) => {
            const text = description(inputs(resource));
            return { resource, id: alertIdOf(text), description: text };
        }));
}

/** The destination an alert notifies, comparable with the budget's. */
function destinationOf(cloud: Cloud, r: PlanResource): string[] {
    const i = inputs(r);
    if (cloud === "aws") return i.alarmActions;
    if (cloud === "gcp") return i.notificationChannels;
    return r.type.endsWith("ScheduledQueryRule") ? i.actions.actionGroups : i.actions.map((a: { actionGroupId: string }) => a.actionGroupId);
}

/** Every string value anywhere in the plan's inputs outside `except`, and the path segments inside them. */
function planStrings(run: PlanRun, except: PlanResource): Set<string> {
    const found = new Set<string>();
    const walk = (v: unknown) => {
        if (typeof v === "string") {
            found.add(v);
            for (const part of v.split(/[/:]/)) if (part) found.add(part);
        } else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    for (const r of run.plan.resources) if (r.urn !== except.urn) walk(r.inputs);
    return found;
}

/** The resource references a dashboard's widgets make, per cloud's dashboard format. */
function dashboardReferences(cloud: Cloud, dashboard: PlanResource): string[] {
    const i = inputs(dashboard);
    if (cloud === "aws") {
        const body = JSON.parse(i.dashboardBody);
        // metric rows: [namespace, metricName, dimName, dimValue, ...]: the values sit at odd positions from 3.
        return body.widgets.flatMap((w: any) => w.type === "metric" ? w.properties.metrics.flatMap((m: string[]) => m.filter((_, k) => k >= 3 && k % 2 === 1)) : []);
    }
    if (cloud === "gcp") {
        const body = JSON.parse(i.dashboardJson);
        const filters: string[] = body.gridLayout.widgets.filter((w: any) => w.xyChart).map((w: any) => w.xyChart.dataSets[0].timeSeriesQuery.timeSeriesFilter.filter);
        // Quoted label values: service_name, database_id, instance_id, url_map_name (a regex under GKE: not a name).
        return filters.flatMap((f) => [...f.matchAll(/resource\.labels\.(\w+) = "([^"]+)"/g)].map((m) => m[2]!));
    }
    return i.properties.lenses.flatMap((l: any) => l.parts.flatMap((p: any) => p.metadata.inputs[0].value.chart.metrics.map((m: any) => m.resourceMetadata.id)));
}

for (const runtime of RUNTIMES) {
    describe(`operations (${runtime} runtime)`, () => {
        const config = runtime === "kubernetes" ? ["platform:compute.runtime=kubernetes", CRITICAL] : [CRITICAL];
        const runs = {} as Record<Cloud, PlanRun>;
        before(async function () {
            this.timeout(120_000);
            for (const cloud of CLOUDS) runs[cloud] = await planFor("production", cloud, config);
        });

        it("has the same logical alert set on every cloud: the whole catalogue", () => {
            for (const cloud of CLOUDS) {
                const alerts = monitoringAlerts(runs[cloud], cloud);
                const unlinked = alerts.filter((a) => !a.id).map((a) => a.resource.name);
                assert.deepStrictEqual(unlinked, [], `${cloud}: alerts without a catalogue runbook link`);
                assert.deepStrictEqual([...new Set(alerts.map((a) => a.id))].sort(), [...ALERT_IDS].sort(), `${cloud} alert set`);
            }
        });

        it("routes critical alerts to monitoring.critical and warnings to monitoring.warning (alertEmail)", () => {
            for (const cloud of CLOUDS) {
                const bySeverity: Record<Severity, Set<string>> = { critical: new Set(), warning: new Set() };
                for (const a of monitoringAlerts(runs[cloud], cloud)) {
                    const destinations = destinationOf(cloud, a.resource);
                    assert.ok(destinations.length > 0, `${cloud} ${a.resource.name} notifies nobody`);
                    destinations.forEach((d) => bySeverity[ALERTS[a.id!].severity].add(d));
                    assert.ok(a.description.startsWith(`[${ALERTS[a.id!].severity}]`), a.description);
                    const i = inputs(a.resource);
                    if (cloud === "gcp") assert.strictEqual(i.severity, ALERTS[a.id!].severity.toUpperCase(), a.resource.name);
                    if (cloud === "azure") assert.strictEqual(i.severity, ALERTS[a.id!].severity === "critical" ? 0 : 2, a.resource.name);
                }
                for (const d of bySeverity.critical) assert.ok(!bySeverity.warning.has(d), `${cloud}: ${d} receives both severities`);
                // GCP: each severity's e-mail channel plus its own Pub/Sub topic channel (for paging tools).
                const perSeverity = cloud === "gcp" ? 2 : 1;
                assert.strictEqual(bySeverity.critical.size, perSeverity, `${cloud}: critical destinations`);
                assert.strictEqual(bySeverity.warning.size, perSeverity, `${cloud}: warning destinations`);
            }
            const emails = (cloud: Cloud) => cloud === "aws"
                ? ofType(runs.aws, "aws:sns/topicSubscription:TopicSubscription").map((s) => [inputs(s).topic, inputs(s).endpoint])
                : cloud === "gcp"
                    ? ofType(runs.gcp, "gcp:monitoring/notificationChannel:NotificationChannel").filter((c) => inputs(c).type === "email").map((c) => [c.name, inputs(c).labels.email_address])
                    : ofType(runs.azure, "azure-native:monitor:ActionGroup").map((g) => [inputs(g).actionGroupName, inputs(g).emailReceivers[0]?.emailAddress]);
            for (const cloud of CLOUDS) {
                const addresses = emails(cloud).map(([, e]) => e).sort();
                // The committed stack's alertEmail stays the warning destination; critical is overridden.
                assert.deepStrictEqual(addresses, ["oncall@acme-platform.example.com", "pager@acme-platform.example.com"], `${cloud} addresses`);
            }
        });

        it("links every alert and release gate to a runbook section that exists", () => {
            const anchors = new Set([...RUNBOOK.matchAll(/^## ([a-z0-9-]+)$/gm)].map((m) => m[1]));
            for (const id of ALERT_IDS) assert.ok(anchors.has(id), `docs/runbook.md has no section ## ${id}`);
            for (const cloud of CLOUDS) {
                const text = JSON.stringify(runs[cloud].plan.resources.map((r) => r.inputs));
                const links = [...text.matchAll(/docs\/runbook\.md#([a-z0-9-]+)/g)].map((m) => m[1]!);
                assert.ok(links.length >= ALERT_IDS.length, `${cloud}: runbook links`);
                for (const link of links) assert.ok(anchors.has(link), `${cloud}: runbook anchor #${link} does not exist`);
            }
        });

        it("has one dashboard per stack whose widgets name resources of the same plan", () => {
            for (const cloud of CLOUDS) {
                const dashboard = one(runs[cloud], DASHBOARD[cloud]);
                assert.ok(dashboard.parent?.endsWith("::monitoring"));
                const refs = dashboardReferences(cloud, dashboard);
                assert.ok(refs.length >= 4, `${cloud}: dashboard references ${refs.length} resources`);
                const known = planStrings(runs[cloud], dashboard);
                for (const ref of refs) {
                    const segments = ref.split(/[/:]/).filter(Boolean);
                    assert.ok(known.has(ref) || segments.every((s) => known.has(s)), `${cloud}: dashboard widget names ${ref}, which no other resource of the plan has`);
                }
                if (cloud === "aws") {
                    const alarmArns: string[] = JSON.parse(inputs(dashboard).dashboardBody).widgets.find((w: any) => w.type === "alarm").properties.alarms;
                    const names = monitoringAlerts(runs.aws, "aws").map((a) => inputs(a.resource).name);
                    assert.deepStrictEqual(alarmArns.map((a) => a.split(":alarm:")[1]).sort(), [...names].sort());
                }
            }
        });

        it("has a monthly budget per stack notifying the warning destination, amount from the tier", () => {
            for (const cloud of CLOUDS) {
                const budget = one(runs[cloud], BUDGET[cloud]);
                const i = inputs(budget);
                const warning = monitoringAlerts(runs[cloud], cloud).find((a) => ALERTS[a.id!].severity === "warning")!;
                // On GCP the first destination is the severity's Pub/Sub topic; budgets e-mail the warning channel.
                const warningDestination = destinationOf(cloud, warning.resource)[cloud === "gcp" ? 1 : 0];
                if (cloud === "aws") {
                    assert.strictEqual(i.limitAmount, "5000");
                    assert.strictEqual(i.timeUnit, "MONTHLY");
                    for (const n of i.notifications) assert.deepStrictEqual(n.subscriberSnsTopicArns, [warningDestination]);
                } else if (cloud === "gcp") {
                    assert.strictEqual(i.amount.specifiedAmount.units, "5000");
                    assert.strictEqual(i.billingAccount, "01A2B3-C4D5E6-F7A8B9");
                    assert.deepStrictEqual(i.allUpdatesRule.monitoringNotificationChannels, [warningDestination]);
                } else {
                    assert.strictEqual(i.amount, 5000);
                    assert.strictEqual(i.timeGrain, "Monthly");
                    for (const n of Object.values(i.notifications) as Array<{ contactGroups: string[] }>) assert.deepStrictEqual(n.contactGroups, [warningDestination]);
                }
            }
        });
    });
}

describe("operations: budget amounts per tier and the GCP billing account", () => {
    it("staging budgets 1000, an override sets the amount, enabled=false removes the budget", async function () {
        this.timeout(60_000);
        assert.strictEqual(inputs(one(await planFor("staging", "aws"), BUDGET.aws)).limitAmount, "1000");
        assert.strictEqual(inputs(one(await planFor("staging", "azure", ["platform:monitoring.budget.amount=250"]), BUDGET.azure)).amount, 250);
        assert.strictEqual(ofType(await planFor("staging", "gcp", ["platform:monitoring.budget.enabled=false"]), BUDGET.gcp).length, 0);
    });
    it("the AWS warning topic lets AWS Budgets publish, and its key lets Budgets encrypt", async function () {
        this.timeout(60_000);
        const run = await planFor("production", "aws");
        const policy = JSON.parse(inputs(named(run, "aws:sns/topicPolicy:TopicPolicy", "monitoring-alerts-warning-policy")).policy);
        assert.ok(policy.Statement.some((s: any) => s.Principal.Service === "budgets.amazonaws.com" && s.Action === "SNS:Publish"));
        const keys = ofType(run, "aws:kms/key:Key").filter((k) => k.parent?.endsWith("::monitoring"));
        assert.ok(keys.some((k) => JSON.parse(inputs(k).policy).Statement.some((s: any) => s.Principal.Service === "budgets.amazonaws.com")));
    });
});
