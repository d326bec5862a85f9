import * as assert from "assert";
import { DATABASE_ENV } from "../components/database";
import { CACHE_ENV } from "../components/cache";
import { OBJECT_STORE_ENV } from "../components/object-store";
import * as pulumi from "@pulumi/pulumi";
import { plainBindingEnv } from "../components/compute-service";
import type { SecretReference } from "../components/component";
import { BINDABLE, CLOUD_BUILT, COMPONENT_TYPES } from "../components/catalog";
import { bindingsOf } from "../components/binding";
import { CLOUDS, Cloud, ServiceConfig } from "../components/config";
import type { PlanRun } from "../tools/engine/run-plan";
import { inputs, named, planFor } from "./support/harness";
import { MIGRATE_JOB } from "./support/job-config";
import { RESERVED_ENV } from "../components/program-config";

/**
 * Every runtime on every cloud hands a service the same binding variables: the data tier's
 * addresses, its TLS requirements, its own IAM database login (DATABASE_AUTH=iam, never the
 * admin password: database-identity.spec.ts) and the cache auth token only as a secret reference.
 */

type Env = Array<{ name: string; value?: unknown }>;

/** The `api` service's container environment, wherever each runtime keeps it. */
const API_ENV: Record<Cloud | "kubernetes", (run: PlanRun) => Env> = {
    aws: (run) => {
        const defs = JSON.parse(String(inputs(named(run, "aws:ecs/taskDefinition:TaskDefinition", "service-api-task")).containerDefinitions));
        return [...defs[0].environment, ...defs[0].secrets.map((s: { name: string }) => ({ name: s.name }))];
    },
    gcp: (run) => inputs(named(run, "gcp:cloudrunv2/service:Service", "service-api-service")).template.containers[0].envs,
    azure: (run) => inputs(named(run, "azure-native:app:ContainerApp", "service-api-app")).template.containers[0].env,
    kubernetes: (run) => inputs(named(run, "kubernetes:apps/v1:Deployment", "service-api-deployment")).spec.template.spec.containers[0].env,
};

const PLAIN = [DATABASE_ENV.host, DATABASE_ENV.port, DATABASE_ENV.name, DATABASE_ENV.user, DATABASE_ENV.auth, CACHE_ENV.host, CACHE_ENV.port, OBJECT_STORE_ENV.bucket];
const SECRET = [CACHE_ENV.authToken];

describe("service bindings: the same variables on every cloud and runtime", () => {
    for (const cloud of CLOUDS) {
        for (const runtime of ["managed", "kubernetes"] as const) {
            it(`${cloud} / ${runtime}: addresses, TLS requirements and the IAM login as values, the token only as a secret reference, no admin password`, async () => {
                const run = await planFor("staging", cloud, runtime === "kubernetes" ? ["platform:compute.runtime=kubernetes"] : []);
                const env = API_ENV[runtime === "kubernetes" ? "kubernetes" : cloud](run);
                const byName = new Map(env.map((e) => [e.name, e]));
                for (const name of PLAIN) assert.ok(byName.has(name), `${name} missing`);
                assert.strictEqual(byName.get(DATABASE_ENV.sslMode)?.value, "require");
                assert.strictEqual(byName.get(CACHE_ENV.tls)?.value, "true");
                assert.strictEqual(byName.get(DATABASE_ENV.auth)?.value, "iam");
                assert.ok(!byName.has(DATABASE_ENV.password), "a service never gets the admin password");
                for (const name of SECRET) {
                    assert.ok(byName.has(name), `${name} missing`);
                    assert.strictEqual(byName.get(name)?.value, undefined, `${name} must be a secret reference, not a value`);
                }
            });
        }
    }
});

describe("service bindings: every variable the platform sets is reserved", () => {
    // The staging api sets no env of its own, so each name its container gets is the platform's;
    // one a cloud adds without its plugin's platformEnv would let a service's own env shadow it.
    for (const cloud of CLOUDS) {
        for (const runtime of ["managed", "kubernetes"] as const) {
            it(`${cloud} / ${runtime}: the api container's every variable is one config keeps a service from setting`, async () => {
                const run = await planFor("staging", cloud, runtime === "kubernetes" ? ["platform:compute.runtime=kubernetes"] : []);
                const names = API_ENV[runtime === "kubernetes" ? "kubernetes" : cloud](run).map((e) => e.name);
                assert.ok(names.length > 0);
                assert.deepStrictEqual(names.filter((n) => !RESERVED_ENV.includes(n)), [], "set by the platform but not reserved (a bound component's binding variables, or the cloud plugin's platformEnv)");
            });
        }
    }
});

describe("service bindings: cloud-specific variables follow the service onto Kubernetes", () => {
    it("azure: the blob endpoint a Container App gets, a Deployment on AKS gets too", async () => {
        const endpointOf = (env: Env) => env.find((e) => e.name === "AZURE_STORAGE_BLOB_ENDPOINT")?.value;
        const managed = endpointOf(API_ENV.azure(await planFor("staging", "azure")));
        const onAks = endpointOf(API_ENV.kubernetes(await planFor("staging", "azure", ["platform:compute.runtime=kubernetes"])));
        assert.match(String(managed), /^https:\/\/[a-z0-9]+\.blob\.core\.windows\.net\/?$/);
        assert.strictEqual(onAks, managed);
    });
});

