import * as assert from "assert";
import { evaluatePack, Evaluation } from "../tools/engine/policies";
import { planCacheStats, planFor, planUncached, variantKey } from "./support/plan-cache";

/*
 * The suite's shared plan cache (tests/support/plan-cache.ts): one plan per variant per
 * process, shared by every spec, and frozen so no spec can change what another one reads.
 * The variant here is one tests/deploy-rules.spec.ts plans too.
 */
const VARIANT = ["platform:network.zones=1", "platform:database.highAvailability=true"];

describe("plan cache (tests/support)", () => {
    it("plans a variant once: the same run for the same inputs, in any order of distinct overrides", async () => {
        const first = await planFor("staging", "azure", VARIANT);
        const before = planCacheStats();
        const again = await planFor("staging", "azure", [...VARIANT].reverse());
        assert.strictEqual(again, first, "a second request got a new plan");
        assert.deepStrictEqual(planCacheStats(), { planned: before.planned, reused: before.reused + 1 });
    });

    it("keeps variants apart: other stack, cloud or overrides, or one key set twice (or a key and a path inside it) in another order", () => {
        const keys = new Set([
            variantKey({ stack: "staging", cloud: "azure", config: VARIANT }),
            variantKey({ stack: "production", cloud: "azure", config: VARIANT }),
            variantKey({ stack: "staging", cloud: "aws", config: VARIANT }),
            variantKey({ stack: "staging", cloud: "azure", config: [VARIANT[0]!] }),
            variantKey({ stack: "staging", cloud: "azure", config: VARIANT, adjust: { label: "decrypted", fn: (c) => c } }),
            variantKey({ stack: "staging", cloud: "azure", config: ["platform:appName=a", "platform:appName=b"] }),
            variantKey({ stack: "staging", cloud: "azure", config: ["platform:appName=b", "platform:appName=a"] }),
            variantKey({ stack: "staging", cloud: "azure", config: ['platform:database={"tier":"small"}', "platform:database.restore=latest"] }),
            variantKey({ stack: "staging", cloud: "azure", config: ["platform:database.restore=latest", 'platform:database={"tier":"small"}'] }),
            variantKey({ stack: "staging", cloud: "azure", config: ['platform:services={"a":{}}', "platform:services[a]=x"] }),
            variantKey({ stack: "staging", cloud: "azure", config: ["platform:services[a]=x", 'platform:services={"a":{}}'] }),
        ]);
        assert.strictEqual(keys.size, 11);
    });

    it("hands out frozen runs: a spec that writes to a shared plan fails at that line", async () => {
        const run = await planFor("staging", "azure", VARIANT);
        const resource = run.plan.resources.find((r) => r.custom && Object.keys(r.inputs).length > 0)!;
        const recorded = run.recorded.find((r) => r.urn === resource.urn)!;
        assert.throws(() => run.plan.resources.push(resource), TypeError);
        assert.throws(() => ((resource.inputs as Record<string, unknown>).injected = 1), TypeError);
        assert.throws(() => ((recorded.rawInputs as Record<string, unknown>).injected = 1), TypeError);
        assert.throws(() => (recorded.options.aliases as string[]).push("x"), TypeError);
        assert.throws(() => ((run.plan.outputs as Record<string, unknown>).injected = 1), TypeError);
        assert.ok(!("injected" in resource.inputs));
    });
});

describe("policy results are per plan, not per process", () => {
    it("a plan run with a policy pack leaves the next plan in the same process without its violations", async () => {
        const marker = { policy: "marker", urn: "urn:marker", level: "advisory" as const, message: "from the first caller's pack" };
        const withPack = await planUncached({ stack: "staging", cloud: "gcp", policies: async () => [marker] });
        const without = await planUncached({ stack: "staging", cloud: "gcp" });
        assert.deepStrictEqual(withPack.plan.policy.violations, [marker]);
        assert.deepStrictEqual(without.plan.policy.violations, [], "the first caller's pack leaked into a later plan");
    });
});

describe("the pack over shared, frozen plans", () => {
    it("evaluates a frozen plan exactly as an unfrozen copy, and an edit made in place to an unfrozen copy is seen", async () => {
        const run = await planFor("staging", "azure", VARIANT);
        const copy = structuredClone(run.recorded);
        const strip = (e: Evaluation) => e.violations.map(({ policy, urn, level, message }) => `${level} ${policy} ${urn} ${message}`).sort();
        const frozen = strip(await evaluatePack(run.recorded));
        assert.deepStrictEqual(strip(await evaluatePack(run.recorded)), frozen, "a second evaluation of the frozen plan differs");
        assert.deepStrictEqual(strip(await evaluatePack(copy)), frozen);
        // Weaken a guarded setting in place, on the copy: the evaluation must see it.
        const account = copy.find((r) => r.type === "azure-native:storage:StorageAccount")!;
        (account.rawInputs as Record<string, unknown>).minimumTlsVersion = "TLS1_0";
        const weakened = strip(await evaluatePack(copy));
        assert.ok(weakened.some((v) => v.startsWith("mandatory") && v.includes(account.urn)), `no mandatory violation on ${account.urn} after weakening it in place`);
    });
});
