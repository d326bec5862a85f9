import * as assert from "assert";
import * as K from "../../policy/policies/kubernetes";
import { policies, PlatformPolicy } from "../../policy/policies";
import type { Evaluation } from "../../tools/engine/policies";
import { Fixture, runResourcePolicy, secret, UNKNOWN, withPath } from "../support/policy-harness";

/*
 * The Kubernetes policies (policy/policies/kubernetes.ts), through the same analyzer path as
 * the rest of the pack: a compliant object, each violation (message names the resource, the
 * value found and the fix), preview unknowns, exemptions, and every workload kind's pod path.
 */

const labels = { environment: "production", app: "platform", "managed-by": "pulumi" };

const container = () => ({
    name: "api",
    image: "ghcr.io/acme/api:1.0.0",
    env: [
        { name: "DATABASE_HOST", value: "db.internal" },
        { name: "DATABASE_PASSWORD", valueFrom: { secretKeyRef: { name: "api-bindings", key: "DATABASE_PASSWORD" } } },
    ],
    resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "500m", memory: "1Gi" } },
    securityContext: { runAsNonRoot: true, runAsUser: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
});
const podSpec = () => ({ securityContext: { runAsNonRoot: true, runAsUser: 10001 }, containers: [container()] });

const deployment = (): Fixture => ({
    type: "kubernetes:apps/v1:Deployment",
    name: "service-api-deployment",
    props: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", labels }, spec: { selector: { matchLabels: { app: "api" } }, template: { metadata: { labels }, spec: podSpec() } } },
});

