import * as assert from "assert";
import type { PolicyResource } from "@pulumi/policy";
import type { PlatformPolicy } from "../../policy/policies";
import * as P from "../../policy/policies/all";
import { configures, environmentOf, environmentOfStack, isUnknownValueError, minimumFor, read, show, stackOfUrn, truthy } from "../../policy/policies/support";
import { T } from "../../policy/policies/types";
import { runPolicy } from "../support/policy-harness";

/*
 * The pack's shared rules as contract tables: which environment a resource is in (its own
 * tag or label, the provider's default tags, the stack name), which minimum an unlisted
 * environment gets, how found values read in messages, and when a satellite resource
 * (versioning, lock, log config) counts as configuring its subject.
 */

const URN = (stack: string) => `urn:pulumi:${stack}::platform::aws:rds/instance:Instance::db`;

describe("policy support: the environment of a stack name", () => {
    const TABLE: Array<[stack: string, environment: string]> = [
        ["production", "production"], ["Production", "production"], ["prod", "production"], ["prod-eu", "production"], ["prod_eu", "production"], ["prod.eu", "production"],
        ["production-gcp", "production"], ["productionish", "production"], ["production2", "production"],
        ["staging", "staging"], ["stage", "staging"], ["stage-1", "staging"], ["staging-azure", "staging"], ["STAGING_x", "staging"], ["stagingx", "staging"],
        ["products", "products"], ["preprod", "preprod"], ["my-production", "my-production"], ["stag", "stag"], ["stages", "stages"], ["dev", "dev"], ["", ""],
    ];
    for (const [stack, environment] of TABLE) it(`${JSON.stringify(stack)} → ${JSON.stringify(environment)}`, () => assert.strictEqual(environmentOfStack(stack), environment));
    it("the stack of a URN", () => {
        assert.strictEqual(stackOfUrn(URN("production-gcp")), "production-gcp");
        assert.strictEqual(stackOfUrn("x urn:pulumi:production::p::t::n"), "");
        assert.strictEqual(stackOfUrn("urn:pulumi:a:b::p::t::n"), "");
        assert.strictEqual(stackOfUrn("not a urn"), "");
    });
});

describe("policy support: the environment of a resource", () => {
    const TABLE: Array<[label: string, props: unknown, provider: unknown, environment: string, source: string]> = [
        ["tags", { tags: { environment: "Staging" } }, undefined, "staging", "tags.environment"],
        ["labels", { labels: { environment: "staging" } }, undefined, "staging", "labels.environment"],
        ["Cloud SQL userLabels", { settings: { userLabels: { environment: "staging" } } }, undefined, "staging", "settings.userLabels.environment"],
        ["GKE resourceLabels", { resourceLabels: { environment: "staging" } }, undefined, "staging", "resourceLabels.environment"],
        ["Kubernetes metadata labels", { metadata: { labels: { environment: "staging" } } }, undefined, "staging", "metadata.labels.environment"],
        ["tags win over labels", { tags: { environment: "qa" }, labels: { environment: "staging" } }, undefined, "qa", "tags.environment"],
        ["an empty tag is no tag", { tags: { environment: "" } }, undefined, "production", 'stack name "production"'],
        ["a non-string tag is no tag", { tags: { environment: 7 } }, undefined, "production", 'stack name "production"'],
        ["a non-object on the path", { tags: "environment" }, undefined, "production", 'stack name "production"'],
        ["the provider's default tags", {}, { defaultTags: { tags: { environment: "STAGING" } } }, "staging", "provider defaultTags.environment"],
        ["an empty provider tag", {}, { defaultTags: { tags: { environment: "" } } }, "production", 'stack name "production"'],
        ["the resource's own tag over the provider's", { tags: { environment: "qa" } }, { defaultTags: { tags: { environment: "staging" } } }, "qa", "tags.environment"],
        ["nothing: the stack name", undefined, undefined, "production", 'stack name "production"'],
    ];
    for (const [label, props, provider, environment, source] of TABLE) {
        it(label, () => assert.deepStrictEqual(environmentOf(props, URN("production"), provider), { environment, source }));
    }
    it("a preview-unknown tag reads as absent; other errors are not swallowed", () => {
        class UnknownValueError extends Error {}
        const unknown = new Proxy({}, { get: () => { throw new UnknownValueError("unknown"); } });
        assert.deepStrictEqual(environmentOf({ tags: unknown }, URN("staging")), { environment: "staging", source: 'stack name "staging"' });
        assert.strictEqual(read({ a: unknown }, "a", "b"), undefined);
        const broken = new Proxy({}, { get: () => { throw new RangeError("boom"); } });
        assert.throws(() => read({ a: broken }, "a", "b"), /boom/);
        assert.strictEqual(isUnknownValueError(new UnknownValueError("x")), true);
        assert.strictEqual(isUnknownValueError(new Error("x")), false);
        assert.strictEqual(isUnknownValueError({ constructor: { name: "UnknownValueError" } }), false);
    });
});

