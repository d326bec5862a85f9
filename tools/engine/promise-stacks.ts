/**
 * The offline engine's one change to how the Pulumi SDK runs: its promises stop recording the
 * debug details that nothing reads.
 *
 * @pulumi/pulumi 3.248.0 wraps every runtime promise in `debuggablePromise`
 * (runtime/debuggable.js): it defines three non-enumerable properties on the promise (`_debugId`,
 * `_debugCtx`, and `_debugStackTrace`, a `new Error().stack`), adds the promise to the run's leak
 * candidates until it settles, and registers the leak detector for process exit on its first
 * call. The only reader of the three properties is `promiseDebugString`, which prints them for
 * leaked promises when `PULUMI_DEBUG_PROMISE_LEAKS` is set. A plan wraps about 13,000 promises:
 * formatting a trace for each was half of a warm plan's CPU time (a CPU profile of
 * aws/production: `debuggablePromise` and `defaultPrepareStackTrace` 1.9 s of 3.6 s), and, with
 * the trace already empty (`Error.stackTraceLimit = 0`), the three property definitions and the
 * empty Error were still 12 % of a warm plan's CPU in a profile (2.3 µs per promise; 475 ms of
 * 4.0 s over 16 plans), and without them 12 warm plans take about 20 % less wall and CPU time. So, unless that variable asks for the details, the first call runs the SDK's own
 * function (which schedules the SDK's leak detector, as it would) and every later one keeps only
 * what the leak detector needs: the promise is a leak candidate until it settles, and a
 * rejection carries its promise, as in the SDK. The process still fails on a leaked promise.
 *
 * Every SDK module calls it through the module's exports (`debuggable_1.debuggablePromise(...)`),
 * so replacing the export reaches all callers. This is the engine's process only (plan, check,
 * diff, the suite, the bench's SDK replay); `pulumi up` runs the SDK untouched.
 *
 * The same holds for the source position of each resource: the `Resource` constructor formats
 * an unbounded stack trace (`Resource.stackTrace`, `Error.stackTraceLimit = Infinity`) and parses
 * every frame, only to put the caller's file and line into the RegisterResource request for the
 * Pulumi Cloud's "defined at" link. The offline engine's monitor (recording-monitor.ts) never
 * reads those fields, and the trace was a tenth of a warm plan's CPU time, so here a resource
 * registers with no source position, as the SDK itself does when no frame has one.
 */
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx?: unknown) => Promise<T> };
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates: Set<Promise<unknown>> } };
const resource = require("@pulumi/pulumi/resource") as { Resource: { stackTrace: (skip: number) => unknown[] } };

let installed = false;

export function withoutPromiseStackTraces(): void {
    if (installed || process.env.PULUMI_DEBUG_PROMISE_LEAKS) return;
    installed = true;
    resource.Resource.stackTrace = () => [];
    const original = debuggable.debuggablePromise;
    let detectorScheduled = false;
    debuggable.debuggablePromise = function debuggablePromise<T>(p: Promise<T>, ctx?: unknown): Promise<T> {
        if (!detectorScheduled) {
            detectorScheduled = true;
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = 0;
            try {
                return original(p, ctx);
            } finally {
                Error.stackTraceLimit = limit;
            }
        }
        // As runtime/debuggable.js does after its debug properties (3.248.0). The set is read
        // again when the promise settles: the runtime replaces it when it resets.
        const store = state.getStore();
        store.leakCandidates.add(p);
        return p
            .then((val) => {
                store.leakCandidates.delete(p);
                return val;
            })
            .catch((err: unknown) => {
                store.leakCandidates.delete(p);
                (err as { promise?: unknown }).promise = p;
                throw err;
            });
    };
}
