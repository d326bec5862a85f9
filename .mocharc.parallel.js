"use strict";
// `npm test`: the suite over every core, mocha --parallel. .mocharc.json stays the serial config,
// used by `npx mocha <file>` and by StrykerJS (tools/mutate.ts), which runs mocha in one process.
// Each worker is its own process with its own plan cache (tests/support/plan-cache.ts), and
// tests/support/worker-recorder.js records there what summary-reporter.js records serially.
// The serial config's node-option reaches the workers too (mocha forks them with its own
// execArgv): max-semi-space-size=64 gives V8's young generation 64 MiB semi-spaces (the default
// is at most 16 MiB), up to about 200 MiB more heap per process. The suite's plans keep
// thousands of promises and Outputs alive across ticks, which a small young generation copies
// and promotes again and again: garbage collection was a quarter of a worker's CPU (a CPU
// profile of five plan-heavy spec files), and ten of the heaviest files, serially and
// interleaved, took 15 % less CPU with it, and less peak memory (README, Performance).
const fs = require("fs");
const os = require("os");
const path = require("path");
const serial = require("./.mocharc.json");

/**
 * Every spec file, longest first. Mocha hands files to whichever worker is free in the order
 * given, so a long file started last would run alone at the end. The order comes from the
 * committed durations (tests/support/spec-durations.json: a parallel run's SPEC_TIMINGS), which
 * only change the order, never what runs; a file not in them (a new spec) is taken for long and
 * starts first. Ties and new files go by name, so the order is the same on every machine.
 */
function specsLongestFirst() {
    const found = [];
    const walk = (dir) => {
        for (const entry of fs.readdirSync(path.join(__dirname, dir), { withFileTypes: true })) {
            const rel = `${dir}/${entry.name}`;
            if (entry.isDirectory()) walk(rel);
            else if (entry.name.endsWith(".spec.ts")) found.push(rel);
        }
    };
    walk("tests");
    const durations = new Map(require("./tests/support/spec-durations.json").map((r) => [r.file.split(path.sep).join("/"), r.ms]));
    const ms = (file) => durations.get(file) ?? Infinity;
    return found.sort((a, b) => ms(b) - ms(a) || (a < b ? -1 : a > b ? 1 : 0));
}

module.exports = {
    ...serial,
    // worker-recorder.js: the per-file recorders; shared-plans-run.js: the run's directory where the workers share their plans.
    require: [...serial.require, "./tests/support/worker-recorder.js", "./tests/support/shared-plans-run.js"],
    parallel: true,
    // Both cores of the 2-core machine the gate is measured on; more where there are more, up to
    // 4 (each worker loads the SDKs and plans its own variants).
    jobs: Math.min(4, Math.max(2, os.availableParallelism())),
    spec: specsLongestFirst(),
};
