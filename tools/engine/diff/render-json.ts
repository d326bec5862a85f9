import type { PlanViolation } from "../plan";
import type { ChangeCounts, ChangeKind, DiffReport, WarningKind } from "./compare";

/**
 * The machine-readable diff (`npm run diff -- --format json`), exactly DESIGN.md's shape.
 * Custom resources only, like the counts (components hold nothing). A property absent on one
 * side is `null`; secrets are `[secret]` and plan-time unknowns `[unknown]`, as in the plan.
 */

export interface DiffJson {
    base: string;
    head: string;
    stacks: {
        stack: string;
        cloud: string;
        environment: string;
        counts: ChangeCounts;
        changes: {
            urn: string;
            type: string;
            name: string;
            component: string;
            action: ChangeKind;
            stateful: boolean;
            properties: { path: string; before: unknown; after: unknown; forcesReplace: boolean | null }[];
        }[];
        warnings: { kind: WarningKind; urn: string; message: string }[];
        policy: { introduced: PlanViolation[]; fixed: PlanViolation[] };
    }[];
}

export function reportJson(report: DiffReport): DiffJson {
    return {
        base: report.baseLabel,
        head: report.headLabel,
        stacks: report.stacks.map((d) => ({
            stack: d.stack,
            cloud: d.cloud,
            environment: d.environment,
            counts: { ...d.counts },
            changes: d.components.flatMap((g) => g.changes).filter((c) => c.custom).map((c) => ({
                urn: c.urn,
                type: c.type,
                name: c.name,
                component: c.component.name,
                action: c.kind,
                stateful: c.stateful,
                properties: c.properties.map((p) => ({ path: p.path, before: p.before ?? null, after: p.after ?? null, forcesReplace: p.forcesReplace })),
            })),
            warnings: d.warnings.map((w) => ({ kind: w.kind, urn: w.urn, message: w.message })),
            policy: { introduced: d.policy.introduced, fixed: d.policy.fixed },
        })),
    };
}

export function renderReportJson(report: DiffReport): string {
    return JSON.stringify(reportJson(report), null, 2) + "\n";
}
