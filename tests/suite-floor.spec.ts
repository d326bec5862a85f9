import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { floorLine, floorVerdict, parseProcessLog, parseSuitePlans, SuitePlans, suiteFloor } from "../tools/bench/suite-floor";
import { tsNodeArgs } from "../tools/engine/ts-loader";
import { backgroundNode, removeWhenRunEnds } from "./support/background-child";
import { exclusively, planCosts, planUncached } from "./support/plan-cache";

/**
 * The bench's floor of `npm test` (tools/bench/suite-floor.ts) and the recorders it reads:
 * tests/support/process-cpu-log.js in every process, tests/support/summary-reporter.js (and, in
 * a parallel run, tests/support/worker-recorder.js in each worker) in the suite's own.
 */

const ROOT = path.resolve(__dirname, "..");
const suite: SuitePlans = { pid: 100, fills: 110, uncached: 6, exclusive: 4, cpuMs: 90_000, bounded: 160, boundedCpuMs: 6_400 };
const line = (pid: number, cpuMs: number, planned: boolean, argv = ["tools/plan.ts"]) => JSON.stringify({ pid, argv, cpuMs, planned });

// One process that plans and one that does not, each recording itself at exit.
const tmp = removeWhenRunEnds(fs.mkdtempSync(path.join(os.tmpdir(), "suite-floor-")));
const log = path.join(tmp, "processes.jsonl");
const recorded = { ...process.env, PLATFORM_PROCESS_CPU: log, NODE_OPTIONS: `--require ${path.join(ROOT, "tests", "support", "process-cpu-log.js")}` };
const planning = backgroundNode(tsNodeArgs("tools/plan.ts", "--stack", "staging", "--cloud", "gcp", "--format", "json"), { cwd: ROOT, env: recorded });
const idle = backgroundNode(tsNodeArgs("tools/plan.ts", "--help"), { cwd: ROOT, env: recorded });

