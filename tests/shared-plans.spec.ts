import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TS_LOADER_PATH } from "../tools/engine/ts-loader";
import { backgroundNode, removeWhenRunEnds } from "./support/background-child";
import * as v8 from "v8";
import { planFor } from "./support/plan-cache";
import { plainThrough, sharedPlan, SHARED_PLANS_ENV, Sharing } from "./support/shared-plans";

/*
 * The workers of one `npm test` run share their plans (tests/support/shared-plans.ts): the first
 * to ask for a variant plans it, the other reads it or waits for it. Here two callers in this
 * process stand for the two workers (the claim is a file, so a process cannot tell), and a real
 * parallel run of two workers checks that the run's directory reaches both and is gone at the end.
 */

const ROOT = path.resolve(__dirname, "..");

/** Runs `body` with PLATFORM_SHARED_PLANS naming a fresh directory, restoring the variable after. */
async function inRun<T>(body: (dir: string) => Promise<T>): Promise<T> {
    const saved = process.env[SHARED_PLANS_ENV];
    const dir = removeWhenRunEnds(fs.mkdtempSync(path.join(os.tmpdir(), "shared-plans-spec-")));
    process.env[SHARED_PLANS_ENV] = dir;
    try {
        return await body(dir);
    } finally {
        if (saved === undefined) delete process.env[SHARED_PLANS_ENV];
        else process.env[SHARED_PLANS_ENV] = saved;
    }
}

