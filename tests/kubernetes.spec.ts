import * as assert from "assert";
import { type Cloud } from "../components/config";
import { CONTAINER_RESOURCES } from "../providers/kubernetes/sizes";
import { kubernetesPolicies } from "../policy/policies/kubernetes";
import type { PlanResource } from "../tools/engine/plan";
import { analyzerResources, evaluatePack, evaluatePolicies, stackTagsOf, stackUrnOf } from "../tools/engine/policies";
import type { PlanRun } from "../tools/engine/run-plan";
import { assertUrnSnapshot } from "./support/assertions";
import { ENVIRONMENTS, ofType, planFor, named } from "./support/harness";
import { EXISTING_CLUSTER_KUBECONFIG } from "./support/kubeconfig";
import { TIERS } from "../components/program-config";

/*
 * `compute.runtime: kubernetes` on every (cloud, environment): the workloads' settings per tier,
 * the policy pack (plus the Kubernetes policies) with zero mandatory violations, URN snapshots,
 * and the existing-cluster path. A cloud whose cluster support has not landed is skipped visibly.
 */

const CLOUDS: Cloud[] = ["aws", "gcp", "azure"];
const RUNTIME = ["platform:compute.runtime=kubernetes"];
const EXISTING = [...RUNTIME, `platform:kubeconfig=${EXISTING_CLUSTER_KUBECONFIG}`, "platform:kubernetes.ingressClass=nginx"];
const SERVICES = ["api", "web", "worker"];

const K = {
    deployment: "kubernetes:apps/v1:Deployment",
    service: "kubernetes:core/v1:Service",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    secret: "kubernetes:core/v1:Secret",
    hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    pdb: "kubernetes:policy/v1:PodDisruptionBudget",
    netpol: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    namespace: "kubernetes:core/v1:Namespace",
};

/** Cloud resources that make up a managed cluster (none may appear with an existing cluster). */
const CLUSTER_TYPE = /^(aws:eks\/|gcp:container\/|azure-native:containerservice:)/;

function isNotYetSupported(err: unknown): boolean {
    return err instanceof Error && /has no managed cluster yet|cannot yet provide secret values/.test(err.message);
}

async function planOrSkip(ctx: Mocha.Context, env: (typeof ENVIRONMENTS)[number], cloud: Cloud, config: string[]): Promise<PlanRun> {
    try {
        return await planFor(env, cloud, config);
    } catch (err) {
        if (isNotYetSupported(err)) ctx.skip();
        throw err;
    }
}

const spec = (r: PlanResource) => r.inputs.spec as Record<string, any>;
const podOf = (run: PlanRun, svc: string) => spec(named(run, K.deployment, `service-${svc}-deployment`)).template.spec as Record<string, any>;