describe("the suite's floor (npm run bench)", function () {
    this.timeout(120_000);

    it("counts the suite process's plans and every other process that planned, whole, divided by the cores", () => {
        const processes = parseProcessLog([line(100, 150_000, true), line(201, 2_000, true), line(202, 3_000, true), line(203, 400, false, ["/usr/bin/npm"]), ""].join("\n"));
        const floor = suiteFloor([suite], processes, 2);
        assert.deepStrictEqual(floor, {
            inProcess: { plans: 120, cpuMs: 90_000 },
            timeBounded: { plans: 160, cpuMs: 6_400 },
            planningChildren: { count: 2, cpuMs: 5_000 },
            otherProcesses: { count: 1, cpuMs: 400 },
            cores: 2,
            cpuMs: 95_000,
            wallMs: 47_500,
        });
    });

    it("sums every worker of a parallel run: each one's plans, and none of them counted again as a child that planned", () => {
        const worker = (pid: number, fills: number, cpuMs: number): SuitePlans => ({ pid, fills, uncached: 1, exclusive: 2, cpuMs, bounded: 10, boundedCpuMs: 400 });
        const workers = parseSuitePlans(`${JSON.stringify(worker(100, 70, 50_000))}\n${JSON.stringify({ ...worker(101, 60, 45_000), processCpuMs: 99_000 })}\n`);
        assert.deepStrictEqual(workers.map((w) => [w.pid, w.fills]), [[100, 70], [101, 60]]);
        // Both workers planned, so the recorder marks both; mocha's main process (300) never plans.
        const processes = parseProcessLog([line(100, 90_000, true), line(101, 80_000, true), line(201, 2_000, true), line(300, 900, false, ["node_modules/.bin/mocha"])].join("\n"));
        const floor = suiteFloor(workers, processes, 2);
        assert.deepStrictEqual(floor, {
            inProcess: { plans: 136, cpuMs: 95_000 },
            timeBounded: { plans: 20, cpuMs: 800 },
            planningChildren: { count: 1, cpuMs: 2_000 },
            otherProcesses: { count: 1, cpuMs: 900 },
            cores: 2,
            cpuMs: 97_000,
            wallMs: 48_500,
        });
        assert.throws(() => parseSuitePlans(`${JSON.stringify(worker(100, 1, 1))}\n${JSON.stringify(worker(100, 2, 2))}`), /SPEC_PLANS names process 100 twice/);
        assert.throws(() => parseSuitePlans(`${JSON.stringify(worker(100, 1, 1))}\n${JSON.stringify({ ...worker(101, 1, 1), fills: "many" })}`), /SPEC_PLANS line 2 is not \{pid, fills/);
    });

    it("states the floor in multiples of one plan beside the target, and whether the target is reachable", () => {
        const floor = suiteFloor([suite], parseProcessLog(line(201, 10_000, true)), 2);
        const below = floorLine(floor, 2_000, 20);
        assert.strictEqual(below,
            "floor of `npm test` on this machine: 120 plans in the suite's processes (90.0 s CPU) + 1 child processes that plan (10.0 s CPU)" +
            " = 100.0 s CPU ÷ 2 cores = 50.0 s wall = 25.0× one plan (2.0 s); the ≤ 20× target is below the floor: not reachable here without removing plans specs assert on" +
            " (not counted: 160 plans of time-bounded specs, 6.4 s CPU; 0 processes that never plan, 0.0 s CPU; and the rest of the suite process's work)");
        assert.deepStrictEqual([floorVerdict(20).reachable, floorVerdict(20.01).reachable, floorVerdict(5, 4).reachable], [true, false, false]);
        assert.match(floorLine(floor, 2_500, 20), /= 20\.0× one plan \(2\.5 s\); the ≤ 20× target is above the floor, so reachable in principle/);
        assert.match(floorLine(suiteFloor([suite], [], 4), 2_000, 20), /= 90\.0 s CPU ÷ 4 cores = 22\.5 s wall = 11\.3× one plan/);
    });

    it("rejects a log line that is not a record, naming its line number, and a core count below 1", () => {
        assert.throws(() => parseProcessLog(`${line(1, 5, true)}\n{"pid":2,"argv":[],"cpuMs":"fast","planned":true}`), /line 2 is not \{pid, argv, cpuMs, planned\}/);
        assert.throws(() => parseProcessLog(`${line(1, 5, true)}\n\n{not json`), /line 3 is not JSON: "\{not json"/);
        assert.throws(() => parseProcessLog(line(1, -1, true)), /line 1 is not/);
        assert.throws(() => suiteFloor([suite], [], 0), /cores must be at least 1, got 0/);
    });

    it("a time-bounded spec's plans are kept apart: counted, charged, but not among the plans the floor counts", async () => {
        const before = planCosts();
        const run = await planUncached({ stack: "staging", cloud: "gcp" }, { timeBounded: true });
        assert.ok(run.plan.resources.length > 50);
        const after = planCosts();
        assert.deepStrictEqual([after.bounded - before.bounded, after.uncached - before.uncached, after.cpuMs - before.cpuMs], [1, 0, 0]);
        assert.ok(after.boundedCpuMs - before.boundedCpuMs > 10, `charged ${after.boundedCpuMs - before.boundedCpuMs} ms`);
    });

    it("the plan queue charges each run its own CPU and wall time (what the reporter writes to SPEC_PLANS)", async () => {
        const before = planCosts();
        await exclusively(async () => {
            const until = process.cpuUsage().user + 30_000;
            while (process.cpuUsage().user < until); // 30 ms of CPU in the queue
        });
        const after = planCosts();
        assert.deepStrictEqual({ fills: after.fills, uncached: after.uncached, exclusive: after.exclusive }, { fills: before.fills, uncached: before.uncached, exclusive: before.exclusive + 1 });
        assert.ok(after.cpuMs - before.cpuMs >= 30, `charged ${after.cpuMs - before.cpuMs} ms of CPU`);
        assert.ok(after.wallMs > before.wallMs, "and its wall time");
    });

    it("the recorder marks the process that planned and the one that did not, each with its CPU", async () => {
        const [a, b] = await Promise.all([planning.result(), idle.result()]);
        assert.strictEqual(a.status, 0, a.stderr);
        assert.strictEqual(b.status, 0, b.stderr);
        assert.strictEqual(JSON.parse(a.stdout).cloud, "gcp", "the recorder leaves the child's output alone");
        const byArgs = new Map(parseProcessLog(fs.readFileSync(log, "utf8")).map((p) => [p.argv.slice(1).join(" "), p]));
        const planned = byArgs.get("--stack staging --cloud gcp --format json");
        const helped = byArgs.get("--help");
        assert.strictEqual(planned?.planned, true);
        assert.strictEqual(helped?.planned, false, "loading the SDK is not planning");
        assert.ok(planned!.cpuMs > helped!.cpuMs && helped!.cpuMs > 0, `${planned!.cpuMs} ms planning vs ${helped!.cpuMs} ms for --help`);
    });
});
