import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { ConfigError } from "../components/config";
import { rawSchemaOf } from "../components/config/schema";
import { CONFIG_SECTIONS } from "../components/config/sections";
import { definePlatform } from "../components/program";
import { recordingMocks } from "../tools/engine/mocks";
import { installMonitor } from "../tools/engine/recording-monitor";
import { loadStackConfig, UsageError } from "../tools/engine/stack-config";
import { rawConfigSchema, rawPlatformConfig, resolveConfig, TIERS } from "../components/program-config";

const base = () => ({
    cloud: "aws",
    environment: "production",
    loadBalancer: { domain: "app.example.com" },
    services: { api: { image: "ghcr.io/acme/api:1.0.0", http: { pathPrefix: "/" } } },
});

type Raw = Record<string, any>;
const KUBECONFIG = [
    "apiVersion: v1", "kind: Config", "current-context: main",
    "clusters: [{name: main, cluster: {server: 'https://10.0.0.1:6443'}}]",
    "users: [{name: admin, user: {token: s3cr3t-token-value}}]",
    "contexts: [{name: main, context: {cluster: main, user: admin}}]",
].join("\n");
function problemsOf(raw: Raw): ConfigError {
    try {
        resolveConfig(raw);
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected ConfigError, got ${err}`);
        return err;
    }
    assert.fail(`config was accepted: ${JSON.stringify(raw)}`);
}

describe("config: tiers and defaults", () => {
    it("fills every unset key from the production profile", () => {
        const cfg = resolveConfig(base());
        assert.strictEqual(cfg.database.backupRetentionDays, 30);
        assert.strictEqual(cfg.database.highAvailability, true);
        assert.strictEqual(cfg.database.deletionProtection, true);
        assert.strictEqual(cfg.cache.nodes, 2);
        assert.strictEqual(cfg.cache.automaticFailover, true);
        assert.strictEqual(cfg.loadBalancer.waf, true);
        assert.deepStrictEqual([cfg.services[0]!.minReplicas, cfg.services[0]!.maxReplicas], [3, 20]);
        assert.strictEqual(cfg.compute.logRetentionDays, 30);
        assert.strictEqual(cfg.region, "us-west-2");
        assert.strictEqual(cfg.protect, true);
        assert.strictEqual(cfg.compute.runtime, "managed");
    });

    it("fills every unset key from the staging profile", () => {
        const cfg = resolveConfig({ ...base(), environment: "staging" });
        assert.strictEqual(cfg.database.backupRetentionDays, 7);
        assert.strictEqual(cfg.database.highAvailability, false);
        assert.strictEqual(cfg.cache.nodes, 1);
        assert.strictEqual(cfg.cache.automaticFailover, false);
        assert.strictEqual(cfg.loadBalancer.waf, false);
        assert.deepStrictEqual([cfg.services[0]!.minReplicas, cfg.services[0]!.maxReplicas], [1, 3]);
        assert.strictEqual(cfg.compute.logRetentionDays, 14);
        assert.strictEqual(cfg.protect, false);
    });

    it("lets a stack override only what differs", () => {
        const cfg = resolveConfig({ ...base(), database: { size: "large", backupRetentionDays: 35 }, services: { api: { image: "a/b:1", http: {}, minReplicas: 4, maxReplicas: 8 } } });
        assert.strictEqual(cfg.database.size, "large");
        assert.strictEqual(cfg.database.backupRetentionDays, 35);
        assert.strictEqual(cfg.database.highAvailability, TIERS.production.database.highAvailability);
        assert.deepStrictEqual([cfg.services[0]!.minReplicas, cfg.services[0]!.maxReplicas], [4, 8]);
    });

    it("picks the region of the selected cloud", () => {
        assert.strictEqual(resolveConfig({ ...base(), cloud: "azure" }).region, "eastus");
        assert.strictEqual(resolveConfig({ ...base(), cloud: "gcp", gcp: { project: "acme-prod-1", billingAccount: "01A2B3-C4D5E6-F7A8B9" } }).region, "us-central1");
        assert.strictEqual(resolveConfig({ ...base(), aws: { region: "eu-west-1" } }).region, "eu-west-1");
    });

    it("always sets the three standard tags, and they win over extra tags", () => {
        const cfg = resolveConfig({ ...base(), appName: "shop", tags: { team: "payments", environment: "spoofed" } });
        assert.deepStrictEqual(cfg.tags, { team: "payments", environment: "production", app: "shop", "managed-by": "pulumi" });
    });

    it("reads the committed stack files: both are valid and differ only in what they say", () => {
        for (const stack of ["production", "staging"]) {
            const sc = loadStackConfig(stack);
            const cfg = resolveConfig(rawPlatformConfig(sc.config));
            assert.strictEqual(cfg.environment, stack);
            assert.strictEqual(cfg.cloud, "aws");
            assert.deepStrictEqual(cfg.services.map((s) => s.name), ["api", "web", "worker"]);
        }
    });
});

/** Each case: the raw config, and the key, value and allowed-text the single message must name. */
const BAD_INPUTS: Array<{ title: string; raw: Raw; key: string; value: string; allowed: RegExp }> = [
    { title: "unknown cloud", raw: { ...base(), cloud: "oracle" }, key: "platform:cloud", value: '"oracle"', allowed: /one of aws, gcp, azure/ },
    { title: "missing cloud", raw: { ...base(), cloud: undefined }, key: "platform:cloud", value: "(missing)", allowed: /required/ },
    { title: "unknown environment", raw: { ...base(), environment: "dev" }, key: "platform:environment", value: '"dev"', allowed: /one of production, staging/ },
    { title: "missing environment", raw: { ...base(), environment: undefined }, key: "platform:environment", value: "(missing)", allowed: /required/ },
    { title: "min replicas above max", raw: { ...base(), compute: { minReplicas: 5, maxReplicas: 2 } }, key: "platform:compute.minReplicas", value: "5", allowed: /at most compute.maxReplicas \(2\)/ },
    { title: "service min replicas above max", raw: { ...base(), services: { api: { image: "a/b:1", http: {}, minReplicas: 9, maxReplicas: 3 } } }, key: "platform:services.api.minReplicas", value: "9", allowed: /at most/ },
    { title: "backup retention below the production minimum", raw: { ...base(), database: { backupRetentionDays: 7 } }, key: "platform:database.backupRetentionDays", value: "7", allowed: /30 to 35 days/ },
    { title: "backup retention below the staging minimum", raw: { ...base(), environment: "staging", database: { backupRetentionDays: 3 } }, key: "platform:database.backupRetentionDays", value: "3", allowed: /7 to 35 days/ },
    { title: "backup retention above the cloud maximum", raw: { ...base(), database: { backupRetentionDays: 90 } }, key: "platform:database.backupRetentionDays", value: "90", allowed: /<= 35/ },
    { title: "malformed CIDR", raw: { ...base(), network: { cidr: "10.0.0.0/33" } }, key: "platform:network.cidr", value: '"10.0.0.0/33"', allowed: /IPv4 CIDR/ },
    { title: "CIDR too small for the subnets", raw: { ...base(), network: { cidr: "10.0.0.0/24" } }, key: "platform:network.cidr", value: '"10.0.0.0/24"', allowed: /\/16 and \/20/ },
    { title: "unknown database size", raw: { ...base(), database: { size: "huge" } }, key: "platform:database.size", value: '"huge"', allowed: /one of small, medium, large/ },
    { title: "unknown service size", raw: { ...base(), services: { api: { image: "a/b:1", size: "xl", http: {} } } }, key: "platform:services.api.size", value: '"xl"', allowed: /one of small, medium, large/ },
    { title: "missing image", raw: { ...base(), services: { api: { http: {} } } }, key: "platform:services.api.image", value: "(missing)", allowed: /required/ },
    { title: "negative port", raw: { ...base(), services: { api: { image: "a/b:1", port: -1, http: {} } } }, key: "platform:services.api.port", value: "-1", allowed: />= 1/ },
    { title: "port above 65535", raw: { ...base(), services: { api: { image: "a/b:1", port: 70000, http: {} } } }, key: "platform:services.api.port", value: "70000", allowed: /<= 65535/ },
    { title: "unknown top-level key (typo)", raw: { ...base(), databse: { size: "small" } }, key: "platform:databse", value: '{"size":"small"}', allowed: /no such key/ },
    { title: "unknown nested key (typo)", raw: { ...base(), cache: { node: 3 } }, key: "platform:cache.node", value: "3", allowed: /no such key/ },
    { title: "app name too long for GCP and Azure names", raw: { ...base(), appName: "averyveryverylongname" }, key: "platform:appName", value: '"averyveryverylongname"', allowed: /3-12 characters/ },
    { title: "app name with upper case", raw: { ...base(), appName: "Shop" }, key: "platform:appName", value: '"Shop"', allowed: /lowercase/ },
    { title: "service name not allowed", raw: { ...base(), services: { Api_1: { image: "a/b:1", http: {} } } }, key: "platform:services.Api_1", value: '"Api_1"', allowed: /lowercase letters and digits/ },
    { title: "no services", raw: { ...base(), services: {} }, key: "platform:services", value: "{}", allowed: /at least one service/ },
    { title: "no HTTP service for the load balancer", raw: { ...base(), services: { worker: { image: "a/b:1" } } }, key: "platform:services", value: '["worker"]', allowed: /http/ },
    { title: "two services on the same route", raw: { ...base(), services: { api: { image: "a/b:1", http: { pathPrefix: "/x" } }, web: { image: "a/c:1", http: { pathPrefix: "/x" } } } }, key: "platform:services.web.http", value: '{"pathPrefix":"/x"}', allowed: /different from service api/ },
    { title: "missing load balancer domain", raw: { ...base(), loadBalancer: {} }, key: "platform:loadBalancer.domain", value: "(missing)", allowed: /required/ },
    { title: "bad domain", raw: { ...base(), loadBalancer: { domain: "not a host" } }, key: "platform:loadBalancer.domain", value: '"not a host"', allowed: /DNS hostname/ },
    { title: "single cache node in production", raw: { ...base(), cache: { nodes: 1 } }, key: "platform:cache.nodes", value: "1", allowed: /2 to 6 in production/ },
    { title: "single zone in production", raw: { ...base(), network: { zones: 1 } }, key: "platform:network.zones", value: "1", allowed: /2 or 3 in production/ },
    { title: "GCP without a project", raw: { ...base(), cloud: "gcp" }, key: "platform:gcp.project", value: "(missing)", allowed: /required when platform:cloud is gcp/ },
    { title: "bad AWS region", raw: { ...base(), aws: { region: "mars-1" } }, key: "platform:aws.region", value: '"mars-1"', allowed: /AWS region/ },
    { title: "log retention not offered by the clouds", raw: { ...base(), compute: { logRetentionDays: 3 } }, key: "platform:compute.logRetentionDays", value: "3", allowed: /one of 7, 14, 30/ },
    { title: "archive after expiry", raw: { ...base(), objectStore: { archiveAfterDays: 400, expirationDays: 365 } }, key: "platform:objectStore.archiveAfterDays", value: "400", allowed: /fewer days than objectStore.expirationDays \(365\)/ },
    { title: "unknown compute runtime", raw: { ...base(), compute: { runtime: "lambda" } }, key: "platform:compute.runtime", value: '"lambda"', allowed: /one of managed, kubernetes/ },
    { title: "bad alert email", raw: { ...base(), monitoring: { alertEmail: "oncall" } }, key: "platform:monitoring.alertEmail", value: '"oncall"', allowed: /email/ },
    { title: "tag value GCP would reject as a label", raw: { ...base(), tags: { team: "Payments Team" } }, key: "platform:tags.team", value: '"Payments Team"', allowed: /GCP label rules/ },
    { title: "kubernetes nodes min above max", raw: { ...base(), kubernetes: { minNodes: 5, maxNodes: 2 } }, key: "platform:kubernetes.minNodes", value: "5", allowed: /at most kubernetes.maxNodes \(2\)/ },
    { title: "kubernetes version not a minor version", raw: { ...base(), kubernetes: { version: "latest" } }, key: "platform:kubernetes.version", value: '"latest"', allowed: /minor version such as 1.33/ },
    { title: "existing-cluster kubeconfig under the managed runtime", raw: { ...base(), kubeconfig: KUBECONFIG, kubernetes: { ingressClass: "nginx" } }, key: "platform:kubeconfig", value: "[secret]", allowed: /only with platform:compute.runtime = kubernetes/ },
    { title: "existing cluster without its ingress class", raw: { ...base(), kubeconfig: KUBECONFIG, compute: { runtime: "kubernetes" } }, key: "platform:kubernetes.ingressClass", value: "(missing)", allowed: /required with platform:kubeconfig/ },
    { title: "string where a number belongs", raw: { ...base(), database: { storageGb: "lots" } }, key: "platform:database.storageGb", value: '"lots"', allowed: /an integer/ },
];

describe("config: bad input fails with one message naming key, value and what is allowed", () => {
    it(`covers at least 20 distinct bad inputs (${BAD_INPUTS.length})`, () => {
        assert.ok(BAD_INPUTS.length >= 20);
        assert.strictEqual(new Set(BAD_INPUTS.map((b) => b.key + b.value)).size, BAD_INPUTS.length, "cases must be distinct");
    });

    for (const bad of BAD_INPUTS) {
        it(bad.title, () => {
            const err = problemsOf(bad.raw);
            const problem = err.problems.find((p) => p.key === bad.key);
            assert.ok(problem, `no problem reported for ${bad.key}; got: ${err.message}`);
            const line = err.message.split("\n").find((l) => l.trim().startsWith(`${bad.key} =`));
            assert.ok(line, `message has no line for ${bad.key}: ${err.message}`);
            assert.ok(line.includes(`= ${bad.value}:`), `line should show the value ${bad.value}: ${line}`);
            assert.match(line, bad.allowed);
        });
    }

    it("reports every problem of a config in one message", () => {
        const err = problemsOf({ ...base(), cloud: "oracle", database: { size: "huge" } });
        assert.strictEqual(err.problems.length, 2);
        assert.match(err.message, /platform:cloud/);
        assert.match(err.message, /platform:database.size/);
    });
});

describe("config: Pulumi.yaml declares the project keys the way the CLI reads them", () => {
    const project = YAML.parse(fs.readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8"));
    const declared: Record<string, { type?: string; default?: unknown }> = project.config;

    it("declares every key of the top level, the clouds and the platform's own sections but the secret kubeconfig, and no key the schema lacks", () => {
        // A component's own settings (its catalog entry's `settings`) need no line here: the CLI passes an
        // undeclared project key to the program as it does kubeconfig, and the program's schema validates it.
        const platformKeys = Object.keys(rawSchemaOf(CONFIG_SECTIONS).shape).filter((k) => k !== "kubeconfig").sort();
        const known = Object.keys(rawConfigSchema.shape);
        assert.deepStrictEqual(Object.keys(declared).filter((k) => !known.includes(k)), [], "declared but not in the schema");
        assert.deepStrictEqual(platformKeys.filter((k) => !(k in declared)), [], "in the schema but not declared");
        assert.ok(platformKeys.length >= 16, platformKeys.join(", "));
    });

    it("leaves without a default (so the CLI requires them) exactly the required keys", () => {
        // The CLI reports "Stack 'x' is missing configuration value" for a declared key without a default.
        const required = Object.entries(declared).filter(([, d]) => d.default === undefined).map(([k]) => k).sort();
        assert.deepStrictEqual(required, ["cloud", "environment", "loadBalancer", "services"]);
    });

    it("declares scalar types the CLI can check, and defaults the schema accepts", () => {
        for (const [key, d] of Object.entries(declared)) {
            if (d.type !== undefined) assert.ok(["string", "integer", "boolean", "array"].includes(d.type), `${key}: ${d.type}`);
        }
        const withDefaults = Object.fromEntries(Object.entries(declared).filter(([, d]) => d.default !== undefined).map(([k, d]) => [k, d.default]));
        assert.doesNotThrow(() => resolveConfig({ ...withDefaults, ...base() }));
    });

    it("the offline engine applies those defaults like the CLI", () => {
        const sc = loadStackConfig("staging");
        assert.strictEqual(sc.config["platform:network"], "{}");
        assert.strictEqual(sc.config["platform:appName"], "acme", "a stack value wins over the default");
    });
});

describe("config: secrets in config", () => {
    it("never prints the kubeconfig, even when it is the bad value", () => {
        const err = problemsOf({ ...base(), kubeconfig: "short" });
        assert.match(err.message, /platform:kubeconfig = \[secret\]/);
        assert.ok(!err.message.includes("short"));
        const err2 = problemsOf({ ...base(), kubeconfig: KUBECONFIG });
        assert.ok(!err2.message.includes("s3cr3t"), err2.message);
    });
});

describe("config: nothing is registered from a bad config", () => {
    it("throws before the first resource registration", async () => {
        pulumi.runtime.setAllConfig({ "platform:cloud": "aws", "platform:environment": "production", "platform:database": '{"size":"huge"}', "platform:loadBalancer": '{"domain":"a.example.com"}', "platform:services": '{"api":{"image":"a/b:1","http":{}}}' }, []);
        const monitor = installMonitor(recordingMocks("platform", "production"), "platform", "production", false);
        assert.throws(() => definePlatform(), (err: unknown) => err instanceof ConfigError && /platform:database.size = "huge"/.test(err.message));
        assert.strictEqual(monitor.recorded.length, 0);
    });

    it("rejects an unknown stack and a malformed --config override as usage errors", () => {
        assert.throws(() => loadStackConfig("prod"), (e: unknown) => e instanceof UsageError && /allowed: .*production/.test((e as Error).message));
        assert.throws(() => loadStackConfig("production", ["platform:database.size"]), UsageError);
    });

    it("applies path-style --config overrides with YAML scalar types", () => {
        const sc = loadStackConfig("staging", ["platform:database.backupRetentionDays=10", "platform:services.api.minReplicas=2", "platform:cloud=gcp"]);
        assert.strictEqual(JSON.parse(sc.config["platform:database"]!).backupRetentionDays, 10);
        assert.strictEqual(JSON.parse(sc.config["platform:services"]!).api.minReplicas, 2);
        assert.strictEqual(JSON.parse(sc.config["platform:services"]!).api.image, "ghcr.io/acme/api:1.5.0-rc.1");
        assert.strictEqual(sc.config["platform:cloud"], "gcp");
    });
});
