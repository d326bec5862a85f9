import type { Area } from "./support";
import { phrase, PlatformPolicy, resourcePolicy, ResourceContext } from "./support";

/**
 * The Kubernetes runtime (`compute.runtime: kubernetes`): hardened pods and TLS on ingress.
 * Resources are matched by @pulumi/kubernetes type tokens (`kubernetes:<group>/<version>:<Kind>`);
 * the pod template is found wherever the workload kind keeps it.
 */

/** Where each workload kind keeps its pod spec. */
export const POD_SPEC_PATHS: Record<string, string[]> = {
    "kubernetes:core/v1:Pod": ["spec"],
    "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
    "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:ReplicaSet": ["spec", "template", "spec"],
    "kubernetes:batch/v1:Job": ["spec", "template", "spec"],
    "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
};
export const WORKLOAD_TYPES = Object.keys(POD_SPEC_PATHS);
export const INGRESS_TYPE = "kubernetes:networking.k8s.io/v1:Ingress";

/** Workload security has no area among the cloud ones; it is reported under its own. */
const WORKLOAD_SECURITY: Area = "workload-security";

interface Container {
    kind: "container" | "initContainer";
    name: string;
    spec: Record<string, any>;
}

function podSpec(ctx: ResourceContext): Record<string, any> | undefined {
    let cur: any = ctx.props;
    for (const key of POD_SPEC_PATHS[ctx.type] ?? []) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = cur[key];
    }
    return cur && typeof cur === "object" ? cur : undefined;
}

function containersOf(pod: Record<string, any>): Container[] {
    const list = (key: "containers" | "initContainers", kind: Container["kind"]) =>
        (Array.isArray(pod[key]) ? (pod[key] as Record<string, any>[]) : []).map((spec, i) => ({ kind, name: typeof spec?.name === "string" ? spec.name : `#${i}`, spec: spec ?? {} }));
    return [...list("initContainers", "initContainer"), ...list("containers", "container")];
}

export function forEachContainer(ctx: ResourceContext, check: (c: Container, pod: Record<string, any>) => void): void {
    const pod = podSpec(ctx);
    if (!pod) {
        ctx.report({ problem: "no pod spec", found: phrase(`nothing at ${(POD_SPEC_PATHS[ctx.type] ?? []).join(".")}`), fix: "define the pod template" });
        return;
    }
    for (const c of containersOf(pod)) check(c, pod);
}

export const kubernetesPodRequireNonRoot = resourcePolicy({
    name: "kubernetes-pod-require-non-root",
    description: "Every container must run as a non-root user: runAsNonRoot true (container or pod securityContext) and never runAsUser 0.",
    area: WORKLOAD_SECURITY,
    severity: "high",
    checkov: ["CKV_K8S_23", "CKV_K8S_40"],
    cis: ["Kubernetes 5.2.6"],
    types: WORKLOAD_TYPES,
    remediation: "set securityContext.runAsNonRoot: true and a non-zero runAsUser on the pod or each container",
    validate(ctx) {
        forEachContainer(ctx, (c, pod) => {
            const nonRoot = c.spec.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
            const user = c.spec.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
            if (nonRoot !== true) {
                ctx.report({ problem: `${c.kind} "${c.name}" may run as root`, found: nonRoot ?? phrase("runAsNonRoot not set"), fix: `set securityContext.runAsNonRoot: true on ${c.kind} "${c.name}" or the pod` });
            } else if (user === 0) {
                ctx.report({ problem: `${c.kind} "${c.name}" runs as root`, found: phrase("runAsUser 0"), fix: "set runAsUser to a non-zero uid such as 10001" });
            }
        });
    },
});

export const kubernetesPodRequireReadOnlyRootFilesystem = resourcePolicy({
    name: "kubernetes-pod-require-read-only-root-filesystem",
    description: "Every container must mount its root filesystem read-only (securityContext.readOnlyRootFilesystem true); writable paths come from volumes such as an emptyDir at /tmp.",
    area: WORKLOAD_SECURITY,
    severity: "medium",
    checkov: ["CKV_K8S_22"],
    types: WORKLOAD_TYPES,
    remediation: "set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the process writes",
    validate(ctx) {
        forEachContainer(ctx, (c) => {
            const ro = c.spec.securityContext?.readOnlyRootFilesystem;
            if (ro !== true) ctx.report({ problem: `${c.kind} "${c.name}" has a writable root filesystem`, found: ro ?? phrase("readOnlyRootFilesystem not set"), fix: `set securityContext.readOnlyRootFilesystem: true on ${c.kind} "${c.name}"` });
        });
    },
});

export const kubernetesPodRequireResourceLimits = resourcePolicy({
    name: "kubernetes-pod-require-resource-limits",
    description: "Every container must set CPU and memory limits and a memory request, so one pod cannot starve its node and the scheduler and HPA have a baseline.",
    area: WORKLOAD_SECURITY,
    severity: "medium",
    checkov: ["CKV_K8S_11", "CKV_K8S_13", "CKV_K8S_12"],
    types: WORKLOAD_TYPES,
    remediation: "set resources.limits.cpu, resources.limits.memory and resources.requests.memory on every container",
    validate(ctx) {
        forEachContainer(ctx, (c) => {
            const missing = [
                ["limits", "cpu"],
                ["limits", "memory"],
                ["requests", "memory"],
            ].filter(([kind, res]) => {
                const v = c.spec.resources?.[kind!]?.[res!];
                return v === undefined || v === null || v === "" || v === 0 || v === "0";
            }).map((p) => `resources.${p.join(".")}`);
            if (missing.length > 0) ctx.report({ problem: `${c.kind} "${c.name}" has no ${missing.join(", ")}`, found: c.spec.resources ?? phrase("no resources"), fix: `set ${missing.join(", ")} on ${c.kind} "${c.name}"` });
        });
    },
});

