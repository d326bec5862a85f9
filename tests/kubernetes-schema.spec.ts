import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import type { Cloud } from "../components/config";
import { SECRET_MARK, UNKNOWN_MARK, type Plan } from "../tools/engine/plan";
import { ENVIRONMENTS, planFor } from "./support/harness";
import { EXISTING_CLUSTER_KUBECONFIG } from "./support/kubeconfig";

/*
 * Every Kubernetes object the program renders under `compute.runtime: kubernetes` validates
 * against the Kubernetes OpenAPI schema, using kubernetes-models (generated from the upstream
 * OpenAPI spec, validated with ajv) rather than a hand-written schema. Objects are rebuilt from
 * the recorded plan: apiVersion/kind from the type token, the rest from the inputs, with the
 * plan's "[secret]"/"[unknown]" placeholders replaced by type-correct stand-ins.
 */

const CLOUDS: Cloud[] = ["aws", "gcp", "azure"];
export const K8S_RUNTIME = ["platform:compute.runtime=kubernetes"];

/** `kubernetes:<group>/<version>:<Kind>` -> apiVersion, kind, and the kubernetes-models module path. */
export function parseToken(type: string): { apiVersion: string; kind: string; module: string } {
    const m = /^kubernetes:([^/]+)\/([^:]+):(.+)$/.exec(type);
    if (!m) throw new Error(`not a kubernetes type token: ${type}`);
    const [, group, version, kind] = m as unknown as [string, string, string, string];
    const core = group === "core";
    return { apiVersion: core ? version : `${group}/${version}`, kind, module: core ? `${version}/${kind}` : `${group}/${version}/${kind}` };
}

/** Fields whose value is a string map (a placeholder there stands for a whole map). */
const MAP_FIELDS = new Set(["stringData", "data", "annotations", "labels", "matchLabels", "nodeSelector"]);
/** Integer fields the program may leave unknown at preview. */
const INT_FIELDS = /^(port|number|containerPort|replicas|minReplicas|maxReplicas|averageUtilization|weight|maxSkew|periodSeconds|value)$/;

/** Replaces plan placeholders with values of the right type for the field they sit in. */
export function standIns(value: unknown, key = ""): unknown {
    if (value === SECRET_MARK || value === UNKNOWN_MARK) {
        if (MAP_FIELDS.has(key)) return { "stand-in": "stand-in" };
        if (INT_FIELDS.test(key)) return 1;
        return "stand-in";
    }
    if (Array.isArray(value)) return value.map((v) => standIns(v, key));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, standIns(v, k)]));
    return value;
}

export function renderedObjects(plan: Plan): Array<{ name: string; type: string; object: Record<string, unknown> }> {
    return plan.resources
        .filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:providers:"))
        .map((r) => {
            const { apiVersion, kind } = parseToken(r.type);
            return { name: r.name, type: r.type, object: { ...(standIns(r.inputs) as Record<string, unknown>), apiVersion, kind } };
        });
}

type Model = new (data: Record<string, unknown>) => { validate(): void };
const MODELS_ROOT = path.join(__dirname, "..", "node_modules", "kubernetes-models");
// kubernetes-models is ESM-only: a real dynamic import (not the require() TypeScript would emit for CommonJS).
const importEsm = new Function("url", "return import(url)") as (url: string) => Promise<Record<string, Model>>;

/** Is the type's API group/version in the core Kubernetes schema (else a cloud CRD such as a GKE ManagedCertificate)? */
export function isCoreType(type: string): boolean {
    return fs.existsSync(path.join(MODELS_ROOT, `${parseToken(type).module}.js`));
}

export async function modelFor(type: string): Promise<Model> {
    const { kind, module } = parseToken(type);
    const mod = await importEsm(pathToFileURL(path.join(MODELS_ROOT, `${module}.js`)).href);
    const model = mod[kind];
    if (!model) throw new Error(`kubernetes-models has no ${kind} in ${module}`);
    return model;
}

