import type { PlanViolation } from "../plan";

/**
 * `npm run plan`'s exit code for a plan that was made (DESIGN.md "Exit codes"): 1 when the policy
 * pack found a mandatory violation, so a pipeline stops before deploying it; 0 otherwise, also
 * with advisory findings, which the report lists but which never block. Bad config or usage
 * (2) and crashes (3) are decided by tools/engine/cli.ts.
 */
export function planExitCode(plan: { policy: { violations: Array<Pick<PlanViolation, "level">> } }): 0 | 1 {
    return plan.policy.violations.some((v) => v.level === "mandatory") ? 1 : 0;
}
