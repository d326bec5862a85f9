import * as assert from "assert";
import * as K from "../../policy/policies/kubernetes";
import { policies } from "../../policy/policies";
import type { Evaluation } from "../../tools/engine/policies";
import { Fixture, runResourcePolicy, UNKNOWN, withPath } from "../support/policy-harness";
/*
 * The Kubernetes policies (policy/policies/kubernetes.ts), through the same analyzer path as
 * the rest of the pack: a compliant object, each violation (message names the resource, the
 * value found and the fix), preview unknowns, exemptions, and every workload kind's pod path.
 */

import { container, deployment, ingress, KUBERNETES_CASES as CASES, labels, podSpec } from "./kubernetes-cases";

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
