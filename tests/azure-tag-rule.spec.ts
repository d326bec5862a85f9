import * as assert from "assert";
import { engine, engineFactsWith } from "../providers/azure/engine";
import type { PlannedResource } from "../providers/shared/rules";
import { plannedResources, runRules } from "../tools/engine/rules";
import { ENVIRONMENTS, planFor } from "./support/harness";

/*
 * Azure's tag rule (azure/tag-limits) names no types of its own: it covers every type whose
 * replacement entry, in engine.ts or in any builder file, lists the `tags` input. A component
 * that tags a type of its own then states that type's entry in its builder file, and nothing else.
 */

const TAG_RULE = "azure/tag-limits";
const QUEUE = "azure-native:servicebus:Queue";
const QUEUE_RULE = "azure-native:servicebus:Rule";

/** A builder file of a new component stating two types: one tagged, one not. */
const queueFile = {
    file: "providers/azure/queue.ts",
    facts: {
        replacement: {
            [QUEUE]: { source: "a spec", replace: ["queueName", "namespaceName", "resourceGroupName"], update: ["tags", "maxSizeInMegabytes"] },
            [QUEUE_RULE]: { source: "a spec", replace: ["ruleName"], update: ["filterType", "sqlFilter"] },
        },
    },
};

const resource = (type: string, tags: Record<string, string>): PlannedResource =>
    ({ urn: `urn:pulumi:test::p::${type}::q`, type, name: "q", inputs: { tags }, dependencies: [], outputs: {} });

describe("azure tag rule: its types come from the merged replacement table", function () {
    this.timeout(300_000);

    it("a builder file's type whose entry lists tags gets the rule, one whose entry does not stays out", () => {
        const facts = engineFactsWith([queueFile]);
        const rule = facts.rules.find((r) => r.id === TAG_RULE)!;
        assert.ok(rule.types.includes(QUEUE), rule.types.join(", "));
        assert.ok(!rule.types.includes(QUEUE_RULE));
        assert.strictEqual(facts.statedIn[`rule ${TAG_RULE}`], "providers/azure/engine.ts");
        const fiftyOne = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
        assert.deepStrictEqual(runRules([resource(QUEUE, fiftyOne)], [rule]).map((f) => f.message), ["51 tags; Azure allows 50"]);
        assert.deepStrictEqual(runRules([resource(QUEUE_RULE, fiftyOne)], [rule]), []);
    });

    it("the engine's rule covers every type with a tagged entry, the shared ones and the builder files' alike", () => {
        const rule = engine.rules.find((r) => r.id === TAG_RULE)!;
        const tagged = Object.entries(engine.replacement).filter(([, e]) => e.update.includes("tags")).map(([t]) => t);
        assert.deepStrictEqual([...rule.types].sort(), tagged.sort());
        for (const from of ["providers/azure/replacement.ts", "providers/azure/network.ts", "providers/azure/database.ts"]) {
            assert.ok(rule.types.some((t) => engine.statedIn[`replacement ${t}`] === from), `no tagged type of ${from} is covered`);
        }
    });

    it("every type the committed Azure plans tag is covered, and the plans break none of its limits", async () => {
        const rule = engine.rules.find((r) => r.id === TAG_RULE)!;
        for (const env of ENVIRONMENTS) for (const config of [[], ["platform:compute.runtime=kubernetes"]]) {
            const resources = plannedResources(await planFor(env, "azure", config));
            const uncovered = [...new Set(resources.filter((r) => r.inputs.tags !== undefined && !rule.types.includes(r.type)).map((r) => r.type))];
            assert.deepStrictEqual(uncovered, [], `${env} ${config.join(" ")}`);
            assert.deepStrictEqual(runRules(resources, [rule]), []);
        }
    });
});
