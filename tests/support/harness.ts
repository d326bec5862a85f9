import type { Environment } from "../../components/config";
import type { PlanResource } from "../../tools/engine/plan";
import type { PlanRun } from "../../tools/engine/run-plan";

// Every spec that plans goes through the one shared, frozen plan cache.
export { planFor, planVariant } from "./plan-cache";

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
