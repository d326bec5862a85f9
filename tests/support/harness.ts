import type { Cloud, Environment } from "../../components/config";
import type { PlanResource } from "../../tools/engine/plan";
import { PlanRun, runPlan } from "../../tools/engine/run-plan";

/**
 * Plans are expensive (the whole program under mocks) and the Pulumi runtime is global, so
 * specs share one cached plan per (stack, cloud, overrides) and plans run one at a time.
 */
const cache = new Map<string, Promise<PlanRun>>();
let queue: Promise<unknown> = Promise.resolve();

/**
 * Under StrykerJS (`npm run mutate`) every spec plans for itself: Stryker attributes coverage
 * to the spec that ran the code, and its mocha runner reuses one process for many mutants, so
 * a shared plan would hide both which specs cover a mutant and what the mutant changed.
 */
const underStryker = () => "__stryker__" in globalThis;

export function planFor(stack: Environment, cloud: Cloud, config: string[] = []): Promise<PlanRun> {
    if (underStryker()) cache.clear();
    const key = JSON.stringify([stack, cloud, config]);
    let run = cache.get(key);
    if (!run) {
        run = queue.then(() => runPlan({ stack, cloud, config }));
        queue = run.catch(() => undefined);
        cache.set(key, run);
    }
    return run;
}

export function ofType(run: PlanRun, type: string): PlanResource[] {
    return run.plan.resources.filter((r) => r.type === type);
}

/** The single resource of a type (optionally whose name ends with `suffix`); fails loudly otherwise. */
export function one(run: PlanRun, type: string, suffix?: string): PlanResource {
    const found = ofType(run, type).filter((r) => !suffix || r.name.endsWith(suffix));
    if (found.length !== 1) {
        throw new Error(`expected exactly one ${type}${suffix ? ` named *${suffix}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    }
    return found[0]!;
}

/** The resource of a type with exactly this logical name; fails listing the names there are. */
export function named(run: PlanRun, type: string, name: string): PlanResource {
    const r = ofType(run, type).find((x) => x.name === name);
    if (!r) throw new Error(`no ${type} named ${name}; have ${ofType(run, type).map((x) => x.name).join(", ")}`);
    return r;
}

/** A resource's (redacted) inputs, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const inputs = (r: PlanResource): Record<string, any> => r.inputs;

/** Inputs with secrets unwrapped, for asserting the value a secret carries. */
export function rawInputs(run: PlanRun, urn: string): Record<string, unknown> {
    const rec = run.recorded.find((r) => r.urn === urn);
    if (!rec) throw new Error(`no recorded resource ${urn}`);
    return rec.rawInputs;
}

export const ENVIRONMENTS: Environment[] = ["production", "staging"];
