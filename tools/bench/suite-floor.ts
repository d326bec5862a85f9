/**
 * The floor of `npm test` on this machine: the CPU time the suite cannot lose without dropping a
 * plan some spec asserts on, spread perfectly over every core. `npm run bench` runs the suite
 * with two recorders and reads both here:
 *  - the suite's own process (tests/support/summary-reporter.js, SPEC_PLANS=<file>): how many
 *    plans it made (plan-cache fills, uncached plans, CLI mains run in-process) and their CPU;
 *  - every node process of the run (tests/support/process-cpu-log.js, PLATFORM_PROCESS_CPU=<file>):
 *    one line each with its CPU and whether it planned. A child process that planned is counted
 *    whole: it is there because its spec asserts on a real process (an exit status, a stream, a
 *    fresh module registry), and a process cannot plan without starting node and the SDK.
 * Everything else (module loading of specs, policy evaluations, assertions, mocha, npm, children
 * that never plan) counts as removable, so the figure is a lower bound, not an estimate.
 */

export interface ProcessCpu {
    pid: number;
    argv: string[];
    cpuMs: number;
    planned: boolean;
    /** The spec file that started it (absolute), when mocha's process recorded one. */
    spec?: string;
}

/** What the suite's own process wrote (summary-reporter.js). */
export interface SuitePlans {
    pid: number;
    fills: number;
    uncached: number;
    exclusive: number;
    /** CPU of its plans (fills, uncached plans and in-process CLI runs). */
    cpuMs: number;
    /** Plans of time-bounded specs (the fuzz spec plans while its budget lasts): how many is not asserted, so not counted. */
    bounded: number;
    boundedCpuMs: number;
}

export interface SuiteFloor {
    inProcess: { plans: number; cpuMs: number };
    timeBounded: { plans: number; cpuMs: number };
    planningChildren: { count: number; cpuMs: number };
    otherProcesses: { count: number; cpuMs: number };
    cores: number;
    cpuMs: number;
    wallMs: number;
}

/** The recorder's lines; a line that is not one of its records fails, naming its number. */
export function parseProcessLog(text: string): ProcessCpu[] {
    return text.split("\n").flatMap((line, i) => {
        if (line.trim() === "") return [];
        let r: Partial<ProcessCpu>;
        try {
            r = JSON.parse(line) as Partial<ProcessCpu>;
        } catch {
            throw new Error(`process CPU log line ${i + 1} is not JSON: ${JSON.stringify(line.slice(0, 80))}`);
        }
        if (!Number.isInteger(r.pid) || typeof r.cpuMs !== "number" || !(r.cpuMs >= 0) || typeof r.planned !== "boolean" || !Array.isArray(r.argv)) {
            throw new Error(`process CPU log line ${i + 1} is not {pid, argv, cpuMs, planned}: ${JSON.stringify(line.slice(0, 80))}`);
        }
        return [r as ProcessCpu];
    });
}

/** The floor: the suite process's plans plus every other process that planned, ÷ cores. */
export function suiteFloor(suite: SuitePlans, processes: ProcessCpu[], cores: number): SuiteFloor {
    if (!(cores >= 1)) throw new Error(`cores must be at least 1, got ${cores}`);
    const others = processes.filter((p) => p.pid !== suite.pid);
    const sum = (ps: ProcessCpu[]) => ps.reduce((n, p) => n + p.cpuMs, 0);
    const planning = others.filter((p) => p.planned);
    const idle = others.filter((p) => !p.planned);
    const cpuMs = suite.cpuMs + sum(planning);
    return {
        inProcess: { plans: suite.fills + suite.uncached + suite.exclusive, cpuMs: suite.cpuMs },
        timeBounded: { plans: suite.bounded, cpuMs: suite.boundedCpuMs },
        planningChildren: { count: planning.length, cpuMs: sum(planning) },
        otherProcesses: { count: idle.length, cpuMs: sum(idle) },
        cores,
        cpuMs,
        wallMs: cpuMs / cores,
    };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Issue 22's target for `npm test`, in multiples of one plan. */
export const SUITE_TARGET = 20;

/** Whether the target is above the floor (`ratio`: the floor in multiples of one plan). */
export function floorVerdict(ratio: number, target: number = SUITE_TARGET): { reachable: boolean; text: string } {
    return ratio <= target
        ? { reachable: true, text: `the ≤ ${target}× target is above the floor, so reachable in principle` }
        : { reachable: false, text: `the ≤ ${target}× target is below the floor: not reachable here without removing plans specs assert on` };
}

/** The bench's line: the floor next to the target, in multiples of one plan's wall time. */
export function floorLine(floor: SuiteFloor, planWallMs: number, target: number = SUITE_TARGET): string {
    const ratio = floor.wallMs / planWallMs;
    const verdict = floorVerdict(ratio, target).text;
    return `floor of \`npm test\` on this machine: ${floor.inProcess.plans} plans in the suite's process (${s(floor.inProcess.cpuMs)} CPU)` +
        ` + ${floor.planningChildren.count} child processes that plan (${s(floor.planningChildren.cpuMs)} CPU)` +
        ` = ${s(floor.cpuMs)} CPU ÷ ${floor.cores} cores = ${s(floor.wallMs)} wall = ${ratio.toFixed(1)}× one plan (${s(planWallMs)}); ${verdict}` +
        ` (not counted: ${floor.timeBounded.plans} plans of time-bounded specs, ${s(floor.timeBounded.cpuMs)} CPU; ${floor.otherProcesses.count} processes that never plan, ${s(floor.otherProcesses.cpuMs)} CPU; and the rest of the suite process's work)`;
}
