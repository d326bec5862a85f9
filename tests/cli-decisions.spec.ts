import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Command, Option } from "commander";
import { ConfigError } from "../components/config";
import { PACK_ENFORCEMENT_LEVEL, policies } from "../policy/policies";
import type { Plan } from "../tools/engine/plan";
import { comparePlans, DiffReport } from "../tools/engine/diff/compare";
import { cloudListParser, collectList, errorExit, exitOnUserError, isUserError, parseArgs, runCli } from "../tools/engine/cli";
import { checkExitCode, failedStatus, isFailing, PairStatus, plannedStatus, readPolicyConfig, stopExit } from "../tools/engine/exit/check";
import { checkSides, diffExitCode, DiffSides, gitReportVerdict, planFileProblem, readPlan } from "../tools/engine/exit/diff";
import { planExitCode } from "../tools/engine/exit/plan";
import { PolicyConfigError, reconcileConfig } from "../tools/engine/policies";
import { UsageError } from "../tools/engine/stack-config";

/**
 * The CLIs' exit decisions as contract tables, in-process (DESIGN.md "Exit codes", README "How
 * to run"): 0 clean, 1 a mandatory violation or a dangerous diff, 2 bad config or usage, 3 a
 * crash; and what each prints on stderr. cli-exit.spec.ts runs the same decisions through each
 * command's main; plan-cli.spec.ts, diff-cli.spec.ts and cli-exit.spec.ts's last block prove the
 * wiring in child processes.
 */

/** What a decision wrote on stderr, and the decision. */
function recorded<T>(decide: (writeErr: (s: string) => void) => T): { result: T; stderr: string } {
    let stderr = "";
    const result = decide((s) => void (stderr += s));
    return { result, stderr };
}

/** The error a call throws (and fails the test when it throws none). */
function thrown(f: () => unknown): unknown {
    try {
        f();
    } catch (err) {
        return err;
    }
    assert.fail("expected it to throw");
}

const STACK_TRACE = /\n\s+at /;

describe("CLI decisions: runCli, shared by every command", () => {
    async function runCliExit(main: () => Promise<number>): Promise<{ code: number; err: string }> {
        let err = "";
        let code = -1;
        await runCli("tool", main, { err: (s) => void (err += s), exit: (c) => void (code = c) });
        return { code, err };
    }

    for (const code of [0, 1, 2]) {
        it(`exits with the code its command returns (${code}), printing nothing`, async () => {
            assert.deepStrictEqual(await runCliExit(async () => code), { code, err: "" });
        });
    }

    it("bad stack config that escapes a command: exit 2 with the message alone, no stack trace", async () => {
        const r = await runCliExit(async () => {
            throw new ConfigError([{ key: "platform:cache.nodes", value: 9, allowed: "1 to 6" }]);
        });
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /platform:cache\.nodes = 9: allowed: 1 to 6\n$/);
        assert.ok(!STACK_TRACE.test(r.err), r.err);
    });

    it("a usage error: exit 2 with the message alone", async () => {
        const r = await runCliExit(async () => {
            throw new UsageError("no stack file Pulumi.nope.yaml");
        });
        assert.deepStrictEqual(r, { code: 2, err: "no stack file Pulumi.nope.yaml\n" });
    });

    it("a crash: exit 3 (never 1, which means a violation), naming the tool, with the stack", async () => {
        const r = await runCliExit(async () => {
            throw new TypeError("cannot read properties of undefined");
        });
        assert.strictEqual(r.code, 3);
        assert.match(r.err, /^tool failed: TypeError: cannot read properties of undefined\n\s+at /);
    });

    it("a crash with a non-Error value: exit 3 with the value", async () => {
        const r = await runCliExit(() => Promise.reject("boom"));
        assert.deepStrictEqual(r, { code: 3, err: "tool failed: boom\n" });
    });

    it("by default: the message on the process's stderr, and the process ends with the code once stdout and stderr have drained", async () => {
        const r = await onProcess(() => runCli("tool", async () => Promise.reject(new UsageError("no stack file Pulumi.nope.yaml"))));
        assert.deepStrictEqual(r, { stdout: "", stderr: "no stack file Pulumi.nope.yaml\n", exits: [2] });
    });
});

