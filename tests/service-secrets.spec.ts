import * as assert from "assert";
import { CLOUDS, Cloud, ConfigError } from "../components/config";
import { isSecretEnvelope } from "../tools/engine/plan";
import { renderPlanText } from "../tools/engine/render-text";
import type { PlanRun } from "../tools/engine/run-plan";
import { loadStackConfig, OFFLINE_SECRET_PLACEHOLDER, UsageError } from "../tools/engine/stack-config";
import { inputs, ofType, planVariant } from "./support/harness";
import { resolveConfig } from "../components/program-config";

/*
 * Application secrets (`platform:services.<name>.secrets.<ENV>`) on every cloud and runtime.
 * The plans are handed DECRYPTED values, as the Pulumi CLI hands them to the program, so the
 * spec can prove the value reaches only the secret manager (as a Pulumi secret) and never a
 * task definition, revision, environment block, plan output or stack output.
 */

const VALUES = { SECRET_KEY: "decrypted-django-secret-key-0123456789", SENTRY_DSN: "https://decrypted-dsn@sentry.example.com/42" };
const SECURE = [
    `platform:services.api.secrets.SECRET_KEY={"secure":"v1:AAAA"}`,
    `platform:services.worker.secrets.SENTRY_DSN={"secure":"v1:BBBB"}`,
];

/** As the CLI does: the program receives the decrypted values; the key stays marked secret. */
function decrypt(config: Record<string, string>): Record<string, string> {
    const services = JSON.parse(config["platform:services"]!);
    assert.strictEqual(services.api.secrets.SECRET_KEY, OFFLINE_SECRET_PLACEHOLDER);
    services.api.secrets.SECRET_KEY = VALUES.SECRET_KEY;
    services.worker.secrets.SENTRY_DSN = VALUES.SENTRY_DSN;
    return { ...config, "platform:services": JSON.stringify(services) };
}

function plan(cloud: Cloud, runtime: "managed" | "kubernetes"): Promise<PlanRun> {
    const config = [...SECURE, ...(runtime === "kubernetes" ? ["platform:compute.runtime=kubernetes"] : [])];
    return planVariant({ stack: "production", cloud, config, adjust: { label: "decrypted service secrets", fn: decrypt } });
}

/** Every recorded input (deep) holding a decrypted value, and whether it is inside a secret envelope. */
function carriers(run: PlanRun): Array<{ urn: string; secret: boolean }> {
    const found: Array<{ urn: string; secret: boolean }> = [];
    const walk = (v: unknown, urn: string, inSecret: boolean): void => {
        if (isSecretEnvelope(v)) return walk(v.value, urn, true);
        if (typeof v === "string") {
            if (Object.values(VALUES).some((s) => v.includes(s))) found.push({ urn, secret: inSecret });
        } else if (Array.isArray(v)) v.forEach((x) => walk(x, urn, inSecret));
        else if (v && typeof v === "object") Object.values(v).forEach((x) => walk(x, urn, inSecret));
    };
    for (const r of run.recorded) walk(r.rawInputs, r.urn, false);
    return found;
}

describe("application secrets (services.<name>.secrets)", function () {
    for (const cloud of CLOUDS) {
        for (const runtime of ["managed", "kubernetes"] as const) {
            describe(`${cloud} / ${runtime}`, () => {
                it("reach only secret inputs, never the plan output, text or stack outputs", async () => {
                    const run = await plan(cloud, runtime);
                    const found = carriers(run);
                    assert.ok(found.length >= 2, `the values reach the program's resources (${found.length})`);
                    assert.deepStrictEqual(found.filter((f) => !f.secret), [], "a value is recorded outside a secret");
                    const rendered = JSON.stringify(run.plan) + renderPlanText(run.plan);
                    for (const v of Object.values(VALUES)) assert.ok(!rendered.includes(v), "a value leaks into the plan output");
                });
                it("are injected by reference, each only into its own service", async () => {
                    const run = await plan(cloud, runtime);
                    assertInjected[runtime === "kubernetes" ? "kubernetes" : cloud](run);
                });
            });
        }
    }
});

const byName = (run: PlanRun, type: string, suffix: string) => {
    const r = ofType(run, type).find((x) => x.name.endsWith(suffix));
    assert.ok(r, `no ${type} named *${suffix}; have ${ofType(run, type).map((x) => x.name).join(", ")}`);
    return inputs(r);
};

