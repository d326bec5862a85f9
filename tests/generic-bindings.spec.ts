import * as assert from "assert";
import { DATABASE_ENV } from "../components/database";
import { CACHE_ENV } from "../components/cache";
import * as pulumi from "@pulumi/pulumi";
import { bindingSecrets, bindingsOf, BoundComponent, defineBinding, WorkloadBindings } from "../components/binding";
import { BINDABLE } from "../components/catalog";
import type { CloudImplementation, KubernetesRuntimeModule } from "../components/cloud";
import type { CreateInput } from "../components/definition";
import { CLOUDS, Cloud } from "../components/config";
import { Platform } from "../components/platform";
import { loadCloud, loadRuntime } from "../providers/loader";
import { type AwsGrant, type AwsGrantChecks, containerSecrets } from "../providers/aws/workload-grants";
import type { AwsHandles } from "../providers/aws/handles";
import type { GcpHandles } from "../providers/gcp/handles";
import type { AzureHandles } from "../providers/azure/handles";
import { soleLogin, type Ungranted } from "../providers/shared/workload-grants";
import { type GcpGrant, type GcpGrantChecks, grantSecretRead } from "../providers/gcp/workload-grants";
import type { StoredVaultSecret } from "../providers/azure/handles";
import { AzureGrant, type AzureGrantChecks, grantTo } from "../providers/azure/workload-grants";
import { secretValue as azureSecretValue } from "../providers/azure/kubernetes-secrets";
import type * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";
import type { SecretReference } from "../components/component";
import { recordingMocks } from "../tools/engine/mocks";
import { installMonitor, RecordedResource, waitForRPCs } from "../tools/engine/recording-monitor";
import { loadStackConfig } from "../tools/engine/stack-config";
import type { PlanRun } from "../tools/engine/run-plan";
import { named as planned, planFor } from "./support/harness";
import { readPlatformConfig, RESERVED_ENV } from "../components/program-config";

/*
 * Binding a workload to a component is generic (components/binding.ts): the workload files of
 * every cloud and of the kubernetes runtime loop over the bound components the Platform hands
 * them. A fake Queue, bound here by wrapping the cloud's builders (no workload file, no catalog
 * line is edited), must reach a service and a job on every cloud and both runtimes: its plain
 * variable in the container, its secret by reference only, and its grant on the workload's
 * identity. A Queue whose handle carries no grant for the cloud must fail, naming it.
 * (docs/architecture.md measures a real one, with its catalog line, too.)
 */

const QUEUE_URL = "QUEUE_URL";
const QUEUE_TOKEN = "QUEUE_TOKEN";
const URL = "https://queue.example.internal/acme-orders";
/** Where each cloud keeps the queue's token: a Secrets Manager ARN, a Secret Manager id, a Key Vault secret URI. */
const TOKEN_REF: Record<Cloud, string> = {
    aws: "arn:aws:secretsmanager:us-east-1:123456789012:secret:acme-queue-token",
    gcp: "projects/acme/secrets/acme-queue-token",
    azure: "https://acme-kv.vault.azure.net/secrets/queue-token",
};
const TOKEN_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/queue";
/** The ARM id of the queue's Key Vault secret (what a role assignment scopes to; TOKEN_REF.azure is its URI). */
const TOKEN_VAULT_SECRET_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-kv/secrets/queue-token";

interface QueueOutputs { url: pulumi.Output<string>; token: SecretReference }
const queueBinding = defineBinding<QueueOutputs>({
    env: QUEUE_URL,
    output: "queueUrl",
    variables: [QUEUE_URL, QUEUE_TOKEN],
    plain: (q) => ({ [QUEUE_URL]: q.url }),
    secrets: (q) => [{ env: QUEUE_TOKEN, ref: q.token, adminOnly: false, name: "queue-token" }],
});