describe("composition: every cloud's builders are bound to its components", () => {
    // bind-cloud.ts hands each builder its cloud's context; a component whose builder is not
    // called has no children, and the stack would deploy without it. The stack has a one-off job
    // (the same plan as jobs.spec.ts), so the job builder is bound too.
    const BUILT = CLOUD_BUILT.map((entry) => entry.key);
    for (const cloud of CLOUDS) {
        for (const runtime of ["managed", "kubernetes"] as const) {
            it(`${cloud} / ${runtime}: each component, the job's too, has resources of its own`, async () => {
                const run = await planFor("production", cloud, runtime === "kubernetes" ? [MIGRATE_JOB, "platform:compute.runtime=kubernetes"] : [MIGRATE_JOB]);
                for (const key of BUILT) {
                    const components = run.plan.resources.filter((r) => r.type === COMPONENT_TYPES[key]);
                    assert.ok(components.length > 0, `no ${key} component`);
                    for (const c of components) assert.ok(run.plan.resources.some((r) => r.parent === c.urn), `${c.name}: no children`);
                }
            });
        }
    }
});

describe("service bindings: one variable per name, the platform's value", () => {
    for (const cloud of CLOUDS) {
        for (const runtime of ["managed", "kubernetes"] as const) {
            it(`${cloud} / ${runtime}: no variable appears twice in the container`, async () => {
                const run = await planFor("staging", cloud, runtime === "kubernetes" ? ["platform:compute.runtime=kubernetes"] : []);
                const names = API_ENV[runtime === "kubernetes" ? "kubernetes" : cloud](run).map((e) => e.name);
                assert.deepStrictEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
            });
        }
    }
});

describe("service bindings: the platform's values win over a service's own env", () => {
    const out = <T>(v: T) => pulumi.output(v);
    const secret = { secretId: out("s"), jsonKey: "password" } as unknown as SecretReference;
    const bindings = bindingsOf({
        database: { endpoint: out("db.internal"), port: out(5432), databaseName: out("app"), username: out("platform_admin"), passwordSecret: secret },
        cache: { endpoint: out("cache.internal"), port: out(6380), authSecret: secret },
        objectStore: { bucketName: out("bucket"), resourceId: out("id") },
    }, BINDABLE);

    it("plainBindingEnv keeps PGSSLMODE=require and REDIS_TLS=true whatever the service's env says (config rejects such names; this is the second line)", () => {
        const env = plainBindingEnv({ env: { [DATABASE_ENV.sslMode]: "disable", [CACHE_ENV.tls]: "false", [DATABASE_ENV.host]: "evil", LOG_LEVEL: "debug" } } as unknown as ServiceConfig, bindings, "app_api");
        assert.strictEqual(env[DATABASE_ENV.sslMode], "require");
        assert.strictEqual(env[CACHE_ENV.tls], "true");
        assert.notStrictEqual(env[DATABASE_ENV.host], "evil");
        assert.strictEqual(env.LOG_LEVEL, "debug");
    });

    // Only an `admin` workload (the migration job) logs in with the platform's admin user and password; every other one with its own IAM login.
    for (const [role, user, auth] of [[undefined, "app_api", "iam"], ["app", "app_api", "iam"], ["admin", "platform_admin", "password"]] as const) {
        it(`databaseRole ${role ?? "(unset)"}: DATABASE_USER ${user}, DATABASE_AUTH=${auth}`, async () => {
            const env = plainBindingEnv({ env: {}, databaseRole: role } as unknown as ServiceConfig, bindings, "app_api");
            const value = (v: pulumi.Input<string> | undefined) => new Promise((resolve) => pulumi.output(v).apply(resolve));
            assert.deepStrictEqual([await value(env[DATABASE_ENV.user]), env[DATABASE_ENV.auth]], [user, auth]);
        });
    }
});

describe("composition: each service in the stack outputs, created after the network", () => {
    // The ComputeService entry's stack outputs and its dependency on the network (components/compute-service.ts).
    for (const cloud of CLOUDS) {
        it(`${cloud}: every configured service has its identity, internal URL and release in the outputs, and waits for the network`, async () => {
            const run = await planFor("staging", cloud);
            const services = run.recorded.filter((r) => r.type === COMPONENT_TYPES.computeService);
            const names = services.map((s) => s.name.replace(/^service-/, "")).sort();
            assert.ok(names.length >= 2, `services: ${names}`);
            const outputs = run.plan.outputs as { services: Record<string, { identity?: unknown; internalUrl?: unknown }>; releases: Record<string, { strategy?: unknown }> };
            assert.deepStrictEqual(Object.keys(outputs.services).sort(), names);
            assert.deepStrictEqual(Object.keys(outputs.releases).sort(), names);
            for (const n of names) {
                assert.ok(outputs.services[n]!.identity !== undefined && outputs.services[n]!.internalUrl !== undefined, `${n}: ${JSON.stringify(outputs.services[n])}`);
                assert.ok(outputs.releases[n]!.strategy !== undefined, `${n}: ${JSON.stringify(outputs.releases[n])}`);
            }
            const network = run.recorded.find((r) => r.type === COMPONENT_TYPES.network);
            assert.ok(network, "no network");
            // dependsOn a component reaches the engine as its children.
            const networkChildren = run.recorded.filter((r) => r.parent === network.urn).map((r) => r.urn);
            assert.ok(networkChildren.length > 3, `network children: ${networkChildren}`);
            for (const s of services) assert.deepStrictEqual(networkChildren.filter((u) => !s.options.dependencies.includes(u)), [], `${s.name} does not wait for the network`);
        });
    }
});