describe("policy support: minimums and values", () => {
    it("a listed environment gets its own minimum; an unlisted one the largest", () => {
        assert.strictEqual(minimumFor({ production: 30, staging: 7 }, "staging"), 7);
        assert.strictEqual(minimumFor({ production: 30, staging: 7 }, "production"), 30);
        assert.strictEqual(minimumFor({ production: 30, staging: 7, qa: 45 }, "dev"), 45);
        assert.strictEqual(minimumFor({ production: 3, staging: 7 }, "dev"), 7);
    });
    const SHOW: Array<[value: unknown, shown: string]> = [[undefined, "not set"], [null, "null"], ["x", '"x"'], [false, "false"], [0, "0"], [{ a: [1] }, '{"a":[1]}'], [10n, "10"]];
    for (const [value, shown] of SHOW) it(`a found ${typeof value} reads ${shown}`, () => assert.strictEqual(show(value), shown));
    const TRUTHY: Array<[value: unknown, is: boolean]> = [[true, true], ["true", true], ["True", true], ["TRUE", true], [false, false], ["false", false], ["yes", false], [1, false], [undefined, false]];
    for (const [value, is] of TRUTHY) it(`truthy(${JSON.stringify(value) ?? "undefined"}) is ${is}`, () => assert.strictEqual(truthy(value), is));
});

describe("policy support: a satellite configures its subject", () => {
    const subject = { urn: "urn:s", props: { bucket: "logs-bucket", id: "" } } as unknown as PolicyResource;
    const sat = (extra: Partial<PolicyResource> & { props?: Record<string, unknown> }) =>
        ({ urn: "urn:x", props: {}, dependencies: [], propertyDependencies: {}, ...extra }) as unknown as PolicyResource;
    const TABLE: Array<[label: string, satellite: PolicyResource, configures: boolean]> = [
        ["its key flowed from the subject", sat({ propertyDependencies: { bucket: [{ urn: "urn:s" }] } as never }), true],
        ["its key flowed from another resource, even if it depends on the subject elsewhere", sat({ propertyDependencies: { bucket: [{ urn: "urn:o" }], policy: [{ urn: "urn:s" }] } as never, dependencies: [{ urn: "urn:s" }] as never }), false],
        ["an empty dependency list for the key does not decide", sat({ propertyDependencies: { bucket: [], other: [{ urn: "urn:s" }] } as never }), true],
        ["it depends on the subject", sat({ dependencies: [{ urn: "urn:s" }] as never }), true],
        ["another property flowed from the subject", sat({ propertyDependencies: { policy: [{ urn: "urn:s" }] } as never }), true],
        ["it names the subject", sat({ props: { bucket: "logs-bucket" } }), true],
        ["it names the subject by a path ending in its name", sat({ props: { bucket: "arn:aws:s3:::x/logs-bucket" } }), true],
        ["it names something that only ends like the subject", sat({ props: { bucket: "other-logs-bucket" } }), false],
        ["it names another resource", sat({ props: { bucket: "other" } }), false],
        ["it names nothing", sat({ props: { bucket: "" } }), false],
        ["its key is not a string", sat({ props: { bucket: 7 } }), false],
        ["no dependency information at all", sat({ propertyDependencies: undefined, props: { bucket: "logs-bucket" } }), true],
    ];
    for (const [label, satellite, expected] of TABLE) {
        it(label, () => assert.strictEqual(configures(satellite, subject, "bucket", ["id", "bucket"]), expected));
    }
    it("an empty identifying prop never matches an empty-suffixed reference", () => {
        assert.strictEqual(configures(sat({ props: { bucket: "x/" } }), subject, "bucket", ["id"]), false);
    });
});