/**
 * Runs `f` with the process's stdout, stderr and exit recorded instead of used (each write's
 * callback called, as a drained stream does), and restored after.
 */
async function onProcess(f: () => unknown): Promise<{ stdout: string; stderr: string; exits: number[] }> {
    const rec = { stdout: "", stderr: "", exits: [] as number[] };
    const real = { out: process.stdout.write, err: process.stderr.write, exit: process.exit };
    const writer = (stream: "stdout" | "stderr") =>
        ((chunk: string, ...rest: unknown[]) => {
            rec[stream] += chunk;
            const done = rest.find((a) => typeof a === "function") as (() => void) | undefined;
            done?.();
            return true;
        }) as typeof process.stdout.write;
    process.stdout.write = writer("stdout");
    process.stderr.write = writer("stderr");
    process.exit = ((code: number) => void rec.exits.push(code)) as typeof process.exit;
    try {
        await f();
    } finally {
        Object.assign(process.stdout, { write: real.out });
        Object.assign(process.stderr, { write: real.err });
        process.exit = real.exit;
    }
    return rec;
}

describe("CLI decisions: which errors are the user's (exit 2) and which a crash (exit 3)", () => {
    const noStack = Object.assign(new Error("no stack here"), { stack: undefined });
    const cases: Array<{ what: string; err: unknown; code: 2 | 3; stderr: string | RegExp }> = [
        { what: "bad stack config", err: new ConfigError([{ key: "platform:database.size", value: "huge", allowed: "small, medium, large" }]), code: 2, stderr: /^Invalid stack config.*platform:database\.size = "huge": allowed: small, medium, large\n$/s },
        { what: "a usage error", err: new UsageError("--config x: allowed: KEY=VALUE"), code: 2, stderr: "--config x: allowed: KEY=VALUE\n" },
        { what: "a bug (an Error)", err: new RangeError("index out of range"), code: 3, stderr: /^plan failed: RangeError: index out of range\n\s+at / },
        { what: "a policy-config error escaping a command (a bug: check stops on it itself)", err: new PolicyConfigError("policy config: x"), code: 3, stderr: /^plan failed: Error: policy config: x\n\s+at / },
        { what: "an Error without a stack", err: noStack, code: 3, stderr: "plan failed: no stack here\n" },
        { what: "a thrown string", err: "boom", code: 3, stderr: "plan failed: boom\n" },
        { what: "a thrown undefined", err: undefined, code: 3, stderr: "plan failed: undefined\n" },
    ];
    for (const c of cases) {
        it(`${c.what}: exit ${c.code}`, () => {
            const exit = errorExit("plan", c.err);
            assert.strictEqual(exit.code, c.code);
            if (typeof c.stderr === "string") assert.strictEqual(exit.stderr, c.stderr);
            else assert.match(exit.stderr, c.stderr);
            if (c.code === 2) assert.ok(!STACK_TRACE.test(exit.stderr), "a user error carries no stack trace");
            assert.strictEqual(isUserError(c.err), c.code === 2);
        });
    }

    it("a command's own catch: a user error prints its message after the command's prefix and returns 2", () => {
        const r = recorded((w) => exitOnUserError(new UsageError("give --base <git-ref>"), w, "diff: "));
        assert.deepStrictEqual(r, { result: 2, stderr: "diff: give --base <git-ref>\n" });
        const config = recorded((w) => exitOnUserError(new ConfigError([{ key: "platform:cache.nodes", value: 0, allowed: "1 to 6" }]), w));
        assert.strictEqual(config.result, 2);
        assert.match(config.stderr, /^Invalid stack config.*platform:cache\.nodes = 0/s);
    });

    it("a command's own catch: anything else is rethrown as it is (runCli turns it into 3), printing nothing", () => {
        const bug = new TypeError("x is undefined");
        const r = recorded((w) => thrown(() => exitOnUserError(bug, w, "diff: ")));
        assert.deepStrictEqual(r, { result: bug, stderr: "" });
    });
});