const ingress = (): Fixture => ({
    type: K.INGRESS_TYPE,
    name: "load-balancer-ingress",
    props: {
        metadata: { name: "platform-ingress", labels, annotations: { "nginx.ingress.kubernetes.io/force-ssl-redirect": "true" } },
        spec: {
            ingressClassName: "nginx",
            tls: [{ hosts: ["app.example.com"], secretName: "platform-tls" }],
            rules: [{ host: "app.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }],
        },
    },
});

const C = "spec.template.spec.containers.0";

interface Case {
    policy: PlatformPolicy;
    fixture: () => Fixture;
    variants: Array<{ label: string; path: string; value: unknown; found: string }>;
    unknown: string;
}

const CASES: Case[] = [
    {
        policy: K.kubernetesPodRequireNonRoot,
        fixture: deployment,
        variants: [
            { label: "runAsNonRoot false on the container", path: `${C}.securityContext.runAsNonRoot`, value: false, found: "false" },
            {
                label: "runAsNonRoot nowhere",
                path: "spec.template.spec",
                value: { containers: [{ ...container(), securityContext: { readOnlyRootFilesystem: true } }] },
                found: "runAsNonRoot not set",
            },
            { label: "runAsUser 0", path: `${C}.securityContext.runAsUser`, value: 0, found: "runAsUser 0" },
        ],
        unknown: `${C}.securityContext`,
    },
    {
        policy: K.kubernetesPodRequireReadOnlyRootFilesystem,
        fixture: deployment,
        variants: [
            { label: "writable root filesystem", path: `${C}.securityContext.readOnlyRootFilesystem`, value: false, found: "false" },
            { label: "not set", path: `${C}.securityContext.readOnlyRootFilesystem`, value: undefined, found: "readOnlyRootFilesystem not set" },
        ],
        unknown: `${C}.securityContext`,
    },
    {
        policy: K.kubernetesPodRequireResourceLimits,
        fixture: deployment,
        variants: [
            { label: "no memory limit", path: `${C}.resources.limits.memory`, value: undefined, found: "\"cpu\":\"500m\"" },
            { label: "no resources", path: `${C}.resources`, value: undefined, found: "no resources" },
        ],
        unknown: `${C}.resources`,
    },
    {
        policy: K.kubernetesPodDisallowPlainSecretEnv,
        fixture: deployment,
        variants: [
            { label: "literal password", path: `${C}.env.1`, value: { name: "DATABASE_PASSWORD", value: "hunter2-hunter2" }, found: "env DATABASE_PASSWORD with a plain value" },
            { label: "literal API key", path: `${C}.env.2`, value: { name: "STRIPE_API_KEY", value: "sk_live_123" }, found: "env STRIPE_API_KEY with a plain value" },
            { label: "literal token marked secret in Pulumi", path: `${C}.env.2`, value: { name: "REDIS_AUTH_TOKEN", value: secret("tok-123456789") }, found: "env REDIS_AUTH_TOKEN" },
        ],
        unknown: `${C}.env`,
    },
    {
        policy: K.kubernetesIngressRequireTls,
        fixture: ingress,
        variants: [
            { label: "no TLS", path: "spec.tls", value: undefined, found: "no spec.tls" },
            { label: "a host without TLS", path: "spec.rules.1", value: { host: "api.example.com", http: { paths: [] } }, found: "[\"app.example.com\"]" },
            { label: "redirect disabled", path: "metadata.annotations", value: { "nginx.ingress.kubernetes.io/ssl-redirect": "false" }, found: "nginx.ingress.kubernetes.io/ssl-redirect=false" },
        ],
        unknown: "spec.tls",
    },
];

const mandatory = (e: Evaluation) => e.violations.filter((v) => v.level === "mandatory");
const show = (e: Evaluation) => JSON.stringify(e.violations.map((v) => `${v.level} ${v.policy}: ${v.message}`), null, 2);

describe("policy pack: kubernetes policies", () => {
    it("are registered in the pack", () => {
        for (const p of K.kubernetesPolicies) assert.ok(policies.includes(p), `${p.name} is not in policies`);
    });

    it("accept a cloud certificate annotation in place of spec.tls, but not an empty one", async () => {
        const withAnnotations = (annotations: Record<string, string>): Fixture => {
            const f = ingress();
            return { ...f, props: withPath(withPath(f.props, "spec.tls", undefined), "metadata.annotations", annotations) };
        };
        const annotated = withAnnotations({ "alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:us-west-2:123456789012:certificate/abc" });
        assert.deepStrictEqual(mandatory(await runResourcePolicy(K.kubernetesIngressRequireTls, annotated)), []);
        const empty = withAnnotations({ "networking.gke.io/managed-certificates": "" });
        assert.strictEqual(mandatory(await runResourcePolicy(K.kubernetesIngressRequireTls, empty)).length, 1);
    });

    it("follow the pack's naming and metadata conventions", () => {
        for (const p of K.kubernetesPolicies) {
            assert.match(p.name, /^kubernetes-[a-z0-9]+-(require|disallow|deny)-[a-z0-9-]+$/);
            assert.strictEqual(p.metadata.cloud, "kubernetes");
            assert.ok(p.metadata.remediation.length > 0 && p.description.length > 20, p.name);
            assert.ok(p.configSchema?.properties.exemptions, `${p.name}: exemptions`);
            assert.ok(CASES.some((c) => c.policy === p), `${p.name} has no test case`);
        }
    });

    for (const c of CASES) {
        describe(c.policy.name, () => {
            it("passes the compliant object", async () => {
                const e = await runResourcePolicy(c.policy, c.fixture());
                assert.deepStrictEqual(mandatory(e), [], show(e));
            });
            for (const v of c.variants) {
                it(`fails: ${v.label}`, async () => {
                    const f = c.fixture();
                    const e = await runResourcePolicy(c.policy, { ...f, props: withPath(f.props, v.path, v.value) });
                    const found = mandatory(e);
                    assert.ok(found.length > 0, `expected a violation; got ${show(e)}`);
                    assert.ok(found.every((x) => x.policy === c.policy.name));
                    const msg = found.map((x) => x.message).join("\n");
                    assert.ok(msg.includes(f.name), `message names the resource: ${msg}`);
                    assert.ok(msg.includes(v.found), `message shows ${v.found}: ${msg}`);
                    assert.ok(msg.includes("Fix:"), msg);
                    assert.ok(!msg.includes("hunter2") && !msg.includes("sk_live") && !msg.includes("tok-123"), `message leaks the value: ${msg}`);
                });
            }
            it("does not fail a preview with unknown values (advisory at most)", async () => {
                const f = c.fixture();
                const e = await runResourcePolicy(c.policy, { ...f, props: withPath(f.props, c.unknown, UNKNOWN) });
                assert.deepStrictEqual(mandatory(e), [], show(e));
            });
            it("honours an exemption with a reason", async () => {
                const f = c.fixture();
                const bad = { ...f, props: withPath(f.props, c.variants[0]!.path, c.variants[0]!.value) };
                const e = await runResourcePolicy(c.policy, bad, { config: { exemptions: [{ pattern: `${f.name.split("-")[0]}-*`, reason: "TICKET-42 legacy image, until 2026-12" }] } });
                assert.deepStrictEqual(mandatory(e), [], show(e));
            });
        });
    }

    it("finds the pod spec of every workload kind", async () => {
        const pod = { ...podSpec(), containers: [{ ...container(), securityContext: { runAsNonRoot: false } }] };
        const shapes: Record<string, Record<string, unknown>> = {
            "kubernetes:core/v1:Pod": { spec: pod },
            "kubernetes:batch/v1:CronJob": { spec: { schedule: "* * * * *", jobTemplate: { spec: { template: { spec: pod } } } } },
            "kubernetes:apps/v1:StatefulSet": { spec: { template: { spec: pod } } },
        };
        for (const [type, props] of Object.entries(shapes)) {
            const e = await runResourcePolicy(K.kubernetesPodRequireNonRoot, { type, name: "w", props: { metadata: { labels }, ...props } });
            assert.strictEqual(mandatory(e).length, 1, `${type}: ${show(e)}`);
        }
    });

    it("checks init containers too", async () => {
        const f = deployment();
        const props = withPath(f.props, "spec.template.spec.initContainers", [{ name: "migrate", image: "x", securityContext: { runAsNonRoot: true } }]);
        const e = await runResourcePolicy(K.kubernetesPodRequireReadOnlyRootFilesystem, { ...f, props });
        assert.match(mandatory(e)[0]?.message ?? "", /initContainer "migrate"/);
    });

    it("is not applicable to other types", async () => {
        const e = await runResourcePolicy(K.kubernetesIngressRequireTls, deployment());
        assert.deepStrictEqual(e.violations, []);
    });
});
