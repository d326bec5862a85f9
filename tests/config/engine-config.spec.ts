import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, engineSecretKeys, jsonDepth, MAX_JSON_DEPTH, MAX_VALUE_BYTES } from "../../components/config";
import { rawPlatformConfig, validateConfig } from "../../components/program-config";

/**
 * The config as the engine hands it over (every key namespaced, objects as JSON text) through
 * validateConfig: which keys it reads, how values decode, the keys outside `platform:` and the
 * provider keys that must repeat what `platform:` says.
 */

const STACK: Record<string, string> = {
    "platform:cloud": "aws",
    "platform:environment": "staging",
    "platform:loadBalancer": '{"domain":"app.example.com"}',
    "platform:services": '{"api":{"image":"ghcr.io/acme/api:1.0.0","http":{"pathPrefix":"/"}}}',
};
const GCP = { ...STACK, "platform:cloud": "gcp", "platform:gcp": '{"project":"acme-prod-1","billingAccount":"01A2B3-C4D5E6-F7A8B9"}' };

function problems(all: Record<string, string>, secretKeys: string[] = []): Array<[string, string]> {
    try {
        validateConfig(all, secretKeys);
        return [];
    } catch (err) {
        assert.ok(err instanceof ConfigError, String(err));
        return err.message.split("\n").slice(1).map((l) => {
            const line = l.trim();
            const i = line.indexOf(" = ");
            return [line.slice(0, i), line.slice(i + 3)];
        });
    }
}

describe("engine config: the keys the program reads", () => {
    it("a valid stack resolves; string keys keep their text, objects decode", () => {
        const cfg = validateConfig({ ...STACK, "platform:appName": "acme", "platform:tags": '{"team":"pay"}' });
        assert.deepStrictEqual([cfg.appName, cfg.tags.team, cfg.loadBalancer.domain], ["acme", "pay", "app.example.com"]);
        assert.deepStrictEqual(rawPlatformConfig({ "platform:appName": "123", "platform:database": '{"size":"small"}', "platform:cloud": "aws" }), { appName: "123", database: { size: "small" }, cloud: "aws" });
    });
    it("keys outside the schema are not read as config: an empty name, an inherited property, another namespace", () => {
        assert.deepStrictEqual(rawPlatformConfig({ "platform:": "x", "platform:toString": "x", "aws:region": "us-west-2", "platformx:cloud": "aws" }), {});
    });
    it("JSON that is too deep or too large stays text, and the schema then names the key", () => {
        const deep = "[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1);
        assert.strictEqual(jsonDepth(deep), MAX_JSON_DEPTH + 1);
        assert.deepStrictEqual(rawPlatformConfig({ "platform:tags": deep }), { tags: deep });
        const ok = "[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH);
        assert.notStrictEqual(typeof rawPlatformConfig({ "platform:tags": ok }).tags, "string");
        const big = JSON.stringify({ team: "x".repeat(MAX_VALUE_BYTES) });
        assert.strictEqual(rawPlatformConfig({ "platform:tags": big }).tags, big);
        const fits = JSON.stringify({ team: "x".repeat(MAX_VALUE_BYTES - 20) });
        assert.strictEqual(typeof rawPlatformConfig({ "platform:tags": fits }).tags, "object");
        // `{"team":""}` is 11 characters: exactly MAX_VALUE_BYTES is decoded, one more is not.
        const exact = JSON.stringify({ team: "x".repeat(MAX_VALUE_BYTES - 11) });
        assert.strictEqual(exact.length, MAX_VALUE_BYTES);
        assert.strictEqual(typeof rawPlatformConfig({ "platform:tags": exact }).tags, "object");
        const over = JSON.stringify({ team: "x".repeat(MAX_VALUE_BYTES - 10) });
        assert.strictEqual(rawPlatformConfig({ "platform:tags": over }).tags, over);
        assert.deepStrictEqual(problems({ ...STACK, "platform:tags": deep }).map(([k]) => k), ["platform:tags"]);
    });
    it("prototype keys inside JSON values are dropped", () => {
        const raw = rawPlatformConfig({ "platform:database": '{"__proto__":{"size":"huge"},"constructor":1,"prototype":2,"size":"small"}' });
        assert.deepStrictEqual(Object.keys(raw.database as object), ["size"]);
        assert.strictEqual((raw.database as { size: string }).size, "small");
    });
});

