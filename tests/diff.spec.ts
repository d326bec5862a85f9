import * as assert from "assert";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { aliasUrns, comparePlans, diffExitCode, DiffReport, StackDiff } from "../tools/engine/diff/compare";
import { flatten, pathSegments } from "../tools/engine/diff/flatten";
import { tlsFloor, weakening } from "../tools/engine/diff/guarded";
import { addWorktree, parsePlanOutput, planInChild, planSide } from "../tools/engine/diff/plan-sides";
import { planBatch } from "../tools/engine/plan-batch";
import { code, renderComment, renderReportMarkdown } from "../tools/engine/diff/render-markdown";
import { renderReportText } from "../tools/engine/diff/render-text";
import { propertyEffect } from "../tools/engine/diff/replacement";
import { everyStatefulType } from "../tools/engine/diff/stateful";
import type { Plan } from "../tools/engine/plan";
import { renderMermaid, topologyOf } from "../tools/engine/topology";
import { fixturePlan, SAMPLE_PATH, sampleMarkdown } from "../tools/sample-report";
import { parseFlowchart, subgraphOf } from "./support/mermaid-flowchart";
import { plainText } from "./support/plain-text";
import { main as diffMain } from "../tools/diff";
import { runMain } from "./support/cli-in-process";

const ROOT = resolve(__dirname, "..");
const FIXTURES = join(ROOT, "tests", "fixtures", "plans");

function report(stacks: StackDiff[], allowStatefulReplace = false): DiffReport {
    return { baseLabel: "base.json", headLabel: "head.json", stacks, skipped: [], allowStatefulReplace };
}

function clone<T>(v: T): T {
    return JSON.parse(JSON.stringify(v)) as T;
}

