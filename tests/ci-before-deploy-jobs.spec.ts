import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { jobUrn, main, Runner, splitJobs } from "../tools/ci/before-deploy-jobs";

/*
 * tools/ci/before-deploy-jobs.ts (the deploy workflow's migration step) against a scripted
 * Pulumi CLI, and the workflow's step order around it.
 */

const ROOT = path.resolve(__dirname, "..");

function repo(jobs: Record<string, unknown>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "before-deploy-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: platform\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), `config:\n  platform:cloud: aws\n  platform:jobs: ${JSON.stringify(jobs)}\n`);
    return dir;
}

/** A runner that answers `pulumi stack output jobs` with `outputs` and exits `fail` for commands matching it. */
function scripted(outputs: Record<string, unknown> | undefined, fail?: RegExp) {
    const calls: string[] = [];
    const lines: string[] = [];
    const runner: Runner = {
        exec(command, args) {
            const line = [command, ...args].join(" ");
            calls.push(line);
            if (line.startsWith("pulumi stack output")) return outputs ? { status: 0, stdout: JSON.stringify(outputs) } : { status: 255, stdout: "" };
            return { status: fail?.test(line) ? 1 : 0, stdout: "" };
        },
        log: (l) => lines.push(l),
    };
    return { runner, calls, lines };
}

const JOBS = { migrate: { image: "x", command: ["m"], runBeforeDeploy: true }, report: { image: "x", command: ["r"] }, seed: { image: "x", command: ["s"], runBeforeDeploy: true } };
const OUTPUTS = {
    migrate: { runCommand: "echo migrate", runBeforeDeploy: true },
    report: { runCommand: "echo report", runBeforeDeploy: false },
    seed: { runCommand: "echo seed", runBeforeDeploy: true },
};
const base = { stack: "staging", pulumiStack: "acme/staging" };

describe("ci before-deploy jobs", () => {
    it("targets the deployed runBeforeDeploy jobs' components with their dependents, then runs each in order", () => {
        const { runner, calls } = scripted(OUTPUTS);
        assert.strictEqual(main({ ...base, phase: "before", root: repo(JOBS) }, runner), 0);
        const up = calls.find((c) => c.startsWith("pulumi up"))!;
        assert.ok(up.includes(`--target ${jobUrn("staging", "platform", "migrate")}`) && up.includes(`--target ${jobUrn("staging", "platform", "seed")}`));
        assert.ok(!up.includes("job-report"), "a job without runBeforeDeploy is not touched");
        assert.match(up, /--target-dependents/);
        assert.match(up, /--policy-pack policy/);
        const runs = calls.filter((c) => c.startsWith("bash"));
        assert.deepStrictEqual(runs, ["bash -euo pipefail -c echo migrate", "bash -euo pipefail -c echo seed"]);
        assert.ok(calls.indexOf(up) < calls.indexOf(runs[0]!), "the job definitions update before they run");
        assert.strictEqual(jobUrn("staging", "platform", "migrate"), "urn:pulumi:staging::platform::platform:components:Job::job-migrate");
    });

    it("stops at the first failing job (exit 1) and runs nothing after it", () => {
        const { runner, calls, lines } = scripted(OUTPUTS, /echo migrate/);
        assert.strictEqual(main({ ...base, phase: "before", root: repo(JOBS) }, runner), 1);
        assert.ok(!calls.some((c) => c.includes("echo seed")));
        assert.ok(lines.some((l) => /migrate failed: the deploy stops/.test(l)));
    });

    it("stops when the targeted up fails, before any job runs", () => {
        const { runner, calls } = scripted(OUTPUTS, /^pulumi up/);
        assert.strictEqual(main({ ...base, phase: "before", root: repo(JOBS) }, runner), 1);
        assert.ok(!calls.some((c) => c.startsWith("bash")));
    });

    it("first deploy (no jobs output yet): no targeted up, the jobs are deferred to after the full up", () => {
        const { runner, calls } = scripted(undefined);
        const out = path.join(repo(JOBS), "github-output");
        assert.strictEqual(main({ ...base, phase: "before", root: path.dirname(out), githubOutput: out }, runner), 0);
        assert.ok(!calls.some((c) => c.startsWith("pulumi up") || c.startsWith("bash")));
        assert.strictEqual(fs.readFileSync(out, "utf8"), "deferred=migrate,seed\n");
        const after = scripted(OUTPUTS, /echo seed/);
        assert.strictEqual(main({ ...base, phase: "after", jobs: ["migrate", "seed"], root: path.dirname(out) }, after.runner), 1, "a deferred job's failure fails the deploy");
        assert.deepStrictEqual(after.calls.filter((c) => c.startsWith("bash")), ["bash -euo pipefail -c echo migrate", "bash -euo pipefail -c echo seed"]);
    });

    it("a job added in this change is deferred while the deployed ones run before", () => {
        assert.deepStrictEqual(splitJobs(["migrate", "seed"], { migrate: OUTPUTS.migrate }), { run: ["migrate"], deferred: ["seed"] });
        assert.deepStrictEqual(splitJobs(["migrate"], undefined), { run: [], deferred: ["migrate"] });
    });

    it("no runBeforeDeploy job: nothing runs", () => {
        const { runner, calls } = scripted(OUTPUTS);
        assert.strictEqual(main({ ...base, phase: "before", root: repo({ report: JOBS.report }) }, runner), 0);
        assert.deepStrictEqual(calls, []);
    });

    for (const job of ["staging", "production"]) it(`deploy workflow: CLI, before-deploy jobs, then pulumi up, the deferred jobs, the smoke test (${job})`, () => {
        const wf = parse(fs.readFileSync(path.join(ROOT, ".github/workflows/deploy.yml"), "utf8"));
        const steps: Array<{ id?: string; name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown> }> = wf.jobs[job].steps;
        const at = (pred: (s: (typeof steps)[number]) => boolean, what: string) => { const i = steps.findIndex(pred); assert.ok(i >= 0, what); return i; };
        const login = at((s) => /configure-aws-credentials/.test(s.uses ?? ""), "cloud login");
        // production: the approved plan is applied after the jobs ran (up --plan)
        if (job === "production") assert.ok(steps.find((s) => s.id === "up")?.with?.plan, "production applies the saved plan");
        const cli = at((s) => /^pulumi\/actions@/.test(s.uses ?? "") && !s.with?.command, "CLI install");
        const before = at((s) => s.id === "before" && /before-deploy-jobs\.ts before /.test(s.run ?? ""), "before step");
        const up = at((s) => s.id === "up", "pulumi up");
        const after = at((s) => /before-deploy-jobs\.ts after /.test(s.run ?? ""), "after step");
        const smoke = at((s) => /smoke-test\.ts/.test(s.run ?? ""), "smoke test");
        assert.ok(login < cli && cli < before && before < up && up < after && after < smoke, `order ${[login, cli, before, up, after, smoke]}`);
        assert.strictEqual(steps[after]!.if, "steps.before.outputs.deferred != ''");
        assert.strictEqual(steps[cli]!.with!["pulumi-version-file"], ".pulumi-version");
    });
});