const PLAN = { plan: { stack: "staging", resources: [{ urn: "urn:a", inputs: { n: 1, none: undefined, list: [1, "x", null] } }] }, recorded: [] };
const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("plans shared between the workers of a run (tests/support/shared-plans.ts)", () => {
    it("the first caller plans; a later one reads an equal copy and plans nothing", async () => {
        await inRun(async () => {
            const heard: Sharing[] = [];
            const first = await sharedPlan("k", async () => PLAN, (h) => heard.push(h));
            const second = await sharedPlan<typeof PLAN>("k", () => Promise.reject(new Error("planned twice")), (h) => heard.push(h));
            assert.strictEqual(first, PLAN, "the claimant keeps its own result");
            assert.notStrictEqual(second, PLAN);
            assert.deepStrictEqual(second, PLAN, "the copy differs from the plan");
            assert.ok("none" in second.plan.resources[0]!.inputs, "an undefined input was dropped");
            assert.deepStrictEqual(heard, ["planned", "read"]);
        });
    });

    it("a caller that finds the variant claimed waits for the claimant's plan instead of planning it", async () => {
        await inRun(async () => {
            const heard: Sharing[] = [];
            const first = sharedPlan("k", () => later(150, PLAN), (h) => heard.push(h));
            const second = sharedPlan<typeof PLAN>("k", () => Promise.reject(new Error("planned twice")), (h) => heard.push(h));
            assert.deepStrictEqual(await second, PLAN);
            assert.strictEqual(await first, PLAN);
            assert.deepStrictEqual(heard, ["planned", "read"]);
        });
    });

    it("a failed plan is not shared: the other caller plans it and gets its own outcome", async () => {
        await inRun(async () => {
            const heard: Sharing[] = [];
            const first = sharedPlan("k", () => later(50, undefined).then(() => Promise.reject(new Error("bad config"))), (h) => heard.push(h));
            const second = sharedPlan("k", () => Promise.reject(new Error("bad config, again")), (h) => heard.push(h));
            await assert.rejects(first, /^Error: bad config$/);
            await assert.rejects(second, /bad config, again/);
            assert.deepStrictEqual(heard, ["unshared"]);
        });
    });

    it("a plan a structured clone would change (a class instance, a function) is not shared", async () => {
        class Tagged {
            tag = "x";
        }
        await inRun(async () => {
            const heard: Sharing[] = [];
            await sharedPlan("k", async () => ({ plan: { at: new Tagged() } }), (h) => heard.push(h));
            const own = { plan: { fresh: true } };
            assert.strictEqual(await sharedPlan("k", async () => own, (h) => heard.push(h)), own);
            assert.deepStrictEqual(heard, ["planned", "unshared"]);
        });
        assert.strictEqual(plainThrough({ a: [1, "b", null, undefined, { c: true }] }), true);
        for (const bad of [{ a: new Tagged() }, { a: () => 1 }, [Symbol("s")], { d: new Date(0) }]) assert.strictEqual(plainThrough(bad), false, String(Object.keys(bad)));
    });

    for (const runtime of ["managed", "kubernetes"]) {
        it(`a real plan (azure/staging, ${runtime}) is plain data, so it is shared, and its copy is equal to it`, async function () {
            this.timeout(120_000);
            // Variants other specs plan too (tests/plan-cache.spec.ts, tests/deploy-rules.spec.ts).
            const run = await planFor("staging", "azure", runtime === "managed" ? ["platform:network.zones=1", "platform:database.highAvailability=true"] : ["platform:compute.runtime=kubernetes"]);
            assert.strictEqual(plainThrough(run), true, "a plan holds something a structured clone would change: no plan would be shared");
            assert.deepStrictEqual(v8.deserialize(v8.serialize(run)), run);
        });
    }

    it("keys apart: another variant is planned for itself", async () => {
        await inRun(async () => {
            const heard: Sharing[] = [];
            await sharedPlan("k1", async () => PLAN, (h) => heard.push(h));
            const other = { plan: { other: true } };
            assert.strictEqual(await sharedPlan("k2", async () => other, (h) => heard.push(h)), other);
            assert.deepStrictEqual(heard, ["planned", "planned"]);
        });
    });

    it("outside a run (no directory named, or one that is gone) every caller plans for itself", async () => {
        const saved = process.env[SHARED_PLANS_ENV];
        try {
            for (const dir of [undefined, path.join(os.tmpdir(), "shared-plans-gone-" + process.pid)]) {
                if (dir === undefined) delete process.env[SHARED_PLANS_ENV];
                else process.env[SHARED_PLANS_ENV] = dir;
                const heard: Sharing[] = [];
                await sharedPlan("k", async () => PLAN, (h) => heard.push(h));
                await sharedPlan("k", async () => PLAN, (h) => heard.push(h));
                assert.deepStrictEqual(heard, ["unshared", "unshared"]);
            }
        } finally {
            if (saved === undefined) delete process.env[SHARED_PLANS_ENV];
            else process.env[SHARED_PLANS_ENV] = saved;
        }
    });

    describe("in a parallel run of two workers (the run's directory from shared-plans-run.js)", function () {
        this.timeout(120_000);
        // Two spec files, one per worker, ask for one variant at the same time; each writes what it got.
        const dir = removeWhenRunEnds(fs.mkdtempSync(path.join(os.tmpdir(), "shared-plans-run-")));
        const sharedModule = path.join(ROOT, "tests", "support", "shared-plans.ts");
        for (const file of ["a.spec.js", "b.spec.js"]) {
            fs.writeFileSync(path.join(dir, file), [
                `const fs = require("fs");`,
                `const { sharedPlan } = require(${JSON.stringify(sharedModule)});`,
                `it("plans or reads", async () => {`,
                `    let how;`,
                `    const run = await sharedPlan("variant", () => new Promise((r) => setTimeout(() => r({ by: process.pid }), 300)), (h) => (how = h));`,
                `    fs.writeFileSync(${JSON.stringify(dir)} + "/${file}.json", JSON.stringify({ pid: process.pid, how, run, dir: process.env.${SHARED_PLANS_ENV} }));`,
                `});`,
            ].join("\n"));
        }
        const run = backgroundNode([
            path.join(ROOT, "node_modules", "mocha", "bin", "mocha.js"), "--parallel", "--jobs", "2",
            "--require", TS_LOADER_PATH, "--require", path.join(ROOT, "tests", "support", "shared-plans-run.js"), "a.spec.js", "b.spec.js",
        ], { cwd: dir });

        it("one worker plans, the other reads its plan, and the directory is removed when the run ends", async () => {
            const r = await run.result();
            assert.strictEqual(r.status, 0, r.stderr + r.stdout);
            const seen = ["a", "b"].map((f) => JSON.parse(fs.readFileSync(path.join(dir, `${f}.spec.js.json`), "utf8")) as { pid: number; how: Sharing; run: { by: number }; dir: string });
            assert.notStrictEqual(seen[0]!.pid, seen[1]!.pid, "both files ran in one worker");
            assert.deepStrictEqual(seen.map((s) => s.how).sort(), ["planned", "read"]);
            const planner = seen.find((s) => s.how === "planned")!;
            for (const s of seen) assert.deepStrictEqual(s.run, { by: planner.pid });
            assert.strictEqual(seen[0]!.dir, seen[1]!.dir, "the workers got different directories");
            assert.notStrictEqual(seen[0]!.dir, process.env[SHARED_PLANS_ENV], "the run reused its parent's directory");
            assert.ok(!fs.existsSync(seen[0]!.dir), `${seen[0]!.dir} is left after the run`);
        });
    });
});
