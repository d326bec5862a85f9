import type { Cloud, Environment } from "../../components/config";
import { allRules, plannedResources, runRules } from "../../tools/engine/rules";
import type { PlanResource } from "../../tools/engine/plan";
import type { PlanRun } from "../../tools/engine/run-plan";
import { checkSchema } from "../../tools/engine/schema-check";
import { flatten } from "../../tools/engine/diff/flatten";
import { propertyEffect, replacementRule } from "../../tools/engine/diff/replacement";
import { EXISTING_CLUSTER_KUBECONFIG } from "./kubeconfig";

/** The committed variants: 3 clouds x 2 tiers x 2 runtimes, plus the existing-cluster path. */
export const COMMITTED_VARIANTS: Array<{ label: string; stack: Environment; cloud: Cloud; config: string[] }> = [
    ...(["aws", "gcp", "azure"] as const).flatMap((cloud) => (["production", "staging"] as const).flatMap((stack) => (["managed", "kubernetes"] as const).map((runtime) => ({
        label: `${cloud}/${stack}/${runtime}`,
        stack,
        cloud,
        config: runtime === "kubernetes" ? ["platform:compute.runtime=kubernetes"] : [],
    })))),
    { label: "aws/staging/existing-cluster", stack: "staging", cloud: "aws", config: ["platform:compute.runtime=kubernetes", `platform:kubeconfig=${EXISTING_CLUSTER_KUBECONFIG}`, "platform:kubernetes.ingressClass=nginx"] },
];

/** Everything a deploy would be refused for, or the diff could not classify, as one readable list (empty is the goal). */
export function deployFindings(run: PlanRun): string[] {
    return [
        ...checkSchema(run.recorded).map((f) => `schema ${f.type} ${f.urn.split("::").pop()} ${f.path}: ${f.message}`),
        ...runRules(plannedResources(run)).map((f) => `${f.rule} ${f.urn.split("::").pop()}: ${f.message}`),
        ...replacementGaps(run.plan.resources),
    ];
}

/**
 * The types and input paths of a plan no replacement entry classifies: the diff would call a
 * change to one "may replace" for want of a fact, in any config (the committed stacks' twelve
 * variants are held to this in tests/diff-replacement.spec.ts; the generated configs reach the rest).
 */
export function replacementGaps(resources: readonly PlanResource[]): string[] {
    const gaps = new Set<string>();
    for (const r of resources.filter((x) => x.custom)) {
        if (!replacementRule(r.type)) { gaps.add(`replacement ${r.type}: no entry`); continue; }
        for (const path of flatten(r.inputs).keys()) if (path !== "" && !propertyEffect(r.type, path).matched) gaps.add(`replacement ${r.type} ${path}: unclassified`);
    }
    return [...gaps];
}

/** Custom resource types of a plan that no rule covers (providers excepted: they are not cloud resources). */
export function uncoveredTypes(run: PlanRun): string[] {
    return [...new Set(run.plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).map((r) => r.type))]
        .filter((t) => !allRules().some((rule) => rule.types.includes(t)));
}
