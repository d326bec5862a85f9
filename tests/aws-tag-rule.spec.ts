import * as assert from "assert";
import type { ReplacementRule } from "../providers/shared/replacement";
import { engine, engineFactsWith } from "../providers/aws/engine";
import { ENVIRONMENTS, planFor } from "./support/harness";

/*
 * The AWS tag rule (`aws/tag-limits`) covers every type whose replacement entry lists `tags`,
 * derived by providers/aws/engine.ts after the builder files' facts merge: a component that
 * adds a tagged type states its entry in its builder file and gets the rule, with no list of
 * tagged types to edit.
 */

const TAG_RULE = "aws/tag-limits";
const entry = (update: string[]): ReplacementRule => ({ source: "a provider source file", replace: ["name"], update });
const tagRuleOf = (rules: typeof engine.rules) => {
    const rule = rules.find((r) => r.id === TAG_RULE);
    assert.ok(rule, `no ${TAG_RULE} rule`);
    return rule;
};

describe("aws tag rule: its types come from the merged replacement table", function () {
    this.timeout(300_000);

    it("covers exactly the types whose entry lists tags, and every type an AWS plan sets tags on", async () => {
        const rule = tagRuleOf(engine.rules);
        const listed = Object.entries(engine.replacement).filter(([, e]) => [...e.replace, ...e.update, ...(e.undecided ?? [])].includes("tags")).map(([t]) => t);
        assert.deepStrictEqual([...rule.types].sort(), listed.sort());
        assert.strictEqual(engine.statedIn[`rule ${TAG_RULE}`], "providers/aws/engine.ts");
        const tagged = new Set<string>();
        for (const env of ENVIRONMENTS) for (const config of [[], ["platform:compute.runtime=kubernetes"]]) {
            for (const r of (await planFor(env, "aws", config)).plan.resources) if (r.custom && (r.inputs as Record<string, unknown>).tags !== undefined) tagged.add(r.type);
        }
        assert.ok(tagged.size > 30, `only ${tagged.size} tagged types: did the plans run?`);
        assert.deepStrictEqual([...tagged].filter((t) => !rule.types.includes(t)), [], "types the plans tag that the rule does not cover");
    });

    it("gives a builder file's new tagged type the rule, and leaves an untagged one out", () => {
        const merged = engineFactsWith([
            { file: "providers/aws/queue.ts", facts: { replacement: { "aws:sqs/queue:Queue": entry(["tags", "tagsAll", "delaySeconds"]), "aws:sqs/queuePolicy:QueuePolicy": entry(["policy"]) } } },
        ]);
        const rule = tagRuleOf(merged.rules);
        assert.ok(rule.types.includes("aws:sqs/queue:Queue") && rule.types.includes("aws:kms/key:Key"), rule.types.join(", "));
        assert.ok(!rule.types.includes("aws:sqs/queuePolicy:QueuePolicy"));
        assert.strictEqual(merged.statedIn[`rule ${TAG_RULE}`], "providers/aws/engine.ts");
        const queue = { urn: "urn:q", type: "aws:sqs/queue:Queue", name: "q", inputs: { tags: { "aws:owner": "x" } }, dependencies: [], outputs: {} };
        assert.deepStrictEqual(rule.check(queue, undefined as never), ['tag key "aws:owner" uses the reserved aws: prefix']);
    });

    it("fails when a builder file states a rule under the tag rule's id, naming both files", () => {
        const own = { id: TAG_RULE, family: "quotas" as const, types: ["aws:sqs/queue:Queue"], doc: "https://example.com", check: () => [] };
        assert.throws(() => engineFactsWith([{ file: "providers/aws/queue.ts", facts: { replacement: { "aws:sqs/queue:Queue": entry(["tags"]) }, rules: [own] } }]),
            /rule aws\/tag-limits is stated in providers\/aws\/queue\.ts and in providers\/aws\/engine\.ts/);
    });
});
