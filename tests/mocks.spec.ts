import * as assert from "assert";
import type * as pulumi from "@pulumi/pulumi";
import { recordingMocks } from "../tools/engine/mocks";
import { awsMocks } from "../tools/engine/mocks/aws";
import { azureMocks } from "../tools/engine/mocks/azure";
import { gcpMocks } from "../tools/engine/mocks/gcp";
import { replacementRule } from "../tools/engine/diff/replacement";

/**
 * The engine's mocks answer a resource type only when someone decided how: its own answer (the
 * outputs its provider computes), or the generic one for a type listed in `genericTypes`. A new
 * type in neither fails the plan, naming it, instead of leaving its computed outputs empty.
 */

const args = (type: string, inputs: Record<string, unknown> = {}): pulumi.runtime.MockResourceArgs => ({ type, name: "probe", inputs, custom: true });

describe("engine mocks: every resource type is a decision", () => {
    const mocks = recordingMocks("platform", "staging");

    it("fails on a type with no answer and no generic listing, naming it and what to do", () => {
        assert.throws(() => mocks.newResource(args("aws:example/unmocked:Unmocked")), /no mock for resource type aws:example\/unmocked:Unmocked \(probe\): answer the outputs its provider computes in tools\/engine\/mocks `resources`, or list it in `genericTypes`/);
        assert.throws(() => mocks.newResource(args("gcp:example/unmocked:Unmocked")), /no mock for resource type gcp:example\/unmocked:Unmocked/);
        assert.throws(() => mocks.newResource(args("random:index/example:Unmocked")), /no mock for resource type random:index\/example:Unmocked/);
    });

    it("serves a listed type with the generic answer", async () => {
        const budget = await mocks.newResource(args("aws:budgets/budget:Budget", { name: "acme" }));
        assert.match(String(budget.id), /^probe-[0-9a-f]{8}$/);
        assert.match(String((budget.state as Record<string, unknown>).arn), /^arn:aws:budgets:/);
    });

    it("answers every Kubernetes object and every provider resource generically (the API server echoes; a provider computes nothing)", async () => {
        const cm = await mocks.newResource(args("kubernetes:core/v1:ConfigMap", { metadata: { name: "app", namespace: "acme" } }));
        assert.strictEqual(cm.id, "acme/app");
        assert.ok((await mocks.newResource(args("pulumi:providers:aws"))).id);
    });

    it("lists in genericTypes only types the program creates (each has a replacement entry), none that also has its own answer", () => {
        for (const table of [awsMocks, gcpMocks, azureMocks]) {
            const listed = table.genericTypes === "every type" ? [] : table.genericTypes;
            assert.deepStrictEqual(listed.filter((t) => !replacementRule(t)), [], "listed, but no replacement entry: the program does not create it");
            assert.deepStrictEqual(listed.filter((t) => t in table.resources), [], "listed and answered: one of the two is stale");
        }
    });
});