describe("policy support: the resource policy wrapper", () => {
    it("a resource of a type the policy does not cover is not applicable, naming the types", async () => {
        const e = await runPolicy(P.awsRdsRequireBackupRetention, [{ type: T.aws.s3Bucket, name: "b", props: {} }]);
        assert.deepStrictEqual(e.violations, []);
        assert.deepStrictEqual(e.notApplicable.map((n) => n.reason), [`Policy only applies to resources of type '${T.aws.rdsInstance}', '${T.aws.rdsCluster}'`]);
    });
    it("an exempted resource is not applicable, naming the pattern and the reason", async () => {
        const e = await runPolicy(P.awsRdsRequireBackupRetention, [{ type: T.aws.rdsInstance, name: "database-x", props: { backupRetentionPeriod: 1 } }], { config: { exemptions: [{ pattern: "database-*", reason: "TICKET-1: being retired" }] } });
        assert.deepStrictEqual(e.violations, []);
        assert.deepStrictEqual(e.notApplicable.map((n) => n.reason), ['exempted by pattern "database-*": TICKET-1: being retired']);
    });
    it("the CMK and infrastructure-encryption switches are off unless configured", async () => {
        const sa = { type: T.azure.storageAccount, name: "store", props: { encryption: { keySource: "Microsoft.Storage", services: { blob: { enabled: true } } }, minimumTlsVersion: "TLS1_2", enableHttpsTrafficOnly: true, tags: { environment: "production" } } };
        const off = await runPolicy(P.azureStorageRequireEncryption, [sa]);
        assert.deepStrictEqual(off.violations.filter((v) => v.level === "mandatory"), []);
        const on = await runPolicy(P.azureStorageRequireEncryption, [sa], { config: { requireCustomerManagedKeys: true, requireInfrastructureEncryption: true } });
        assert.ok(on.violations.some((v) => v.level === "mandatory"));
    });
});

describe("policy: credentials by reference, whatever the env entry looks like, on every managed runtime", () => {
    // [runtime, type, props with one container named `name` (or none) holding `env`]
    const RUNTIMES: Array<[policy: PlatformPolicy, type: string, props: (env: unknown[], name?: string) => Record<string, unknown>]> = [
        [P.awsEcsDisallowPlainSecretEnv, T.aws.ecsTaskDefinition, (env, name) => ({ containerDefinitions: JSON.stringify([{ ...(name ? { name } : {}), image: "x", environment: env }]) })],
        [P.gcpCloudrunDisallowPlainSecretEnv, T.gcp.cloudRunService, (env, name) => ({ template: { containers: [{ ...(name ? { name } : {}), image: "x", envs: env }] } })],
        [P.gcpCloudrunDisallowPlainSecretEnv, T.gcp.cloudRunJob, (env, name) => ({ template: { template: { containers: [{ ...(name ? { name } : {}), image: "x", envs: env }] } } })],
        [P.azureContainerappsDisallowPlainSecretEnv, T.azure.containerApp, (env, name) => ({ template: { containers: [{ ...(name ? { name } : {}), image: "x", env }] } })],
        [P.azureContainerappsDisallowPlainSecretEnv, T.azure.containerAppJob, (env, name) => ({ template: { initContainers: [{ ...(name ? { name } : {}), image: "x", env }] } })],
    ];
    const ENTRIES: Array<[label: string, env: unknown[], container: string | undefined, reported: string[]]> = [
        ["a literal password", [{ name: "DB_PASSWORD", value: "hunter2" }], "api", ['container "api" sets secret-like env DB_PASSWORD as a literal value']],
        ["an unnamed container", [{ name: "API_TOKEN", value: "t" }], undefined, ['container "?" sets secret-like env API_TOKEN as a literal value']],
        ["an empty value is no literal", [{ name: "DB_PASSWORD", value: "" }], "api", []],
        ["a null value is no literal", [{ name: "DB_PASSWORD", value: null }], "api", []],
        ["no value is no literal", [{ name: "DB_PASSWORD" }], "api", []],
        ["a harmless name", [{ name: "LOG_LEVEL", value: "debug" }], "api", []],
        ["an unnamed entry", [{ value: "x" }], "api", []],
        ["null and scalar entries are skipped", [null, "DB_PASSWORD=x", { name: "SECRET_KEY", value: "k" }], "api", ['container "api" sets secret-like env SECRET_KEY as a literal value']],
    ];
    for (const [policy, type, props] of RUNTIMES) {
        for (const [label, env, container, reported] of ENTRIES) {
            it(`${type}: ${label}`, async () => {
                const e = await runPolicy(policy, [{ type, name: "svc", props: props(env, container) }]);
                assert.deepStrictEqual(e.violations.map((v) => v.message.split("\n")[1]!.split(" on ")[0]), reported);
            });
        }
    }
    it("ECS: container definitions that are not JSON are not applicable", async () => {
        const e = await runPolicy(P.awsEcsDisallowPlainSecretEnv, [{ type: T.aws.ecsTaskDefinition, name: "svc", props: { containerDefinitions: "[not json" } }]);
        assert.deepStrictEqual([e.violations, e.notApplicable.map((n) => n.reason)], [[], ["containerDefinitions is not JSON"]]);
    });
});
