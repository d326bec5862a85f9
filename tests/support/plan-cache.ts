import type { Cloud, Environment } from "../../components/config";
import { PlanOptions, PlanRun, runPlan } from "../../tools/engine/run-plan";
import { sharedPlan } from "./shared-plans";

/**
 * The suite's one plan cache. A plan is the whole program under mocks (a second or more
 * each), and dozens of specs ask for the same variant — (stack, cloud, runtime and other
 * `--config` overrides, and an optional config adjustment) — so each variant is planned once
 * per mocha process and shared by every spec of that process that asks for it. `npm test` runs
 * the files in parallel workers (.mocharc.parallel.js), each its own process with its own cache:
 * a variant that files of two workers ask for is planned by the first to ask and read by the
 * other (tests/support/shared-plans.ts).
 *
 * Shared results must not carry one spec's edits into another: every run is deep-frozen
 * before anyone sees it (specs run in strict mode, so a write throws at the line that tried
 * it). A spec that needs a changed copy builds one (`structuredClone`, or spreading along the
 * edited path as tests/policy/mutations.spec.ts does).
 *
 * The Pulumi runtime is process-global, so plans run one at a time through one queue, shared
 * with `planUncached` for the specs whose variants never repeat (generated configs).
 */

const cache = new Map<string, Promise<PlanRun>>();

/**
 * Under StrykerJS (`npm run mutate`) every spec plans for itself: Stryker attributes coverage
 * to the spec that ran the code, and its mocha runner reuses one process for many mutants, so
 * a shared plan would hide both which specs cover a mutant and what the mutant changed.
 */
const underStryker = () => "__stryker__" in globalThis;
let queue: Promise<unknown> = Promise.resolve();
const stats = { planned: 0, reused: 0 };
/**
 * What the plans of this process cost: cache fills it planned, fills read from another worker's
 * plan (`shared`: no plan, so no CPU charged), uncached plans, CPU and wall of each run (the
 * bench's suite floor).
 */
const costs = { fills: 0, shared: 0, uncached: 0, exclusive: 0, cpuMs: 0, wallMs: 0, bounded: 0, boundedCpuMs: 0 };

export interface Variant {
    stack: Environment | string;
    cloud: Cloud;
    /** `KEY=VALUE` overrides, path-style, as `npm run plan -- --config`. */
    config?: readonly string[];
    /**
     * Rewrites the config before the program sees it (PlanOptions.adjustConfig). A function has
     * no usable identity across specs, so the cache needs a name for what it does.
     */
    adjust?: { label: string; fn: NonNullable<PlanOptions["adjustConfig"]> };
}

/**
 * The cache key. Overrides of disjoint keys commute, so their order does not make a new variant.
 * Two overrides do not commute when they set the same key (the last one wins) or when one key is
 * a path inside the other (`platform:database={...}` then `platform:database.restore=x` keeps the
 * restore, the other order drops it): then the order is kept as given.
 */
export function variantKey(v: Variant): string {
    const config = [...(v.config ?? [])];
    const keys = config.map((c) => c.slice(0, Math.max(0, c.indexOf("="))));
    const overlap = (a: string, b: string) => a === b || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);
    const commuting = keys.every((a, i) => keys.every((b, j) => i === j || !overlap(a, b)));
    return JSON.stringify([v.stack, v.cloud, commuting ? config.sort() : config, v.adjust?.label ?? null]);
}

/** The plan of one variant, planned on first use and frozen; later calls share it. */
export function planVariant(v: Variant): Promise<PlanRun> {
    if (underStryker()) cache.clear();
    const key = variantKey(v);
    const cached = cache.get(key);
    if (cached) {
        stats.reused++;
        return cached;
    }
    stats.planned++;
    const plan = () => {
        costs.fills++;
        return measured(() => runPlan({ stack: v.stack, cloud: v.cloud, config: [...(v.config ?? [])], adjustConfig: v.adjust?.fn }));
    };
    // In `npm test` the first worker to ask plans it and the other reads it (tests/support/shared-plans.ts).
    const run = enqueue(() =>
        sharedPlan(key, plan, (how) => {
            if (how === "read") costs.shared++;
        }),
    ).then(deepFreeze);
    cache.set(key, run);
    return run;
}

/** `planVariant` for the common case: stack, cloud and overrides. */
export function planFor(stack: Environment, cloud: Cloud, config: readonly string[] = []): Promise<PlanRun> {
    return planVariant({ stack, cloud, config });
}

/**
 * A plan that is not kept (a variant no other spec will ask for), still queued behind the cached
 * ones. `timeBounded`: the spec plans for as long as a time budget lasts (the fuzz spec), so how
 * many it makes is not a number any spec asserts on; its CPU is kept apart (the suite's floor
 * leaves it out).
 */
export function planUncached(options: PlanOptions, { timeBounded = false }: { timeBounded?: boolean } = {}): Promise<PlanRun> {
    if (timeBounded) costs.bounded++;
    else costs.uncached++;
    return enqueue(() => measured(() => runPlan(options), timeBounded));
}

/** Runs `work` (anything that may plan, e.g. a CLI's main in-process) in the plan queue, after every plan asked for before it. */
export function exclusively<T>(work: () => Promise<T>): Promise<T> {
    costs.exclusive++;
    return enqueue(() => measured(work));
}

/** How many variants were planned and how many requests were served from the cache, in this process (one worker of a parallel run). */
export function planCacheStats(): { planned: number; reused: number } {
    return { ...stats };
}

/**
 * The plans this process made and the CPU (user + system) and wall time they took: every cache
 * fill and uncached plan (each a plan some spec asserts on) and every `exclusively` run (a CLI's
 * main in-process: its plans and their report). Work runs one at a time through the queue, so
 * its CPU is this process's CPU while it ran; the `it` awaiting it does nothing else.
 */
export function planCosts(): { fills: number; shared: number; uncached: number; exclusive: number; cpuMs: number; wallMs: number; bounded: number; boundedCpuMs: number } {
    return { ...costs };
}

async function measured<T>(plan: () => Promise<T>, timeBounded = false): Promise<T> {
    const cpu = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    try {
        return await plan();
    } finally {
        const used = process.cpuUsage(cpu);
        if (timeBounded) costs.boundedCpuMs += (used.user + used.system) / 1e3;
        else {
            costs.cpuMs += (used.user + used.system) / 1e3;
            costs.wallMs += Number(process.hrtime.bigint() - t0) / 1e6;
        }
    }
}

function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
}

/**
 * Freezes plain objects and arrays all the way down. Anything else (a class instance a spec
 * may hold on to) is left alone: recorded inputs are deserialized RPC values, plain through.
 */
export function deepFreeze<T>(value: T): T {
    if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
    const proto = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
    return value;
}