describe("engine config: keys outside platform:", () => {
    it("the engine's own keys are allowed; an unknown one is named with the nearest", () => {
        assert.deepStrictEqual(problems({ ...STACK, "pulumi:tags": '{"a":"b"}', "pulumi:disable-default-providers": '["*"]', "pulumi:autonaming": "{}" }), []);
        assert.deepStrictEqual(problems({ ...STACK, "platfrom:cloud": "aws", "aws:profile": "prod" }), [
            ["platfrom:cloud", '"aws": allowed: no such key; did you mean platform:cloud? (keys are platform:<name> or one listed in README.md "Config reference")'],
            ["aws:profile", '"prod": allowed: no such key (keys are platform:<name> or one listed in README.md "Config reference")'],
        ]);
        assert.deepStrictEqual(problems({ ...STACK, monitoring: '{"alertEmail":"a@example.com"}' })[0], ["monitoring", '{"alertEmail":"a@example.com"}: allowed: no such key; did you mean platform:monitoring? (keys are platform:<name> or one listed in README.md "Config reference")']);
    });
    it("a misspelled namespace is reported and its value is not read as the platform: key", () => {
        // Read as platform:cloud, "gcp" would also ask for platform:gcp.project.
        assert.deepStrictEqual(problems({ ...STACK, "platfrom:cloud": "gcp" }).map(([k]) => k), ["platfrom:cloud"]);
        assert.deepStrictEqual(rawPlatformConfig({ "platfrom:cloud": "gcp", "xxxxxxxx:appName": "x" }), {});
    });
    it("a provider key is accepted when it repeats platform:, named with the value it must have otherwise", () => {
        assert.deepStrictEqual(problems({ ...STACK, "aws:region": "us-west-2" }), []);
        assert.deepStrictEqual(problems({ ...STACK, "aws:region": "eu-west-1" }), [["aws:region", '"eu-west-1": allowed: "us-west-2", the value of platform:aws.region (the program deploys there; set that key to change it)']]);
        assert.deepStrictEqual(problems({ ...GCP, "gcp:project": "acme-prod-1", "gcp:region": "us-central1" }), []);
        assert.deepStrictEqual(problems({ ...GCP, "gcp:region": "us-east1" }), [["gcp:region", '"us-east1": allowed: "us-central1", the value of platform:gcp.region (the program deploys there; set that key to change it)']]);
        assert.deepStrictEqual(problems({ ...STACK, "platform:cloud": "azure", "azure-native:location": "eastus" }), []);
    });
    it("another cloud's key agrees with its platform: section when that is set, and is refused when nothing says where", () => {
        assert.deepStrictEqual(problems({ ...STACK, "platform:gcp": '{"project":"p-123456"}', "gcp:project": "p-123456" }), []);
        assert.deepStrictEqual(problems({ ...STACK, "platform:gcp": '{"project":"p-123456"}', "gcp:project": "other-1" }), [["gcp:project", '"other-1": allowed: "p-123456", the value of platform:gcp.project (the program deploys there; set that key to change it)']]);
        assert.deepStrictEqual(problems({ ...STACK, "azure-native:subscriptionId": "00000000-0000-0000-0000-000000000000" }), [["azure-native:subscriptionId", '"00000000-0000-0000-0000-000000000000": allowed: not read by this program (it builds explicit providers): set platform:azure.subscriptionId instead']]);
        assert.deepStrictEqual(problems({ ...STACK, "gcp:region": "us-east1" }), [["gcp:region", '"us-east1": allowed: not read by this program (it builds explicit providers): set platform:gcp.region instead']]);
        // Another cloud's region key: its section's region as written (the resolved region is the stack's own cloud's).
        const gcpSection = '{"project":"p-123456","region":"europe-west1"}';
        assert.deepStrictEqual(problems({ ...STACK, "platform:gcp": gcpSection, "gcp:region": "europe-west1" }), []);
        assert.deepStrictEqual(problems({ ...STACK, "platform:gcp": gcpSection, "gcp:region": "us-east1" }), [["gcp:region", '"us-east1": allowed: "europe-west1", the value of platform:gcp.region (the program deploys there; set that key to change it)']]);
        assert.deepStrictEqual(problems({ ...STACK, "platform:azure": '{"location":"westeurope"}', "azure-native:location": "westeurope" }), []);
        assert.deepStrictEqual(problems({ ...STACK, "platform:azure": '{"location":"westeurope"}', "azure-native:location": "eastus" }), [["azure-native:location", '"eastus": allowed: "westeurope", the value of platform:azure.location (the program deploys there; set that key to change it)']]);
        // On GCP, aws:region repeats platform:aws.region as written.
        assert.deepStrictEqual(problems({ ...GCP, "platform:aws": '{"region":"eu-west-1"}', "aws:region": "eu-west-1" }), []);
        assert.deepStrictEqual(problems({ ...STACK, "platform:gcp": "not json", "gcp:project": "p-1" }).map(([k]) => k), ["platform:gcp"]);
    });
    it("a service secret is accepted only when the engine marks its top-level key secret", () => {
        const services = '{"api":{"image":"ghcr.io/acme/api:1.0.0","http":{"pathPrefix":"/"},"secrets":{"API_TOKEN":"s3cr3t-value"}}}';
        assert.deepStrictEqual(problems({ ...STACK, "platform:services": services }, ["platform:services"]), []);
        assert.deepStrictEqual(problems({ ...STACK, "platform:services": services }).map(([k]) => k), ["platform:services.api.secrets.API_TOKEN"]);
    });
    it("masks the values of the keys the engine marks secret", () => {
        assert.deepStrictEqual(problems({ ...STACK, "platform:appName": "Bad Name" }, ["platform:appName"]).map(([, v]) => v.split(":")[0]), ["[secret]"]);
    });
});

describe("engine config: the secret keys the engine names", () => {
    const store = () => (require("@pulumi/pulumi/runtime/state") as { getStore(): { config: Record<string, string | undefined> } }).getStore().config;
    afterEach(() => pulumi.runtime.setAllConfig({}, []));
    it("reads PULUMI_CONFIG_SECRET_KEYS as the CLI sets it", () => {
        pulumi.runtime.setAllConfig({ "platform:kubeconfig": "x" }, ["platform:kubeconfig"]);
        assert.deepStrictEqual(engineSecretKeys(), ["platform:kubeconfig"]);
    });
    it("nothing when unset or not a list of strings", () => {
        pulumi.runtime.setAllConfig({}, []);
        for (const text of [undefined, "", "not json", '{"a":1}', '[1,"platform:x",null]']) {
            const config = store();
            const key = Object.keys(config).find((k) => /SECRET_KEYS/.test(k)) ?? "PULUMI_CONFIG_SECRET_KEYS";
            if (text === undefined) delete config[key];
            else config[key] = text;
            assert.deepStrictEqual(engineSecretKeys(), text === '[1,"platform:x",null]' ? ["platform:x"] : [], String(text));
        }
    });
});