/** Env names that carry secrets. */
export const SECRET_ENV_NAME = /PASSWORD|PASSWD|TOKEN|SECRET|KEY|CREDENTIAL/i;

export const kubernetesPodDisallowPlainSecretEnv = resourcePolicy({
    name: "kubernetes-pod-disallow-plain-secret-env",
    description: "Environment variables that look like secrets (names with PASSWORD, TOKEN, SECRET, KEY, CREDENTIAL) must come from a Secret (valueFrom.secretKeyRef), never a literal value in the pod spec.",
    area: WORKLOAD_SECURITY,
    severity: "high",
    checkov: ["CKV_K8S_35"],
    types: WORKLOAD_TYPES,
    remediation: "store the value in a Kubernetes Secret and use env[].valueFrom.secretKeyRef",
    validate(ctx) {
        forEachContainer(ctx, (c) => {
            for (const e of Array.isArray(c.spec.env) ? (c.spec.env as Record<string, any>[]) : []) {
                const name = e?.name;
                if (typeof name !== "string" || !SECRET_ENV_NAME.test(name)) continue;
                const value = e.value;
                if (value !== undefined && value !== null && value !== "") {
                    ctx.report({ problem: `${c.kind} "${c.name}" sets secret-like env ${name} as a literal value`, found: phrase(`env ${name} with a plain value (not shown)`), fix: `move ${name} into a Secret and reference it with valueFrom.secretKeyRef` });
                }
            }
        });
    },
});

const REDIRECT_DISABLED: Record<string, string> = {
    "nginx.ingress.kubernetes.io/ssl-redirect": "false",
    "nginx.ingress.kubernetes.io/force-ssl-redirect": "false",
};

/** Annotations through which a cloud ingress controller is handed its certificate. */
export const CLOUD_CERTIFICATE_ANNOTATIONS = [
    "alb.ingress.kubernetes.io/certificate-arn",
    "networking.gke.io/managed-certificates",
    "ingress.gcp.kubernetes.io/pre-shared-cert",
    "kubernetes.azure.com/tls-cert-keyvault-uri",
];

export const kubernetesIngressRequireTls = resourcePolicy({
    name: "kubernetes-ingress-require-tls",
    description: "Ingresses must terminate TLS for every host they route (spec.tls covering each rule's host, or a cloud certificate annotation) and must not disable the HTTP-to-HTTPS redirect.",
    area: "encryption-in-transit",
    severity: "high",
    types: [INGRESS_TYPE],
    remediation: "add spec.tls with every rule host (and the certificate's secretName or the cloud's certificate annotation); keep the HTTPS redirect on",
    validate(ctx) {
        const annotations = (ctx.props.metadata?.annotations ?? {}) as Record<string, unknown>;
        for (const [key, off] of Object.entries(REDIRECT_DISABLED)) {
            if (annotations[key] === off) ctx.report({ problem: "HTTP-to-HTTPS redirect disabled", found: `${key}=${off}`, fix: `remove ${key} or set it to "true"` });
        }
        // Cloud controllers that take the certificate from an annotation terminate TLS for
        // every host of the Ingress without a spec.tls entry (ACM, Google-managed, Key Vault).
        const certificateAnnotation = CLOUD_CERTIFICATE_ANNOTATIONS.find((key) => typeof annotations[key] === "string" && (annotations[key] as string).length > 0);
        if (certificateAnnotation) return;
        const tls = Array.isArray(ctx.props.spec?.tls) ? (ctx.props.spec.tls as Record<string, any>[]) : [];
        if (tls.length === 0) {
            ctx.report({ problem: "Ingress without TLS", found: ctx.props.spec?.tls ?? phrase("no spec.tls"), fix: "add spec.tls: [{ hosts: [<every rule host>], secretName: ... }]" });
            return;
        }
        const covered = new Set(tls.flatMap((t) => (Array.isArray(t?.hosts) ? t.hosts : [])));
        const rules = Array.isArray(ctx.props.spec?.rules) ? (ctx.props.spec.rules as Record<string, any>[]) : [];
        for (const r of rules) {
            const host = r?.host;
            if (typeof host === "string" && host.length > 0 && !covered.has(host) && !covered.has(`*.${host.split(".").slice(1).join(".")}`)) {
                ctx.report({ problem: `host ${host} is served without TLS`, found: [...covered], fix: `add ${host} to spec.tls[].hosts` });
            }
        }
    },
});

export const kubernetesPolicies: PlatformPolicy[] = [
    kubernetesPodRequireNonRoot,
    kubernetesPodRequireReadOnlyRootFilesystem,
    kubernetesPodRequireResourceLimits,
    kubernetesPodDisallowPlainSecretEnv,
    kubernetesIngressRequireTls,
];
