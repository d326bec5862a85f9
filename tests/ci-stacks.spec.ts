import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { tsNodeArgs } from "../tools/engine/ts-loader";
import { backgroundNode, removeWhenRunEnds } from "./support/background-child";
import { committedStackNames, HOSTED_RUNNER, howToCreate, main as stacksMain, requireCommittedStack, stackMatrix } from "../tools/ci/stacks";
import { runMain } from "./support/cli-in-process";

/**
 * tools/ci/stacks.ts, the workflows' one source of truth for which stacks exist: the committed
 * Pulumi.<stack>.yaml files, each read for its own cloud, environment and runtime.
 */

const ROOT = path.resolve(__dirname, "..");

/** A git repository holding this project's Pulumi.yaml and the given stack files, all committed. */
function repoWith(stacks: Record<string, string>): string {
    const dir = removeWhenRunEnds(fs.mkdtempSync(path.join(os.tmpdir(), "ci-stacks-")));
    const git = (...args: string[]) => execFileSync("git", ["-C", dir, "-c", "user.email=ci@example.com", "-c", "user.name=ci", ...args]);
    git("init", "-q");
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    for (const [name, text] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), text);
    git("add", ".");
    git("commit", "-qm", "stacks");
    return dir;
}

const stackFile = (cloud: string, environment: string, extra = "") =>
    `config:\n  platform:cloud: ${cloud}\n  platform:environment: ${environment}\n${extra}`;

