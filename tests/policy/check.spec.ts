import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { tsNodeArgs } from "../../tools/engine/ts-loader";

const ROOT = path.resolve(__dirname, "..", "..");

function check(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, tsNodeArgs("tools/check.ts", ...args), { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run check", () => {
    it("passes on the committed stacks: a report per pair, exit 0", () => {
        const r = check([]);
        assert.strictEqual(r.status, 0, r.stdout + r.stderr);
        for (const pair of ["aws/production", "aws/staging", "gcp/production", "gcp/staging", "azure/production", "azure/staging"]) {
            assert.match(r.stdout, new RegExp(`(PASS|SKIP) ${pair}`), pair);
        }
        assert.match(r.stdout, /check: \d pair\(s\) checked, \d skipped, 0 mandatory violation\(s\), 0 failing pair\(s\)/);
    });

    it("fails with a readable report when a guard is tightened beyond the program (exit 1), and on a bad pack config (exit 2)", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
        const strict = path.join(dir, "strict.json");
        fs.writeFileSync(strict, JSON.stringify({ "aws-rds-require-backup-retention": { minimumBackupRetentionDays: { production: 35, staging: 7 } } }));
        const r = check(["--policy-config", strict]);
        assert.strictEqual(r.status, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /FAIL aws\/production: \d+ resources, 1 mandatory/);
        assert.match(r.stdout.replace(/\n\s+/g, " "), /aws-rds-require-backup-retention: .* backups are kept less than the 35-day minimum for production .* "database-instance": found 30\. Fix: set platform:database\.backupRetentionDays to 35 or more in the stack config \(it sets backupRetentionPeriod\)\./);
        const bad = path.join(dir, "bad.json");
        fs.writeFileSync(bad, JSON.stringify({ "aws-s3-require-versioning": { exemptions: [{ pattern: "x" }] } }));
        const b = check(["--policy-config", bad]);
        assert.strictEqual(b.status, 2, b.stdout + b.stderr);
        assert.match(b.stderr, /aws-s3-require-versioning\.exemptions\[0\]: "reason" is required/);
    });
});
