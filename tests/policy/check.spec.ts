import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main as checkMain } from "../../tools/check";
import { tsNodeArgs } from "../../tools/engine/ts-loader";
import { backgroundNode, removeWhenRunEnds } from "../support/background-child";
import { runMain } from "../support/cli-in-process";

const ROOT = path.resolve(__dirname, "..", "..");

/** `npm run check` in its own process, started now in the background (tests/support/background-child.ts). */
const check = (args: string[]) => backgroundNode(tsNodeArgs("tools/check.ts", ...args), { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
/**
 * check's `main` in the suite's process (tests/support/cli-in-process.ts): what it prints and
 * returns, without a child's start-up; the committed run above stays end to end in a process.
 */
const checkHere = (args: string[]) => runMain("check", checkMain, args);

describe("npm run check", () => {
    const committed = check([]);
    it("passes on the committed stacks: a report per pair, exit 0", async () => {
        const r = await committed.result();
        assert.strictEqual(r.status, 0, r.stdout + r.stderr);
        for (const pair of ["aws/production", "aws/staging", "gcp/production", "gcp/staging", "azure/production", "azure/staging"]) {
            assert.match(r.stdout, new RegExp(`(PASS|SKIP) ${pair}`), pair);
        }
        assert.match(r.stdout, /check: \d pair\(s\) checked, \d skipped, 0 mandatory violation\(s\), 0 failing pair\(s\)/);
    });

    const dir = removeWhenRunEnds(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")));
    const strict = path.join(dir, "strict.json");
    fs.writeFileSync(strict, JSON.stringify({ "aws-rds-require-backup-retention": { minimumBackupRetentionDays: { production: 35, staging: 7 } } }));
    const tightened = () => checkHere(["--policy-config", strict]);
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ "aws-s3-require-versioning": { exemptions: [{ pattern: "x" }] } }));
    const badConfig = () => checkHere(["--policy-config", bad]);
    it("fails with a readable report when a guard is tightened beyond the program (exit 1), and on a bad pack config (exit 2)", async () => {
        const r = await tightened();
        assert.strictEqual(r.status, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /FAIL aws\/production: \d+ resources, 1 mandatory/);
        assert.match(r.stdout.replace(/\n\s+/g, " "), /aws-rds-require-backup-retention: .* backups are kept less than the 35-day minimum for production .* "database-instance": found 30\. Fix: set platform:database\.backupRetentionDays to 35 or more in the stack config \(it sets backupRetentionPeriod\)\./);
        const b = await badConfig();
        assert.strictEqual(b.status, 2, b.stdout + b.stderr);
        assert.match(b.stderr, /aws-s3-require-versioning\.exemptions\[0\]: "reason" is required/);
    });
});
