import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { backgroundNode, removeWhenRunEnds } from "./support/background-child";
import { plainText } from "./support/plain-text";
import { main as check } from "../tools/check";
import { main as diff } from "../tools/diff";
import type { CliMain } from "../tools/engine/cli";
import { tsNodeArgs } from "../tools/engine/ts-loader";
import { main as plan } from "../tools/plan";

/**
 * Exit codes as a contract table (DESIGN.md, README "How to run"): 0 clean, 1 a mandatory
 * violation or a dangerous diff, 2 bad config or usage, 3 a crash. Run in-process through each
 * CLI's exported main, so what is asserted is the code the process would end with and what it
 * prints on stderr; the decisions themselves (runCli's crash mapping among them) are contract
 * tables in cli-decisions.spec.ts. The last block runs runCli and `npm run check` as child
 * processes, to prove the wiring from the process's exit code down to those decisions.
 */

type Main = CliMain;

async function exitOf(main: Main, argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
    // Under CI=true picocolors colours the report; the assertions read the text.
    return { code, out: plainText(out), err: plainText(err) };
}

const PLAN = path.join(__dirname, "fixtures", "plans");

// `npm run plan`'s bad-config and unknown-stack exits are in plan-cli.spec.ts (a child process).
describe("CLI exit codes: npm run plan", () => {
    it("an unknown option: exit 2 naming it; --help: exit 0", async () => {
        const r = await exitOf(plan, ["--stack", "staging", "--colud", "gcp"]);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /unknown option '--colud'/);
        assert.strictEqual((await exitOf(plan, ["--help"])).code, 0);
    });
});

describe("CLI exit codes: npm run check", function () {
    this.timeout(300_000);

    it("bad config for every pair: exit 2 (not 1: nothing was checked), each pair reported as a failed plan", async () => {
        const r = await exitOf(check, ["--config", "platform:database.size=huge"]);
        assert.strictEqual(r.code, 2, r.err);
        assert.strictEqual((r.out.match(/ERROR \w+\/\w+: the plan failed/g) ?? []).length, 6, r.out);
        assert.match(r.out, /platform:database\.size = "huge"/);
    });

    it("a malformed --config override: exit 2 with the message", async () => {
        const r = await exitOf(check, ["--config", "no-equals-sign"]);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /--config/);
    });

    it("an unreadable or invalid --policy-config: exit 2 before planning anything", async () => {
        const bad = path.join(removeWhenRunEnds(fs.mkdtempSync(path.join(os.tmpdir(), "check-"))), "pack.json");
        fs.writeFileSync(bad, JSON.stringify({ "no-such-policy": "mandatory" }));
        for (const file of [bad, path.join(os.tmpdir(), "does-not-exist.json")]) {
            const r = await exitOf(check, ["--policy-config", file]);
            assert.strictEqual(r.code, 2, file);
            assert.match(r.err, new RegExp(`^--policy-config ${file.replace(/[.]/g, "\\.")}: `));
            assert.strictEqual(r.out, "", "nothing planned");
        }
        // The whole message, as the process printed it (its exit status is the wiring block's, below).
        assert.strictEqual((await exitOf(check, ["--policy-config", bad])).err, `--policy-config ${bad}: policy config: no policy named "no-such-policy" in the pack\n`);
    });

    it("an unknown option: exit 2", async () => {
        assert.strictEqual((await exitOf(check, ["--stack", "production"])).code, 2);
    });

    it("an unknown cloud: exit 2 naming the key, the value and the clouds allowed, before planning", async () => {
        const r = await exitOf(check, ["--cloud", "aws,oracle"]);
        assert.deepStrictEqual([r.code, r.out, r.err], [2, "", 'check: --cloud "oracle": allowed: one of aws, gcp, azure\n']);
    });
});

describe("CLI exit codes: npm run diff", function () {
    this.timeout(120_000);
    const fixture = (name: string) => path.join(PLAN, name);

    it("usage errors: exit 2", async () => {
        for (const argv of [[], ["--base", "main", "--base-plan", "a.json", "--head-plan", "b.json"], ["--base-plan", "a.json"], ["--base-plan", "a.json", "--head-plan", "b.json", "--stack", "staging"]]) {
            const r = await exitOf(diff, argv);
            assert.strictEqual(r.code, 2, JSON.stringify(argv));
            assert.match(r.err, /^diff: /, JSON.stringify(argv));
        }
    });

    it("an unreadable plan file: exit 2 naming the file", async () => {
        const r = await exitOf(diff, ["--base-plan", "/nonexistent/a.json", "--head-plan", "/nonexistent/b.json"]);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /cannot read plan file \/nonexistent\/a\.json/);
    });

    it("the same plan on both sides: exit 0; a stateful delete: exit 1 unless --allow-stateful-replace", async () => {
        const plans = fs.readdirSync(PLAN).filter((f) => f.endsWith(".json"));
        assert.ok(plans.length > 0, "fixture plans");
        const one = fixture(plans[0]!);
        assert.strictEqual((await exitOf(diff, ["--base-plan", one, "--head-plan", one])).code, 0);
        const plan = JSON.parse(fs.readFileSync(one, "utf8"));
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diff-"));
        const head = path.join(dir, "head.json");
        fs.writeFileSync(head, JSON.stringify({ ...plan, resources: plan.resources.filter((r: { type: string }) => !/rds\/instance|sql\/databaseInstance|dbforpostgresql/i.test(r.type)) }));
        assert.strictEqual((await exitOf(diff, ["--base-plan", one, "--head-plan", head])).code, 1);
        assert.strictEqual((await exitOf(diff, ["--base-plan", one, "--head-plan", head, "--allow-stateful-replace"])).code, 0);
    });
});

describe("CLI exit codes: as child processes (the wiring)", function () {
    this.timeout(120_000);
    const ROOT = path.resolve(__dirname, "..");

    // Each started now, in the background (tests/support/background-child.ts), with stdout a pipe as spawnSync gave it.
    const script = `require("./tools/engine/cli").runCli("tool", async () => { process.stdout.write("x".repeat(1 << 20)); throw new TypeError("boom"); })`;
    const crash = backgroundNode(tsNodeArgs("-e", script), { cwd: ROOT });
    it("runCli ends the process with its decision: a crash exits 3, after a large stdout has drained", async () => {
        const r = await crash.result();
        assert.strictEqual(r.status, 3, r.stderr);
        assert.strictEqual(r.stdout.length, 1 << 20, "stdout arrives whole");
        assert.match(r.stderr, /^tool failed: TypeError: boom\n\s+at /);
    });
    const check = (...args: string[]) => backgroundNode(tsNodeArgs("tools/check.ts", ...args), { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });

    const unknownOption = check("--stack", "production");
    it("an unknown option: the process exits 2 naming it, nothing on stdout", async () => {
        const r = await unknownOption.result();
        assert.strictEqual(r.status, 2, r.stderr);
        assert.match(r.stderr, /^check: unknown option '--stack'; allowed options: --policy-config <file>, --config <KEY=VALUE>, --cloud <cloud>, --format <format>, --help\n$/);
        assert.strictEqual(r.stdout, "");
    });
});
