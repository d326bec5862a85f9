import { spawn } from "child_process";
import { availableParallelism } from "os";
import * as path from "path";
import type { PairResult } from "./check-pairs";
import { UsageError } from "./stack-config";
import { REPO_ROOT, tsNodeArgs } from "./ts-loader";

/**
 * `npm run check` on two cores: the first cloud's pairs are planned in check's own process and
 * the other clouds' in one child, `check --format json --cloud <the others>`, started as soon as
 * the arguments parse, so its start-up (SDK core, the pack, the program) overlaps the parent's.
 * Three clouds split as aws | gcp + azure: aws's first plan loads the largest SDK, so the two
 * halves take about as long (measured: README "Performance"). One child per cloud was measured
 * earlier and lost (three start-ups on two cores); so did a worker thread (it loads everything
 * again and its GC contends with the main thread's).
 *
 * The child is check itself, so its pairs are exactly what one process would report; the parent
 * prints them after its own, in the registry's order. `PLATFORM_CHECK_PROCESSES=1` keeps every
 * pair in one process (the child gets it, so it never splits again); the default is 2 where the
 * machine has more than one core.
 */

/** The clouds this process plans and those one child plans. */
export function splitClouds(clouds: readonly string[], processes: number = checkProcesses()): { here: string[]; child: string[] } {
    if (processes < 2 || clouds.length < 2) return { here: [...clouds], child: [] };
    return { here: clouds.slice(0, 1), child: clouds.slice(1) };
}

/** How many processes check may use: `PLATFORM_CHECK_PROCESSES` (1 or 2), else 2 on a multi-core machine. */
export function checkProcesses(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): 1 | 2 {
    const set = env.PLATFORM_CHECK_PROCESSES;
    if (set === undefined || set === "") return cores > 1 ? 2 : 1;
    if (set === "1" || set === "2") return Number(set) as 1 | 2;
    throw new UsageError(`PLATFORM_CHECK_PROCESSES="${set}": allowed: 1 or 2`);
}

export interface CheckChild {
    /** The child's pairs, in its clouds' order, or why it gave no report (it could not start, or it crashed). */
    pairs(): Promise<PairResult[] | { failure: string }>;
    /** Stops the child (the parent stopped: bad usage or policy config). */
    stop(): void;
}

/**
 * Starts `check --format json --cloud <clouds>` with the parent's `--config` overrides and
 * `--policy-config` (made absolute: the child runs from the repository's root).
 */
export function startCheckChild(clouds: readonly string[], config: readonly string[], policyConfig: string | undefined): CheckChild {
    const args = ["--format", "json", ...clouds.flatMap((c) => ["--cloud", c]), ...config.flatMap((c) => ["--config", c])];
    if (policyConfig !== undefined) args.push("--policy-config", path.resolve(policyConfig));
    const child = spawn(process.execPath, tsNodeArgs(path.join(REPO_ROOT, "tools", "check.ts"), ...args), {
        cwd: REPO_ROOT,
        env: { ...process.env, PLATFORM_CHECK_PROCESSES: "1" },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const exited = new Promise<{ code: number | null; spawnError?: Error }>((resolve) => {
        child.once("error", (spawnError) => resolve({ code: null, spawnError }));
        child.once("close", (code) => resolve({ code }));
    });
    return {
        async pairs() {
            const { code, spawnError } = await exited;
            const report = parseReport(stdout);
            if (report) return report;
            const why = spawnError ? `could not start: ${spawnError.message}` : `exited ${code} without a report`;
            return { failure: `the check of ${clouds.join(", ")} in a second process ${why}${stderr ? `:\n${stderr.trimEnd()}` : ""}` };
        },
        stop() {
            child.kill();
        },
    };
}

function parseReport(stdout: string): PairResult[] | undefined {
    try {
        const report = JSON.parse(stdout) as { pairs?: PairResult[] };
        return Array.isArray(report.pairs) ? report.pairs : undefined;
    } catch {
        return undefined;
    }
}
