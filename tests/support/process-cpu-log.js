"use strict";
// Preloaded into every node process of a measured `npm test` (NODE_OPTIONS=--require <this file>,
// set by `npm run bench` with PLATFORM_PROCESS_CPU=<file>): at exit each process appends one JSON
// line with its pid, its arguments, its CPU time (user + system) and whether it planned (a Pulumi
// runtime with a monitor installed: the offline engine's mocks, tools/engine/recording-monitor.ts). tools/bench/suite-floor.ts reads the lines. One
// short line per append, so parallel processes never interleave within a line. Does nothing
// without PLATFORM_PROCESS_CPU.
// Each line also names the spec file that started the process (`spec`, from PLATFORM_SPEC_FILE,
// which children inherit): mocha's process sets it to the spec file it is loading (background
// children start at load, tests/support/background-child.ts) and, in a serial run, which loads
// every file first, summary-reporter.js to the one running; a parallel run's worker loads each
// file just before it runs it, so there the load alone names it. So tools/bench/spec-costs.ts
// can charge every child to its spec. A mocha that a spec started (tests/parallel-recorder.spec.ts)
// inherited its spec's name and keeps it: its workers and their fixture files are that spec's.
const fs = require("fs");

const logFile = process.env.PLATFORM_PROCESS_CPU;
if (logFile) {
    // Only mocha's processes (its one process, or its workers) load spec files; in any other process this never fires.
    const inherited = process.env.PLATFORM_SPEC_FILE !== undefined;
    const Module = require("module");
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
        if (!inherited && /\.spec\.[cm]?[jt]s$/.test(request)) {
            try {
                process.env.PLATFORM_SPEC_FILE = Module._resolveFilename(request, parent, isMain);
            } catch {
                // Unresolvable: the real load reports it.
            }
        }
        return load.apply(this, arguments);
    };
    process.on("exit", () => {
        const { user, system } = process.cpuUsage();
        // Read only if loaded: this must not load the SDK into a process that never did.
        const settings = Object.keys(require.cache).find((f) => /@pulumi[\\/]pulumi[\\/]runtime[\\/]settings\.js$/.test(f));
        let planned = false;
        try {
            planned = settings !== undefined && require(settings).hasMonitor();
        } catch {
            // An SDK without hasMonitor: counted as not planning (the floor stays a lower bound).
        }
        try {
            fs.appendFileSync(logFile, JSON.stringify({ pid: process.pid, argv: process.argv.slice(1), spec: process.env.PLATFORM_SPEC_FILE, cpuMs: Math.round((user + system) / 1e3), planned }) + "\n");
        } catch {
            // A measurement aid: a process must never fail because of it.
        }
    });
}
