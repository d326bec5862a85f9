import * as assert from "assert";
import { CLOUDS, ConfigError } from "../components/config";
import { supportedExtensions } from "../components/config/extensions";
import { databaseSetupSql } from "../components/database-access";
import type { PlanRun } from "../tools/engine/run-plan";
import { deployFindings, uncoveredTypes } from "./support/deploy-checks";
import { inputs, named, ofType, planFor } from "./support/harness";
import { resolveConfig } from "../components/program-config";

/*
 * A least-privilege database identity (issue 17 item 2) and PostgreSQL extensions (item 4):
 * services log in with their own cloud identity through the cloud's IAM database
 * authentication and never receive the admin password; only a job marked
 * `databaseRole: admin` (the migration job) does. Extensions set the cloud's allow-list,
 * preload libraries or flags.
 */

const ADMIN_JOB = `platform:jobs={"migrate":{"image":"ghcr.io/acme/api:1.4.2","command":["python","manage.py","migrate"],"runBeforeDeploy":true,"databaseRole":"admin"}}`;
const APP_JOB = `platform:jobs={"report":{"image":"ghcr.io/acme/api:1.4.2","command":["python","report.py"]}}`;
const K8S = "platform:compute.runtime=kubernetes";
const RECIPIENTS = ["platform:monitoring.critical=pager@acme.example.com", "platform:monitoring.warning=team@acme.example.com"];
/** One staging plan per cloud serves the app job's check and the alert recipients' (each reads only its own resources): three plans fewer. */
const STAGING_APP_JOB = [APP_JOB, ...RECIPIENTS];

/** Everything a workload's resources say, as text (secret values print as [secret]). */
const textOf = (run: PlanRun, prefix: string) =>
    run.plan.resources.filter((r) => r.name.startsWith(prefix)).map((r) => JSON.stringify(r.inputs)).join("\n");