/** Validates one object; returns the schema error's message, or undefined when valid. */
export async function schemaError(type: string, object: Record<string, unknown>): Promise<string | undefined> {
    if (!isCoreType(type)) {
        // Custom resources of the cloud's controllers (Karpenter, GKE ingress) have no schema in
        // kubernetes-models: hold them to the object envelope every resource must satisfy.
        const name = (object.metadata as { name?: unknown } | undefined)?.name;
        return typeof name === "string" && /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name) ? undefined : `metadata.name ${JSON.stringify(name)} is not a DNS subdomain`;
    }
    const Model = await modelFor(type);
    try {
        new Model(object).validate();
        return undefined;
    } catch (err) {
        return err instanceof Error ? err.message : String(err);
    }
}

function isNotYetSupported(err: unknown): boolean {
    return err instanceof Error && /has no managed cluster yet|cannot yet provide secret values/.test(err.message);
}

describe("kubernetes runtime: rendered objects validate against the Kubernetes OpenAPI schema", function () {
    it("the check can fail: an invalid object is rejected, with the offending field named", async () => {
        const bad = {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "api" },
            spec: {
                selector: { matchLabels: { app: "api" } },
                strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
                template: { spec: { containers: [{ name: "api", image: "x", ports: [{ containerPort: "8080" }] }] } },
            },
        };
        const error = await schemaError("kubernetes:apps/v1:Deployment", bad);
        assert.ok(error, "an invalid Deployment passed validation");
        assert.match(error!, /containerPort/);
        const missing = await schemaError("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "x" }, spec: { minReplicas: 1 } });
        assert.ok(missing, "an HPA without scaleTargetRef/maxReplicas passed validation");
        assert.strictEqual(await schemaError("kubernetes:core/v1:Namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name: "ok" } }), undefined);
    });

    it("maps type tokens to apiVersion and kind", () => {
        assert.deepStrictEqual(parseToken("kubernetes:core/v1:Secret"), { apiVersion: "v1", kind: "Secret", module: "v1/Secret" });
        assert.deepStrictEqual(parseToken("kubernetes:networking.k8s.io/v1:Ingress"), { apiVersion: "networking.k8s.io/v1", kind: "Ingress", module: "networking.k8s.io/v1/Ingress" });
        assert.deepStrictEqual(standIns({ stringData: SECRET_MARK, spec: { port: UNKNOWN_MARK, name: UNKNOWN_MARK } }), { stringData: { "stand-in": "stand-in" }, spec: { port: 1, name: "stand-in" } });
    });

    const pairs: Array<[Cloud, (typeof ENVIRONMENTS)[number], string[]]> = [
        ...CLOUDS.flatMap((cloud) => ENVIRONMENTS.map((env) => [cloud, env, K8S_RUNTIME] as [Cloud, (typeof ENVIRONMENTS)[number], string[]])),
        ["aws", "staging", [...K8S_RUNTIME, `platform:kubeconfig=${EXISTING_CLUSTER_KUBECONFIG}`, "platform:kubernetes.ingressClass=nginx"]],
    ];
    for (const [cloud, env, config] of pairs) {
        const label = `${cloud}/${env}${config.length > 1 ? " (existing cluster)" : ""}`;
        it(`${label}: every Kubernetes object is schema-valid`, async function () {
            let plan: Plan;
            try {
                plan = (await planFor(env, cloud, config)).plan;
            } catch (err) {
                if (isNotYetSupported(err)) this.skip();
                throw err;
            }
            const objects = renderedObjects(plan);
            // Everything providers/kubernetes renders is core Kubernetes, validated against the full schema.
            const workloads = objects.filter((o) => /^(kubernetes-cluster-namespace|service-[a-z0-9]+-(sa|secret|deployment|service|hpa|pdb|netpol)|load-balancer-ingress)$/.test(o.name));
            for (const o of workloads) assert.ok(isCoreType(o.type), `${o.name}: ${o.type} is not a core Kubernetes type`);
            const kinds = new Set(objects.map((o) => o.object.kind));
            for (const k of ["Namespace", "ServiceAccount", "Secret", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "Ingress"]) {
                assert.ok(kinds.has(k), `${label}: no ${k} rendered`);
            }
            const errors: string[] = [];
            for (const o of objects) {
                const error = await schemaError(o.type, o.object);
                if (error) errors.push(`${o.name} (${o.type}): ${error}`);
            }
            assert.deepStrictEqual(errors, []);
        });
    }
});
