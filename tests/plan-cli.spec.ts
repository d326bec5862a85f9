import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { tsNodeArgs } from "../tools/engine/ts-loader";
import { main as planMain } from "../tools/plan";
import { backgroundNode } from "./support/background-child";
import { runMain } from "./support/cli-in-process";

/**
 * `npm run plan`: DESIGN.md's JSON shape end to end in a child process; the text view and the
 * exit codes through the CLI's main in this process (tests/support/cli-in-process.ts; the exit
 * status a shell sees is tests/cli-exit.spec.ts's).
 */

const ROOT = path.resolve(__dirname, "..");
/** The plan CLI in its own process, started now in the background (tests/support/background-child.ts). */
function plan(args: string[], env: NodeJS.ProcessEnv = {}) {
    return backgroundNode(tsNodeArgs("tools/plan.ts", ...args), { cwd: ROOT, env: { ...process.env, ...env, NO_COLOR: "1" } });
}
const planHere = (args: string[], env: Record<string, string> = {}) => runMain("plan", planMain, args, env);

describe("npm run plan (CLI)", function () {
    this.timeout(120_000);

    const json = plan(["--stack", "staging", "--cloud", "gcp", "--format", "json"]);
    it("--format json: exactly DESIGN.md's shape, secrets as [secret], exit 0", async () => {
        const r = await json.result();
        assert.strictEqual(r.status, 0, r.stderr);
        const p = JSON.parse(r.stdout);
        assert.deepStrictEqual(Object.keys(p).sort(), ["cloud", "environment", "outputs", "policy", "resources", "stack"]);
        assert.deepStrictEqual([p.stack, p.cloud, p.environment], ["staging", "gcp", "staging"]);
        for (const res of p.resources) {
            for (const key of ["urn", "type", "name", "custom", "inputs", "options"]) assert.ok(key in res, `${res.urn} lacks ${key}`);
            for (const key of ["protect", "retainOnDelete"]) assert.strictEqual(typeof res.options[key], "boolean", `${res.urn} options.${key}`);
            if (res.custom && !res.type.startsWith("pulumi:providers:")) assert.match(res.options.provider, /::pulumi:providers:/);
        }
        assert.deepStrictEqual(p.policy, { violations: [] });
        assert.ok(r.stdout.includes('"[secret]"'), "secret inputs print as [secret]");
        assert.ok(!/"mock-[0-9a-f]{24}"/.test(r.stdout), "no generated password in the output");
    });

    it("text: the component tree with key settings (the images by digest among them), a summary and the policy result", async () => {
        const digest = (svc: string, hex: string) => `ghcr.io/acme/${svc}@sha256:${hex.repeat(64)}`;
        const pins = [["api", "a"], ["web", "b"], ["worker", "c"]].flatMap(([svc, hex]) => ["--config", `platform:services.${svc}.image=${digest(svc!, hex!)}`]);
        const r = await planHere(["--stack", "production", ...pins]);
        assert.strictEqual(r.status, 0, r.stderr);
        for (const [svc, hex] of [["api", "a"], ["web", "b"], ["worker", "c"]]) assert.ok(r.stdout.includes(`image=${digest(svc!, hex!)}`), `${svc}'s digest in the text view`);
        assert.match(r.stdout, /^Plan production — cloud aws, environment production/);
        assert.match(r.stdout, /■ platform:components:Database database\n/);
        assert.match(r.stdout, /aws:rds\/instance:Instance database-instance \[protected\]/);
        assert.match(r.stdout, /multiAz=true/);
        assert.match(r.stdout, /backupRetentionPeriod=30/);
        assert.match(r.stdout, /Summary: \d+ resources in \d+ components \(\+\d+ provider objects\), \d+ protected/);
        // The policy result is the last line, after the outputs, where it cannot scroll away.
        assert.ok(r.stdout.endsWith("Policy: no violations\n"), `images by digest satisfy the (advisory) digest policy: ${r.stdout.slice(-300)}`);
        assert.ok(r.stdout.indexOf("Outputs:") < r.stdout.indexOf("Summary:"));
        for (const line of r.stdout.split("\n")) {
            // Settings wrap at 120 columns (only an unbreakable type name or value may be longer).
            if (line.includes("=")) assert.ok([...line].length <= 120, `${[...line].length}: ${line}`);
        }
        assert.ok(!/mock-[0-9a-f]{24}/.test(r.stdout), "no generated password in the text view");
    });

    it("text: a production image by tag is an advisory violation, not a failure", async () => {
        const r = await planHere(["--stack", "production"]);
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stdout, /image=ghcr\.io\/acme\/api:1\.4\.2/);
        // The text view wraps at 120 columns: compare with the wrapping folded.
        assert.match(r.stdout.replace(/\n\s+/g, " "), /advisory aws-ecs-require-image-digest: .*? container api runs an image by mutable tag/);
        assert.doesNotMatch(r.stdout, /mandatory /);
    });

    it("exit 1 on a mandatory policy violation, naming it", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-policy-"));
        const strict = path.join(dir, "strict.json");
        fs.writeFileSync(strict, JSON.stringify({ "aws-rds-require-backup-retention": { minimumBackupRetentionDays: { production: 30, staging: 14 } } }));
        const r = await planHere(["--stack", "staging"], { PLATFORM_POLICY_CONFIG: strict });
        assert.strictEqual(r.status, 1, r.stderr);
        assert.match(r.stdout, /mandatory aws-rds-require-backup-retention: [\s\S]*found 7/);
        // The fix names the config key the user sets, not the resource argument.
        assert.match(r.stdout.replace(/\n\s+/g, " "), /Fix: set platform:database\.backupRetentionDays to 14 or more in the stack config \(it sets backupRetentionPeriod\)\./);
    });

    it("exit 2 on bad config, naming the key, the value and what is allowed, and printing no plan", async () => {
        const r = await planHere(["--stack", "staging", "--config", "platform:database.size=huge"]);
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /platform:database.size = "huge": allowed: one of small, medium, large/);
        assert.strictEqual(r.stdout, "");
    });

    it("exit 2 on usage errors: unknown stack, unknown cloud, malformed --config", async () => {
        const unknownStack = await planHere(["--stack", "prod"]);
        assert.strictEqual(unknownStack.status, 2);
        assert.match(unknownStack.stderr, /no file Pulumi.prod.yaml; allowed: production, staging/);
        assert.strictEqual((await planHere(["--stack", "staging", "--cloud", "oracle"])).status, 2);
        assert.strictEqual((await planHere(["--stack", "staging", "--config", "nonsense"])).status, 2);
    });
});