describe("ci stacks: the committed stack files are the matrix", () => {
    it("this repository's matrix is exactly its committed stack files", () => {
        const tracked = execFileSync("git", ["-C", ROOT, "ls-files", "Pulumi.*.yaml"], { encoding: "utf8" }).trim().split("\n").sort();
        assert.deepStrictEqual(committedStackNames().map((s) => `Pulumi.${s}.yaml`), tracked);
        const rows = stackMatrix();
        assert.deepStrictEqual(rows.map((r) => `Pulumi.${r.stack}.yaml`), tracked);
        // The two environment templates are AWS: an AWS-only team previews and deploys them, on hosted runners.
        for (const name of ["production", "staging"]) {
            const row = rows.find((r) => r.stack === name)!;
            assert.deepStrictEqual([row.cloud, row.environment, row.runtime, row.runner], ["aws", name, "managed", HOSTED_RUNNER]);
        }
    });

    it("adding a committed production-gcp adds exactly that row; an untracked file adds nothing", () => {
        const dir = repoWith({
            production: stackFile("aws", "production"),
            staging: stackFile("aws", "staging"),
            "production-gcp": stackFile("gcp", "production", "  platform:compute:\n    runtime: kubernetes\n"),
        });
        fs.writeFileSync(path.join(dir, "Pulumi.staging-azure.yaml"), stackFile("azure", "staging"));
        const all = stackMatrix({}, dir);
        assert.deepStrictEqual(all.map((r) => r.stack), ["production", "production-gcp", "staging"]);
        const production = stackMatrix({ environment: "production" }, dir);
        assert.deepStrictEqual(production.map((r) => r.stack), ["production", "production-gcp"]);
        const gcp = production.find((r) => r.stack === "production-gcp")!;
        assert.deepStrictEqual([gcp.cloud, gcp.runtime, gcp.runner], ["gcp", "kubernetes", ["self-hosted", "platform-private", "gcp"]]);
        assert.deepStrictEqual(stackMatrix({ environment: "production", privateRunnerLabel: "vpc-runners" }, dir)[1]!.runner, ["self-hosted", "vpc-runners", "gcp"]);
        assert.deepStrictEqual(stackMatrix({ stack: "production-gcp", environment: "staging" }, dir), []);
    });

    it("a stack file's own cloud and environment decide, and a bad one names the file, key, value and what is allowed", () => {
        const dir = repoWith({ "production-eu": stackFile("aws", "production"), broken: stackFile("aws-eu", "production"), noenv: "config:\n  platform:cloud: gcp\n" });
        assert.throws(() => stackMatrix({}, dir), /Pulumi\.broken\.yaml: platform:cloud is "aws-eu"; allowed: aws \| gcp \| azure/);
        execFileSync("git", ["-C", dir, "rm", "-q", "Pulumi.broken.yaml"]);
        assert.throws(() => stackMatrix({}, dir), /Pulumi\.noenv\.yaml: platform:environment is not set; allowed: production \| staging/);
        assert.deepStrictEqual(requireCommittedStack("production-eu", dir).cloud, "aws");
    });

    it("a committed stack never carries the release phase (the deploy workflow's per-run promote / rollback switch)", () => {
        const dir = repoWith({ staging: `${stackFile("gcp", "staging")}  platform:compute:\n    releasePhase: promote\n` });
        assert.throws(() => requireCommittedStack("staging", dir), /Pulumi\.staging\.yaml: platform:compute\.releasePhase is "promote"; allowed: not set in a committed stack/);
        const ok = repoWith({ staging: `${stackFile("gcp", "staging")}  platform:compute:\n    runtime: kubernetes\n` });
        assert.strictEqual(requireCommittedStack("staging", ok).runtime, "kubernetes");
    });

    it("a managed GCP or Azure stack releasing canary / blue-green runs inside the network, where its candidates' URLs answer", () => {
        const canary = "  platform:compute:\n    release:\n      strategy: canary\n  platform:services:\n    api:\n      image: a:1\n      http:\n        pathPrefix: /\n";
        const dir = repoWith({
            "staging-gcp": stackFile("gcp", "staging", canary),
            "staging-azure": stackFile("azure", "staging", "  platform:services:\n    api:\n      image: a:1\n      http: {}\n      release:\n        strategy: blueGreen\n"),
            "staging-aws": stackFile("aws", "staging", canary),
            "staging-worker": stackFile("gcp", "staging", "  platform:compute:\n    release:\n      strategy: canary\n  platform:services:\n    jobs:\n      image: a:1\n"),
        });
        const runner = Object.fromEntries(stackMatrix({}, dir).map((r) => [r.stack, r.runner]));
        assert.deepStrictEqual(runner["staging-gcp"], ["self-hosted", "platform-private", "gcp"]);
        assert.deepStrictEqual(runner["staging-azure"], ["self-hosted", "platform-private", "azure"]);
        assert.strictEqual(runner["staging-aws"], HOSTED_RUNNER, "ECS tests and shifts by itself");
        assert.strictEqual(runner["staging-worker"], HOSTED_RUNNER, "a worker always rolls");
    });

    it("a missing stack fails with the pulumi stack init --copy-config-from command that creates it", () => {
        const dir = repoWith({ production: stackFile("aws", "production") });
        assert.throws(
            () => requireCommittedStack("production-gcp", dir),
            (err: Error) =>
                /Pulumi\.production-gcp\.yaml is not committed, and a workflow never creates a stack file/.test(err.message) &&
                err.message.includes("pulumi stack init <org>/production-gcp --copy-config-from <org>/production") &&
                err.message.includes("pulumi config set --stack <org>/production-gcp platform:cloud gcp") &&
                err.message.includes("git add Pulumi.production-gcp.yaml"),
        );
        assert.match(howToCreate("staging-azure"), /--copy-config-from <org>\/staging[\s\S]*platform:cloud azure[\s\S]*platform:azure\.subscriptionId/);
    });

    it("a stack file generated or edited in the checkout is refused", () => {
        const dir = repoWith({ staging: stackFile("aws", "staging") });
        fs.writeFileSync(path.join(dir, "Pulumi.staging-gcp.yaml"), stackFile("gcp", "staging"));
        assert.throws(() => requireCommittedStack("staging-gcp", dir), /not committed \(the file exists in this checkout but is not committed\)/);
        fs.appendFileSync(path.join(dir, "Pulumi.staging.yaml"), "  platform:appName: other\n");
        assert.throws(() => requireCommittedStack("staging", dir), /Pulumi\.staging\.yaml differs from the commit/);
    });

    // Each run its own GITHUB_OUTPUT, as the two ran one after the other. The matrix in its own
    // process (the bin entry's wiring and exit status), started now in the background
    // (tests/support/background-child.ts); the missing stack through main in this process
    // (tests/support/cli-in-process.ts).
    const outputFile = () => path.join(removeWhenRunEnds(fs.mkdtempSync(path.join(os.tmpdir(), "ci-out-"))), "output");
    const out = outputFile();
    const matrix = backgroundNode(tsNodeArgs("tools/ci/stacks.ts", "matrix", "--environment", "staging", "--name", "staging"), { cwd: ROOT, env: { ...process.env, GITHUB_OUTPUT: out, GITHUB_ACTIONS: "" } });
    it("the CLI writes the matrix to GITHUB_OUTPUT and exits 2 with the init command for a missing stack", async () => {
        const ok = await matrix.result();
        assert.strictEqual(ok.status, 0, ok.stderr);
        const lines = fs.readFileSync(out, "utf8").trim().split("\n");
        assert.deepStrictEqual(lines.map((l) => l.split("=")[0]), ["staging", "staging-count"]);
        assert.deepStrictEqual(JSON.parse(lines[0]!.slice("staging=".length)).include.map((r: { stack: string }) => r.stack), ["staging"]);
        assert.strictEqual(lines[1], "staging-count=1");
        const missing = await runMain("stacks", stacksMain, ["matrix", "--stack", "production-azure"], { GITHUB_OUTPUT: outputFile(), GITHUB_ACTIONS: "" });
        assert.strictEqual(missing.status, 2);
        assert.match(missing.stderr, /pulumi stack init <org>\/production-azure --copy-config-from <org>\/production/);
    });
});
