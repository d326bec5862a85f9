"use strict";
// The per-file recorder of a parallel run (`npm test`: mocha --parallel, .mocharc.parallel.js
// requires this file in every worker). A worker runs whole spec files, one at a time, and mocha
// hands the main process's reporter a file's events only once the file has ended, so the
// reporter cannot time a file there; and the plans are made in the workers, whose plan caches the
// reporter never sees. So each worker records here, as summary-reporter.js does in a serial run:
//  - SPEC_TIMINGS=<file>: one line per spec file, {file, pid, ms, cpuMs}, from the moment the file
//    starts loading (its imports, the SDKs on a worker's first file, the children it starts at
//    load) to its root `afterAll` (every hook of the file has run);
//  - SPEC_PLANS=<file>: after each file, this worker's plan costs so far and its CPU.
// Lines are appended (short lines, so two workers never interleave within one); at the end of
// the run summary-reporter.js turns them into the files' final form. Does nothing outside a
// mocha worker process.
const fs = require("fs");
const path = require("path");
const Module = require("module");

const inWorker = /mocha[\\/]lib[\\/]nodejs[\\/]worker\.c?js$/.test(process.argv[1] ?? "");
const cpuMs = (cpu) => (cpu.user + cpu.system) / 1e3;

let current;
if (inWorker && (process.env.SPEC_TIMINGS || process.env.SPEC_PLANS)) {
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
        // The worker loads its next file only after the last one ended.
        if (/\.spec\.[cm]?[jt]s$/.test(request) && !current) current = { file: request, since: process.hrtime.bigint(), cpu: process.cpuUsage() };
        return load.apply(this, arguments);
    };
}

exports.mochaHooks = {
    // In a worker, root hooks run once per spec file.
    afterAll() {
        if (!inWorker || !current) return;
        const { file, since, cpu } = current;
        current = undefined;
        if (process.env.SPEC_TIMINGS) {
            const row = { file: path.relative(process.cwd(), file), pid: process.pid, ms: Math.round(Number(process.hrtime.bigint() - since) / 1e6), cpuMs: Math.round(cpuMs(process.cpuUsage(cpu))) };
            fs.appendFileSync(process.env.SPEC_TIMINGS, JSON.stringify(row) + "\n");
        }
        if (process.env.SPEC_PLANS) {
            const line = planCostsLine();
            if (line) fs.appendFileSync(process.env.SPEC_PLANS, JSON.stringify(line) + "\n");
        }
    },
};

/**
 * This process's SPEC_PLANS line: its pid, its CPU so far and its plan costs
 * (tests/support/plan-cache.ts `planCosts`), or undefined when no spec loaded the plan cache
 * (a recorder must not load the SDK itself). summary-reporter.js writes the same line serially.
 */
function planCostsLine() {
    const cacheFile = Object.keys(require.cache).find((f) => /tests[\\/]support[\\/]plan-cache\.ts$/.test(f));
    if (!cacheFile) return undefined;
    return { pid: process.pid, processCpuMs: Math.round(cpuMs(process.cpuUsage())), ...require(cacheFile).planCosts() };
}
exports.planCostsLine = planCostsLine;