describe("CLI decisions: arguments (parseArgs, every command's argv)", () => {
    /** A command with every kind of option the CLIs use: required, choices, repeatable, optional value, a flag, a short name. */
    function program(): Command {
        return new Command("tool")
            .requiredOption("-s, --stack <name>", "stack")
            .addOption(new Option("--cloud <cloud>", "cloud").choices(["aws", "gcp"]))
            .option("--config <KEY=VALUE>", "override", (v: string, acc: string[]) => [...acc, v], [] as string[])
            .option("--output [file]", "output")
            .option("--allow", "a flag", false)
            .version("1.2.3", "--version")
            .configureOutput({ writeOut: () => undefined });
    }
    const ALLOWED = "allowed options: --stack <name>, --cloud <cloud>, --config <KEY=VALUE>, --output [file], --allow, --version, --help";

    const cases: Array<{ argv: string[]; code?: 0 | 2; stderr?: string; opts?: Record<string, unknown> }> = [
        { argv: ["--stack", "prod"], opts: { stack: "prod", config: [], allow: false } },
        { argv: ["-s", "prod", "--cloud", "gcp", "--config", "a=1", "--config", "b=2", "--allow"], opts: { stack: "prod", cloud: "gcp", config: ["a=1", "b=2"], allow: true } },
        { argv: ["--stack=prod", "--output", "out.json"], opts: { stack: "prod", output: "out.json", config: [], allow: false } },
        { argv: ["--help"], code: 0, stderr: "" },
        { argv: ["-h"], code: 0, stderr: "" },
        { argv: ["--version"], code: 0, stderr: "" },
        { argv: ["--stack", "prod", "--colud", "gcp"], code: 2, stderr: `tool: unknown option '--colud'; ${ALLOWED}\n` },
        // Commander names the missing --stack first; the typo is the real mistake.
        { argv: ["--colud", "gcp"], code: 2, stderr: `tool: unknown option '--colud'; ${ALLOWED}\n` },
        { argv: ["--colud=gcp", "--stak", "x"], code: 2, stderr: `tool: unknown option '--colud', '--stak'; ${ALLOWED}\n` },
        { argv: ["--stack", "prod", "-x"], code: 2, stderr: `tool: unknown option '-x'; ${ALLOWED}\n` },
        // A known short name is no unknown option, and takes its value like the long one.
        { argv: ["-s", "prod", "extra"], code: 2, stderr: `tool: unexpected argument "extra" (this command takes options only); ${ALLOWED}\n` },
        // --help shows the help whatever else is there; after an error commander reports first, it is no unknown option.
        { argv: ["--colud", "gcp", "-h"], code: 0, stderr: "" },
        { argv: ["--stack", "prod", "--cloud", "oracle", "--help"], code: 2, stderr: "tool: option '--cloud <cloud>' argument 'oracle' is invalid. Allowed choices are aws, gcp\n" },
        { argv: ["--stack", "prod", "--cloud", "oracle", "-h"], code: 2, stderr: "tool: option '--cloud <cloud>' argument 'oracle' is invalid. Allowed choices are aws, gcp\n" },
        { argv: ["--stack", "prod", "extra"], code: 2, stderr: `tool: unexpected argument "extra" (this command takes options only); ${ALLOWED}\n` },
        { argv: ["--stack=prod", "a", "-"], code: 2, stderr: `tool: unexpected arguments "a", "-" (this command takes options only); ${ALLOWED}\n` },
        { argv: ["--stack", "prod", "--", "--cloud"], code: 2, stderr: `tool: unexpected argument "--cloud" (this command takes options only); ${ALLOWED}\n` },
        // A flag takes no value, so the word after it is an operand; an optional value is taken.
        { argv: ["--stack", "prod", "--allow", "yes"], code: 2, stderr: `tool: unexpected argument "yes" (this command takes options only); ${ALLOWED}\n` },
        { argv: ["-s", "prod", "--output", "f", "--config", "k=v"], opts: { stack: "prod", output: "f", config: ["k=v"], allow: false } },
        { argv: [], code: 2, stderr: `tool: required option '-s, --stack <name>' not specified; ${ALLOWED}\n` },
        { argv: ["--stack"], code: 2, stderr: `tool: option '-s, --stack <name>' argument missing; ${ALLOWED}\n` },
        // A bad value names the allowed values itself: no list of options after it.
        { argv: ["--stack", "prod", "--cloud", "oracle"], code: 2, stderr: "tool: option '--cloud <cloud>' argument 'oracle' is invalid. Allowed choices are aws, gcp\n" },
    ];
    for (const c of cases) {
        it(`${JSON.stringify(c.argv)}: ${c.code === undefined ? "go on" : `exit ${c.code}`}`, () => {
            const p = program();
            const r = recorded((w) => parseArgs(p, c.argv, w));
            assert.deepStrictEqual(r, { result: c.code, stderr: c.stderr ?? "" });
            if (c.opts) assert.deepStrictEqual(p.opts(), c.opts);
        });
    }

    it("by default: the one line on the process's stderr, none of commander's own output", async () => {
        const r = await onProcess(() => assert.strictEqual(parseArgs(program(), ["--stack", "prod", "--colud", "gcp"]), 2));
        assert.deepStrictEqual(r, { stdout: "", stderr: `tool: unknown option '--colud'; ${ALLOWED}\n`, exits: [] });
    });

    it("an option parser's own error (diff's --cloud) is not a commander error: it reaches the command as it is", () => {
        const p = new Command("diff").addOption(new Option("--cloud <cloud>").argParser(cloudListParser(["aws"])));
        const err = thrown(() => parseArgs(p, ["--cloud", "oracle"], () => assert.fail("nothing printed")));
        assert.ok(err instanceof UsageError);
        assert.strictEqual(err.message, '--cloud "oracle": allowed: one of aws');
    });
});