const assertInjected: Record<Cloud | "kubernetes", (run: PlanRun) => void> = {
    aws(run) {
        const secrets = ofType(run, "aws:secretsmanager/secret:Secret").map(inputs);
        const api = secrets.find((s) => s.name === "acme-prod-api/SECRET_KEY");
        assert.ok(api, "Secrets Manager secret acme-prod-api/SECRET_KEY");
        assert.ok(typeof api.kmsKeyId === "string" && api.kmsKeyId.length > 0, "under a customer-managed key");
        const defs = (svc: string) => JSON.parse(byName(run, "aws:ecs/taskDefinition:TaskDefinition", `service-${svc}-task`).containerDefinitions)[0];
        const apiDef = defs("api");
        const ref = apiDef.secrets.find((s: any) => s.name === "SECRET_KEY");
        assert.ok(ref && /^arn:/.test(ref.valueFrom), `ECS secrets[] references the ARN: ${JSON.stringify(apiDef.secrets)}`);
        assert.ok(!apiDef.environment.some((e: any) => e.name === "SECRET_KEY"), "not in environment");
        assert.ok(!apiDef.secrets.some((s: any) => s.name === "SENTRY_DSN"), "api does not get the worker's secret");
        assert.ok(defs("worker").secrets.some((s: any) => s.name === "SENTRY_DSN"));
        const policy = JSON.parse(byName(run, "aws:iam/rolePolicy:RolePolicy", "service-api-execution-app-secrets").policy);
        assert.deepStrictEqual(policy.Statement[0].Resource, [ref.valueFrom], "the api execution role reads exactly its own secret");
        assert.ok(!ofType(run, "aws:iam/rolePolicy:RolePolicy").some((r) => r.name === "service-web-execution-app-secrets"), "a service without secrets gets no grant");
    },
    gcp(run) {
        const svc = byName(run, "gcp:cloudrunv2/service:Service", "service-api-service");
        const env = svc.template.containers[0].envs.find((e: any) => e.name === "SECRET_KEY");
        assert.ok(env?.valueSource?.secretKeyRef?.secret && env.value === undefined, `secretKeyRef: ${JSON.stringify(env)}`);
        assert.strictEqual(env.valueSource.secretKeyRef.version, "latest");
        const secret = byName(run, "gcp:secretmanager/secret:Secret", "service-api-api-env-secret-key-secret");
        assert.strictEqual(secret.secretId, "acme-prod-api-env-secret-key");
        const access = byName(run, "gcp:secretmanager/secretIamMember:SecretIamMember", "service-api-env-secret-key-access");
        const account = byName(run, "gcp:serviceaccount/account:Account", "service-api-identity");
        assert.strictEqual(access.role, "roles/secretmanager.secretAccessor");
        assert.ok(String(access.member).includes(account.accountId), `only the api's account: ${access.member}`);
        const worker = byName(run, "gcp:cloudrunv2/service:Service", "service-worker-service");
        assert.ok(!worker.template.containers[0].envs.some((e: any) => e.name === "SECRET_KEY"));
    },
    azure(run) {
        const app = byName(run, "azure-native:app:ContainerApp", "service-api-app");
        const ref = app.configuration.secrets.find((s: any) => s.name === "env-secret-key");
        assert.ok(ref?.keyVaultUrl && ref.identity && ref.value === undefined, `Key Vault reference: ${JSON.stringify(ref)}`);
        const env = app.template.containers[0].env.find((e: any) => e.name === "SECRET_KEY");
        assert.deepStrictEqual(env, { name: "SECRET_KEY", secretRef: "env-secret-key" });
        const vault = byName(run, "azure-native:keyvault:Secret", "service-api-env-secret-key-secret");
        assert.strictEqual(vault.secretName, "api-env-secret-key");
        const reader = byName(run, "azure-native:authorization:RoleAssignment", "service-api-env-secret-key-reader");
        assert.ok(String(reader.scope).length > 0 && reader.principalType === "ServicePrincipal");
        const worker = byName(run, "azure-native:app:ContainerApp", "service-worker-app");
        assert.ok(!worker.configuration.secrets.some((s: any) => s.name === "env-secret-key"));
    },
    kubernetes(run) {
        const stringData = (suffix: string) => {
            const rec = run.recorded.find((r) => r.type === "kubernetes:core/v1:Secret" && r.name.endsWith(suffix));
            const data = rec?.rawInputs.stringData;
            assert.ok(isSecretEnvelope(data), `${suffix}: stringData is recorded as a secret`);
            return data.value as Record<string, unknown>;
        };
        assert.ok("SECRET_KEY" in stringData("service-api-secret"));
        const dep = byName(run, "kubernetes:apps/v1:Deployment", "service-api-deployment");
        const env = dep.spec.template.spec.containers[0].env.find((e: any) => e.name === "SECRET_KEY");
        assert.deepStrictEqual(env?.valueFrom?.secretKeyRef?.key, "SECRET_KEY");
        assert.strictEqual(env.value, undefined);
        assert.ok(!("SECRET_KEY" in stringData("service-worker-secret")), "the worker's Secret holds only its own");
        assert.ok("SENTRY_DSN" in stringData("service-worker-secret"));
    },
};

