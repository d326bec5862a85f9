import * as assert from "assert";
import * as path from "path";
import { ConfigError } from "../../components/config";
import { tsNodeArgs } from "../../tools/engine/ts-loader";
import { loadStackConfig } from "../../tools/engine/stack-config";
import { backgroundNodeOf } from "../support/background-child";
import { STACK_TRACE } from "../support/config-case";
import { validateConfig } from "../../components/program-config";

/**
 * Secrets never printed, tested the way the CLI feeds the program: decrypted values in
 * PULUMI_CONFIG plus the secret-key list in PULUMI_CONFIG_SECRET_KEYS, in a fresh process, not
 * only through the offline plan's placeholder.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZXBsb3llciJ9.Zm9vYmFyYmF6cXV4cXV1eA";
const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod
  cluster: {server: "https://203.0.113.7:6443"}
users:
- name: deployer
  user: {token: ${TOKEN}}
contexts:
- name: prod
  context: {cluster: prod, user: deployer}
`;
const PASSWORD = "Tr0ub4dor&3-horse-battery";

/** The committed production stack as the CLI would hand it over, with `extra` keys set (already decrypted). */
function engineConfig(extra: Record<string, string>): Record<string, string> {
    return { ...loadStackConfig("production").config, ...extra };
}

/** The program in its own process, started now in the background (tests/support/background-child.ts). */
function runProgram(config: () => Record<string, string>, secretKeys: string[]) {
    return backgroundNodeOf(() => ({
        args: tsNodeArgs("tests/support/engine-fed-program.ts"),
        cwd: ROOT,
        env: { ...process.env, PULUMI_CONFIG: JSON.stringify(config()), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys), NO_COLOR: "1" },
    }));
}

interface SecretCase {
    title: string;
    /** Also run in a child process fed like the CLI (a few: each costs a process start). */
    child?: boolean;
    extra: Record<string, string>;
    secretKeys: string[];
    key: string;
    secrets: string[];
}

const CASES: SecretCase[] = [
    { title: "a misspelled platform:kubeConfig the engine marks secret", child: true, extra: { "platform:kubeConfig": KUBECONFIG }, secretKeys: ["platform:kubeConfig"], key: "platform:kubeConfig", secrets: [TOKEN, "apiVersion"] },
    { title: "a kubeconfig under an unrelated key the engine does not mark secret", extra: { "platform:clusterAccess": KUBECONFIG }, secretKeys: [], key: "platform:clusterAccess", secrets: [TOKEN] },
    { title: "a secure appName that breaks the name rule", child: true, extra: { "platform:appName": PASSWORD }, secretKeys: ["platform:appName"], key: "platform:appName", secrets: [PASSWORD, "horse"] },
    { title: "a secure value inside services (the whole key is secret)", child: true, extra: { "platform:services": JSON.stringify({ api: { image: "ghcr.io/acme/api:1.0.0", http: {}, env: { API_KEY: PASSWORD } }, web: { image: `ghcr.io/acme/WEB:${PASSWORD}` } }) }, secretKeys: ["platform:services"], key: "platform:services.web.image", secrets: [PASSWORD, "horse"] },
    { title: "a secret kubeconfig of the wrong structure", extra: { "platform:compute": '{"runtime":"kubernetes"}', "platform:kubernetes": '{"ingressClass":"nginx"}', "platform:kubeconfig": KUBECONFIG.replace("kind: Config", "kind: Secret") }, secretKeys: ["platform:kubeconfig"], key: "platform:kubeconfig", secrets: [TOKEN] },
    { title: "a credential-named provider key", extra: { "aws:secretKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }, secretKeys: ["aws:secretKey"], key: "aws:secretKey", secrets: ["wJalrXUtnFEMI"] },
    { title: "an AWS access key where a tag value belongs, not marked secret", extra: { "platform:tags": JSON.stringify({ team: "AKIAIOSFODNN7EXAMPLE" }) }, secretKeys: [], key: "platform:tags.team", secrets: ["AKIAIOSFODNN7EXAMPLE"] },
];

describe("config secrets: no error prints a secret, fed the way the Pulumi CLI feeds the program", function () {
    this.timeout(120_000);
    for (const c of CASES) {
        const child = c.child && runProgram(() => engineConfig(c.extra), c.secretKeys);
        if (child) it(`${c.title} (child process, PULUMI_CONFIG + PULUMI_CONFIG_SECRET_KEYS)`, async () => {
            const r = await child.result();
            assert.strictEqual(r.status, 2, r.stderr);
            assert.match(r.stdout, /^registered 0$/m, "nothing registered");
            assert.ok(!STACK_TRACE.test(r.stderr), r.stderr);
            assert.ok(r.stderr.split("\n").some((l) => l.includes(`${c.key} = [secret]: allowed: `)), `${c.key} masked: ${r.stderr}`);
            for (const s of c.secrets) assert.ok(!r.stderr.includes(s), `printed ${s.slice(0, 8)}...: ${r.stderr}`);
        });
        it(`${c.title} (in process, same masking)`, () => {
            try {
                validateConfig(engineConfig(c.extra), c.secretKeys);
                assert.fail("accepted");
            } catch (err) {
                assert.ok(err instanceof ConfigError, String(err));
                for (const s of c.secrets) {
                    assert.ok(!err.message.includes(s), err.message);
                    assert.ok(!JSON.stringify(err.problems, (_k, v) => (typeof v === "symbol" ? String(v) : v)).includes(s), "problems carry no secret either");
                }
            }
        });
    }

    it("a valid JSON kubeconfig (the form EKS writes) is accepted, not JSON-decoded into an object", () => {
        const json = JSON.stringify({ apiVersion: "v1", kind: "Config", "current-context": "c", clusters: [{ name: "k", cluster: { server: "https://eks.example.com" } }], users: [{ name: "u", user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token"] } } }], contexts: [{ name: "c", context: { cluster: "k", user: "u" } }] });
        const cfg = validateConfig(engineConfig({ "platform:compute": '{"runtime":"kubernetes"}', "platform:kubernetes": '{"ingressClass":"nginx"}', "platform:kubeconfig": json }), ["platform:kubeconfig"]);
        assert.strictEqual(cfg.kubernetes.kubeconfig, json);
    });

    it("an image pinned by digest is accepted", () => {
        const image = `ghcr.io/acme/api@sha256:${"ab".repeat(32)}`;
        const services = JSON.stringify({ api: { image, http: {} } });
        assert.strictEqual(validateConfig(engineConfig({ "platform:services": services })).services[0]!.image, image);
        const tagged = `registry.example.com:5000/acme/api:1.4.2@sha256:${"0f".repeat(32)}`;
        assert.strictEqual(validateConfig(engineConfig({ "platform:services": JSON.stringify({ api: { image: tagged, http: {} } }) })).services[0]!.image, tagged);
    });
});
