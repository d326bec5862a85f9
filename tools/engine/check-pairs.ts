import pc from "picocolors";
import { ENVIRONMENTS } from "../../components/config";
import { evaluatePack, PolicyPackConfigFile, toPlanViolations } from "./policies";
import { countResources, type PlanViolation } from "./plan";
import { violationLines } from "./render-text";
import { runPlan } from "./run-plan";
import { failedStatus, PairStatus, plannedStatus } from "./exit/check";

/**
 * What `npm run check` does once its arguments parse (tools/check.ts loads this module then, so
 * `--help` and a usage error need neither the SDK nor the policy pack): each (cloud,
 * environment) pair planned offline in this process and the pack evaluated over it.
 */

export interface PairResult {
    stack: string;
    cloud: string;
    status: PairStatus;
    resources: number;
    violations: PlanViolation[];
    note?: string;
}

async function checkPair(stack: string, cloud: string, config: string[], policyConfig?: PolicyPackConfigFile): Promise<PairResult> {
    try {
        const run = await runPlan({ stack, cloud, config });
        const violations = toPlanViolations(await evaluatePack(run.recorded, { config: policyConfig }));
        return { stack, cloud, status: plannedStatus(violations), resources: countResources(run.plan.resources).resources, violations };
    } catch (err) {
        return { stack, cloud, resources: 0, violations: [], ...failedStatus(err) };
    }
}

export function renderPair(r: PairResult): string {
    const title = `${r.cloud}/${r.stack}`;
    const lines: string[] = [];
    const count = (level: string) => r.violations.filter((v) => v.level === level).length;
    switch (r.status) {
        case "skipped":
            lines.push(`${pc.yellow("SKIP")} ${title}: ${r.note}`);
            return lines.join("\n");
        case "config-error":
        case "error":
            lines.push(`${pc.red("ERROR")} ${title}: the plan failed\n    ${String(r.note).split("\n").join("\n    ")}`);
            return lines.join("\n");
        default:
            lines.push(
                `${r.status === "ok" ? pc.green("PASS") : pc.red("FAIL")} ${title}: ${r.resources} resources, ` +
                    `${count("mandatory")} mandatory, ${count("advisory")} advisory violation(s)`,
            );
    }
    for (const v of r.violations) lines.push(...violationLines(v));
    return lines.join("\n");
}

/** The pairs of `clouds`, planned one after the other in this process (the SDKs of those clouds load here). */
export async function checkClouds(clouds: string[], config: string[], policyConfig: PolicyPackConfigFile | undefined, done: (r: PairResult) => void): Promise<PairResult[]> {
    const results: PairResult[] = [];
    for (const cloud of clouds) {
        for (const stack of ENVIRONMENTS) {
            const r = await checkPair(stack, cloud, config, policyConfig);
            results.push(r);
            done(r);
        }
    }
    return results;
}