describe("application secrets: config validation", () => {
    const base = (secrets: Record<string, string>) => ({
        cloud: "aws", environment: "production", loadBalancer: { domain: "app.example.com" },
        services: { api: { image: "a/b:1", http: {}, secrets } },
    });
    const problems = (fn: () => unknown) => {
        try {
            fn();
        } catch (err) {
            assert.ok(err instanceof ConfigError, String(err));
            return err;
        }
        assert.fail("expected a ConfigError");
    };

    it("rejects plain values in the stack file, naming the key and the command, never the value", () => {
        const err = problems(() => resolveConfig(base({ SMTP_PASSWORD: "plain-text-password" })));
        assert.match(err.message, /platform:services\.api\.secrets\.SMTP_PASSWORD = \[secret\]: allowed: a secure value: set it with pulumi config set --secret --path/);
        assert.ok(!err.message.includes("plain-text-password"));
    });

    it("accepts them when the engine marks platform:services secret, and wraps each as a Pulumi secret", async () => {
        const cfg = resolveConfig(base({ SMTP_PASSWORD: "pw-123456" }), (k) => k === "platform:services");
        const out = cfg.services[0]!.secrets.SMTP_PASSWORD! as unknown as { isSecret: Promise<boolean>; promise(): Promise<string> };
        assert.strictEqual(await out.isSecret, true);
        assert.strictEqual(await out.promise(), "pw-123456");
    });

    it("rejects names the platform sets itself or that are also plain env, and bad names without printing values", () => {
        const secret = () => true;
        assert.match(problems(() => resolveConfig(base({ DATABASE_PASSWORD: "x" }), secret)).message, /secrets\.DATABASE_PASSWORD = \[secret\]: allowed: a name the platform does not set itself/);
        const both = { ...base({ API_KEY: "x" }), services: { api: { image: "a/b:1", http: {}, env: { API_KEY: "y" }, secrets: { API_KEY: "x" } } } };
        assert.match(problems(() => resolveConfig(both, secret)).message, /secrets\.API_KEY = \[secret\]: allowed: a name not also in platform:services\.api\.env/);
        const bad = problems(() => resolveConfig(base({ API__KEY: "value-not-shown" }), secret));
        assert.match(bad.message, /platform:services\.api\.secrets\.API__KEY/);
        const empty = problems(() => resolveConfig(base({ API_KEY: "" }), secret));
        assert.match(empty.message, /platform:services\.api\.secrets\.API_KEY = \[secret\]/);
        assert.ok(!bad.message.includes("value-not-shown"));
    });

    it("the offline loader marks a key holding a nested secure value secret, and rejects one plain value among secure ones", () => {
        const sc = loadStackConfig("production", [SECURE[0]!]);
        assert.ok(sc.secretKeys.includes("platform:services"));
        assert.strictEqual(JSON.parse(sc.config["platform:services"]!).api.secrets.SECRET_KEY, OFFLINE_SECRET_PLACEHOLDER);
        assert.throws(() => loadStackConfig("production", [SECURE[0]!, "platform:services.worker.secrets.SENTRY_DSN=plain-dsn"]),
            (err: Error) => err instanceof UsageError && /platform:services\.worker\.secrets\.SENTRY_DSN = \[secret\]: allowed: a secure value/.test(err.message) && !err.message.includes("plain-dsn"));
    });
});
