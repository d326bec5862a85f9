import * as assert from "assert";
import { spawn, spawnSync } from "child_process";
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { comparePlans, DiffReport } from "../tools/engine/diff/compare";
import { addWorktree, fetchHint } from "../tools/engine/diff/plan-sides";
import { reportJson } from "../tools/engine/diff/render-json";
import { tsNodeArgs } from "../tools/engine/ts-loader";
import { planFileProblem } from "../tools/engine/exit/diff";
import { fixturePlan } from "../tools/sample-report";
import { main as diffMain } from "../tools/diff";
import { backgroundNode, BackgroundChild, removeWhenRunEnds } from "./support/background-child";
import { runMain } from "./support/cli-in-process";

/** The diff's machine-readable output, its inputs (saved plans, git refs) and their errors. */

const ROOT = resolve(__dirname, "..");
const FIXTURES = join(ROOT, "tests", "fixtures", "plans");
/** The diff CLI in its own process, started now in the background (tests/support/background-child.ts). */
const diffCli = (args: string[], env: NodeJS.ProcessEnv = {}) => backgroundNode(tsNodeArgs("tools/diff.ts", ...args), { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", ...env } });
/** The diff CLI over saved plan files, in this process (tests/support/cli-in-process.ts): what it prints and returns. */
const diff = (args: string[], env: Record<string, string> = {}) => runMain("diff", diffMain, args, env);
const git = (cwd: string, ...args: string[]) => {
    const r = spawnSync("git", args, { cwd, encoding: "utf8" });
    assert.strictEqual(r.status, 0, r.stderr);
    return r.stdout.trim();
};

describe("diff --format json", () => {
    const report: DiffReport = { baseLabel: "a.json", headLabel: "b.json", stacks: [comparePlans(fixturePlan("production-aws.base"), fixturePlan("production-aws.head"))], skipped: [], allowStatefulReplace: false };
    const json = reportJson(report);

    it("has exactly DESIGN.md's shape", () => {
        assert.deepStrictEqual(Object.keys(json), ["base", "head", "stacks"]);
        const stack = json.stacks[0];
        assert.deepStrictEqual(Object.keys(stack), ["stack", "cloud", "environment", "counts", "changes", "warnings", "policy"]);
        assert.deepStrictEqual(Object.keys(stack.counts), ["create", "update", "replace", "mayReplace", "delete"]);
        for (const c of stack.changes) {
            assert.deepStrictEqual(Object.keys(c), ["urn", "type", "name", "component", "action", "stateful", "properties"]);
            assert.ok(["create", "update", "replace", "may-replace", "delete"].includes(c.action), c.action);
            for (const p of c.properties) assert.deepStrictEqual(Object.keys(p), ["path", "before", "after", "forcesReplace"]);
        }
        for (const w of stack.warnings) assert.deepStrictEqual(Object.keys(w), ["kind", "urn", "message"]);
        assert.deepStrictEqual(Object.keys(stack.policy), ["introduced", "fixed"]);
    });

    it("counts are the changes tallied by action (custom resources only)", () => {
        const stack = json.stacks[0];
        const tally = (a: string) => stack.changes.filter((c) => c.action === a).length;
        assert.deepStrictEqual(stack.counts, { create: tally("create"), update: tally("update"), replace: tally("replace"), mayReplace: tally("may-replace"), delete: tally("delete") });
        assert.deepStrictEqual(stack.counts, { create: 1, update: 4, replace: 6, mayReplace: 1, delete: 1 });
        assert.ok(!stack.changes.some((c) => c.type.startsWith("platform:components:")));
    });

    it("properties: forcesReplace true/false/null, absent values null, secrets [secret]", () => {
        const stack = json.stacks[0];
        const byName = (n: string) => stack.changes.find((c) => c.name === n)!;
        assert.deepStrictEqual(byName("object-store-bucket").properties.find((p) => p.path === "bucket"), { path: "bucket", before: "acme-prod-data", after: "acme-prod-data-v2", forcesReplace: true });
        assert.deepStrictEqual(byName("service-api-service").properties, [{ path: "desiredCount", before: 3, after: 4, forcesReplace: false }]);
        assert.deepStrictEqual(byName("service-api-feature-flags").properties.find((p) => p.path === "value"), { path: "value", before: "beta=off", after: "[secret]", forcesReplace: null });
        assert.strictEqual(byName("database-postgres").component, "database");
        assert.strictEqual(byName("database-postgres").stateful, true);
        assert.deepStrictEqual(stack.warnings.map((w) => w.kind), ["stateful-replace", "stateful-replace", "guarded", "guarded"]);
        const text = JSON.stringify(json);
        for (const plan of [fixturePlan("production-aws.base"), fixturePlan("production-aws.head")]) {
            const secret = plan.resources.find((r) => r.name === "cache-replication-group" || r.name === "cache-redis")!.inputs.authToken;
            assert.strictEqual(secret, "[secret]");
        }
        assert.ok(!text.includes("beta=on"), "the secret's head value never appears");
    });

    it("the CLI prints it, and writes it with --output", async () => {
        const pair = ["--base-plan", join(FIXTURES, "production-aws.base.json"), "--head-plan", join(FIXTURES, "production-aws.head.json")];
        const r = await diff([...pair, "--format", "json"]);
        assert.strictEqual(r.status, 1, r.stderr);
        assert.deepStrictEqual(JSON.parse(r.stdout).stacks[0].counts, json.stacks[0].counts);
        const dir = mkdtempSync(join(tmpdir(), "diff-json-"));
        try {
            const out = join(dir, "diff.json");
            const w = await diff([...pair, "--format", "json", "--output", out]);
            assert.strictEqual(w.stdout, "");
            assert.deepStrictEqual(JSON.parse(readFileSync(out, "utf8")).stacks[0].counts, json.stacks[0].counts);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("diff: the PR comment (full report to a file, comment-sized copy beside it)", () => {
    it("--output writes the full Markdown, --comment-output the comment; the run link comes from GitHub's variables", async () => {
        const dir = mkdtempSync(join(tmpdir(), "diff-comment-"));
        try {
            const pair = ["--base-plan", join(FIXTURES, "production-aws.base.json"), "--head-plan", join(FIXTURES, "production-aws.head.json")];
            const env = { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/platform", GITHUB_RUN_ID: "4242" };
            const r = await diff([...pair, "--format", "markdown", "--output", join(dir, "full.md"), "--comment-output", join(dir, "comment.md"), "--artifact", "infrastructure-diff", "--head-sha", "0123456789abcdef0123"], env);
            assert.strictEqual(r.status, 1, r.stderr);
            const full = readFileSync(join(dir, "full.md"), "utf8");
            assert.ok(full.includes("· [workflow run](https://github.com/acme/platform/actions/runs/4242)."), full.slice(0, 400));
            assert.ok(full.includes("production-aws.head.json (0123456789ab)`"), "head labelled by its commit");
            assert.strictEqual(readFileSync(join(dir, "comment.md"), "utf8"), full, "a report that fits is posted whole");
            const stdout = await diff([...pair, "--format", "markdown", "--comment-output", "-"], env);
            assert.strictEqual(stdout.stdout, full.replace(" (0123456789ab)", ""));
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("diff: saved plan files", () => {
    const plan = JSON.stringify(fixturePlan("staging-aws.base"), null, 2);

    it("names what is wrong with a file that is not a plan JSON", () => {
        const banner = `\n> multicloud-platform@0.1.0 plan\n> node -r sucrase/register/ts tools/plan.ts --stack staging --format json\n\n${plan}`;
        assert.match(planFileProblem(banner)!, /^starts with npm's banner line '> multicloud-platform@0\.1\.0 plan' .*npm run -s plan -- … --format json > FILE.*--output FILE/);
        assert.strictEqual(planFileProblem(""), "is empty");
        assert.match(planFileProblem("Plan staging — cloud aws, environment staging\n")!, /text view: save it with --format json/);
        assert.match(planFileProblem("{\"resources\": [")!, /^is not JSON/);
        assert.match(planFileProblem(JSON.stringify({ base: "a", head: "b", stacks: [] }))!, /diff report/);
        assert.match(planFileProblem(JSON.stringify({ stack: "x", resources: [] }))!, /`cloud`, `environment`, `outputs`, `policy` missing/);
        assert.strictEqual(planFileProblem(plan), undefined);
    });

    it("the CLI reports it with the file name, exit 2", async () => {
        const dir = mkdtempSync(join(tmpdir(), "diff-banner-"));
        try {
            const file = join(dir, "before.json");
            writeFileSync(file, `\n> multicloud-platform@0.1.0 plan\n> node tools/plan.ts\n\n${plan}`);
            const r = await diff(["--base-plan", file, "--head-plan", join(FIXTURES, "staging-aws.head.json")]);
            assert.strictEqual(r.status, 2);
            assert.ok(r.stderr.startsWith(`diff: ${file} is not a plan JSON: it starts with npm's banner line`), r.stderr);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    const dir = removeWhenRunEnds(mkdtempSync(join(tmpdir(), "plan-output-")));
    const file = join(dir, "plan.json");
    // Not silent (`npm test --silent` would pass its log level down): npm prints its banner.
    const npmPlan = new BackgroundChild({ command: "npm", args: ["run", "plan", "--", "--stack", "staging", "--cloud", "aws", "--format", "json", "--output", file], cwd: ROOT, env: { ...process.env, npm_config_loglevel: "notice" } });
    it("npm run plan -- --output FILE writes a clean plan JSON (npm's banner stays on stdout)", async function () {
        this.timeout(60_000);
        try {
            const r = await npmPlan.result();
            assert.strictEqual(r.status, 0, r.stderr);
            assert.match(r.stdout, /> multicloud-platform@/, "npm printed its banner");
            const text = readFileSync(file, "utf8");
            assert.strictEqual(planFileProblem(text), undefined);
            assert.strictEqual(JSON.parse(text).stack, "staging");
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("diff --base: the base ref and its dependencies", function () {
    this.timeout(180_000);
    let repo: string;
    let clone: string;
    const lockfile = (extra: Record<string, unknown>) => JSON.stringify({ name: "base-deps", version: "1.0.0", lockfileVersion: 3, requires: true, packages: { "": { name: "base-deps", version: "1.0.0", ...extra }, ...("dependencies" in extra ? { "node_modules/picocolors": { version: "1.1.1", resolved: "https://registry.npmjs.org/picocolors/-/picocolors-1.1.1.tgz", integrity: readLock().packages["node_modules/picocolors"].integrity, license: "ISC" } } : {}) } }, null, 2);
    function readLock() {
        return JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { integrity: string }> };
    }

    before(() => {
        const top = mkdtempSync(join(tmpdir(), "diff-base-"));
        repo = join(top, "repo");
        clone = join(top, "clone");
        spawnSync("git", ["init", "-q", "-b", "main", repo]);
        for (const [k, v] of [["user.email", "t@example.com"], ["user.name", "t"]]) git(repo, "config", k, v);
        writeFileSync(join(repo, "package.json"), JSON.stringify({ name: "base-deps", version: "1.0.0", dependencies: { picocolors: "1.1.1" } }));
        writeFileSync(join(repo, "package-lock.json"), lockfile({ dependencies: { picocolors: "1.1.1" } }));
        git(repo, "add", "-A");
        git(repo, "commit", "-qm", "base");
        git(repo, "checkout", "-qb", "feature");
        git(repo, "commit", "-q", "--allow-empty", "-m", "feature");
        spawnSync("git", ["clone", "-q", "--depth", "1", "--branch", "feature", `file://${repo}`, clone]);
    });
    after(() => rmSync(resolve(repo, ".."), { recursive: true, force: true }));

    it("a missing ref in a shallow clone: the message gives the git fetch that fixes it, and it works", () => {
        assert.throws(() => addWorktree(clone, "origin/main"), (err: Error) => {
            assert.match(err.message, /^origin\/main does not resolve to a commit: this clone is shallow \(actions\/checkout fetches one commit unless fetch-depth: 0\), so the ref is not here; fetch it with: git fetch --no-tags --depth=1 origin main:refs\/remotes\/origin\/main$/);
            return true;
        });
        git(clone, ...fetchHint(clone, "origin/main").split("fetch it with: git ")[1].split(" "));
        const wt = addWorktree(clone, "origin/main");
        wt.remove();
    });

    it("the same package-lock.json: the repository's node_modules is linked in", () => {
        const wt = addWorktree(repo, "main");
        try {
            assert.strictEqual(wt.dependencies, "linked");
        } finally {
            wt.remove();
        }
    });

    it("a different package-lock.json: the base gets its own npm ci", () => {
        writeFileSync(join(repo, "package-lock.json"), lockfile({}));
        try {
            const wt = addWorktree(repo, "main");
            try {
                assert.strictEqual(wt.dependencies, "installed");
                assert.ok(!lstatSync(join(wt.path, "node_modules")).isSymbolicLink());
                assert.ok(existsSync(join(wt.path, "node_modules", "picocolors", "package.json")), "the base's own dependency installed");
            } finally {
                wt.remove();
            }
            assert.ok(!existsSync(wt.path));
        } finally {
            git(repo, "checkout", "-q", "--", "package-lock.json");
        }
    });

    it("a --base run stopped mid-plan (Ctrl-C, a CI cancel) removes its worktree and dies of that signal", async function () {
        this.timeout(120_000);
        // Its own TMPDIR, so that its worktree is told apart from any other run's.
        const tmp = mkdtempSync(join(tmpdir(), "diff-interrupted-"));
        const registered = () => git(ROOT, "worktree", "list", "--porcelain").split("\n").filter((l) => l.startsWith(`worktree ${tmp}`));
        try {
            const child = spawn(process.execPath, tsNodeArgs("tools/diff.ts", "--base", "HEAD", "--stack", "staging", "--cloud", "aws"), { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", TMPDIR: tmp }, stdio: ["ignore", "ignore", "pipe"] });
            let stderr = "";
            const ended = new Promise<NodeJS.Signals | null>((done) => child.once("close", (_code, signal) => done(signal)));
            await new Promise<void>((planning, failed) => {
                child.stderr!.on("data", (b: Buffer) => {
                    stderr += b.toString();
                    if (/planning \d+ stack\(s\) on each side/.test(stderr)) planning();
                });
                child.once("close", () => failed(new Error(`diff ended before planning: ${stderr}`)));
            });
            assert.strictEqual(registered().length, 1, "the base's worktree is registered while it plans");
            child.kill("SIGTERM");
            assert.strictEqual(await ended, "SIGTERM", stderr);
            assert.deepStrictEqual(registered(), [], "no worktree left registered");
        } finally {
            rmSync(tmp, { recursive: true, force: true });
            spawnSync("git", ["worktree", "prune"], { cwd: ROOT });
        }
    });

    const wholeRun = diffCli(["--base", "HEAD", "--stack", "staging", "--cloud", "aws", "--format", "json"]);
    it("the whole --base run labels the head by its commit (text and JSON)", async function () {
        this.timeout(120_000);
        const r = await wholeRun.result();
        assert.strictEqual(r.status, 0, r.stderr);
        const out = JSON.parse(r.stdout);
        const sha = git(ROOT, "rev-parse", "HEAD").slice(0, 12);
        assert.match(out.head, new RegExp(`^${sha}( \\+ uncommitted changes)?$`));
        assert.strictEqual(out.base, `HEAD (${sha})`);
        assert.strictEqual(out.stacks[0].stack, "staging");
    });
});
