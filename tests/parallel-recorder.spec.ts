import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseSuitePlans } from "../tools/bench/suite-floor";
import { TS_LOADER_PATH } from "../tools/engine/ts-loader";
import { backgroundNode, removeWhenRunEnds } from "./support/background-child";
import { repoFiles } from "./support/repo-paths";

/**
 * A parallel run's recorders (`npm test` is mocha --parallel, .mocharc.parallel.js): each worker
 * appends its files' timings and its plan costs (tests/support/worker-recorder.js), and the
 * reporter in mocha's main process (tests/support/summary-reporter.js) turns them into the
 * SPEC_TIMINGS and SPEC_PLANS the bench reads. Three spec files over two workers, so one worker
 * runs at least two of them, with a stand-in plan cache (the recorder finds it by its path) that
 * counts one plan per file. And the files `npm test` hands the workers: every spec file, once,
 * in the order the config derives.
 */

const ROOT = path.resolve(__dirname, "..");
const dir = removeWhenRunEnds(fs.mkdtempSync(path.join(os.tmpdir(), "parallel-recorder-")));
fs.mkdirSync(path.join(dir, "tests", "support"), { recursive: true });
fs.writeFileSync(path.join(dir, "tests", "support", "plan-cache.ts"),
    "let fills = 0;\nexports.plan = () => fills++;\nexports.planCosts = () => ({ fills, uncached: 0, exclusive: 0, cpuMs: 10 * fills, wallMs: 10 * fills, bounded: 0, boundedCpuMs: 0 });\n");
const FILES = ["a.spec.js", "b.spec.js", "c.spec.js"];
for (const file of FILES) {
    fs.writeFileSync(path.join(dir, file), [
        `require("./tests/support/plan-cache.ts").plan();`,
        `describe(${JSON.stringify(file)}, () => {`,
        // 40 ms of CPU, so the file's own CPU is measured, not zero.
        `    it("works", () => { const until = process.cpuUsage().user + 40000; while (process.cpuUsage().user < until); });`,
        `});`,
    ].join("\n"));
}
const timings = path.join(dir, "timings.json");
const plans = path.join(dir, "plans.jsonl");
// A previous run's files: replaced, not appended to.
fs.writeFileSync(timings, '{"file":"stale.spec.ts","ms":1,"cpuMs":1}\n');
fs.writeFileSync(plans, '{"pid":1,"fills":99,"uncached":0,"exclusive":0,"cpuMs":0,"bounded":0,"boundedCpuMs":0}\n');
const run = backgroundNode([
    path.join(ROOT, "node_modules", "mocha", "bin", "mocha.js"), "--parallel", "--jobs", "2",
    "--require", TS_LOADER_PATH, "--require", path.join(ROOT, "tests", "support", "worker-recorder.js"),
    "--reporter", path.join(ROOT, "tests", "support", "summary-reporter.js"), ...FILES,
], { cwd: dir, env: { ...process.env, SPEC_TIMINGS: timings, SPEC_PLANS: plans } });

describe("a parallel run's recorders (npm test)", function () {
    this.timeout(120_000);

    it("every file's time and CPU, measured in its worker, in one SPEC_TIMINGS; each worker's plan costs once, in SPEC_PLANS", async () => {
        const r = await run.result();
        assert.strictEqual(r.status, 0, r.stderr + r.stdout);
        assert.strictEqual(r.stdout.trimEnd().split("\n").pop(), "3 passed, 0 failed", "the closing line CI reads is the last");
        const rows = JSON.parse(fs.readFileSync(timings, "utf8")) as Array<{ file: string; pid: number; ms: number; cpuMs: number }>;
        assert.deepStrictEqual(rows.map((t) => t.file).sort(), FILES);
        for (const t of rows) assert.ok(t.cpuMs >= 40 && t.ms >= 40, `${t.file}: ${t.ms} ms, ${t.cpuMs} ms CPU`);
        assert.deepStrictEqual(rows.map((t) => t.ms), rows.map((t) => t.ms).sort((a, b) => b - a), "slowest first");
        // A worker's later line holds its earlier files' plans too: only its last one counts.
        const workers = parseSuitePlans(fs.readFileSync(plans, "utf8"));
        assert.ok(workers.length >= 1 && workers.length <= 2, `${workers.length} lines`);
        assert.strictEqual(workers.reduce((n, w) => n + w.fills, 0), FILES.length, "one plan per file, none counted twice");
        assert.ok(!workers.some((w) => w.pid === 1), "the stale line is gone");
        // Each file names the worker that ran it (tools/bench/spec-costs.ts tells the suite's processes by these pids).
        for (const t of rows) assert.ok(workers.some((w) => w.pid === t.pid), `${t.file} ran in pid ${t.pid}, not one of the workers ${workers.map((w) => w.pid)}`);
    });
});

describe("npm test's files (.mocharc.parallel.js)", () => {
    it("every spec file of the repository, once, longest first by the committed durations, a file not in them first", () => {
        const config = require("../.mocharc.parallel.js") as { spec: string[]; parallel: boolean; require: string[] };
        assert.strictEqual(config.parallel, true);
        assert.deepStrictEqual([...config.spec].sort(), repoFiles().filter((f) => /^tests\/.*\.spec\.ts$/.test(f)).sort(), "a spec file npm test would not run, or one it would run twice");
        const durations = new Map((require("./support/spec-durations.json") as Array<{ file: string; ms: number }>).map((r) => [r.file, r.ms]));
        const ms = config.spec.map((f) => durations.get(f) ?? Infinity);
        assert.deepStrictEqual(ms, [...ms].sort((a, b) => b - a));
    });
});
