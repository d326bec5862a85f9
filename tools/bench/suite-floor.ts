/**
 * The floor of `npm test` on this machine: the CPU time the suite cannot lose without dropping a
 * plan some spec asserts on, spread perfectly over every core. `npm run bench` runs the suite
 * with two recorders and reads both here:
 *  - the suite's own processes (tests/support/summary-reporter.js, SPEC_PLANS=<file>: one line
 *    per process that ran spec files, each mocha worker of a parallel run or the one process of a
 *    serial run): how many plans each made (plan-cache fills, uncached plans, CLI mains run
 *    in-process) and their CPU;
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

/** What one of the suite's own processes wrote (summary-reporter.js, a line of SPEC_PLANS). */
export interface SuitePlans {
    pid: number;
    fills: number;
    uncached: number;
    exclusive: number;
    /** Cache fills read from another worker's plan (tests/support/shared-plans.ts): no plan of its own, so not among the plans counted. */
    shared?: number;
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

/** JSON lines; a line that is not JSON or fails `valid` throws, naming its number and `what` it should be. */
function parseLines<T>(text: string, log: string, what: string, valid: (r: Partial<T>) => boolean): T[] {
    return text.split("\n").flatMap((line, i) => {
        if (line.trim() === "") return [];
        let r: Partial<T>;
        try {
            r = JSON.parse(line) as Partial<T>;
        } catch {
            throw new Error(`${log} line ${i + 1} is not JSON: ${JSON.stringify(line.slice(0, 80))}`);
        }
        if (!valid(r)) throw new Error(`${log} line ${i + 1} is not ${what}: ${JSON.stringify(line.slice(0, 80))}`);
        return [r as T];
    });
}

/** The recorder's lines; a line that is not one of its records fails, naming its number. */
export function parseProcessLog(text: string): ProcessCpu[] {
    return parseLines<ProcessCpu>(text, "process CPU log", "{pid, argv, cpuMs, planned}",
        (r) => Number.isInteger(r.pid) && typeof r.cpuMs === "number" && r.cpuMs >= 0 && typeof r.planned === "boolean" && Array.isArray(r.argv));
}

/** SPEC_PLANS: one line per process that ran spec files (a serial run has one, a parallel run one per worker). */
export function parseSuitePlans(text: string): SuitePlans[] {
    const counts = ["fills", "uncached", "exclusive", "cpuMs", "bounded", "boundedCpuMs"] as const;
    const suites = parseLines<SuitePlans>(text, "SPEC_PLANS", "{pid, fills, uncached, exclusive, cpuMs, bounded, boundedCpuMs}",
        (r) => Number.isInteger(r.pid) && counts.every((k) => typeof r[k] === "number" && r[k]! >= 0));
    const pids = suites.map((s) => s.pid);
    const twice = pids.find((pid, i) => pids.indexOf(pid) !== i);
    if (twice !== undefined) throw new Error(`SPEC_PLANS names process ${twice} twice`);
    return suites;
}

/**
 * The floor: the plans of the suite's processes (every worker's: each plans the variants its
 * files ask for that the other worker has not planned, tests/support/shared-plans.ts) plus every
 * other process that planned, ÷ cores.
 */
export function suiteFloor(suites: readonly SuitePlans[], processes: ProcessCpu[], cores: number): SuiteFloor {
    if (!(cores >= 1)) throw new Error(`cores must be at least 1, got ${cores}`);
    const own = new Set(suites.map((s) => s.pid));
    const others = processes.filter((p) => !own.has(p.pid));
    const sum = (ps: ProcessCpu[]) => ps.reduce((n, p) => n + p.cpuMs, 0);
    const planning = others.filter((p) => p.planned);
    const idle = others.filter((p) => !p.planned);
    const total = (f: (s: SuitePlans) => number) => suites.reduce((n, s) => n + f(s), 0);
    const inProcessCpuMs = total((s) => s.cpuMs);
    const cpuMs = inProcessCpuMs + sum(planning);
    return {
        inProcess: { plans: total((s) => s.fills + s.uncached + s.exclusive), cpuMs: inProcessCpuMs },
        timeBounded: { plans: total((s) => s.bounded), cpuMs: total((s) => s.boundedCpuMs) },
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
    return `floor of \`npm test\` on this machine: ${floor.inProcess.plans} plans in the suite's processes (${s(floor.inProcess.cpuMs)} CPU)` +
        ` + ${floor.planningChildren.count} child processes that plan (${s(floor.planningChildren.cpuMs)} CPU)` +
        ` = ${s(floor.cpuMs)} CPU ÷ ${floor.cores} cores = ${s(floor.wallMs)} wall = ${ratio.toFixed(1)}× one plan (${s(planWallMs)}); ${verdict}` +
        ` (not counted: ${floor.timeBounded.plans} plans of time-bounded specs, ${s(floor.timeBounded.cpuMs)} CPU; ${floor.otherProcesses.count} processes that never plan, ${s(floor.otherProcesses.cpuMs)} CPU; and the rest of the suite process's work)`;
}
