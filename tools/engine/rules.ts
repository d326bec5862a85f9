import { kubernetesRules } from "../../providers/kubernetes/rules";
import { randomPasswordRule } from "../../providers/shared/random-rules";
import { PlannedResource, PlanView, Rule } from "../../providers/shared/rules";
import { engineForType, everyCloudEngine } from "./cloud-engines";
import { redact } from "./plan";
import type { PlanRun } from "./run-plan";

/**
 * Runs the clouds' rule catalogues (providers/<cloud>/rules/) over a recorded plan: every rule
 * over every resource of the types it names. Zero findings is what a deploy needs.
 */

let all: readonly Rule[] | undefined;

/** Every rule of every cloud (loads every cloud's engine): a plan only has its own cloud's types, so the others stay silent. */
export function allRules(): readonly Rule[] {
    return (all ??= [...everyCloudEngine().flatMap((e) => e.rules), ...kubernetesRules, randomPasswordRule]);
}

export interface RuleFinding {
    rule: string;
    urn: string;
    message: string;
    doc: string;
}

/** A plan run as the rules see it. */
export function plannedResources(run: PlanRun): PlannedResource[] {
    const recorded = new Map(run.recorded.map((r) => [r.urn, r]));
    return run.plan.resources.filter((r) => r.custom).map((r) => {
        const rec = recorded.get(r.urn);
        return {
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent,
            inputs: r.inputs as Record<string, any>,
            dependencies: rec?.options.dependencies ?? [],
            id: rec?.id,
            outputs: (redact(rec?.outputs ?? {}) ?? {}) as Record<string, any>,
        };
    });
}

/**
 * The rules that can speak on these resources: the engines of the clouds whose types they hold
 * (each plan holds its cloud's provider resource), the Kubernetes runtime's and the random
 * provider's. A rule only checks resources of its types, so the other clouds' would stay silent;
 * leaving them out keeps a one-cloud run from loading every cloud's SDK.
 */
export function rulesFor(resources: readonly PlannedResource[]): readonly Rule[] {
    const engines = new Set(resources.map((r) => engineForType(r.type)).filter((e) => e !== undefined));
    return [...[...engines].flatMap((e) => e.rules), ...kubernetesRules, randomPasswordRule];
}

/** Runs every rule over every resource of its types. */
export function runRules(resources: PlannedResource[], rules: readonly Rule[] = rulesFor(resources)): RuleFinding[] {
    const plan = new PlanView(resources);
    const findings: RuleFinding[] = [];
    for (const rule of rules) {
        for (const r of resources) {
            if (!rule.types.includes(r.type)) continue;
            for (const message of rule.check(r, plan)) findings.push({ rule: rule.id, urn: r.urn, message, doc: rule.doc });
        }
    }
    return findings;
}

