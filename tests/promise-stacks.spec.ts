import * as assert from "assert";
import { withoutPromiseStackTraces } from "../tools/engine/promise-stacks";
import { freshPlan } from "./support/fresh-plan";

/*
 * The offline engine's SDK promises keep their leak tracking but record no stack trace
 * (tools/engine/promise-stacks.ts): half a plan's CPU time went into formatting traces nobody reads.
 */
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: (p: Promise<unknown>, ctx?: string) => Promise<unknown> };
const { Resource } = require("@pulumi/pulumi/resource") as { Resource: { stackTrace(skip: number): unknown[]; callsites(): unknown[] } };
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates: Set<Promise<unknown>> } };

describe("SDK promises in the offline engine", () => {
    it("record no stack trace, keep their id, context and leak tracking, and leave Error.stackTraceLimit as it was", async () => {
        withoutPromiseStackTraces();
        const limit = Error.stackTraceLimit;
        const p = new Promise((resolve) => setImmediate(() => resolve(42)));
        const wrapped = debuggable.debuggablePromise(p, "spec");
        const tracked = p as Promise<unknown> & { _debugStackTrace?: string; _debugCtx?: string; _debugId?: number };
        assert.strictEqual(Error.stackTraceLimit, limit);
        assert.strictEqual(tracked._debugStackTrace, "Error", "a trace was formatted");
        assert.strictEqual(tracked._debugCtx, "spec");
        assert.strictEqual(typeof tracked._debugId, "number");
        assert.ok(state.getStore().leakCandidates.has(p), "an unsettled promise must stay a leak candidate");
        assert.strictEqual(await wrapped, 42);
        assert.ok(!state.getStore().leakCandidates.has(p));
        assert.ok(new Error("x").stack!.split("\n").length > 1, "other errors keep their stack");
    });

    it("register resources without a source position (no unbounded trace per resource), leaving Error.stackTraceLimit as it was", () => {
        withoutPromiseStackTraces();
        const limit = Error.stackTraceLimit;
        assert.deepStrictEqual(Resource.stackTrace(0), [], "the constructor's source-position trace was formatted");
        assert.strictEqual(Error.stackTraceLimit, limit);
        assert.ok(Resource.callsites().length > 1, "the SDK's own callsite helper still works for anyone else");
    });

    // The fresh process of tests/support/fresh-plan.ts (aws/staging, shared with tests/registry.spec.ts), started now in the background.
    const fresh = freshPlan("staging", "aws");
    it("a plan installs both in its process (a fresh process: the suite's own has them from other specs)", async function () {
        this.timeout(120_000);
        const seen = await fresh.result();
        assert.ok(seen.sourcePosition.before > 0, "the SDK formats a source position before any plan");
        assert.deepStrictEqual([seen.sourcePosition.after, seen.promiseTrace], [0, "Error"]);
    });
});