describe("diff: fixture pair (production · aws)", () => {
    const base = fixturePlan("production-aws.base");
    const head = fixturePlan("production-aws.head");
    // Compared inside each test (not once at load), so mutation testing sees which test reaches which rule.
    let diff: StackDiff;
    let text: string;
    let markdown: string;
    beforeEach(() => {
        diff = comparePlans(base, head);
        text = plainText(renderReportText(report([diff])));
        markdown = renderReportMarkdown(report([diff]));
    });
    const byName = (name: string) => diff.changes.find((c) => c.name === name);

    it("counts custom resources per action in the one-line summary, may-replace apart from updates", () => {
        assert.deepStrictEqual(diff.counts, { create: 1, update: 4, replace: 6, mayReplace: 1, delete: 1 });
        const line = "1 to add, 4 to change, 6 to replace, 1 may replace, 1 to delete, policy +1/-1";
        assert.ok(text.includes(`production · aws       ${line}`), text);
        assert.ok(markdown.includes("| Stack | Cloud | Add | Change | Replace | May replace | Delete | Policy | Risk |"), markdown);
        assert.ok(markdown.includes(`| \`production\` | aws | 1 | 4 | 6 | 1 | 1 | +1 / -1 | 🛑 2 stateful, ⚠️ 2 weakened |`), markdown);
        assert.ok(markdown.includes(`<b>production · aws</b> (stack <code>production</code>): ${line}</summary>`));
    });

    it("an added resource, with its key settings", () => {
        const c = byName("monitoring-alb-p95-latency");
        assert.strictEqual(c?.kind, "create");
        assert.strictEqual(c?.component.name, "monitoring");
        assert.ok(text.includes("+ add aws:cloudwatch/metricAlarm:MetricAlarm monitoring-alb-p95-latency"), text);
        assert.ok(text.includes("threshold=2  comparisonOperator=GreaterThanThreshold  metricName=TargetResponseTime"));
        assert.ok(markdown.includes("- 🟢 add `monitoring-alb-p95-latency` `aws:cloudwatch/metricAlarm:MetricAlarm`"), markdown);
    });

    it("a removed resource", () => {
        assert.strictEqual(byName("monitoring-queue-depth")?.kind, "delete");
        assert.ok(text.includes("- delete aws:cloudwatch/metricAlarm:MetricAlarm monitoring-queue-depth"));
        assert.ok(markdown.includes("- 🔴 delete `monitoring-queue-depth` `aws:cloudwatch/metricAlarm:MetricAlarm`"));
    });

    it("a new image replaces the task definition (a revision is immutable), property by property (JSON documents opened up)", () => {
        const task = byName("service-api-task");
        assert.strictEqual(task?.kind, "replace");
        // Containers carry a name, so the path names the container rather than its index.
        const image = 'containerDefinitions[name="api"].image';
        assert.deepStrictEqual(task?.properties.find((p) => p.path === image), { path: image, before: "ghcr.io/acme/api:1.4.2", after: "ghcr.io/acme/api:1.5.0", forcesReplace: true });
        assert.ok(text.includes(`${image}: ghcr.io/acme/api:1.4.2 → ghcr.io/acme/api:1.5.0  (forces replacement)`), text);
        assert.ok(markdown.includes("| `" + image + "` | `ghcr.io/acme/api:1.4.2` | `ghcr.io/acme/api:1.5.0` | yes |"));
    });

    it("an in-place change: the provider updates desiredCount", () => {
        const svc = byName("service-api-service");
        assert.strictEqual(svc?.kind, "update");
        assert.deepStrictEqual(svc?.properties, [{ path: "desiredCount", before: 3, after: 4, forcesReplace: false }]);
        assert.ok(text.includes("desiredCount: 3 → 4"));
        assert.ok(markdown.includes("| `desiredCount` | `3` | `4` | no |"));
    });

    it("a changed input no table knows is may-replace, never update", () => {
        const flags = byName("service-api-feature-flags");
        assert.strictEqual(flags?.type, "aws:ssm/parameter:Parameter");
        assert.strictEqual(flags?.kind, "may-replace");
        assert.ok(flags!.properties.every((p) => p.forcesReplace === null));
        assert.ok(text.includes("±? MAY REPLACE aws:ssm/parameter:Parameter service-api-feature-flags"), text);
        assert.ok(text.includes("why: `type` changed: not known to be updatable in place"));
        assert.ok(markdown.includes("- 🟠 **may replace** `service-api-feature-flags`"), markdown);
    });

    it("secrets stay [secret]", () => {
        const p = byName("service-api-feature-flags")?.properties.find((x) => x.path === "value");
        assert.deepStrictEqual(p, { path: "value", before: "beta=off", after: "[secret]", forcesReplace: null });
        assert.ok(text.includes("value: beta=off → [secret]"));
        assert.ok(markdown.includes("| `value` | `beta=off` | `[secret]` | maybe |"));
        // The cache auth token is secret on both sides: nothing to show, nothing leaked.
        assert.ok(!byName("cache-replication-group")?.properties.some((x) => x.path === "authToken"));
    });

    it("a stateful resource whose URN changes without an alias is a replacement, loudly, before everything else", () => {
        const db = byName("database-postgres");
        assert.strictEqual(db?.kind, "replace");
        assert.strictEqual(db?.previousName, "database-primary");
        assert.match(db!.reasons[0], /URN changed from database-primary to database-postgres without an alias/);
        assert.ok(!diff.changes.some((c) => c.name === "database-primary" && c.kind === "delete"), "the old URN is not also a delete");
        assert.match(text, /🛑 STATEFUL REPLACE: RDS database instance database-postgres would be REPLACED/);
        // Protected: pulumi up refuses rather than deletes, and the message says what to do.
        assert.match(db!.kind === "replace" ? diff.warnings[0].message : "", /It is protected \(`protect: true`\), so `pulumi up` refuses to delete it and the deploy fails; nothing is lost/);
        assert.match(diff.warnings[0].message, /add an `aliases` entry naming the old URN/);
        assert.match(diff.warnings[0].message, /migrate the data first, unprotect it deliberately \(`pulumi state unprotect`\), and rerun with --allow-stateful-replace/);
        assert.ok(text.includes("± REPLACE aws:rds/instance:Instance database-postgres (was database-primary) [stateful] [protected]"));
        const warning = markdown.indexOf("🛑 **STATEFUL REPLACE** (production · aws · Database `database`): RDS database instance database-postgres would be REPLACED");
        assert.ok(warning > 0, markdown);
        assert.ok(warning < markdown.indexOf("<details"), "warnings come before the stack sections");
        assert.ok(markdown.indexOf("> [!CAUTION]") < markdown.indexOf("| Stack |"), "the caution banner is at the very top");
        assert.ok(markdown.includes("- 🟣 **replace** `database-postgres` (was `database-primary`) `aws:rds/instance:Instance` · **stateful** · protected"));
    });

    it("a replace-on-change property of a stateful type is a replacement too", () => {
        const bucket = byName("object-store-bucket");
        assert.strictEqual(bucket?.kind, "replace");
        assert.deepStrictEqual(bucket?.reasons, ["`bucket` changed, which forces replacement"]);
        assert.match(text, /STATEFUL REPLACE: S3 bucket object-store-bucket would be REPLACED/);
        assert.ok(markdown.includes("🛑 **STATEFUL REPLACE** (production · aws · ObjectStore `object-store`): S3 bucket object-store-bucket"));
    });

    it("a rename covered by an alias is a move, not a replacement", () => {
        const cache = byName("cache-replication-group");
        assert.strictEqual(cache?.kind, "update");
        assert.strictEqual(cache?.renamedByAlias, true);
        assert.strictEqual(cache?.previousName, "cache-redis");
        assert.ok(!diff.warnings.some((w) => w.kind !== "guarded" && w.name === "cache-replication-group"));
        assert.ok(text.includes("[renamed from cache-redis via alias]"));
        assert.ok(markdown.includes("renamed from `cache-redis` via alias"));
    });

    it("weakened guarded settings: lower retention, lower TLS floor", () => {
        const guarded = diff.warnings.filter((w) => w.kind === "guarded").map((w) => w.message);
        assert.deepStrictEqual(guarded, [
            "cache-replication-group: snapshotRetentionLimit lowered (5 → 1)",
            "load-balancer-https: sslPolicy lowers the TLS minimum (ELBSecurityPolicy-TLS13-1-2-2021-06 → ELBSecurityPolicy-2016-08: TLS 1.2 → 1.0)",
        ]);
        assert.ok(text.includes("⚠ WEAKENED: cache-replication-group: snapshotRetentionLimit lowered (5 → 1)"));
        assert.ok(text.includes("snapshotRetentionLimit: 5 → 1   ⚠ weakened"));
        assert.ok(markdown.includes("- ⚠️ **Weakened** (production · aws · Cache `cache`): cache-replication-group: snapshotRetentionLimit lowered (5 → 1)"));
        assert.ok(markdown.includes("| `snapshotRetentionLimit` ⚠️ | `5` | `1` |"));
        assert.ok(markdown.includes("load-balancer-https: sslPolicy lowers the TLS minimum"));
    });

    it("policy violations introduced and fixed, compared by policy and URN", () => {
        assert.deepStrictEqual(diff.policy.introduced.map((v) => v.policy), ["cache-snapshot-retention"]);
        assert.deepStrictEqual(diff.policy.fixed.map((v) => v.policy), ["load-balancer-access-logs"]);
        assert.ok(text.includes("+ introduced mandatory cache-snapshot-retention: Cache snapshots must be kept at least 5 days"));
        assert.ok(text.includes("- fixed mandatory load-balancer-access-logs"));
        assert.ok(markdown.includes("| ❌ introduced | mandatory | `cache-snapshot-retention` | `cache-replication-group` |"));
        assert.ok(markdown.includes("| ✅ fixed | mandatory | `load-balancer-access-logs` | `load-balancer-alb` |"));
    });

    it("groups changes under their component, in plan order", () => {
        assert.deepStrictEqual(diff.components.map((g) => g.component.key), [
            "Database:database", "Cache:cache", "ObjectStore:object-store", "LoadBalancer:load-balancer",
            "ComputeService:service-api", "ComputeService:service-web", "ComputeService:service-worker", "Monitoring:monitoring",
        ]);
        assert.ok(markdown.indexOf("**Database `database`**") < markdown.indexOf("**Monitoring `monitoring`**"));
    });

    it("embeds a component-level, top-down diagram of the head plan, saying what changes where", () => {
        const block = /```mermaid\n([\s\S]*?)```/.exec(markdown);
        assert.ok(block, "no mermaid block");
        const g = parseFlowchart(block![1]);
        assert.strictEqual(g.nodes.get("c__database"), "Database<br/>database<br/><i>1 replace</i>");
        assert.strictEqual(g.nodes.get("c__service_api"), "ComputeService<br/>service-api<br/><i>1 replace, 1 may replace, 1 update</i>");
        assert.strictEqual(g.nodes.get("c__network"), "Network<br/>network", "an unchanged component carries no change line");
        assert.deepStrictEqual(g.classes.get("risk"), ["c__database", "c__cache", "c__object_store", "c__load_balancer"]);
        assert.deepStrictEqual(g.classes.get("changed"), ["c__service_api", "c__service_web", "c__service_worker", "c__monitoring"]);
        assert.deepStrictEqual(g.classes.get("unchanged"), ["c__network"]);
    });
});

