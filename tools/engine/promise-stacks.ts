/**
 * The offline engine's one change to how the Pulumi SDK runs: its promises stop recording a
 * stack trace that nothing reads.
 *
 * @pulumi/pulumi 3.248.0 wraps every runtime promise in `debuggablePromise`
 * (runtime/debuggable.js), which stores `new Error().stack` on it. The only reader of that
 * trace is `promiseDebugString`, which prints it for leaked promises when
 * `PULUMI_DEBUG_PROMISE_LEAKS` is set. Formatting a trace per promise (thousands per plan) was
 * half of a warm plan's CPU time (a CPU profile of aws/production: `debuggablePromise` and
 * `defaultPrepareStackTrace` 1.9 s of 3.6 s). So, unless that variable asks for the traces,
 * the SDK's own function runs with `Error.stackTraceLimit = 0`: the same ids, context strings
 * and leak detection (the process still fails on a leaked promise), only the trace is empty.
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
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: (p: Promise<unknown>, ctx?: unknown) => Promise<unknown> };
const resource = require("@pulumi/pulumi/resource") as { Resource: { stackTrace: (skip: number) => unknown[] } };

let installed = false;

export function withoutPromiseStackTraces(): void {
    if (installed || process.env.PULUMI_DEBUG_PROMISE_LEAKS) return;
    installed = true;
    resource.Resource.stackTrace = () => [];
    const original = debuggable.debuggablePromise;
    debuggable.debuggablePromise = function debuggablePromise(p, ctx) {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return original(p, ctx);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
}