describe("database identity: services log in as themselves, never as the admin", () => {
    for (const cloud of CLOUDS) {
        for (const runtime of ["managed", "kubernetes"] as const) {
            it(`${cloud}/${runtime}: services get DATABASE_AUTH=iam and no admin password; only the admin job gets it; the plan passes the deploy rules`, async function () {
                this.timeout(120_000);
                const run = await planFor("production", cloud, runtime === "kubernetes" ? [ADMIN_JOB, K8S] : [ADMIN_JOB]);
                for (const svc of ["api", "web", "worker"]) {
                    const text = textOf(run, `service-${svc}-`);
                    assert.ok(text.length > 0, `service ${svc} has resources`);
                    assert.ok(!text.includes("DATABASE_PASSWORD"), `${svc} is handed DATABASE_PASSWORD`);
                    assert.match(text, /DATABASE_AUTH[^\n]*iam/, `${svc}: DATABASE_AUTH=iam`);
                }
                const job = textOf(run, "job-migrate-");
                assert.ok(job.includes("DATABASE_PASSWORD"), "the admin job reads the admin password by reference");
                assert.match(job, /DATABASE_AUTH[^\n]*password/);
                assert.deepStrictEqual(deployFindings(run), []);
                assert.deepStrictEqual(uncoveredTypes(run), []);
            });
        }
        it(`${cloud}: a job without databaseRole is an app login like a service`, async function () {
            this.timeout(120_000);
            const run = await planFor("staging", cloud, STAGING_APP_JOB);
            const job = textOf(run, "job-report-");
            assert.ok(job.length > 0 && !job.includes("DATABASE_PASSWORD"), "an app job gets no admin password");
            assert.match(job, /DATABASE_AUTH[^\n]*iam/);
        });
    }

    it("aws: IAM auth on the instance; each task role may rds-db:connect as exactly its own user; the execution role cannot read the admin secret", async () => {
        const run = await planFor("production", "aws", [ADMIN_JOB]);
        const instance = inputs(named(run, "aws:rds/instance:Instance", "database-instance"));
        assert.strictEqual(instance.iamDatabaseAuthenticationEnabled, true);
        const policy = JSON.parse(inputs(named(run, "aws:iam/rolePolicy:RolePolicy", "service-api-task-database")).policy);
        assert.deepStrictEqual(policy.Statement[0].Action, "rds-db:connect");
        assert.match(policy.Statement[0].Resource, /^arn:aws:rds-db:us-west-2:\d{12}:dbuser:db-[A-Z0-9]+\/app_api$/);
        const [c] = JSON.parse(inputs(named(run, "aws:ecs/taskDefinition:TaskDefinition", "service-api-task")).containerDefinitions);
        assert.strictEqual(c.environment.find((e: any) => e.name === "DATABASE_USER").value, "app_api");
        const execution = JSON.parse(inputs(named(run, "aws:iam/rolePolicy:RolePolicy", "service-api-execution-secrets")).policy);
        const adminSecret = run.plan.outputs.databasePasswordSecret;
        assert.ok(!JSON.stringify(execution).includes(String(adminSecret)), "the service's execution role reads the admin secret");
        const jobExecution = JSON.parse(inputs(named(run, "aws:iam/rolePolicy:RolePolicy", "job-migrate-execution-secrets")).policy);
        assert.ok(JSON.stringify(jobExecution).includes(String(adminSecret)), "the admin job's execution role reads it");
        assert.ok(!ofType(run, "aws:iam/rolePolicy:RolePolicy").some((p) => p.name === "job-migrate-task-database"), "the admin job logs in with the password, not IAM");
    });

    it("aws/kubernetes: the IRSA role carries rds-db:connect for its service's user", async () => {
        const run = await planFor("production", "aws", [K8S]);
        const policy = JSON.parse(inputs(named(run, "aws:iam/rolePolicy:RolePolicy", "service-api-workload-database")).policy);
        assert.match(policy.Statement[0].Resource, /:dbuser:db-[A-Z0-9]+\/app_api$/);
    });

    it("gcp: the iam_authentication flag, one CLOUD_IAM_SERVICE_ACCOUNT user per service account named without .gserviceaccount.com, instanceUser + client, no password access", async () => {
        const run = await planFor("production", "gcp", []);
        const flags = inputs(named(run, "gcp:sql/databaseInstance:DatabaseInstance", "database-instance")).settings.databaseFlags;
        assert.ok(flags.some((f: any) => f.name === "cloudsql.iam_authentication" && f.value === "on"));
        for (const svc of ["api", "web", "worker"]) {
            const email = inputs(named(run, "gcp:projects/iAMMember:IAMMember", `service-${svc}-sql-instance-user`));
            assert.strictEqual(email.role, "roles/cloudsql.instanceUser");
            const user = inputs(named(run, "gcp:sql/user:User", `service-${svc}-db-user`));
            assert.strictEqual(user.type, "CLOUD_IAM_SERVICE_ACCOUNT");
            assert.strictEqual(`serviceAccount:${user.name}.gserviceaccount.com`, email.member);
            assert.ok(ofType(run, "gcp:projects/iAMMember:IAMMember").some((m) => m.name === `service-${svc}-sql-client` && inputs(m).role === "roles/cloudsql.client"));
            assert.ok(!ofType(run, "gcp:secretmanager/secretIamMember:SecretIamMember").some((m) => m.name === `service-${svc}-db-password-access`));
        }
    });

    it("azure: Entra auth beside password auth; only the admin job's identity is an Entra administrator; services log in as their identities", async () => {
        const without = await planFor("production", "azure", []);
        const server = inputs(named(without, "azure-native:dbforpostgresql:Server", "database-server"));
        assert.deepStrictEqual({ ...server.authConfig, tenantId: undefined }, { passwordAuth: "Enabled", activeDirectoryAuth: "Enabled", tenantId: undefined });
        assert.ok(server.authConfig.tenantId, "tenantId");
        assert.deepStrictEqual(ofType(without, "azure-native:dbforpostgresql:Administrator"), [], "no Entra administrator without an admin job");
        const app = inputs(named(without, "azure-native:app:ContainerApp", "service-api-app"));
        const user = app.template.containers[0].env.find((e: any) => e.name === "DATABASE_USER").value;
        assert.strictEqual(user, inputs(named(without, "azure-native:managedidentity:UserAssignedIdentity", "service-api-identity")).resourceName);
        const run = await planFor("production", "azure", [ADMIN_JOB]);
        const admins = ofType(run, "azure-native:dbforpostgresql:Administrator").map(inputs);
        assert.deepStrictEqual(admins.map((a) => [a.principalName, a.principalType]), [[inputs(named(run, "azure-native:managedidentity:UserAssignedIdentity", "job-migrate-identity")).resourceName, "servicePrincipal"]]);
    });

    it("the first deploy's SQL: a role per app login (rds_iam on AWS, pgaadauth_create_principal on Azure), schema grants, extensions first", () => {
        const aws = databaseSetupSql("aws", { databaseName: "app", appUsers: ["app_web", "app_api"], extensions: ["postgis"] });
        assert.strictEqual(aws[0], `CREATE EXTENSION IF NOT EXISTS "postgis";`);
        assert.ok(aws.indexOf(`GRANT rds_iam TO "app_api";`) > aws.indexOf(`CREATE ROLE "app_api" LOGIN;`));
        assert.ok(aws.indexOf(`CREATE ROLE "app_api" LOGIN;`) < aws.indexOf(`CREATE ROLE "app_web" LOGIN;`), "sorted");
        const azure = databaseSetupSql("azure", { databaseName: "app", appUsers: ["acme-prod-api-id"], extensions: [] });
        assert.strictEqual(azure[0], `SELECT * FROM pgaadauth_create_principal('acme-prod-api-id', false, false);`);
        const gcp = databaseSetupSql("gcp", { databaseName: "app", appUsers: ["acme-prod-api@p.iam"], extensions: [] });
        assert.ok(!gcp.some((s) => /CREATE ROLE|pgaadauth/.test(s)), "Cloud SQL creates IAM users itself");
        assert.ok(gcp.includes(`GRANT USAGE ON SCHEMA public TO "acme-prod-api@p.iam";`));
    });
});