describe("diff: exit code", () => {
    const base = fixturePlan("production-aws.base");
    const head = fixturePlan("production-aws.head");

    it("1 when a stateful resource would be replaced, 0 with the override", () => {
        const d = comparePlans(base, head);
        assert.strictEqual(diffExitCode([d], false), 1);
        assert.strictEqual(diffExitCode([d], true), 0);
    });

    it("0 for a clean diff (no change, or harmless changes)", () => {
        assert.strictEqual(diffExitCode([comparePlans(base, clone(base))], false), 0);
        const staging = comparePlans(fixturePlan("staging-aws.base"), fixturePlan("staging-aws.head"));
        assert.ok(staging.changes.length > 0);
        assert.strictEqual(staging.warnings.length, 0);
        assert.strictEqual(diffExitCode([staging], false), 0);
        assert.match(plainText(renderReportText(report([staging]))), /No stateful replacements or deletions/);
    });

    it("1 when a stateful resource is deleted outright", () => {
        const h = clone(base);
        h.resources = h.resources.filter((r) => r.type !== "aws:elasticache/replicationGroup:ReplicationGroup");
        const d = comparePlans(base, h);
        assert.deepStrictEqual(d.warnings.map((w) => w.kind), ["stateful-delete"]);
        assert.match(d.warnings[0].message, /ElastiCache replication group cache-redis would be DELETED\. It is protected \(`protect: true`\), so `pulumi up` refuses to delete it/);
        assert.strictEqual(diffExitCode([d], false), 1);
    });

    it("a weakened setting alone warns but does not fail", () => {
        const h = clone(base);
        const db = h.resources.find((r) => r.type === "aws:rds/instance:Instance")!;
        db.inputs.deletionProtection = false;
        db.options.protect = false;
        const d = comparePlans(base, h);
        assert.deepStrictEqual(d.warnings.map((w) => w.message), ["database-primary: deletionProtection turned off (true → false)", "database-primary: protect turned off (true → false)"]);
        assert.strictEqual(diffExitCode([d], false), 0);
    });
});

