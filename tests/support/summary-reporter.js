"use strict";
// Mocha's spec reporter plus the closing line CI reads: "N passed, N failed".
// With SPEC_TIMINGS=<file>, it also writes each spec file's wall time (hooks included) as JSON,
// slowest first, the pid of the process that ran it, and its CPU time (user + system of the process that ran it while the file ran,
// so a loaded machine inflates the wall figure but hardly the CPU one): the profile the gate's
// speed work starts from (tools/bench.ts reads it). With SPEC_PLANS=<file>, it writes what the
// plans of each process that ran specs cost (tests/support/plan-cache.ts `planCosts`), one line
// per process beside its pid and its whole CPU time: the bench's floor of the suite
// (tools/bench/suite-floor.ts).
// Serially (`npx mocha <files>`) it measures both itself, in the one process. In a parallel run
// (`npm test`) the workers measure (tests/support/worker-recorder.js appends their lines) and at
// the end this turns their lines into the same two files.
const fs = require("fs");
const path = require("path");
const Mocha = require("mocha");
const { planCostsLine } = require("./worker-recorder");
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_HOOK_BEGIN, EVENT_TEST_BEGIN, EVENT_TEST_END, EVENT_HOOK_END, EVENT_SUITE_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
    constructor(runner, options) {
        super(runner, options);
        const timingsFile = process.env.SPEC_TIMINGS;
        const perFile = new Map();
        const cpuPerFile = new Map();
        let current;
        let since = process.hrtime.bigint();
        let cpuSince = process.cpuUsage();
        // Files run one after another, so the time between two events belongs to the file of the
        // runnable that was running.
        const charge = (file) => {
            const now = process.hrtime.bigint();
            const cpu = process.cpuUsage(cpuSince);
            if (current) {
                perFile.set(current, (perFile.get(current) ?? 0) + Number(now - since) / 1e6);
                cpuPerFile.set(current, (cpuPerFile.get(current) ?? 0) + (cpu.user + cpu.system) / 1e3);
            }
            since = now;
            cpuSince = process.cpuUsage();
            if (file) {
                current = file;
                // The children this file starts are charged to it (tests/support/process-cpu-log.js).
                if (process.env.PLATFORM_PROCESS_CPU) process.env.PLATFORM_SPEC_FILE = file;
            }
        };
        const parallel = runner.isParallelMode();
        // The workers append to these: start them empty.
        if (parallel) for (const file of [timingsFile, process.env.SPEC_PLANS]) if (file) fs.writeFileSync(file, "");
        if (!parallel && (timingsFile || process.env.PLATFORM_PROCESS_CPU)) {
            for (const event of [EVENT_SUITE_BEGIN, EVENT_HOOK_BEGIN, EVENT_TEST_BEGIN]) runner.on(event, (r) => charge(r.file));
            for (const event of [EVENT_TEST_END, EVENT_HOOK_END, EVENT_SUITE_END]) runner.on(event, () => charge());
        }
        runner.once(EVENT_RUN_END, () => {
            const { passes, failures, pending } = runner.stats;
            if (timingsFile) {
                let rows;
                if (parallel) rows = readLines(timingsFile);
                else {
                    charge();
                    rows = [...perFile].map(([file, ms]) => ({ file: path.relative(process.cwd(), file), pid: process.pid, ms: Math.round(ms), cpuMs: Math.round(cpuPerFile.get(file) ?? 0) }));
                }
                fs.writeFileSync(timingsFile, JSON.stringify(rows.sort((a, b) => b.ms - a.ms), null, 2) + "\n");
            }
            if (process.env.SPEC_PLANS) {
                let lines;
                // Each worker appended its costs so far after each file: its last line is its whole run.
                if (parallel) lines = [...new Map(readLines(process.env.SPEC_PLANS).map((l) => [l.pid, l])).values()];
                else {
                    // No spec loaded the plan cache: this process planned nothing.
                    const none = { fills: 0, uncached: 0, exclusive: 0, cpuMs: 0, wallMs: 0, bounded: 0, boundedCpuMs: 0 };
                    const cpu = process.cpuUsage();
                    lines = [planCostsLine() ?? { pid: process.pid, processCpuMs: Math.round((cpu.user + cpu.system) / 1e3), ...none }];
                }
                fs.writeFileSync(process.env.SPEC_PLANS, lines.map((l) => JSON.stringify(l) + "\n").join(""));
            }
            process.stdout.write(`\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}\n`);
        });
    }
}

function readLines(file) {
    return fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
}

module.exports = SummaryReporter;