describe("CLI decisions: npm run plan", () => {
    const plan = (...levels: string[]) => ({ policy: { violations: levels.map((level) => ({ level }) as { level: "advisory" | "mandatory" | "remediate" }) } });
    const cases: Array<[string[], 0 | 1]> = [
        [[], 0],
        [["advisory"], 0],
        [["remediate"], 0],
        [["advisory", "advisory"], 0],
        [["mandatory"], 1],
        [["advisory", "mandatory"], 1],
        [["mandatory", "advisory"], 1],
    ];
    for (const [levels, code] of cases) {
        it(`violations ${JSON.stringify(levels)}: exit ${code}`, () => assert.strictEqual(planExitCode(plan(...levels)), code));
    }
});

describe("CLI decisions: npm run check", () => {
    it("a pair that planned fails on a mandatory violation only", () => {
        assert.strictEqual(plannedStatus([]), "ok");
        assert.strictEqual(plannedStatus([{ level: "advisory" }, { level: "remediate" }]), "ok");
        assert.strictEqual(plannedStatus([{ level: "advisory" }, { level: "mandatory" }]), "violations");
    });

    describe("a pair whose plan threw", () => {
        const noStack = Object.assign(new Error("half-built"), { stack: undefined });
        const cases: Array<{ what: string; err: unknown; status: string; note: string | RegExp }> = [
            { what: "a cloud not available yet", err: new Error("cloud oracle: not available yet"), status: "skipped", note: "skipped: not implemented" },
            { what: "a cloud not available yet (thrown as a string)", err: "oracle is not available yet", status: "skipped", note: "skipped: not implemented" },
            { what: "bad stack config", err: new ConfigError([{ key: "platform:database.size", value: "huge", allowed: "small, medium, large" }]), status: "config-error", note: /platform:database\.size = "huge": allowed: small, medium, large$/ },
            { what: "a bug", err: new TypeError("x is undefined"), status: "error", note: /^TypeError: x is undefined\n\s+at / },
            { what: "a bug without a stack", err: noStack, status: "error", note: "half-built" },
            { what: "a thrown string", err: "boom", status: "error", note: "boom" },
        ];
        for (const c of cases) {
            it(`${c.what}: ${c.status}`, () => {
                const r = failedStatus(c.err);
                assert.strictEqual(r.status, c.status);
                if (typeof c.note === "string") assert.strictEqual(r.note, c.note);
                else assert.match(r.note, c.note);
                if (c.status === "config-error") assert.ok(!STACK_TRACE.test(r.note), "bad config is reported by its message");
            });
        }
        for (const err of [new UsageError("--config x: allowed: KEY=VALUE"), new PolicyConfigError("policy config: no policy named \"x\" in the pack")]) {
            it(`${err.constructor.name}: the same for every pair, so it stops the check (rethrown)`, () => assert.strictEqual(thrown(() => failedStatus(err)), err));
        }
    });

    it("which pairs fail the check", () => {
        const failing: Record<PairStatus, boolean> = { ok: false, skipped: false, violations: true, error: true, "config-error": true };
        for (const [status, fails] of Object.entries(failing)) assert.strictEqual(isFailing(status as PairStatus), fails, status);
    });

    const exits: Array<[PairStatus[], 0 | 1 | 2]> = [
        [[], 0],
        [["ok", "ok"], 0],
        [["ok", "skipped"], 0],
        [["skipped", "skipped"], 0],
        [["ok", "violations"], 1],
        [["error", "ok"], 1],
        [["skipped", "violations", "error"], 1],
        [["config-error"], 2],
        [["ok", "config-error"], 2],
        [["violations", "config-error", "error"], 2],
    ];
    for (const [statuses, code] of exits) {
        it(`pairs ${JSON.stringify(statuses)}: exit ${code}`, () => assert.strictEqual(checkExitCode(statuses), code));
    }

    describe("--policy-config, read before anything is planned", () => {
        const reconcile = (c: unknown) => reconcileConfig(policies, PACK_ENFORCEMENT_LEVEL, c as never);
        const file = (text: string) => {
            const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), "pack.json");
            fs.writeFileSync(f, text);
            return f;
        };
        const name = policies[0]!.name;

        it("not given: nothing read, nothing reconciled", () => {
            assert.strictEqual(readPolicyConfig(undefined, () => assert.fail("reconciled"), () => assert.fail("read")), undefined);
        });

        it("a valid file: its config, reconciled with the pack", () => {
            const seen: unknown[] = [];
            const f = file(JSON.stringify({ [name]: "advisory" }));
            assert.deepStrictEqual(readPolicyConfig(f, (c) => seen.push(c)), { [name]: "advisory" });
            assert.deepStrictEqual(seen, [{ [name]: "advisory" }]);
            assert.deepStrictEqual(readPolicyConfig(f, reconcile), { [name]: "advisory" });
        });

        const bad: Array<{ what: string; file: () => string; message: RegExp }> = [
            { what: "a missing file", file: () => path.join(os.tmpdir(), "no-such-dir-21b", "pack.json"), message: /ENOENT/ },
            { what: "not JSON", file: () => file("{ mandatory"), message: /JSON/ },
            { what: "an unknown policy", file: () => file(JSON.stringify({ "no-such-policy": "mandatory" })), message: /: policy config: no policy named "no-such-policy" in the pack$/ },
            { what: "an unknown enforcement level", file: () => file(JSON.stringify({ [name]: "loud" })), message: /enforcementLevel "loud" is not one of/ },
        ];
        for (const b of bad) {
            it(`${b.what}: a usage error naming the file (exit 2)`, () => {
                const f = b.file();
                const err = thrown(() => readPolicyConfig(f, reconcile));
                assert.ok(err instanceof UsageError, String(err));
                assert.ok(err.message.startsWith(`--policy-config ${f}: `), err.message);
                assert.match(err.message, b.message);
            });
        }
    });

    it("what stops the check: usage, stack config and policy config print their message and exit 2; a bug is rethrown (exit 3)", () => {
        assert.deepStrictEqual(recorded((w) => stopExit(new UsageError("--policy-config p.json: ENOENT"), w)), { result: 2, stderr: "--policy-config p.json: ENOENT\n" });
        assert.deepStrictEqual(recorded((w) => stopExit(new PolicyConfigError('policy config: no policy named "x" in the pack'), w)), { result: 2, stderr: 'policy config: no policy named "x" in the pack\n' });
        const config = recorded((w) => stopExit(new ConfigError([{ key: "platform:cache.nodes", value: 0, allowed: "1 to 6" }]), w));
        assert.strictEqual(config.result, 2);
        assert.match(config.stderr, /platform:cache\.nodes = 0: allowed: 1 to 6\n$/);
        const bug = new TypeError("render failed");
        assert.deepStrictEqual(recorded((w) => thrown(() => stopExit(bug, w))), { result: bug, stderr: "" });
    });
});