describe("diff: classification rules", () => {
    it("weakening: booleans, retention numbers, enums, TLS floors; strengthening is silent", () => {
        assert.ok(weakening("storageEncrypted", true, false));
        assert.ok(weakening("settings.deletionProtectionEnabled", true, false));
        assert.ok(weakening("publiclyAccessible", false, true));
        assert.ok(weakening("settings.ipConfiguration.ipv4Enabled", undefined, true));
        assert.ok(weakening("backup.backupRetentionDays", 30, 7));
        assert.ok(weakening("settings.backupConfiguration.backupRetentionSettings.retainedBackups", 30, 7));
        assert.ok(weakening("publicNetworkAccess", "Disabled", "Enabled"));
        assert.ok(weakening("minimumTlsVersion", "1.2", "1.0"));
        assert.ok(weakening("minTlsVersion", "TLS_1_2", "TLS_1_0"));
        assert.ok(weakening("options.protect", true, false));
        assert.strictEqual(weakening("storageEncrypted", false, true), undefined);
        assert.strictEqual(weakening("backupRetentionPeriod", 7, 30), undefined);
        assert.strictEqual(weakening("minimumTlsVersion", "1.0", "1.2"), undefined);
        assert.strictEqual(weakening("publicNetworkAccess", "Enabled", "Disabled"), undefined);
        assert.strictEqual(weakening("desiredCount", 3, 1), undefined);
    });

    it("TLS floors from the clouds' spellings", () => {
        assert.strictEqual(tlsFloor("ELBSecurityPolicy-TLS13-1-2-2021-06"), 1.2);
        assert.strictEqual(tlsFloor("ELBSecurityPolicy-TLS13-1-3-2021-06"), 1.3);
        assert.strictEqual(tlsFloor("ELBSecurityPolicy-2016-08"), 1.0);
        assert.strictEqual(tlsFloor("TLS1_2"), 1.2);
        assert.strictEqual(tlsFloor("TLSv1_2"), 1.2);
        assert.strictEqual(tlsFloor("TLS_1_0"), 1.0);
        assert.strictEqual(tlsFloor("1.1"), 1.1);
        assert.strictEqual(tlsFloor("whatever"), undefined);
    });

    it("property effects: replace, update, undecided, longest path wins, unknown types and inputs are unknown", () => {
        const effect = (type: string, path: string) => propertyEffect(type, path).effect;
        assert.strictEqual(effect("aws:rds/instance:Instance", "engine"), "replace");
        assert.strictEqual(effect("aws:rds/instance:Instance", "instanceClass"), "update");
        assert.strictEqual(effect("gcp:sql/databaseInstance:DatabaseInstance", "region"), "replace");
        assert.strictEqual(effect("gcp:sql/databaseInstance:DatabaseInstance", "settings.tier"), "update");
        assert.strictEqual(effect("gcp:sql/databaseInstance:DatabaseInstance", "settings.ipConfiguration.privateNetwork"), "unknown");
        assert.strictEqual(effect("azure-native:storage:StorageAccount", "accountName"), "replace");
        assert.strictEqual(effect("azure-native:dbforpostgresql:Server", "network.delegatedSubnetResourceId"), "replace");
        assert.strictEqual(effect("aws:ecs/service:Service", "name"), "replace");
        assert.strictEqual(effect("aws:ecs/service:Service", 'tags["kubernetes.io/x"]'), "update");
        assert.strictEqual(effect("kubernetes:apps/v1:Deployment", "spec.selector.matchLabels.app"), "replace");
        assert.strictEqual(effect("kubernetes:apps/v1:Deployment", "spec.template.spec.containers[0].image"), "update");
        assert.strictEqual(effect("kubernetes:apps/v1:Deployment", "metadata.labels.app"), "update");
        assert.strictEqual(effect("kubernetes:apps/v1:Deployment", "metadata.name"), "replace");
        assert.strictEqual(effect("aws:rds/instance:Instance", "someFutureArgument"), "unknown");
        assert.strictEqual(effect("aws:ssm/parameter:Parameter", "value"), "unknown");
        assert.strictEqual(effect("aws:rds/instance:Instance", "options.protect"), "update");
        assert.strictEqual(effect("aws:rds/instance:Instance", "options.provider"), "unknown");
    });

    it("alias specs resolve to the URNs they stand for", () => {
        const parent = "urn:pulumi:production::platform::platform:components:Cache::cache";
        const r = { urn: "urn:pulumi:production::platform::platform:components:Cache$aws:elasticache/replicationGroup:ReplicationGroup::cache-new", type: "aws:elasticache/replicationGroup:ReplicationGroup", name: "cache-new", parent, custom: true, inputs: {}, options: { protect: true, retainOnDelete: false, aliases: ["name=cache-old", `type=aws:s3/bucketV2:BucketV2,parent=${parent}`, "urn:pulumi:production::platform::x:y:Z::z", "name=top,noParent"] } };
        assert.deepStrictEqual(aliasUrns(r), [
            "urn:pulumi:production::platform::platform:components:Cache$aws:elasticache/replicationGroup:ReplicationGroup::cache-old",
            "urn:pulumi:production::platform::platform:components:Cache$aws:s3/bucketV2:BucketV2::cache-new",
            "urn:pulumi:production::platform::x:y:Z::z",
            "urn:pulumi:production::platform::aws:elasticache/replicationGroup:ReplicationGroup::top",
        ]);
    });

    it("flattening: dotted paths, indices, odd keys, JSON documents", () => {
        const flat = flatten({ a: { b: [1, { c: true }] }, tags: { "kubernetes.io/role": "x" }, doc: '{"Statement":[{"Effect":"Allow"}]}', empty: [] });
        assert.deepStrictEqual([...flat], [["a.b[0]", 1], ["a.b[1].c", true], ['tags["kubernetes.io/role"]', "x"], ["doc.Statement[0].Effect", "Allow"], ["empty", []]]);
        assert.deepStrictEqual(pathSegments('tags["kubernetes.io/role"]'), ["tags", "kubernetes.io/role"]);
    });

    it("flattening: arrays of uniquely named objects are keyed by name, so an insertion is one addition", () => {
        const before = { envs: [{ name: "A", value: "1" }, { name: "B", value: "2" }] };
        const after = { envs: [{ name: "A", value: "1" }, { name: "NEW", value: "x" }, { name: "B", value: "2" }] };
        const [fb, fa] = [flatten(before), flatten(after)];
        const changed = [...new Set([...fb.keys(), ...fa.keys()])].filter((k) => JSON.stringify(fb.get(k)) !== JSON.stringify(fa.get(k)));
        assert.deepStrictEqual(changed, ['envs[name="NEW"].name', 'envs[name="NEW"].value']);
        assert.deepStrictEqual(pathSegments('envs[name="A.B"].value'), ["envs", "value"]);
        // Duplicate or missing names fall back to indices.
        assert.deepStrictEqual([...flatten({ xs: [{ name: "a" }, { name: "a" }] }).keys()], ["xs[0].name", "xs[1].name"]);
        assert.deepStrictEqual([...flatten({ xs: [{ name: "a" }, { id: 2 }] }).keys()], ["xs[0].name", "xs[1].id"]);
    });

    it("markdown code spans survive pipes and backticks", () => {
        assert.strictEqual(code("a|b"), "`a\\|b`");
        assert.strictEqual(code("x`y"), "`` x`y ``");
    });

    it("a report too long for a PR comment is compacted, then cut with its sections closed", () => {
        const d = comparePlans({ ...fixturePlan("production-aws.base"), resources: [] }, fixturePlan("production-aws.head"));
        const full = renderReportMarkdown(report([d]));
        assert.ok(full.includes("```mermaid"));
        assert.strictEqual(renderComment(report([d])), full, "a report that fits is the comment as it is");
        const short = renderComment({ ...report([d]), runUrl: "https://github.com/acme/platform/actions/runs/42" }, { maxLength: 3000, artifact: "infrastructure-diff" });
        assert.ok(short.length <= 3000, `length ${short.length}`);
        assert.ok(short.startsWith("> [!WARNING]\n> **Truncated**"), short.slice(0, 200));
        assert.ok(short.trimEnd().endsWith("of [this run](https://github.com/acme/platform/actions/runs/42)."), short.slice(-300));
        assert.match(short, /GitHub's limit is 65,536 characters\); the full report is the workflow artifact `infrastructure-diff`/);
        assert.strictEqual((short.match(/<details/g) ?? []).length, (short.match(/<\/details>/g) ?? []).length);
        assert.strictEqual((short.match(/^```/gm) ?? []).length % 2, 0, "a code fence left open");
        // The full report is never shortened.
        assert.ok(renderReportMarkdown(report([d])).length > 3000);
    });
});

describe("topology (Mermaid)", () => {
    const head: Plan = fixturePlan("production-aws.head");
    const src = renderMermaid(head, { risk: ["database"], changed: { database: "1 replace", "service-api": "2 update" } });
    const g = parseFlowchart(src);
    const has = (from: string, to: string) => g.edges.some((e) => e.from === from && e.to === to);

    it("one box per component (no children: the diagram stays narrow), kind and name on it", () => {
        const components = head.resources.filter((r) => r.type.startsWith("platform:components:"));
        assert.strictEqual(g.nodes.size, components.length + 1, "components plus the Internet");
        for (const c of components) assert.strictEqual(g.nodes.get(`c__${c.name.replace(/-/g, "_")}`)?.split("<br/>").slice(0, 2).join(" "), `${c.type.split(":").pop()} ${c.name}`);
    });

    // The services and the data tier are subgraphs, and edges join them, not the boxes inside (tests/topology-layout.spec.ts: the width).
    it("traffic: Internet → load balancer → the HTTP services' subgraph, which holds them and not the worker", () => {
        assert.ok(has("internet", "c__load_balancer"));
        const routed = subgraphOf(g, "c__service_api")!;
        assert.ok(has("c__load_balancer", routed));
        assert.strictEqual(g.edges.find((e) => e.from === "c__load_balancer" && e.to === routed)?.label, "HTTP");
        assert.deepStrictEqual(g.subgraphs.get(routed)!.members, ["c__service_api", "c__service_web"]);
        const worker = subgraphOf(g, "c__service_worker")!;
        assert.notStrictEqual(worker, routed);
        assert.ok(!g.edges.some((e) => e.from === "c__load_balancer" && e.to === worker), "the worker has no route");
        const t = topologyOf(head);
        assert.ok(t.edges.some((e) => e.from === "c__load_balancer" && e.to === "c__service_api"), "the topology itself still has each route");
        assert.ok(!t.edges.some((e) => e.from === "c__load_balancer" && e.to === "c__service_worker"));
    });

    it("data: every service → the data tier, which holds database, cache and bucket; no service names a part of it", () => {
        const tier = subgraphOf(g, "c__database")!;
        assert.deepStrictEqual(g.subgraphs.get(tier)!.members, ["c__database", "c__cache", "c__object_store"]);
        for (const svc of ["c__service_api", "c__service_web", "c__service_worker"]) {
            assert.ok(has(subgraphOf(g, svc)!, tier), `${svc} → data tier`);
            assert.doesNotMatch(g.nodes.get(svc)!, /uses/, "a service that uses all of the tier says nothing more");
        }
        assert.ok(!g.edges.some((e) => !e.invisible && g.nodes.has(e.to) && subgraphOf(g, e.to)), "no edge into a box inside a subgraph");
        const t = topologyOf(head);
        for (const svc of ["c__service_api", "c__service_web", "c__service_worker"]) {
            for (const data of ["c__database", "c__cache", "c__object_store"]) assert.ok(t.edges.some((e) => e.from === svc && e.to === data), `${svc} → ${data} in the topology`);
        }
    });

    it("monitoring: dotted to the load balancer, and to the data tier naming what it alerts on (not the bucket)", () => {
        const tier = subgraphOf(g, "c__database")!;
        assert.deepStrictEqual(g.edges.filter((e) => e.from === "c__monitoring").map((e) => [e.to, e.label, e.dotted]), [[tier, "alerts on Database, Cache", true], ["c__load_balancer", "alerts", true]]);
    });

    it("components without flow hang below the data tier (an invisible link), not in the top row", () => {
        assert.ok(g.edges.some((e) => e.invisible && e.from === subgraphOf(g, "c__database") && e.to === "c__network"), JSON.stringify(g.edges.filter((e) => e.invisible)));
    });

    it("data edges follow the plan: a service without a binding says which part of the tier it uses", () => {
        const h = clone(head);
        const task = h.resources.find((r) => r.name === "service-worker-task")!;
        task.inputs.containerDefinitions = String(task.inputs.containerDefinitions).replace(/REDIS_HOST/g, "OTHER").replace(/master\.acme-prod-redis/g, "elsewhere");
        const gg = parseFlowchart(renderMermaid(h));
        assert.strictEqual(gg.nodes.get("c__service_worker"), "ComputeService<br/>service-worker<br/>uses Database, ObjectStore");
        assert.strictEqual(gg.nodes.get("c__service_api"), "ComputeService<br/>service-api");
        const t = topologyOf(h);
        assert.ok(!t.edges.some((e) => e.from === "c__service_worker" && e.to === "c__cache"));
        assert.ok(t.edges.some((e) => e.from === "c__service_worker" && e.to === "c__database"));
    });

    it("highlights only what changes: risky red, changed yellow with what changes, the rest muted", () => {
        assert.deepStrictEqual(g.classes.get("risk"), ["c__database"]);
        assert.deepStrictEqual(g.classes.get("changed"), ["c__service_api"]);
        assert.ok(!g.classes.get("unchanged")!.includes("c__database") && g.classes.get("unchanged")!.includes("c__cache"));
        assert.strictEqual(g.nodes.get("c__service_api"), "ComputeService<br/>service-api<br/><i>2 update</i>");
        assert.ok(!parseFlowchart(renderMermaid(head)).classes.has("changed"), "nothing changed: nothing highlighted");
    });
});

describe("npm run diff (CLI)", () => {
    /**
     * diff's main in this process (tests/support/cli-in-process.ts): what it prints and returns
     * over saved plans. The run in a process, with its exit status, is diff --base's
     * (tests/diff-cli.spec.ts), and the exit status a shell sees is tests/cli-exit.spec.ts's.
     */
    const inProcess = (...args: string[]) => runMain("diff", diffMain, args);
    const pair = ["--base-plan", join(FIXTURES, "production-aws.base.json"), "--head-plan", join(FIXTURES, "production-aws.head.json")];

    it("--base-plan/--head-plan: Markdown report, exit 1 on a stateful replacement", async () => {
        const r = await inProcess(...pair, "--format", "markdown");
        assert.strictEqual(r.status, 1, r.stderr);
        assert.ok(r.stdout.startsWith("## Infrastructure diff"), r.stdout.slice(0, 200));
        assert.ok(r.stdout.includes("🛑 **STATEFUL REPLACE**"));
        assert.ok(r.stdout.includes("```mermaid"));
    });

    it("--allow-stateful-replace: exit 0, and the text report says it was accepted", async () => {
        const r = await inProcess(...pair, "--allow-stateful-replace");
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stdout, /2 stateful resource\(s\) would be \(or may be\) replaced or deleted: accepted with --allow-stateful-replace \(2 protected: `pulumi up` refuses until they are unprotected\)/);
    });

    it("usage errors exit 2 (in this process: tests/support/cli-in-process.ts; the exit status a shell sees is tests/cli-exit.spec.ts's)", async () => {
        const missing = await inProcess("--base-plan", join(FIXTURES, "production-aws.base.json"));
        assert.strictEqual(missing.status, 2);
        assert.match(missing.stderr, /--base-plan and --head-plan go together/);
        assert.strictEqual((await inProcess()).status, 2);
        assert.strictEqual((await inProcess(...pair, "--format", "html")).status, 2);
        const notPlan = await inProcess("--base-plan", join(ROOT, "package.json"), "--head-plan", join(FIXTURES, "production-aws.head.json"));
        assert.strictEqual(notPlan.status, 2);
        assert.match(notPlan.stderr, /is not a plan JSON/);
        const badRef = await inProcess("--base", "no-such-ref-anywhere", "--stack", "production", "--cloud", "aws");
        assert.strictEqual(badRef.status, 2);
        assert.match(badRef.stderr, /cannot check out base no-such-ref-anywhere/);
    });
});

describe("diff: base worktree", () => {
    it("checks out a ref with node_modules linked in, and removes it without touching node_modules", () => {
        const wt = addWorktree(ROOT, "HEAD");
        try {
            assert.ok(existsSync(join(wt.path, "tools", "plan.ts")));
            assert.ok(lstatSync(join(wt.path, "node_modules")).isSymbolicLink());
            assert.match(wt.commit, /^[0-9a-f]{40}$/);
        } finally {
            wt.remove();
        }
        assert.ok(!existsSync(wt.path), "worktree left behind");
        assert.ok(existsSync(join(ROOT, "node_modules", "commander", "package.json")), "node_modules damaged");
    });

    it("plans in a child: a large plan printed just before process.exit(1) arrives whole; exit 2 is a failure", async () => {
        const root = mkdtempSync(join(tmpdir(), "diff-child-"));
        try {
            symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
            mkdirSync(join(root, "tools"));
            writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "commonjs", target: "ES2022", strict: false } }));
            const big = { ...fixturePlan("production-aws.base"), outputs: { padding: "x".repeat(300_000) } };
            writeFileSync(join(root, "big.json"), JSON.stringify(big));
            writeFileSync(join(root, "tools", "plan.ts"), [
                'const fs = require("fs");',
                'const args = process.argv.slice(2);',
                'if (args[args.indexOf("--cloud") + 1] === "bad") { process.stderr.write("Invalid stack config: platform:cloud\\n"); process.exit(2); }',
                'process.stdout.write(fs.readFileSync("big.json", "utf8") + "\\n");',
                "process.exit(1);",
            ].join("\n"));
            const ok = await planInChild(root, "production", "aws");
            assert.ok(ok.ok, JSON.stringify(ok));
            assert.strictEqual(ok.ok && (ok.plan.outputs.padding as string).length, 300_000);
            const bad = await planInChild(root, "production", "bad");
            assert.deepStrictEqual(bad, { ok: false, exitCode: 2, message: "Invalid stack config: platform:cloud" });
            // A tree without tools/engine/plan-batch.ts (a base from before it) is planned a child per stack.
            const heard: string[] = [];
            const side = await planSide(root, [{ stack: "production", cloud: "aws" }, { stack: "production", cloud: "bad" }], (p, code) => heard.push(`${p.stack}:${p.cloud}=${code}`));
            assert.deepStrictEqual(heard, ["production:aws=0", "production:bad=2"]);
            assert.strictEqual(side.get("production:aws")?.ok, true);
            assert.deepStrictEqual(side.get("production:bad"), bad);
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });

    it("a side's batch plans every pair through the plan CLI, going on past one that fails", async () => {
        const heard: string[] = [];
        const entries = await planBatch([{ stack: "production", cloud: "bad" }, { stack: "no-such-stack", cloud: "aws" }], (e) => heard.push(`${e.stack}:${e.cloud}=${e.exitCode}`));
        assert.deepStrictEqual(heard, ["production:bad=2", "no-such-stack:aws=2"]);
        assert.match(entries[0]!.message!, /--cloud/);
        assert.match(entries[1]!.message!, /no-such-stack/);
        assert.ok(entries.every((e) => e.plan === undefined));
    });

    it("reads the plan JSON a child prints, even after stray output", () => {
        const plan = parsePlanOutput(`warning: something\n${JSON.stringify(fixturePlan("staging-aws.base"), null, 2)}\n`);
        assert.strictEqual(plan.stack, "staging");
        assert.throws(() => parsePlanOutput("no plan here"), /no JSON plan/);
    });
});

describe("docs/reviewing.md", () => {
    it("lists every stateful type the diff guards", () => {
        const doc = readFileSync(join(ROOT, "docs", "reviewing.md"), "utf8");
        for (const type of Object.keys(everyStatefulType())) assert.ok(doc.includes(`\`${type}\``), `${type} missing from docs/reviewing.md`);
    });
});

describe("docs/sample-review.md", () => {
    it("is what npm run sample-report generates from the fixtures (regenerate it when this fails)", () => {
        assert.strictEqual(readFileSync(SAMPLE_PATH, "utf8"), sampleMarkdown());
    });
});