async function kubernetesViolations(run: PlanRun) {
    const e = await evaluatePolicies(analyzerResources(run.recorded), { policies: kubernetesPolicies, stackTags: stackTagsOf(run.recorded), stackUrn: stackUrnOf(run.recorded) });
    return e.violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy}: ${v.message}`);
}

for (const cloud of CLOUDS) {
    for (const env of ENVIRONMENTS) {
        const production = env === "production";
        describe(`kubernetes runtime: ${cloud}/${env}`, function () {
            let run: PlanRun;
            before(async function () {
                run = await planOrSkip(this, env, cloud, RUNTIME);
            });

            it("renders per service a ServiceAccount, Secret, Deployment, ClusterIP Service, HPA, PDB and NetworkPolicy, in one namespace per environment", () => {
                assert.strictEqual(ofType(run, K.namespace).length, 1);
                assert.strictEqual((named(run, K.namespace, "kubernetes-cluster-namespace").inputs.metadata as any).name, `acme-${env}`);
                for (const svc of SERVICES) {
                    for (const [type, suffix] of [[K.serviceAccount, "sa"], [K.secret, "secret"], [K.deployment, "deployment"], [K.service, "service"], [K.hpa, "hpa"], [K.pdb, "pdb"], [K.netpol, "netpol"]] as const) {
                        const r = named(run, type, `service-${svc}-${suffix}`);
                        assert.strictEqual((r.inputs.metadata as any).namespace, `acme-${env}`, r.urn);
                        assert.match(r.parent ?? "", new RegExp(`ComputeService::service-${svc}$`), `${r.urn} parent`);
                        assert.match(r.options.provider ?? "", /[:$]pulumi:providers:kubernetes::kubernetes-cluster-provider::/, `${r.urn} uses the cluster's explicit provider`);
                    }
                    assert.strictEqual(spec(named(run, K.service, `service-${svc}-service`)).type, "ClusterIP");
                }
            });

            it(`HPA: min/max ${production ? "3/20" : "1/3"}, CPU 70 % and memory 80 %, scale-down stabilization = compute.scaleInCooldownSeconds (600 s)`, () => {
                for (const svc of SERVICES) {
                    const s = spec(named(run, K.hpa, `service-${svc}-hpa`));
                    assert.deepStrictEqual([s.minReplicas, s.maxReplicas], production ? [3, 20] : [1, 3]);
                    assert.deepStrictEqual(s.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: svc });
                    const targets = Object.fromEntries(s.metrics.map((m: any) => [m.resource.name, m.resource.target]));
                    assert.deepStrictEqual(targets, { cpu: { type: "Utilization", averageUtilization: 70 }, memory: { type: "Utilization", averageUtilization: 80 } });
                    assert.strictEqual(s.behavior.scaleDown.stabilizationWindowSeconds, 600);
                    assert.ok(s.behavior.scaleUp.policies.length > 0);
                    assert.strictEqual(spec(named(run, K.deployment, `service-${svc}-deployment`)).replicas, undefined, "the HPA owns replicas");
                }
            });

            it("Deployment: rolling update 1/1, probes on the health path, hardened security context, requests/limits from the size, spread across zones and nodes", () => {
                for (const svc of SERVICES) {
                    const d = spec(named(run, K.deployment, `service-${svc}-deployment`));
                    assert.deepStrictEqual(d.strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } });
                    const pod = podOf(run, svc);
                    const c = pod.containers[0];
                    assert.deepStrictEqual(c.livenessProbe.httpGet, { path: "/health", port: "http" });
                    assert.deepStrictEqual([c.livenessProbe.periodSeconds, c.livenessProbe.failureThreshold], [30, 3]);
                    assert.deepStrictEqual(c.readinessProbe.httpGet, { path: "/health", port: "http" });
                    assert.strictEqual(c.readinessProbe.successThreshold, 1);
                    assert.deepStrictEqual(pod.securityContext, { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } });
                    assert.strictEqual(c.securityContext.readOnlyRootFilesystem, true);
                    assert.strictEqual(c.securityContext.allowPrivilegeEscalation, false);
                    assert.deepStrictEqual(c.securityContext.capabilities, { drop: ["ALL"] });
                    assert.deepStrictEqual(c.volumeMounts, [{ name: "tmp", mountPath: "/tmp" }]);
                    assert.ok(pod.volumes.some((v: any) => v.name === "tmp" && v.emptyDir));
                    assert.deepStrictEqual(c.resources, CONTAINER_RESOURCES[svc === "worker" && production ? "small" : TIERS[env].compute.size], `${svc} size (the production stack sizes the worker small)`);
                    assert.strictEqual(pod.automountServiceAccountToken, false);
                    assert.strictEqual(pod.serviceAccountName, svc);
                    const keys = pod.topologySpreadConstraints.map((t: any) => `${t.topologyKey}:${t.whenUnsatisfiable}`);
                    assert.deepStrictEqual(keys, [`topology.kubernetes.io/zone:${production ? "DoNotSchedule" : "ScheduleAnyway"}`, "kubernetes.io/hostname:ScheduleAnyway"]);
                    assert.strictEqual(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey, "kubernetes.io/hostname");
                }
            });

            it("PDB allows one voluntary disruption at a time", () => {
                for (const svc of SERVICES) {
                    const s = spec(named(run, K.pdb, `service-${svc}-pdb`));
                    assert.strictEqual(s.maxUnavailable, 1);
                    assert.deepStrictEqual(s.selector.matchLabels, { "app.kubernetes.io/name": svc, "app.kubernetes.io/part-of": "acme" });
                }
            });

            it("NetworkPolicy: default deny; ingress from the ingress controller (HTTP services) and peers only; egress to DNS, the data tier and 443", () => {
                for (const svc of SERVICES) {
                    const s = spec(named(run, K.netpol, `service-${svc}-netpol`));
                    assert.deepStrictEqual(s.policyTypes, ["Ingress", "Egress"]);
                    assert.strictEqual(s.ingress.length, svc === "worker" ? 1 : 2, "workers get peers only");
                    for (const rule of s.ingress) assert.ok(rule.from.length > 0 && rule.ports.length === 1, "no rule admits everything");
                    const egressPorts = s.egress.flatMap((r: any) => (r.ports ?? []).map((p: any) => p.port));
                    for (const p of [53, 5432, 6379, 6380, 443]) assert.ok(egressPorts.includes(p), `egress ${p}`);
                    assert.ok(s.egress.some((r: any) => r.to?.some((t: any) => t.ipBlock?.cidr === "10.0.0.0/16" || /^10\./.test(t.ipBlock?.cidr ?? ""))), "data tier CIDR");
                }
            });

            it("secrets come from a Kubernetes Secret via secretKeyRef, never as plain env values", () => {
                for (const svc of SERVICES) {
                    const env = podOf(run, svc).containers[0].env as Array<Record<string, any>>;
                    assert.ok(!env.some((x) => x.name === "DATABASE_PASSWORD"), "services log in with IAM, never with the admin password");
                    for (const key of ["REDIS_AUTH_TOKEN"]) {
                        const e = env.find((x) => x.name === key);
                        assert.deepStrictEqual(e?.valueFrom, { secretKeyRef: { name: `${svc}-bindings`, key } }, key);
                        assert.strictEqual(e?.value, undefined);
                    }
                    for (const e of env) if (/PASSWORD|TOKEN|SECRET|KEY/.test(e.name)) assert.ok(e.valueFrom, `${e.name} is plain`);
                    assert.strictEqual(named(run, K.secret, `service-${svc}-secret`).inputs.stringData, "[secret]");
                }
            });

            it("ServiceAccounts carry the cloud's workload-identity annotations and mount no API token", () => {
                for (const svc of SERVICES) {
                    const sa = named(run, K.serviceAccount, `service-${svc}-sa`).inputs;
                    assert.ok(Object.keys((sa.metadata as any).annotations ?? {}).length > 0, `${svc}: no workload-identity annotation`);
                    assert.strictEqual(sa.automountServiceAccountToken, false);
                }
            });

            it("Ingress: the cloud's class, TLS for the domain, HTTPS redirect, routes to the HTTP services", () => {
                const ing = named(run, K.ingress, "load-balancer-ingress");
                const s = spec(ing);
                const annotations = (ing.inputs.metadata as any).annotations ?? {};
                // Exactly one way of naming the class: GKE's controller is chosen by annotation only.
                const byAnnotation = annotations["kubernetes.io/ingress.class"];
                assert.ok((typeof s.ingressClassName === "string" && s.ingressClassName.length > 0) !== (typeof byAnnotation === "string"), "class set exactly once");
                const ingressClass = s.ingressClassName ?? byAnnotation;
                assert.strictEqual(ingressClass, { aws: "alb", gcp: "gce", azure: "webapprouting-internal" }[cloud]);
                // TLS: from a secret named in spec.tls (covering every host), or from the cloud's certificate annotation.
                const certificateAnnotation = { aws: "alb.ingress.kubernetes.io/certificate-arn", gcp: "networking.gke.io/managed-certificates", azure: undefined }[cloud];
                if (certificateAnnotation) {
                    assert.ok(String(annotations[certificateAnnotation] ?? "").length > 0, `${certificateAnnotation} names the certificate`);
                    assert.strictEqual(s.tls, undefined, "no secret-less spec.tls entry");
                } else {
                    const hosts = new Set(s.tls.flatMap((t: any) => t.hosts));
                    for (const rule of s.rules) assert.ok(hosts.has(rule.host), `${rule.host} has no TLS`);
                    assert.ok(s.tls.every((t: any) => typeof t.secretName === "string" && t.secretName.length > 0));
                }
                const backends = s.rules.flatMap((r: any) => r.http.paths.map((p: any) => p.backend.service.name)).sort();
                assert.deepStrictEqual(backends, ["api", "web"]);
                if (/nginx|webapprouting/.test(ingressClass)) assert.strictEqual(annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"], "true");
                assert.match(String(ing.parent), /LoadBalancer::load-balancer$/);
            });

            it("passes the policy pack and the Kubernetes policies with zero mandatory violations", async () => {
                const pack = (await evaluatePack(run.recorded)).violations.filter((v) => v.level === "mandatory");
                // Every cloud and tier, Azure production included (the Application Gateway WAF in front of the app-routing ingress).
                assert.deepStrictEqual(pack.map((v) => v.policy), [], pack.map((v) => `${v.policy}: ${v.message}`).join("\n"));
                assert.deepStrictEqual(await kubernetesViolations(run), []);
            });

            it("URN snapshot", () => {
                assertUrnSnapshot(run.plan, `${cloud}-${env}-kubernetes.urns.json`);
            });
        });
    }
}

