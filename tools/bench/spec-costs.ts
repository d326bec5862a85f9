import * as fs from "fs";
import * as path from "path";
import { parseProcessLog, ProcessCpu } from "./suite-floor";

/**
 * What each spec file costs `npm test` in CPU: the own time of the suite's process that ran it
 * while it ran (a mocha worker in `npm test`, mocha's one process in a serial run;
 * summary-reporter.js, SPEC_TIMINGS=<file>) plus every process the file started and theirs
 * (tests/support/process-cpu-log.js, PLATFORM_PROCESS_CPU=<file>: each line names its spec).
 * A measurement, not a test: the table the suite's speed work starts from.
 *
 *   SPEC_TIMINGS=/tmp/t.json PLATFORM_PROCESS_CPU=/tmp/p.jsonl \
 *     NODE_OPTIONS="--require $PWD/tests/support/process-cpu-log.js" npm test
 *   node -r ./tools/engine/ts-register.js tools/bench/spec-costs.ts /tmp/t.json /tmp/p.jsonl [top]
 */

/** A row of SPEC_TIMINGS; `pid` is the suite's process that ran the file (mocha's, or a worker of a parallel run). */
export interface SpecTiming { file: string; pid?: number; ms: number; cpuMs: number }

export interface SpecCost {
    file: string;
    wallMs: number;
    ownCpuMs: number;
    children: number;
    childCpuMs: number;
    plannedChildren: number;
}

/** One row per spec file (and one for processes no spec started), most CPU first. */
export function specCosts(timings: SpecTiming[], processes: ProcessCpu[], root: string, suitePids: ReadonlySet<number> = new Set()): SpecCost[] {
    const rows = new Map<string, SpecCost>();
    const row = (file: string) => {
        let r = rows.get(file);
        if (!r) rows.set(file, (r = { file, wallMs: 0, ownCpuMs: 0, children: 0, childCpuMs: 0, plannedChildren: 0 }));
        return r;
    };
    for (const t of timings) Object.assign(row(t.file), { wallMs: t.ms, ownCpuMs: t.cpuMs });
    for (const p of processes) {
        if (suitePids.has(p.pid)) continue; // the suite's own processes: their time is the files' own CPU
        const r = row(p.spec ? path.relative(root, p.spec) : "(no spec: npm, mocha, the suite's process)");
        r.children++;
        r.childCpuMs += p.cpuMs;
        if (p.planned) r.plannedChildren++;
    }
    return [...rows.values()].sort((a, b) => b.ownCpuMs + b.childCpuMs - (a.ownCpuMs + a.childCpuMs));
}

function main(): void {
    const [timingsFile, logFile, top = "15"] = process.argv.slice(2);
    if (!timingsFile || !logFile) throw new Error("usage: spec-costs.ts <SPEC_TIMINGS file> <PLATFORM_PROCESS_CPU file> [top]");
    const timings = JSON.parse(fs.readFileSync(timingsFile, "utf8")) as SpecTiming[];
    const processes = parseProcessLog(fs.readFileSync(logFile, "utf8"));
    // The suite's processes are those that ran spec files (their CPU is the files' own); a
    // parallel run's main mocha process runs none and stays in the row of processes no spec started.
    const suitePids = new Set(timings.flatMap((t) => (t.pid === undefined ? [] : [t.pid])));
    const suite = processes.filter((p) => suitePids.has(p.pid));
    const rows = specCosts(timings, processes, process.cwd(), suitePids);
    const s = (ms: number) => (ms / 1000).toFixed(1);
    const sum = (f: (r: SpecCost) => number) => rows.reduce((n, r) => n + f(r), 0);
    console.log("| spec file | wall s | own CPU s | children (planning) | children's CPU s | total CPU s |");
    console.log("|---|---|---|---|---|---|");
    for (const r of rows.slice(0, Number(top))) {
        console.log(`| ${r.file} | ${s(r.wallMs)} | ${s(r.ownCpuMs)} | ${r.children} (${r.plannedChildren}) | ${s(r.childCpuMs)} | ${s(r.ownCpuMs + r.childCpuMs)} |`);
    }
    console.log(`| all ${rows.length} rows | ${s(sum((r) => r.wallMs))} | ${s(sum((r) => r.ownCpuMs))} | ${sum((r) => r.children)} (${sum((r) => r.plannedChildren)}) | ${s(sum((r) => r.childCpuMs))} | ${s(sum((r) => r.ownCpuMs + r.childCpuMs))} |`);
    const suiteCpuMs = suite.reduce((n, p) => n + p.cpuMs, 0);
    if (suite.length > 0) console.log(`\nthe suite's ${suite.length} processes that ran spec files: ${s(suiteCpuMs)} s CPU in all (spec files' own: ${s(sum((r) => r.ownCpuMs))} s; the rest is mocha in them: its start-up, and a serial run's loading of every file before the first runs)`);
}

if (require.main === module) main();
