import * as fs from "fs";
import { ConfigError } from "../../../components/config/errors";
import { exitOnUserError } from "../cli";
import { PolicyConfigError, type PolicyPackConfigFile } from "../policies";
import type { PlanViolation } from "../plan";
import { UsageError } from "../stack-config";

/**
 * `npm run check`'s decisions: what each (cloud, environment) pair's outcome is, and the exit
 * code of the whole check (0 every pair passes or is skipped, 1 a mandatory violation or a
 * failed plan, 2 bad usage, stack config or policy config; crashes: 3, tools/engine/cli.ts).
 */

export type PairStatus = "ok" | "violations" | "skipped" | "error" | "config-error";

/** A registry entry that throws this is a cloud whose implementation has not landed yet. */
const NOT_AVAILABLE = /not available yet/;

/** A pair that planned: it fails on a mandatory violation only (advisory ones are reported). */
export function plannedStatus(violations: Array<Pick<PlanViolation, "level">>): "ok" | "violations" {
    return violations.some((v) => v.level === "mandatory") ? "violations" : "ok";
}

/**
 * A pair whose plan threw: a cloud not available yet is skipped; bad stack config or any other
 * error fails that pair (reported with the message, or the stack for a bug) and the check goes
 * on with the next pair. Usage and policy-config errors are the same for every pair: they are
 * rethrown, to stop the check (stopExit).
 */
export function failedStatus(err: unknown): { status: "skipped" | "config-error" | "error"; note: string } {
    const msg = err instanceof Error ? err.message : String(err);
    if (NOT_AVAILABLE.test(msg)) return { status: "skipped", note: "skipped: not implemented" };
    if (err instanceof PolicyConfigError || err instanceof UsageError) throw err;
    if (err instanceof ConfigError) return { status: "config-error", note: msg };
    return { status: "error", note: err instanceof Error ? err.stack ?? msg : msg };
}

/** Pairs that make the check fail: everything but a pass or a skip. */
export function isFailing(status: PairStatus): boolean {
    return status !== "ok" && status !== "skipped";
}

/**
 * The check's exit code: 2 when a pair's stack config is bad (its policies were never run, so
 * "1, a violation" would be untrue), else 1 when any pair fails, else 0.
 */
export function checkExitCode(statuses: PairStatus[]): 0 | 1 | 2 {
    if (statuses.includes("config-error")) return 2;
    return statuses.some(isFailing) ? 1 : 0;
}

/**
 * The `--policy-config` file, read and reconciled with the pack before anything is planned, so
 * a typo fails in a second, not after six plans. Any problem is a UsageError naming the file.
 */
// Stryker disable next-line StringLiteral: without an encoding readFileSync returns a Buffer, which JSON.parse reads as UTF-8 just the same.
export function readPolicyConfig(file: string | undefined, reconcile: (config: PolicyPackConfigFile | undefined) => unknown, read: (file: string) => string = (f) => fs.readFileSync(f, "utf8")): PolicyPackConfigFile | undefined {
    if (file === undefined) return undefined;
    try {
        const config = JSON.parse(read(file)) as PolicyPackConfigFile;
        reconcile(config);
        return config;
    } catch (err) {
        throw new UsageError(`--policy-config ${file}: ${(err as Error).message}`);
    }
}

/** An error that stops the check: usage, stack config or policy config, printed alone, exit 2; anything else is rethrown (a crash, 3). */
export function stopExit(err: unknown, writeErr: (s: string) => void): 2 {
    if (!(err instanceof PolicyConfigError)) return exitOnUserError(err, writeErr);
    writeErr(`${err.message}\n`);
    return 2;
}