describe("PostgreSQL extensions (platform:database.extensions)", () => {
    const raw = (cloud: string, extensions: unknown) => ({
        cloud, environment: "staging", gcp: { project: "acme-platform-stg", billingAccount: "01A2B3-C4D5E6-F7A8B9" }, loadBalancer: { domain: "x.example.com" },
        services: { api: { image: "ghcr.io/acme/api:1.0.0", port: 8080, http: { pathPrefix: "/" } } }, database: { extensions },
    });

    it("the four the guides use are accepted on every cloud", () => {
        for (const cloud of CLOUDS) for (const e of ["postgis", "pg_stat_statements", "pgcrypto", "uuid-ossp"]) assert.ok(supportedExtensions(cloud).includes(e), `${cloud} ${e}`);
        for (const cloud of CLOUDS) assert.deepStrictEqual(resolveConfig(raw(cloud, ["postgis", "pgcrypto"])).database.extensions, ["postgis", "pgcrypto"]);
    });

    it("an extension the stack's cloud lacks fails naming the key, the value and the allowed list", () => {
        assert.throws(() => resolveConfig(raw("aws", ["postgis", "timescaledb"])), (e: unknown) => {
            assert.ok(e instanceof ConfigError);
            assert.match(e.message, /platform:database\.extensions\[1\]/);
            assert.match(e.message, /timescaledb/);
            assert.match(e.message, /RDS supports for PostgreSQL 16: .*postgis/);
            return true;
        });
        assert.doesNotThrow(() => resolveConfig(raw("azure", ["timescaledb"])));
        assert.throws(() => resolveConfig(raw("gcp", ["Bad Name"])), /platform:database\.extensions/);
    });

    it("aws: preload libraries in the parameter group only for extensions that need them", async () => {
        const preload = async (ext: string[]) => inputs(named(await planFor("staging", "aws", [`platform:database.extensions=${JSON.stringify(ext)}`]), "aws:rds/parameterGroup:ParameterGroup", "database-params"))
            .parameters.find((p: any) => p.name === "shared_preload_libraries");
        assert.strictEqual((await preload(["postgis"])).value, "pg_stat_statements");
        assert.deepStrictEqual((await preload(["pg_cron", "pgaudit", "postgis"])).value.split(",").sort(), ["pg_cron", "pg_stat_statements", "pgaudit"]);
        assert.strictEqual((await preload(["pg_cron"])).applyMethod, "pending-reboot");
    });

    it("gcp: a cloudsql.enable_* flag only for the extensions Cloud SQL gates", async () => {
        const flags = async (ext: string[]) => inputs(named(await planFor("staging", "gcp", [`platform:database.extensions=${JSON.stringify(ext)}`]), "gcp:sql/databaseInstance:DatabaseInstance", "database-instance"))
            .settings.databaseFlags.map((f: any) => `${f.name}=${f.value}`).filter((f: string) => f.startsWith("cloudsql.enable"));
        assert.deepStrictEqual(await flags(["postgis", "pg_stat_statements"]), []);
        assert.deepStrictEqual(await flags(["pg_cron", "postgis"]), ["cloudsql.enable_pg_cron=on"]);
    });

    it("azure: the azure.extensions allow-list and shared_preload_libraries, serialised like every parameter; none without extensions", async () => {
        const run = await planFor("staging", "azure", [`platform:database.extensions=["postgis","pg_stat_statements"]`]);
        const config = (n: string) => ofType(run, "azure-native:dbforpostgresql:Configuration").map(inputs).find((c) => c.configurationName === n);
        assert.strictEqual(config("azure.extensions")?.value, "pg_stat_statements,postgis");
        assert.strictEqual(config("shared_preload_libraries")?.value, "pg_stat_statements");
        assert.deepStrictEqual(deployFindings(run), []);
        const plain = await planFor("staging", "azure", []);
        assert.ok(!ofType(plain, "azure-native:dbforpostgresql:Configuration").some((c) => inputs(c).configurationName === "azure.extensions"));
    });
});

describe("staging alert recipients (issue 17 item 5)", () => {
    it("every cloud's staging alert destinations e-mail monitoring.critical and monitoring.warning", async function () {
        this.timeout(120_000);
        for (const cloud of CLOUDS) {
            const run = await planFor("staging", cloud, STAGING_APP_JOB);
            const emails = cloud === "aws"
                ? ofType(run, "aws:sns/topicSubscription:TopicSubscription").map((s) => inputs(s).endpoint)
                : cloud === "gcp"
                    ? ofType(run, "gcp:monitoring/notificationChannel:NotificationChannel").filter((c) => inputs(c).type === "email").map((c) => inputs(c).labels.email_address)
                    : ofType(run, "azure-native:monitor:ActionGroup").flatMap((g) => (inputs(g).emailReceivers ?? []).map((r: any) => r.emailAddress));
            assert.deepStrictEqual([...new Set(emails)].sort(), ["pager@acme.example.com", "team@acme.example.com"], cloud);
        }
    });
});
