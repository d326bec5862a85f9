import * as assert from "assert";
import { spawnSync } from "child_process";
import { withoutPromiseStackTraces } from "../tools/engine/promise-stacks";
import { REPO_ROOT, tsNodeArgs } from "../tools/engine/ts-loader";
import { freshPlan } from "./support/fresh-plan";

/*
 * The offline engine's SDK promises keep their leak tracking but record no debug details
 * (tools/engine/promise-stacks.ts): half a plan's CPU time went into formatting traces nobody
 * reads, and 12 % of a warm plan's into the debug properties with an empty trace.
 */
const DEBUGGABLE = require.resolve("@pulumi/pulumi/runtime/debuggable");
type DebuggablePromise = (p: Promise<unknown>, ctx?: string) => Promise<unknown>;
const debuggable = require(DEBUGGABLE) as { debuggablePromise: DebuggablePromise };
const { Resource } = require("@pulumi/pulumi/resource") as { Resource: { stackTrace(skip: number): unknown[]; callsites(): unknown[] } };
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates: Set<Promise<unknown>> } };

/**
 * The SDK's own function, untouched: a second instance of its module (sharing the runtime's state
 * module), made once per file, as its first call schedules one more exit-time leak detector.
 */
let sdkOwn: DebuggablePromise | undefined;
function sdkDebuggablePromise(): DebuggablePromise {
    if (sdkOwn) return sdkOwn;
    const cached = require.cache[DEBUGGABLE];
    delete require.cache[DEBUGGABLE];
    try {
        return (sdkOwn = (require(DEBUGGABLE) as { debuggablePromise: DebuggablePromise }).debuggablePromise);
    } finally {
        require.cache[DEBUGGABLE] = cached;
    }
}

/** What a wrapped promise does to the run's leak candidates and its outcome, for `wrap`. */
async function observe(wrap: DebuggablePromise, outcome: "resolve" | "reject", replaceSetBeforeSettling: boolean) {
    let settle!: (v: unknown) => void;
    const p = new Promise((resolve, reject) => (settle = outcome === "resolve" ? resolve : () => reject(new Error("boom"))));
    const wrapped = wrap(p, "spec");
    const trackedWhilePending = state.getStore().leakCandidates.has(p);
    // The runtime replaces the set when it resets: the promise must leave the set that is current when it settles.
    if (replaceSetBeforeSettling) state.getStore().leakCandidates = new Set([p]);
    settle(42);
    const result = await wrapped.then(
        (v) => ({ value: v }),
        (err: Error & { promise?: unknown }) => ({ error: err.message, carriesItsPromise: err.promise === p }),
    );
    return { trackedWhilePending, trackedAfter: state.getStore().leakCandidates.has(p), result };
}

describe("SDK promises in the offline engine", () => {
    it("are the SDK version the engine's copy of debuggablePromise's tracking was read from (an upgrade: re-read runtime/debuggable.js)", () => {
        assert.strictEqual((require("@pulumi/pulumi/package.json") as { version: string }).version, "3.248.0");
    });

    it("still fail the process on a leaked promise: the first call schedules the SDK's leak detector (a fresh process)", function () {
        this.timeout(60_000);
        const script = [
            `require("./tools/engine/promise-stacks").withoutPromiseStackTraces();`,
            `const { debuggablePromise } = require("@pulumi/pulumi/runtime/debuggable");`,
            `debuggablePromise(Promise.resolve(1), "settles");`,
            `debuggablePromise(new Promise(() => undefined), "never settles");`,
        ].join("\n");
        const r = spawnSync(process.execPath, tsNodeArgs("-e", script), { cwd: REPO_ROOT, encoding: "utf8" });
        assert.strictEqual(r.status, 1, `exit ${r.status}: ${r.stderr}`);
        assert.match(r.stderr, /The Pulumi runtime detected that 1 promise was still active/);
    });

    it("after the first (the SDK's own, which schedules its leak detector), get no debug properties and leave Error.stackTraceLimit as it was", async () => {
        withoutPromiseStackTraces();
        const limit = Error.stackTraceLimit;
        debuggable.debuggablePromise(Promise.resolve(0), "first");
        const p = new Promise((resolve) => setImmediate(() => resolve(42)));
        const wrapped = debuggable.debuggablePromise(p, "spec");
        assert.strictEqual(Error.stackTraceLimit, limit);
        assert.deepStrictEqual(Object.getOwnPropertyNames(p), [], "a debug property was defined");
        assert.ok(state.getStore().leakCandidates.has(p), "an unsettled promise must stay a leak candidate");
        assert.strictEqual(await wrapped, 42);
        assert.ok(!state.getStore().leakCandidates.has(p));
        assert.ok(new Error("x").stack!.split("\n").length > 1, "other errors keep their stack");
    });

    for (const outcome of ["resolve", "reject"] as const) {
        for (const replaced of [false, true]) {
            it(`track leaks as the SDK's own function does: a promise that ${outcome}s${replaced ? ", the runtime's set replaced before it settles" : ""}`, async () => {
                withoutPromiseStackTraces();
                const sdk = sdkDebuggablePromise();
                const saved = state.getStore().leakCandidates;
                const before = new Set(saved);
                try {
                    const expected = await observe(sdk, outcome, replaced);
                    assert.deepStrictEqual(await observe(debuggable.debuggablePromise, outcome, replaced), expected);
                    assert.strictEqual(expected.trackedWhilePending, true);
                } finally {
                    // The replaced set's promises settled outside it: they leave the restored one too.
                    for (const p of saved) if (!before.has(p)) saved.delete(p);
                    state.getStore().leakCandidates = saved;
                }
            });
        }
    }

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
        assert.deepStrictEqual([seen.sourcePosition.after, seen.promiseDebugProperties], [0, []]);
    });
});
