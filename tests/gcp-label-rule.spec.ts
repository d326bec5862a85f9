import * as assert from "assert";
import * as path from "path";
import { engine, engineFactsWith } from "../providers/gcp/engine";
import { builderEngineFacts } from "../providers/shared/builder-engine-facts";
import type { ReplacementRule } from "../providers/shared/replacement";
import { PlannedResource, PlanView } from "../providers/shared/rules";
import { plannedResources, runRules } from "../tools/engine/rules";
import { ENVIRONMENTS, planFor } from "./support/harness";
import { MIGRATE_JOB } from "./support/job-config";

/**
 * GCP's label rule (gcp/label-limits) applies to the types it is built over in engine.ts: every
 * type of the merged replacement table whose entry lists the input the rule reads labels from.
 * A component that adds a labelled type states its entry in its builder file and gets the rule.
 */

const RULE = "gcp/label-limits";
const builders = builderEngineFacts("gcp", (file) => require(path.join("../providers/gcp", file)));
const entry = (update: string[]): ReplacementRule => ({ source: "a provider source file", replace: ["name"], update });
const labelRule = (e: { rules: typeof engine.rules }) => e.rules.find((r) => r.id === RULE)!;

describe("gcp label rule: its types come from the merged replacement table", () => {
    // The topic's `labels` are Google's standard labels (https://cloud.google.com/pubsub/docs/labels): the list left it out.
    // The Cloud Run job (labelled with the platform's tags in job.ts) has had an entry since the jobs' plans are covered.
    it("today: the types the hand-written list named, and the Pub/Sub topic it left out (its labels are the platform's tags)", () => {
        assert.deepStrictEqual([...labelRule(engine).types].sort(), [
            "gcp:cloudrunv2/job:Job", "gcp:cloudrunv2/service:Service", "gcp:compute/globalAddress:GlobalAddress", "gcp:compute/globalForwardingRule:GlobalForwardingRule",
            "gcp:compute/securityPolicy:SecurityPolicy", "gcp:container/cluster:Cluster", "gcp:kms/cryptoKey:CryptoKey", "gcp:monitoring/notificationChannel:NotificationChannel",
            "gcp:pubsub/topic:Topic", "gcp:redis/instance:Instance", "gcp:secretmanager/secret:Secret", "gcp:sql/databaseInstance:DatabaseInstance", "gcp:storage/bucket:Bucket",
        ]);
        assert.strictEqual(engine.statedIn[`rule ${RULE}`], "providers/gcp/engine.ts");
    });

    it("a builder file's new type whose entry lists labels (or a path that covers them) gets the rule; one whose labels the rule does not read does not", () => {
        const queue = { file: "providers/gcp/queue.ts", facts: { replacement: {
            "gcp:fake/queue:Queue": entry(["labels"]),
            "gcp:fake/store:Store": entry(["settings"]),
            "gcp:fake/policy:Policy": entry(["userLabels"]),
            "gcp:fake/metric:Metric": entry(["labelExtractors"]),
            "gcp:fake/plain:Plain": entry(["description"]),
        } } };
        const withQueue = engineFactsWith([...builders, queue]);
        const types = labelRule(withQueue).types;
        assert.deepStrictEqual(types.filter((t) => t.startsWith("gcp:fake/")), ["gcp:fake/queue:Queue", "gcp:fake/store:Store"]);
        assert.deepStrictEqual(types.filter((t) => !t.startsWith("gcp:fake/")), labelRule(engine).types, "the other types keep the rule");
        assert.strictEqual(withQueue.statedIn["replacement gcp:fake/queue:Queue"], "providers/gcp/queue.ts");

        const resource: PlannedResource = { urn: "urn:pulumi:s::p::gcp:fake/queue:Queue::q", type: "gcp:fake/queue:Queue", name: "q", inputs: { labels: { Team: "x" } }, dependencies: [], outputs: {} };
        assert.match(labelRule(withQueue).check(resource, new PlanView([resource])).join("\n"), /label key "Team"/);
    });

    it("a builder file that states the label rule itself fails, naming both files", () => {
        const rogue = { file: "providers/gcp/queue.ts", facts: { rules: [{ ...labelRule(engine), types: ["gcp:fake/queue:Queue"] }] } };
        assert.throws(() => engineFactsWith([...builders, rogue]), /rule gcp\/label-limits is stated in providers\/gcp\/queue\.ts and in providers\/gcp\/engine\.ts/);
    });

    it("covers every type a GCP plan labels (jobs' included), and the plans break none of its limits", async function () {
        this.timeout(300_000);
        const rule = labelRule(engine);
        const labelled = new Set<string>();
        for (const env of ENVIRONMENTS) for (const config of [[], ["platform:compute.runtime=kubernetes"]]) {
            const runs = [await planFor(env, "gcp", config), ...(env === "production" ? [await planFor(env, "gcp", [MIGRATE_JOB, ...config])] : [])];
            for (const run of runs) {
                const resources = plannedResources(run);
                for (const r of resources) {
                    const i = r.inputs as Record<string, any>;
                    const labels = r.type === "gcp:monitoring/notificationChannel:NotificationChannel" ? i.userLabels : i.labels ?? i.resourceLabels ?? i.settings?.userLabels;
                    if (labels && typeof labels === "object" && Object.keys(labels).length > 0 && r.type !== "gcp:monitoring/alertPolicy:AlertPolicy") labelled.add(r.type);
                }
                assert.deepStrictEqual(runRules(resources, [rule]), []);
            }
        }
        assert.ok(labelled.size > 8, `only ${labelled.size} labelled types: did the plans run?`);
        assert.deepStrictEqual([...labelled].filter((t) => !rule.types.includes(t)), [], "types the plans label that the rule does not cover");
    });
});