describe("CLI decisions: npm run diff", () => {
    const sides = (o: Partial<DiffSides>): DiffSides => ({ stack: [], cloud: [], ...o });
    const cases: Array<{ opts: Partial<DiffSides>; problem?: string }> = [
        { opts: { base: "main" } },
        { opts: { base: "main", stack: ["staging"], cloud: ["gcp"] } },
        { opts: { basePlan: "a.json", headPlan: "b.json" } },
        { opts: {}, problem: "give --base <git-ref>, or --base-plan <a.json> --head-plan <b.json>" },
        { opts: { stack: ["staging"] }, problem: "give --base <git-ref>, or --base-plan <a.json> --head-plan <b.json>" },
        { opts: { base: "main", basePlan: "a.json", headPlan: "b.json" }, problem: "give either --base <git-ref> or --base-plan/--head-plan, not both" },
        { opts: { base: "main", headPlan: "b.json" }, problem: "give either --base <git-ref> or --base-plan/--head-plan, not both" },
        { opts: { basePlan: "a.json" }, problem: "--base-plan and --head-plan go together" },
        { opts: { headPlan: "b.json" }, problem: "--base-plan and --head-plan go together" },
        { opts: { basePlan: "a.json", headPlan: "b.json", stack: ["staging"] }, problem: "--stack/--cloud apply to --base only (a plan file is one stack)" },
        { opts: { basePlan: "a.json", headPlan: "b.json", cloud: ["aws"] }, problem: "--stack/--cloud apply to --base only (a plan file is one stack)" },
    ];
    for (const c of cases) {
        it(`sides ${JSON.stringify(c.opts)}: ${c.problem ? "a usage error (exit 2)" : "go on"}`, () => {
            if (!c.problem) return checkSides(sides(c.opts));
            const err = thrown(() => checkSides(sides(c.opts)));
            assert.ok(err instanceof UsageError);
            assert.strictEqual(err.message, c.problem);
        });
    }

    it("--stack and --cloud: repeatable and comma-separated, blanks dropped; --cloud only the registry's clouds", () => {
        assert.deepStrictEqual(collectList(" staging , ,production", ["qa"]), ["qa", "staging", "production"]);
        const cloud = cloudListParser(["aws", "gcp", "azure"]);
        assert.deepStrictEqual(cloud("aws,gcp"), ["aws", "gcp"]);
        assert.deepStrictEqual(cloud("azure", ["aws"]), ["aws", "azure"]);
        for (const [value, bad] of [["oracle", "oracle"], ["aws, AWS", "AWS"], ["gcp,azur", "azur"]]) {
            const err = thrown(() => cloud(value!));
            assert.ok(err instanceof UsageError);
            assert.strictEqual(err.message, `--cloud ${JSON.stringify(bad)}: allowed: one of aws, gcp, azure`);
        }
    });

    const PLANS = path.join(__dirname, "fixtures", "plans");
    const fixture = fs.readFileSync(path.join(PLANS, "staging-aws.base.json"), "utf8");
    const planJson = JSON.parse(fixture) as Plan;
    const without = (key: string) => JSON.stringify(Object.fromEntries(Object.entries(planJson).filter(([k]) => k !== key)));
    const problems: Array<{ what: string; text: string; problem: string | RegExp | undefined }> = [
        { what: "a plan", text: fixture, problem: undefined },
        { what: "a plan after blank lines", text: `\n  \n${fixture}`, problem: undefined },
        { what: "empty", text: "", problem: "is empty" },
        { what: "blank lines only", text: "\n   \n\t\n", problem: "is empty" },
        { what: "npm's banner first", text: `\n> multicloud-platform@0.1.0 plan /a/very/long/path/to/the/checkout/of/the/repository\n${fixture}`, problem: /^starts with npm's banner line '> multicloud-platform@0\.1\.0 plan \/a\/very\/long\/path\/to\/the\/ch' \(npm prints it on stdout\): save plans with `npm run -s plan -- … --format json > FILE` or `npm run plan -- … --format json --output FILE`$/ },
        { what: "the text view", text: "Plan staging — cloud aws, environment staging\n", problem: "holds the plan's text view: save it with --format json" },
        { what: "not JSON", text: "{\"resources\": [", problem: /^is not JSON \(.+\); it starts with '\{"resources": \['$/ },
        { what: "not JSON, indented", text: "   {\"resources\": [", problem: /^is not JSON \(.+\); it starts with '\{"resources": \['$/ },
        { what: "not JSON, a long first line", text: `${"x".repeat(70)}\n`, problem: /^is not JSON \(.+\); it starts with 'x{60}'$/ },
        { what: "an indented text view", text: "  Plan staging — cloud aws, environment staging\n", problem: "holds the plan's text view: save it with --format json" },
        { what: "an indented npm banner", text: "  > multicloud-platform@0.1.0 plan\n", problem: /^starts with npm's banner line '> multicloud-platform@0\.1\.0 plan' / },
        { what: "prose that mentions a plan (only the text view's own title line counts)", text: "Notes: Plan staging — cloud aws looked fine\n", problem: /^is not JSON / },
        { what: "JSON null", text: "null", problem: "is JSON but not a plan object" },
        { what: "a JSON list", text: "[1, 2]", problem: "is JSON but not a plan object" },
        { what: "a JSON number", text: "42", problem: "is JSON but not a plan object" },
        { what: "a diff report", text: JSON.stringify({ baseLabel: "a", headLabel: "b", stacks: [] }), problem: "is a diff report (npm run diff -- --format json), not a plan" },
        { what: "a plan without `outputs`", text: without("outputs"), problem: "is JSON but not a plan: `outputs` missing" },
        { what: "a plan without `stack` and `policy`", text: JSON.stringify({ cloud: "aws", environment: "staging", resources: [], outputs: {} }), problem: "is JSON but not a plan: `stack`, `policy` missing" },
        { what: "`resources` not a list", text: JSON.stringify({ ...planJson, resources: {} }), problem: "is JSON but `resources` is not a list" },
        { what: "no `policy.violations`", text: JSON.stringify({ ...planJson, policy: {} }), problem: "is JSON but `policy.violations` is not a list" },
        { what: "`policy` null", text: JSON.stringify({ ...planJson, policy: null }), problem: "is JSON but `policy.violations` is not a list" },
        { what: "`policy.violations` not a list", text: JSON.stringify({ ...planJson, policy: { violations: "none" } }), problem: "is JSON but `policy.violations` is not a list" },
    ];
    for (const p of problems) {
        it(`a plan file that is ${p.what}: ${p.problem === undefined ? "read" : "refused"}`, () => {
            const problem = planFileProblem(p.text);
            if (p.problem === undefined || typeof p.problem === "string") assert.strictEqual(problem, p.problem);
            else assert.match(String(problem), p.problem);
        });
    }

    it("reading a plan file: the plan, or a usage error (exit 2) naming the file and what is wrong", () => {
        assert.deepStrictEqual(readPlan(path.join(PLANS, "staging-aws.base.json")), planJson);
        assert.deepStrictEqual(readPlan("any.json", () => fixture), planJson);
        const unreadable = thrown(() => readPlan("/nonexistent/a.json"));
        assert.ok(unreadable instanceof UsageError);
        assert.match(unreadable.message, /^cannot read plan file \/nonexistent\/a\.json: ENOENT/);
        const empty = thrown(() => readPlan("empty.json", () => "\n"));
        assert.ok(empty instanceof UsageError);
        assert.strictEqual(empty.message, "empty.json is not a plan JSON: it is empty");
    });

    describe("a --base report once every stack was planned", () => {
        const stack = () => comparePlans(planJson, planJson);
        const skipped = [
            { stack: "staging", cloud: "azure", reason: "head does not plan (exit 2): bad config" },
            { stack: "production", cloud: "azure", reason: "head does not plan (exit 3): crashed" },
        ];
        const report = (stacks: ReturnType<typeof stack>[]): DiffReport => ({ baseLabel: "main", headLabel: "head", stacks, skipped: [...skipped], allowStatefulReplace: false });

        it("no stack planned on the head side: a usage error (exit 2) saying why for each", () => {
            for (const named of [false, true]) {
                const err = thrown(() => gitReportVerdict(report([]), named));
                assert.ok(err instanceof UsageError);
                assert.strictEqual(err.message, "no stack planned on the head side: staging·azure: head does not plan (exit 2): bad config; production·azure: head does not plan (exit 3): crashed");
            }
        });

        it("a stack the user named did not plan: exit 2; one they did not name: listed as skipped, exit as the report says", () => {
            const named = gitReportVerdict(report([stack()]), true);
            assert.strictEqual(diffExitCode(named), 2);
            assert.deepStrictEqual(named.skipped, skipped);
            const unnamed = gitReportVerdict(report([stack()]), false);
            assert.strictEqual(unnamed.failed, undefined);
            assert.strictEqual(diffExitCode(unnamed), 0);
            assert.deepStrictEqual(unnamed.skipped, skipped);
        });
    });

    describe("the exit code of a report", () => {
        const head = JSON.parse(fs.readFileSync(path.join(PLANS, "staging-aws.head.json"), "utf8")) as Plan;
        const dropped = { ...planJson, resources: planJson.resources.filter((r) => r.type !== "aws:rds/instance:Instance") };
        const report = (base: Plan, h: Plan, extra: Partial<DiffReport & { failed: boolean }> = {}) => ({ baseLabel: "base", headLabel: "head", stacks: [comparePlans(base, h)], skipped: [], allowStatefulReplace: false, ...extra });
        const cases: Array<{ what: string; report: () => DiffReport & { failed?: boolean }; code: number }> = [
            { what: "the same plan on both sides", report: () => report(planJson, planJson), code: 0 },
            { what: "changes to nothing stateful", report: () => report(planJson, head), code: 0 },
            { what: "the database deleted", report: () => report(planJson, dropped), code: 1 },
            { what: "the database deleted, --allow-stateful-replace", report: () => report(planJson, dropped, { allowStatefulReplace: true }), code: 0 },
            { what: "a named stack that did not plan on the head", report: () => report(planJson, planJson, { failed: true }), code: 2 },
            { what: "a named stack that did not plan, and the database deleted", report: () => report(planJson, dropped, { failed: true }), code: 2 },
            { what: "a named stack that did not plan, --allow-stateful-replace", report: () => report(planJson, planJson, { failed: true, allowStatefulReplace: true }), code: 2 },
        ];
        for (const c of cases) it(`${c.what}: exit ${c.code}`, () => assert.strictEqual(diffExitCode(c.report()), c.code));
    });
});