describe("kubernetes runtime: existing cluster (aws/staging)", function () {
    let run: PlanRun;
    before(async function () {
        run = await planOrSkip(this, "staging", "aws", EXISTING);
    });

    it("creates nothing cloud-side for compute: no cluster, no workload identities", () => {
        const cloudCluster = run.plan.resources.filter((r) => CLUSTER_TYPE.test(r.type));
        assert.deepStrictEqual(cloudCluster.map((r) => r.urn), []);
        const clusterChildren = run.plan.resources.filter((r) => (r.parent ?? "").endsWith("KubernetesCluster::kubernetes-cluster") && !r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:providers:kubernetes"));
        assert.deepStrictEqual(clusterChildren.map((r) => r.urn), []);
        for (const svc of SERVICES) {
            const children = run.plan.resources.filter((r) => (r.parent ?? "").endsWith(`ComputeService::service-${svc}`));
            assert.deepStrictEqual(children.filter((r) => !r.type.startsWith("kubernetes:")).map((r) => r.urn), [], `${svc}: cloud-side children`);
            const sa = named(run, K.serviceAccount, `service-${svc}-sa`).inputs.metadata as any;
            assert.strictEqual(sa.annotations, undefined);
        }
    });

    it("still renders the workloads and an nginx Ingress with TLS and the redirect", async () => {
        for (const svc of SERVICES) named(run, K.deployment, `service-${svc}-deployment`);
        const ing = named(run, K.ingress, "load-balancer-ingress");
        assert.strictEqual(spec(ing).ingressClassName, "nginx");
        assert.strictEqual(spec(ing).tls[0].secretName, "acme-staging-tls");
        assert.strictEqual((ing.inputs.metadata as any).annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"], "true");
        const ingress = spec(named(run, K.netpol, "service-api-netpol")).ingress[0].from[0];
        assert.deepStrictEqual(ingress, { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } });
        assert.deepStrictEqual(await kubernetesViolations(run), []);
    });
});

describe("kubernetes runtime: the platform namespace enforces Pod Security `restricted`", () => {
    for (const cloud of CLOUDS) {
        it(`${cloud}: enforce, warn and audit at restricted (not baseline or privileged), at the latest version`, async () => {
            const run = await planFor("staging", cloud, ["platform:compute.runtime=kubernetes"]);
            const namespaces = run.plan.resources.filter((r) => r.type === "kubernetes:core/v1:Namespace");
            assert.ok(namespaces.length > 0, "a namespace");
            for (const ns of namespaces) {
                const labels = (ns.inputs as { metadata: { labels: Record<string, string> } }).metadata.labels;
                for (const mode of ["enforce", "warn", "audit"]) assert.strictEqual(labels[`pod-security.kubernetes.io/${mode}`], "restricted", `${ns.name} ${mode}`);
                assert.strictEqual(labels["pod-security.kubernetes.io/enforce-version"], "latest");
            }
        });
    }
});
