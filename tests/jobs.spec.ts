import * as assert from "assert";
import { CLOUDS, ConfigError } from "../components/config";
import { evaluatePack } from "../tools/engine/policies";
import type { PlanRun } from "../tools/engine/run-plan";
import { inputs, named, ofType, planFor } from "./support/harness";
import { MIGRATE_JOB as JOB } from "./support/job-config";
import { resolveConfig } from "../components/program-config";

/*
 * One-off jobs (`platform:jobs.<name>`): beside the services on every cloud and runtime, with
 * a service's network placement, identity, bindings and secrets, no public IP, and a run
 * command the deploy workflow uses for `runBeforeDeploy` jobs.
 */

const K8S = "platform:compute.runtime=kubernetes";

async function outputsOf(run: PlanRun) {
    const jobs = run.plan.outputs.jobs as Record<string, { runCommand: string; runBeforeDeploy: boolean; identity: string }>;
    assert.ok(jobs?.migrate, `stack output jobs.migrate: ${JSON.stringify(run.plan.outputs.jobs)}`);
    return jobs.migrate;
}

describe("one-off jobs (platform:jobs.<name>)", () => {
    for (const cloud of CLOUDS) {
        for (const runtime of ["managed", "kubernetes"] as const) {
            it(`${cloud}/${runtime}: plans beside the services and passes the policy pack`, async () => {
                const run = await planFor("production", cloud, runtime === "kubernetes" ? [JOB, K8S] : [JOB]);
                const component = run.plan.resources.find((r) => r.type === "platform:components:Job" && r.name === "job-migrate");
                assert.ok(component, "a Job component");
                const children = run.plan.resources.filter((r) => r.parent === component.urn);
                assert.ok(children.length >= 3, "its resources are parented to it");
                for (const c of children) assert.match(c.name, /^job-migrate-/, `${c.name} carries the component's prefix`);
                const out = await outputsOf(run);
                assert.strictEqual(out.runBeforeDeploy, true);
                // The job adds no mandatory violation to the same plan without it.
                const baseline = await planFor("production", cloud, runtime === "kubernetes" ? [K8S] : []);
                const mandatory = async (r: PlanRun) => (await evaluatePack(r.recorded)).violations.filter((v) => v.level === "mandatory").map((v) => v.message);
                const before = new Set(await mandatory(baseline));
                assert.deepStrictEqual((await mandatory(run)).filter((m) => !before.has(m)), []);
            });
        }
    }

    it("aws: a Fargate task definition with its own roles and secrets by reference; run-task in the private subnets, no public IP", async () => {
        const run = await planFor("production", "aws", [JOB]);
        const td = inputs(named(run, "aws:ecs/taskDefinition:TaskDefinition", "job-migrate-task"));
        assert.strictEqual(td.family, "acme-prod-job-migrate");
        const [c] = JSON.parse(td.containerDefinitions);
        assert.deepStrictEqual(c.command, ["python", "manage.py", "migrate"]);
        assert.ok(c.secrets.some((s: any) => s.name === "SECRET_KEY" && /^arn:/.test(s.valueFrom)) && c.secrets.some((s: any) => s.name === "REDIS_AUTH_TOKEN"));
        // No databaseRole: an app login like a service (the admin job: database-identity.spec.ts).
        assert.ok(!c.secrets.some((s: any) => s.name === "DATABASE_PASSWORD"));
        assert.ok(c.environment.some((e: any) => e.name === "DATABASE_HOST") && !c.environment.some((e: any) => e.name === "SECRET_KEY"));
        assert.strictEqual(c.readonlyRootFilesystem, true);
        assert.ok(!ofType(run, "aws:ecs/service:Service").some((s) => s.name.startsWith("job-")), "no ECS service for a job");
        const out = await outputsOf(run);
        assert.match(out.runCommand, /aws ecs run-task .*--task-definition acme-prod-job-migrate .*assignPublicIp=DISABLED/);
        const computeSg = inputs(ofType(run, "aws:ec2/securityGroup:SecurityGroup").find((r) => /compute/.test(r.name))!);
        assert.ok(out.runCommand.includes("securityGroups=["), JSON.stringify(computeSg.name));
        assert.match(out.runCommand, /wait tasks-stopped .* = 0$/);
    });

    it("gcp: a Cloud Run job on the VPC with the compute tag, its own account, one task, no retries, the timeout", async () => {
        const run = await planFor("production", "gcp", [JOB]);
        const job = inputs(named(run, "gcp:cloudrunv2/job:Job", "job-migrate-job"));
        const t = job.template.template;
        assert.deepStrictEqual([job.template.taskCount, t.maxRetries, t.timeout], [1, 0, "900s"]);
        const account = inputs(named(run, "gcp:serviceaccount/account:Account", "job-migrate-identity"));
        assert.strictEqual(account.accountId, "acme-prod-j-migrate");
        assert.strictEqual(t.vpcAccess.egress, "PRIVATE_RANGES_ONLY");
        const api = inputs(named(run, "gcp:cloudrunv2/service:Service", "service-api-service"));
        assert.deepStrictEqual(t.vpcAccess.networkInterfaces, api.template.vpcAccess.networkInterfaces, "the services' network placement");
        const env = t.containers[0].envs.find((e: any) => e.name === "SECRET_KEY");
        assert.ok(env.valueSource.secretKeyRef.secret && env.value === undefined);
        assert.match((await outputsOf(run)).runCommand, /^gcloud run jobs execute acme-prod-job-migrate .* --wait$/);
    });

    it("azure: a manual Container Apps job in the internal environment with Key Vault references through its identity", async () => {
        const run = await planFor("production", "azure", [JOB]);
        const job = inputs(named(run, "azure-native:app:Job", "job-migrate-job"));
        const api = inputs(named(run, "azure-native:app:ContainerApp", "service-api-app"));
        assert.strictEqual(job.environmentId, api.environmentId);
        assert.deepStrictEqual([job.configuration.triggerType, job.configuration.replicaTimeout, job.configuration.replicaRetryLimit], ["Manual", 900, 0]);
        assert.ok(job.configuration.secrets.every((s: any) => s.keyVaultUrl && s.identity && s.value === undefined));
        assert.deepStrictEqual(job.template.containers[0].env.find((e: any) => e.name === "SECRET_KEY"), { name: "SECRET_KEY", secretRef: "env-secret-key" });
        assert.ok(!("ingress" in job.configuration), "no ingress");
        assert.match((await outputsOf(run)).runCommand, /az containerapp job start --name .*\[ "\$S" = Succeeded \]$/);
    });

    it("kubernetes: a suspended CronJob template with the job's ServiceAccount, Secret and restricted pod", async () => {
        const run = await planFor("production", "gcp", [JOB, K8S]);
        const cj = inputs(named(run, "kubernetes:batch/v1:CronJob", "job-migrate-cronjob"));
        assert.strictEqual(cj.spec.suspend, true);
        const spec = cj.spec.jobTemplate.spec;
        assert.deepStrictEqual([spec.backoffLimit, spec.activeDeadlineSeconds], [0, 900]);
        const pod = spec.template.spec;
        assert.strictEqual(pod.serviceAccountName, "j-migrate");
        assert.strictEqual(pod.restartPolicy, "Never");
        const env = pod.containers[0].env.find((e: any) => e.name === "SECRET_KEY");
        assert.strictEqual(env.valueFrom.secretKeyRef.key, "SECRET_KEY");
        assert.match((await outputsOf(run)).runCommand, /kubectl -n acme-production create job "\$RUN" --from=cronjob\/j-migrate && kubectl -n acme-production wait --for=condition=complete --timeout=900s/);
    });

    it("config: a job may not share a service's name, needs a command, and its secrets must be secure", () => {
        const base = { cloud: "aws", environment: "staging", loadBalancer: { domain: "app.example.com" }, services: { api: { image: "a/b:1", http: {} } } };
        const fail = (raw: Record<string, unknown>, secret = false) => {
            try {
                resolveConfig(raw, () => secret);
            } catch (err) {
                assert.ok(err instanceof ConfigError);
                return err.message;
            }
            return assert.fail("expected a ConfigError");
        };
        assert.match(fail({ ...base, jobs: { api: { image: "a/b:1", command: ["x"] } } }), /platform:jobs\.api = "api": allowed: a name no service has/);
        assert.match(fail({ ...base, jobs: { migrate: { image: "a/b:1" } } }), /platform:jobs\.migrate\.command = \(missing\)/);
        const plain = fail({ ...base, jobs: { migrate: { image: "a/b:1", command: ["x"], secrets: { SECRET_KEY: "plain-value" } } } });
        assert.match(plain, /platform:jobs\.migrate\.secrets\.SECRET_KEY = \[secret\]: allowed: a secure value/);
        assert.ok(!plain.includes("plain-value"));
        const cfg = resolveConfig({ ...base, jobs: { migrate: { image: "a/b:1", command: ["x"] } } });
        assert.deepStrictEqual([cfg.jobs[0]!.timeoutSeconds, cfg.jobs[0]!.runBeforeDeploy, cfg.jobs[0]!.size], [3600, false, "small"]);
    });
});
