import { setPolicyRunner } from "./run-plan";

/**
 * Connects the policy pack to the offline engine. Until policy/ lands this is a no-op, so
 * plans carry an empty `policy.violations`.
 */
export function enablePolicies(): void {
    setPolicyRunner(undefined);
}