/** Each cloud's grant of the fake queue, as its providers/<cloud>/queue.ts would export it. */
const awsGrant: AwsGrant<unknown> = () => ({
    secretsKey: { arn: pulumi.output(TOKEN_KEY_ARN) } as aws.kms.Key,
    policies: [{ suffix: "queue", document: { Version: "2012-10-17", Statement: [{ Sid: "SendToQueue", Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:acme-orders" }] } }],
});
// Beside its own grant, each hook's duty on GCP and Azure: read access on the secret it keeps (workload-grants.ts).
const gcpGrant: GcpGrant<unknown, QueueOutputs> = (ctx, scope, name, to, _handle, outputs) => ({
    grants: [
        ctx.create(gcp.pubsub.TopicIAMMember, scope, `${name}-queue-publisher`, { topic: "acme-orders", role: "roles/pubsub.publisher", member: to.account.member }),
        grantSecretRead(ctx, scope, name, to, "queue-token-access", outputs.token.id),
    ],
});
const azureGrant: AzureGrant<{ secret: StoredVaultSecret }, QueueOutputs> = (ctx, scope, name, to, handle) => ({
    grants: [
        // Azure Service Bus Data Sender (learn.microsoft.com/azure/role-based-access-control/built-in-roles/integration).
        grantTo(ctx, scope, name, to, "queue-sender", { builtInRoleId: "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39" }, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/acme/queues/orders"),
        grantTo(ctx, scope, name, to, "queue-token-reader", "keyVaultSecretsUser", handle.secret.secretId),
    ],
    secretNames: { [QUEUE_TOKEN]: "queue-token" },
});
const GRANTS: Record<Cloud, unknown> = { aws: awsGrant, gcp: gcpGrant, azure: azureGrant };

/** The fake queue's outputs on `cloud`; `grantOf` names the cloud whose grant its handle carries (none: no grant). */
function queueOn(cloud: Cloud, grantOf: Cloud | "none" = cloud): BoundComponent<QueueOutputs> {
    const token = pulumi.secret("queue-token-value");
    const ref: SecretReference = { id: pulumi.output(TOKEN_REF[cloud]) };
    // What the kubernetes runtime reads the token's value from: GCP's `secretValues`, Azure's `secret` (AWS reads Secrets Manager).
    const stored = { gcp: { secretValues: [{ id: pulumi.output(TOKEN_REF.gcp), value: token }] }, azure: { secret: { secretId: pulumi.output(TOKEN_VAULT_SECRET_ID), reference: ref, value: token } }, aws: {} }[cloud];
    const handle = { cloud: grantOf === "none" ? cloud : grantOf, kind: "queue", ...stored, ...(grantOf === "none" ? {} : { grant: GRANTS[grantOf] }) };
    return { key: "queue", outputs: { url: pulumi.output(URL), token: ref, handle }, binding: queueBinding };
}

type Builder = (scope: pulumi.ComponentResource, name: string, args: { bindings: WorkloadBindings }) => unknown;
/** The same builders, handed one more bound component: what a catalog entry with a `binding` would add. */
function withQueue<T extends Partial<CloudImplementation>>(impl: T, queue: BoundComponent): T {
    const wrap = (build: Builder): Builder => (scope, name, args) => build(scope, name, { ...args, bindings: { ...args.bindings, queue } as WorkloadBindings });
    return { ...impl, computeService: wrap(impl.computeService as Builder), job: wrap(impl.job as Builder) };
}

const REPORT_JOB = `platform:jobs={"report":{"image":"ghcr.io/acme/api:1.4.2","command":["python","report.py"],"timeoutSeconds":600}}`;

/** The real program's Platform over the stack's config, under the offline engine's mocks, with the queue bound. */
async function planWithQueue(cloud: Cloud, runtime: "managed" | "kubernetes", grantOf: Cloud | "none" = cloud, jobs = REPORT_JOB): Promise<RecordedResource[]> {
    const overrides = [`platform:cloud=${cloud}`, jobs, ...(runtime === "kubernetes" ? ["platform:compute.runtime=kubernetes"] : [])];
    const stack = loadStackConfig("staging", overrides);
    pulumi.runtime.setAllConfig(stack.config, stack.secretKeys);
    const monitor = installMonitor(recordingMocks(stack.project, stack.stack), stack.project, stack.stack, false);
    try {
        const cfg = readPlatformConfig();
        const queue = queueOn(cloud, grantOf);
        const managed = withQueue(loadCloud(cfg.cloud).createCloud(cfg), queue);
        const k8s = loadRuntime(cfg.compute.runtime);
        const runtimeModule: KubernetesRuntimeModule | undefined = k8s && { createKubernetesRuntime: (c, conf, cluster) => withQueue(k8s.createKubernetesRuntime(c, conf, cluster), queue) };
        const outputs = new Platform(cfg, managed, {}, runtimeModule).outputs();
        await Promise.all(Object.values(outputs).map((o) => new Promise((done) => (pulumi.output(o) as pulumi.Output<unknown>).apply(done))));
    } finally {
        await waitForRPCs().catch(() => undefined);
    }
    if (monitor.errors.length > 0) throw monitor.errors[0];
    return monitor.recorded;
}

const named = (recorded: RecordedResource[], type: string, name: string) => {
    const r = recorded.find((x) => x.type === type && x.name === name);
    assert.ok(r, `no ${type} ${name}; have ${recorded.filter((x) => x.type === type).map((x) => x.name).join(", ")}`);
    return r.rawInputs as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};

type Env = Array<{ name: string; value?: unknown }>;
/** The container env of the `api` service and the `report` job, wherever each runtime keeps it. */
const ENV: Record<Cloud | "kubernetes", (r: RecordedResource[], workload: "service-api" | "job-report" | "job-migrate") => Env> = {
    aws: (r, w) => JSON.parse(String(named(r, "aws:ecs/taskDefinition:TaskDefinition", `${w}-task`).containerDefinitions))[0].environment,
    gcp: (r, w) => w === "service-api"
        ? named(r, "gcp:cloudrunv2/service:Service", "service-api-service").template.containers[0].envs
        : named(r, "gcp:cloudrunv2/job:Job", `${w}-job`).template.template.containers[0].envs,
    azure: (r, w) => w === "service-api"
        ? named(r, "azure-native:app:ContainerApp", "service-api-app").template.containers[0].env
        : named(r, "azure-native:app:Job", `${w}-job`).template.containers[0].env,
    kubernetes: (r, w) => w === "service-api"
        ? named(r, "kubernetes:apps/v1:Deployment", "service-api-deployment").spec.template.spec.containers[0].env
        : named(r, "kubernetes:batch/v1:CronJob", "job-report-cronjob").spec.jobTemplate.spec.template.spec.containers[0].env,
};

/** The queue's grant to the workload's identity, as each cloud and runtime names it. */
function assertGranted(recorded: RecordedResource[], cloud: Cloud, runtime: "managed" | "kubernetes", workload: string): void {
    if (cloud === "aws") {
        const policy = named(recorded, "aws:iam/rolePolicy:RolePolicy", `${workload}-${runtime === "managed" ? "task" : "workload"}-queue`);
        assert.match(String(policy.policy), /"Action":"sqs:SendMessage"/);
    } else if (cloud === "gcp") {
        assert.strictEqual(named(recorded, "gcp:pubsub/topicIAMMember:TopicIAMMember", `${workload}-queue-publisher`).role, "roles/pubsub.publisher");
    } else {
        const assignment = named(recorded, "azure-native:authorization:RoleAssignment", `${workload}-queue-sender`);
        assert.match(String(assignment.scope), /ServiceBus/);
        assert.match(String(assignment.roleDefinitionId), /\/roleDefinitions\/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39$/);
    }
}

/**
 * On Cloud Run, every secret a workload's container references (the catalog's, the queue's,
 * its own) has a secret accessor grant of its own account (`<workload>-...`): a bound
 * component's hook that forgets its read grant fails here.
 */
function assertEverySecretReadable(recorded: RecordedResource[], workload: string): void {
    const env = ENV.gcp(recorded, workload as "service-api" | "job-migrate") as Array<{ name: string; valueSource?: { secretKeyRef?: { secret: string } } }>;
    const referenced = env.flatMap((e) => (e.valueSource?.secretKeyRef ? [{ name: e.name, secret: e.valueSource.secretKeyRef.secret }] : []));
    assert.ok(referenced.length > 0, `${workload}: references no secret`);
    const readable = recorded.filter((r) => r.type === "gcp:secretmanager/secretIamMember:SecretIamMember" && r.name.startsWith(`${workload}-`) && (r.rawInputs as { role?: string }).role === "roles/secretmanager.secretAccessor")
        .map((r) => (r.rawInputs as { secretId: string }).secretId);
    for (const s of referenced) assert.ok(readable.includes(s.secret), `${workload}: ${s.name} references ${s.secret}, which its account has no secretAccessor grant on (have ${readable.join(", ")})`);
}

/**
 * On Container Apps, every Key Vault secret a workload's container references (by its
 * `secretRef`) has a Key Vault Secrets User assignment of the workload's own (`<workload>-...`)
 * on that secret: the URI `https://<vault>.vault.azure.net/secrets/<name>` is the ARM id
 * `.../vaults/<vault>/secrets/<name>` (learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates).
 */
function assertEveryVaultSecretReadable(recorded: RecordedResource[], workload: string, app: Record<string, any>): void { // eslint-disable-line @typescript-eslint/no-explicit-any
    const env = ENV.azure(recorded, workload as "service-api" | "job-migrate") as Array<{ name: string; secretRef?: string }>;
    const urls = new Map((app.configuration.secrets as Array<{ name: string; keyVaultUrl?: string }>).flatMap((s) => (s.keyVaultUrl ? [[s.name, s.keyVaultUrl] as const] : [])));
    const referenced = env.flatMap((e) => (e.secretRef && urls.has(e.secretRef) ? [{ name: e.name, url: urls.get(e.secretRef)! }] : []));
    assert.ok(referenced.length > 0, `${workload}: references no Key Vault secret`);
    const readable = recorded.filter((r) => r.type === "azure-native:authorization:RoleAssignment" && r.name.startsWith(`${workload}-`) && /\/roleDefinitions\/4633458b-17de-408a-b874-0445c86b69e6$/.test(String((r.rawInputs as { roleDefinitionId?: string }).roleDefinitionId)))
        .map((r) => String((r.rawInputs as { scope: string }).scope));
    for (const s of referenced) {
        const m = /^https:\/\/([^.]+)\.vault\.azure\.net\/secrets\/([^/]+)/.exec(s.url);
        assert.ok(m, `${workload}: ${s.name}'s Key Vault URL ${s.url}`);
        assert.ok(readable.some((scope) => scope.endsWith(`/vaults/${m[1]}/secrets/${m[2]}`)), `${workload}: ${s.name} references ${s.url}, which its identity has no Key Vault Secrets User assignment on (have ${readable.join(", ")})`);
    }
}

/** The queue's token reaches the container by reference only, from where each cloud and runtime keeps it, and the identity may read it. */
function assertSecretByReference(recorded: RecordedResource[], cloud: Cloud, runtime: "managed" | "kubernetes", workload: string, env: Env): void {
    const entry = env.find((e) => e.name === QUEUE_TOKEN) as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (runtime === "kubernetes") {
        const k8sName = workload === "job-report" ? "j-report" : "api";
        assert.deepStrictEqual(entry?.valueFrom, { secretKeyRef: { name: `${k8sName}-bindings`, key: QUEUE_TOKEN } }, `${workload}: ${QUEUE_TOKEN}`);
        // stringData is a secret as a whole (its envelope's `value`), read from where the queue stored the token.
        const data = named(recorded, "kubernetes:core/v1:Secret", `${workload}-secret`).stringData as { value?: Record<string, unknown> };
        assert.ok(data.value && QUEUE_TOKEN in data.value, `${workload}: the Kubernetes Secret has no ${QUEUE_TOKEN}: ${JSON.stringify(data)}`);
        if (cloud !== "aws") assert.strictEqual(data.value[QUEUE_TOKEN], "queue-token-value", "the value the queue's handle stored");
    } else if (cloud === "aws") {
        const defs = JSON.parse(String(named(recorded, "aws:ecs/taskDefinition:TaskDefinition", `${workload}-task`).containerDefinitions))[0];
        assert.deepStrictEqual(defs.secrets.find((s: { name: string }) => s.name === QUEUE_TOKEN), { name: QUEUE_TOKEN, valueFrom: TOKEN_REF.aws });
        // Only the secrets it receives, each a name and a reference (the admin password is not among a service's or an app job's).
        for (const e of defs.secrets) assert.deepStrictEqual(Object.keys(e).sort(), ["name", "valueFrom"], JSON.stringify(e));
        assert.ok(!defs.secrets.some((e: { name: string }) => e.name === DATABASE_ENV.password), `${workload}: no admin password`);
        assert.ok(!defs.environment.some((e: { name: string }) => e.name === QUEUE_TOKEN), "the token is no plain value");
    } else if (cloud === "gcp") {
        assert.deepStrictEqual(entry?.valueSource, { secretKeyRef: { secret: TOKEN_REF.gcp, version: "latest" } });
        const access = named(recorded, "gcp:secretmanager/secretIamMember:SecretIamMember", `${workload}-queue-token-access`);
        assert.deepStrictEqual([access.secretId, access.role], [TOKEN_REF.gcp, "roles/secretmanager.secretAccessor"], `${workload}: the account reads the token`);
        assertEverySecretReadable(recorded, workload);
    } else {
        assert.deepStrictEqual(entry, { name: QUEUE_TOKEN, secretRef: "queue-token" });
        const app = workload === "service-api" ? named(recorded, "azure-native:app:ContainerApp", "service-api-app") : named(recorded, "azure-native:app:Job", "job-report-job");
        assert.ok(app.configuration.secrets.some((s: { name: string; keyVaultUrl: string }) => s.name === "queue-token" && s.keyVaultUrl === TOKEN_REF.azure), "the Key Vault reference");
        const reader = named(recorded, "azure-native:authorization:RoleAssignment", `${workload}-queue-token-reader`);
        assert.strictEqual(reader.scope, TOKEN_VAULT_SECRET_ID, `${workload}: the identity reads the token's Key Vault secret`);
        assert.match(String(reader.roleDefinitionId), /\/roleDefinitions\/4633458b-17de-408a-b874-0445c86b69e6$/, "Key Vault Secrets User");
        assertEveryVaultSecretReadable(recorded, workload, app);
    }
    if (cloud === "aws") {
        const policy = String(named(recorded, "aws:iam/rolePolicy:RolePolicy", `${workload}-${runtime === "managed" ? "execution" : "workload"}-secrets`).policy);
        assert.ok(policy.includes(TOKEN_REF.aws) && policy.includes(TOKEN_KEY_ARN), `${workload}: the role reads and decrypts the token: ${policy}`);
    }
}

describe("generic bindings: a component added to the bindings reaches every workload without a workload-file edit", () => {
    for (const cloud of CLOUDS) {
        for (const runtime of ["managed", "kubernetes"] as const) {
            it(`${cloud} / ${runtime}: the api service and the report job get the queue's variable and its grant`, async () => {
                const recorded = await planWithQueue(cloud, runtime);
                for (const workload of ["service-api", "job-report"] as const) {
                    const env = ENV[runtime === "kubernetes" ? "kubernetes" : cloud](recorded, workload);
                    assert.strictEqual(env.find((e) => e.name === QUEUE_URL)?.value, URL, `${workload}: ${QUEUE_URL}`);
                    assertSecretByReference(recorded, cloud, runtime, workload, env);
                    // The catalog's own bindings are still there beside it.
                    for (const d of BINDABLE) assert.ok(env.some((e) => e.name === d.binding!.env), `${workload}: ${d.binding!.env}`);
                    const identity = runtime === "kubernetes" && workload === "job-report" ? "job-report" : workload;
                    assertGranted(recorded, cloud, runtime, identity);
                }
            });
        }
    }

    it("gcp / azure managed: an admin job can read every secret it references too (the database password beside the token)", async () => {
        const adminJob = `platform:jobs={"migrate":{"image":"ghcr.io/acme/api:1.4.2","command":["python","manage.py","migrate"],"databaseRole":"admin"}}`;
        const gcpPlan = await planWithQueue("gcp", "managed", "gcp", adminJob);
        assert.ok(ENV.gcp(gcpPlan, "job-migrate").some((e) => e.name === DATABASE_ENV.password), "the admin job receives the password");
        assertEverySecretReadable(gcpPlan, "job-migrate");
        const azurePlan = await planWithQueue("azure", "managed", "azure", adminJob);
        assertEveryVaultSecretReadable(azurePlan, "job-migrate", named(azurePlan, "azure-native:app:Job", "job-migrate-job"));
        const env = ENV.azure(azurePlan, "job-migrate");
        assert.ok(env.some((e) => e.name === DATABASE_ENV.password), "the admin job receives the password");
    });

    it("aws: a bound component keeping a secret whose grant names no key to decrypt it fails, naming it", async () => {
        const keyless: AwsGrant<unknown> = () => ({ policies: [] });
        const saved = GRANTS.aws;
        GRANTS.aws = keyless;
        try {
            await assert.rejects(planWithQueue("aws", "managed"), /the AWS grant of queue names no secretsKey for its secret QUEUE_TOKEN/);
        } finally {
            GRANTS.aws = saved;
        }
    });

    for (const cloud of ["gcp", "azure"] as const) {
        it(`${cloud}: a second bound component giving the identity a login (beside the database's) fails, naming both`, async () => {
            const saved = GRANTS[cloud];
            const base = saved as (...args: unknown[]) => object;
            GRANTS[cloud] = (...args: unknown[]) => ({ ...base(...args), login: pulumi.output("queue-login") });
            try {
                await assert.rejects(planWithQueue(cloud, "managed"), new RegExp(`${cloud}: the service-api service identity is given a login by more than one bound component \\(queue, database\\)`));
            } finally {
                GRANTS[cloud] = saved;
            }
        });
    }

    for (const cloud of CLOUDS) {
        const other = CLOUDS.find((c) => c !== cloud)!;
        it(`${cloud}: a bound component whose handle carries no ${cloud} grant (none, or ${other}'s) fails, naming it`, async () => {
            for (const grantOf of ["none", other] as const) {
                await assert.rejects(planWithQueue(cloud, "managed", grantOf), (err: Error) => new RegExp(`the ${cloud} .* is bound to queue, whose ${grantOf === "none" ? cloud : other} handle carries no ${cloud} \`grant\``).test(err.message), grantOf);
            }
        });
    }
});

describe("generic bindings: the catalog's bindings and the reserved variable names agree", () => {
    /** Outputs whose every field is a known value: enough to list the variables a binding sets. */
    const anyOutputs = new Proxy({}, { get: (_t, key) => (key === "then" ? undefined : pulumi.output(`v-${String(key)}`)) }) as never;

    it("each bound component sets exactly the variables it declares, plain or secret, for a service and an admin job alike", () => {
        for (const d of BINDABLE) {
            const b = d.binding!;
            for (const admin of [false, true]) {
                const set = [...Object.keys(b.plain(anyOutputs, { admin, login: "u" })), ...b.secrets(anyOutputs).map((s) => s.env)];
                assert.deepStrictEqual([...new Set(set)].sort(), [...b.variables].sort(), `${d.key} (admin: ${admin})`);
            }
            assert.ok(b.variables.includes(b.env), `${d.key}: its evidence variable ${b.env} is one it sets`);
        }
    });

    it("each binding variable is set by one component only, and reserved (a workload env that shadows one is rejected)", () => {
        const declared = BINDABLE.flatMap((d) => d.binding!.variables.map((v) => ({ v, key: d.key })));
        const seen = new Map<string, string>();
        for (const { v, key } of declared) {
            assert.ok(!seen.has(v), `${v} is set by both ${seen.get(v)} and ${key}`);
            seen.set(v, key);
            assert.ok(RESERVED_ENV.includes(v), `${key} sets ${v}, which the program's config does not reserve`);
        }
    });
});

describe("generic bindings: the AWS roles read exactly the secrets the workload receives", () => {
    const ADMIN_JOB = `platform:jobs={"migrate":{"image":"ghcr.io/acme/api:1.4.2","command":["python","manage.py","migrate"],"databaseRole":"admin"}}`;
    const policyOf = (run: PlanRun, name: string) => JSON.parse(String(planned(run, "aws:iam/rolePolicy:RolePolicy", name).inputs.policy));
    /** The ECS `valueFrom` of a container secret, without a JSON key suffix: the secret's ARN. */
    const arnsOf = (run: PlanRun, task: string) => new Map((JSON.parse(String(planned(run, "aws:ecs/taskDefinition:TaskDefinition", task).inputs.containerDefinitions))[0].secrets as Array<{ name: string; valueFrom: string }>)
        .map((e) => [e.name, e.valueFrom.replace(/:[A-Za-z]+::$/, "")]));

    for (const runtime of ["managed", "kubernetes"] as const) {
        it(`${runtime}: a service reads the cache token only, the admin job the password too, each with its own key, in catalog order`, async () => {
            const run = await planFor("staging", "aws", [ADMIN_JOB, ...(runtime === "kubernetes" ? ["platform:compute.runtime=kubernetes"] : [])]);
            const managed = await planFor("staging", "aws", [ADMIN_JOB]);
            const service = arnsOf(managed, "service-api-task"), job = arnsOf(managed, "job-migrate-task");
            const role = runtime === "managed" ? "execution" : "workload";
            const KMS_ARN = "<kms>";
            const expected = (secrets: string[]) => ({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "ReadPlatformSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secrets },
                    { Sid: "DecryptPlatformSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: secrets.map(() => KMS_ARN) },
                ],
            });
            const withKeys = (p: { Statement: Array<{ Resource: string[] }> }) => {
                for (const r of p.Statement[1]!.Resource) assert.match(r, /^arn:aws:kms:/);
                return { ...p, Statement: [p.Statement[0], { ...p.Statement[1], Resource: p.Statement[1]!.Resource.map(() => KMS_ARN) }] };
            };
            const cache = service.get(CACHE_ENV.authToken)!;
            assert.deepStrictEqual(withKeys(policyOf(run, `service-api-${role}-secrets`)), expected([cache]));
            assert.deepStrictEqual(withKeys(policyOf(run, `job-migrate-${role}-secrets`)), expected([job.get(DATABASE_ENV.password)!, cache]));
            const keys = policyOf(run, `job-migrate-${role}-secrets`).Statement[1].Resource as string[];
            assert.notStrictEqual(keys[0], keys[1], "the password and the token are decrypted with their own keys");
        });
    }
});

describe("generic bindings: the kubernetes runtime reads the value of the very secret it asks for", () => {
    const valueOf = (o: pulumi.Output<string>) => new Promise<string>((done, fail) => { (o as pulumi.Output<string>).apply(done); setTimeout(() => fail(new Error("never resolved")), 2000); });

    it("azure: a reference other than the one the handle keeps fails instead of handing the kept secret's value", async () => {
        const kept: SecretReference = { id: pulumi.output(TOKEN_REF.azure) };
        const handle = { cloud: "azure", kind: "queue", secret: { secretId: pulumi.output("kv-secret-id"), reference: kept, value: pulumi.secret("queue-token-value") } };
        assert.strictEqual(await valueOf(azureSecretValue(kept, handle)), "queue-token-value");
        assert.strictEqual(await valueOf(azureSecretValue({ id: pulumi.output(TOKEN_REF.azure) }, handle)), "queue-token-value", "the same secret, another reference object");
        const other = { id: pulumi.output("https://acme-kv.vault.azure.net/secrets/other") };
        await assert.rejects(new Promise((done, fail) => { process.once("unhandledRejection", fail); azureSecretValue(other, handle).apply(done); }), /keeps the Key Vault secret .*queue-token, not .*secrets\/other/);
    });
});

describe("generic bindings: the ECS container's secrets are the received ones, each zipped with its own ARN", () => {
    it("lists each received secret with its resolved ARN (and JSON key), then the workload's own; a count mismatch fails", () => {
        const queue = queueOn("aws");
        const received = [
            { env: QUEUE_TOKEN, ref: { id: pulumi.output("unresolved") }, adminOnly: false, name: "queue-token", owner: queue as BoundComponent },
            { env: DATABASE_ENV.password, ref: { id: pulumi.output("unresolved"), jsonKey: "password" }, adminOnly: true, name: "db-password", owner: queue as BoundComponent },
        ];
        assert.deepStrictEqual(containerSecrets(received, ["arn:token", "arn:db"], [{ name: "STRIPE_KEY", arn: "arn:stripe" }]), [
            { name: QUEUE_TOKEN, valueFrom: "arn:token" },
            { name: DATABASE_ENV.password, valueFrom: "arn:db:password::" },
            { name: "STRIPE_KEY", valueFrom: "arn:stripe" },
        ]);
        assert.throws(() => containerSecrets(received, ["arn:token"], []), /2 binding secrets \(QUEUE_TOKEN, DATABASE_PASSWORD\) but 1 resolved ARNs/);
    });
});

describe("generic bindings: the typecheck names a bound component whose grant is typed for another component's handle", () => {
    // A type-level check (the typecheck compiles this file): the cache's handle carrying the
    // database's grant, which reads fields the cache's handle has not, must fail the check.
    type Miswired<H extends { cache: object; database: { grant: unknown } }> = Omit<H, "cache"> & { cache: Omit<H["cache"], "grant"> & { grant: H["database"]["grant"] } };

    it("on every cloud: the real handles pass, the cache carrying the database's grant is caught", () => {
        const aws: Ungranted<AwsGrantChecks<Miswired<AwsHandles>>> = "cache";
        const gcpCaught: Ungranted<GcpGrantChecks<Miswired<GcpHandles>>> = "cache";
        const azure: Ungranted<AzureGrantChecks<Miswired<AzureHandles>>> = "cache";
        // @ts-expect-error every real AWS handle carries a grant for itself: nothing is ungranted
        const awsReal: Ungranted<AwsGrantChecks<AwsHandles>> = "cache";
        // @ts-expect-error every real GCP handle carries a grant for itself
        const gcpReal: Ungranted<GcpGrantChecks<GcpHandles>> = "cache";
        // @ts-expect-error every real Azure handle carries a grant for itself
        const azureReal: Ungranted<AzureGrantChecks<AzureHandles>> = "cache";
        assert.deepStrictEqual([aws, gcpCaught, azure, awsReal, gcpReal, azureReal], ["cache", "cache", "cache", "cache", "cache", "cache"]);
    });
});

describe("generic bindings: a workload binds to its own typed deps", () => {
    it("CreateInput carries no second record of the built components (`bindings`), only the catalog's bindable entries", () => {
        // Type-level (the typecheck compiles this file): an entry built before the data tier cannot be handed bindings typed complete.
        const noBindings: "bindings" extends keyof CreateInput<never, never> ? false : true = true;
        const bindable: CreateInput<never, never>["bindable"] = BINDABLE;
        assert.ok(noBindings && bindable.length === BINDABLE.length);
    });
});

describe("generic bindings: the pieces the runtimes loop over", () => {
    const secretRef = (id: string) => ({ id }) as unknown as SecretReference;
    const tokenBinding = defineBinding<{ handle: unknown }>({
        env: "Q_URL", output: "q", variables: ["Q_URL", "Q_TOKEN", "Q_ADMIN"],
        plain: () => ({ Q_URL: "u" }),
        secrets: () => [
            { env: "Q_TOKEN", ref: secretRef("token"), adminOnly: false, name: "q-token" },
            { env: "Q_ADMIN", ref: secretRef("admin"), adminOnly: true, name: "q-admin" },
        ],
    });

    it("bindingsOf binds each bindable entry that was built and has a binding, nothing else", () => {
        const bindable = [{ key: "queue", binding: tokenBinding as never }, { key: "topic", binding: tokenBinding as never }, { key: "plain" }];
        const bound = bindingsOf({ queue: { handle: {} }, plain: { handle: {} }, network: { handle: {} } }, bindable) as unknown as Record<string, BoundComponent>;
        assert.deepStrictEqual(Object.keys(bound), ["queue"], "topic was not built; plain has no binding; network is not bindable");
        assert.strictEqual(bound.queue!.binding, tokenBinding);
    });

    it("bindingSecrets: an adminOnly secret reaches an admin job, and \"all\" lists it, but no app workload", () => {
        const bindings = bindingsOf({ queue: { handle: {} } }, [{ key: "queue", binding: tokenBinding as never }]);
        assert.deepStrictEqual(bindingSecrets(bindings, {}).map((s) => s.env), ["Q_TOKEN"]);
        assert.deepStrictEqual(bindingSecrets(bindings, { databaseRole: "app" }).map((s) => s.env), ["Q_TOKEN"]);
        assert.deepStrictEqual(bindingSecrets(bindings, { databaseRole: "admin" }).map((s) => s.env), ["Q_TOKEN", "Q_ADMIN"]);
        assert.deepStrictEqual(bindingSecrets(bindings, "all").map((s) => `${s.owner.key}/${s.env}`), ["queue/Q_TOKEN", "queue/Q_ADMIN"]);
    });

    it("soleLogin: no component's login is none, one is that one, two fail naming both", () => {
        assert.strictEqual(soleLogin("gcp", "service", [{ component: "cache" }, { component: "objectStore" }]), undefined);
        assert.strictEqual(soleLogin("gcp", "service", [{ component: "cache" }, { component: "database", login: "app_api" }]), "app_api");
        assert.throws(() => soleLogin("azure", "job", [{ component: "queue", login: "a" }, { component: "database", login: "b" }]), /^Error: azure: the job is given a login by more than one bound component \(queue, database\); only one may authenticate it$/);
    });
});
