import type { PlannedResource, Rule } from "../../shared/rules";

/**
 * Kubernetes API rules the SDK types do not carry (they type names, labels and most enums as
 * plain strings): object names, label and annotation syntax, selectors matching templates,
 * requests within limits, autoscaler and disruption-budget shapes, Service port names, and
 * the cloud controllers' custom resources (GKE Ingress CRDs, Karpenter NodePools).
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kinds whose names must be DNS labels (RFC 1123, <= 63); the rest take DNS subdomains (<= 253). */
const LABEL_NAMED = new Set(["Namespace", "Service"]);

const ALL = [
    "kubernetes:apps/v1:Deployment", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Secret",
    "kubernetes:core/v1:Service", "kubernetes:core/v1:ServiceAccount", "kubernetes:networking.k8s.io/v1:Ingress", "kubernetes:networking.k8s.io/v1:IngressClass",
    "kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:policy/v1:PodDisruptionBudget", "kubernetes:cloud.google.com/v1:BackendConfig",
    "kubernetes:eks.amazonaws.com/v1:IngressClassParams", "kubernetes:karpenter.sh/v1:NodePool", "kubernetes:networking.gke.io/v1:ManagedCertificate",
    "kubernetes:networking.gke.io/v1beta1:FrontendConfig", "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController",
];

const kindOf = (r: PlannedResource) => r.type.split(":").pop()!;

/** Label/annotation key: optional DNS-subdomain prefix (<= 253) and a name of <= 63 [A-Za-z0-9_.-], alphanumeric at both ends. */
export function labelKeyProblem(key: string): string | undefined {
    const slash = key.lastIndexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `key ${key}: the prefix must be a DNS subdomain of <= 253 characters`;
    if (name.length === 0 || name.length > 63 || !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name)) return `key ${key}: the name part is 1-63 of [A-Za-z0-9_.-], alphanumeric at both ends`;
    return undefined;
}

const labelValueOk = (v: string) => v === "" || (v.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(v));

/** Every pod template and label map in an object, with its path. */
function labelMaps(inputs: Record<string, any>): Array<[string, Record<string, string>]> {
    const found: Array<[string, Record<string, string>]> = [];
    const walk = (v: any, at: string) => {
        if (!v || typeof v !== "object") return;
        for (const [k, x] of Object.entries(v)) {
            if ((k === "labels" || k === "matchLabels") && x && typeof x === "object" && !Array.isArray(x)) found.push([`${at}${k}`, x as Record<string, string>]);
            else walk(x, `${at}${k}.`);
        }
    };
    walk(inputs, "");
    return found;
}

export const kubernetesRules: readonly Rule[] = [
    {
        id: "kubernetes/object-name",
        family: "names",
        types: ALL,
        doc: "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/",
        check: (r) => {
            const name = String(r.inputs.metadata?.name ?? "");
            const label = LABEL_NAMED.has(kindOf(r));
            const max = label ? 63 : 253;
            const problems = name.length > max || !(label ? DNS_LABEL : DNS_SUBDOMAIN).test(name) ? [`metadata.name ${JSON.stringify(name)}: a DNS ${label ? "label" : "subdomain"} of at most ${max}`] : [];
            const ns = r.inputs.metadata?.namespace;
            if (ns !== undefined && (String(ns).length > 63 || !DNS_LABEL.test(String(ns)))) problems.push(`metadata.namespace ${ns}: a DNS label of at most 63`);
            return problems;
        },
    },
    {
        id: "kubernetes/labels-and-annotations",
        family: "names",
        types: ALL,
        doc: "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set",
        check: (r) => {
            const problems: string[] = [];
            for (const [at, map] of labelMaps(r.inputs)) {
                for (const [k, v] of Object.entries(map)) {
                    const keyProblem = labelKeyProblem(k);
                    if (keyProblem) problems.push(`${at} ${keyProblem}`);
                    if (!labelValueOk(String(v))) problems.push(`${at}.${k} value ${JSON.stringify(v)}: at most 63 of [A-Za-z0-9_.-], alphanumeric at both ends`);
                }
            }
            const annotations = r.inputs.metadata?.annotations ?? {};
            for (const k of Object.keys(annotations)) { const p = labelKeyProblem(k); if (p) problems.push(`annotation ${p}`); }
            if (JSON.stringify(annotations).length > 256 * 1024) problems.push("annotations over 256 KiB");
            return problems;
        },
    },
    {
        // The Deployment's selector selects its own pod template; containers request no more than their limits; pull policies and port names are valid.
        id: "kubernetes/deployment-shape",
        family: "combinations",
        types: ["kubernetes:apps/v1:Deployment"],
        doc: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector",
        check: (r) => {
            const spec = r.inputs.spec ?? {};
            const problems: string[] = [];
            const labels = spec.template?.metadata?.labels ?? {};
            for (const [k, v] of Object.entries(spec.selector?.matchLabels ?? {})) if (labels[k] !== v) problems.push(`selector ${k}=${v} does not select the pod template`);
            for (const c of (spec.template?.spec?.containers ?? []) as any[]) {
                for (const res of ["cpu", "memory"]) {
                    const req = quantity(c.resources?.requests?.[res]);
                    const lim = quantity(c.resources?.limits?.[res]);
                    if (req !== undefined && lim !== undefined && req > lim) problems.push(`${c.name}: ${res} request ${c.resources.requests[res]} exceeds its limit ${c.resources.limits[res]}`);
                }
                if (c.imagePullPolicy !== undefined && !["Always", "IfNotPresent", "Never"].includes(c.imagePullPolicy)) problems.push(`${c.name}: imagePullPolicy ${c.imagePullPolicy}`);
                for (const p of (c.ports ?? []) as any[]) if (p.name !== undefined && !/^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/.test(p.name)) problems.push(`${c.name}: port name ${p.name} is not an IANA service name (<= 15)`);
                if (!DNS_LABEL.test(String(c.name)) || String(c.name).length > 63) problems.push(`container name ${c.name}: a DNS label`);
            }
            return problems;
        },
    },
    {
        // Service ports: unique names (required when several), valid IANA names, ports 1-65535.
        id: "kubernetes/service-ports",
        family: "combinations",
        types: ["kubernetes:core/v1:Service"],
        doc: "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec",
        check: (r) => {
            const ports = (r.inputs.spec?.ports ?? []) as any[];
            const problems: string[] = [];
            if (ports.length > 1 && ports.some((p) => !p.name)) problems.push("a Service with several ports names each");
            if (new Set(ports.map((p) => p.name)).size !== ports.length) problems.push("port names repeat");
            for (const p of ports) if (!(p.port >= 1 && p.port <= 65535)) problems.push(`port ${p.port}: 1-65535`);
            return problems;
        },
    },
    {
        // HPA: 1 <= minReplicas <= maxReplicas; utilization targets 1-100 (memory/CPU need requests, checked against the target).
        id: "kubernetes/hpa-shape",
        family: "combinations",
        types: ["kubernetes:autoscaling/v2:HorizontalPodAutoscaler"],
        doc: "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/",
        check: (r, plan) => {
            const s = r.inputs.spec ?? {};
            const problems: string[] = [];
            if (s.minReplicas < 1 || s.minReplicas > s.maxReplicas) problems.push(`minReplicas ${s.minReplicas} maxReplicas ${s.maxReplicas}: 1 <= min <= max`);
            const target = plan.ofType("kubernetes:apps/v1:Deployment").find((d) => d.inputs.metadata?.name === s.scaleTargetRef?.name && d.inputs.metadata?.namespace === r.inputs.metadata?.namespace);
            if (s.scaleTargetRef?.kind === "Deployment" && !target) problems.push(`scaleTargetRef ${s.scaleTargetRef.name} is not a Deployment of this plan`);
            for (const m of (s.metrics ?? []) as any[]) {
                const u = m.resource?.target?.averageUtilization;
                if (u !== undefined && (u < 1 || u > 100)) problems.push(`${m.resource.name} averageUtilization ${u}: 1-100`);
                const requested = ((target?.inputs.spec?.template?.spec?.containers ?? []) as any[]).every((c) => c.resources?.requests?.[m.resource?.name] !== undefined);
                if (u !== undefined && target && !requested) problems.push(`${m.resource.name} utilization needs every container to request ${m.resource.name}`);
            }
            return problems;
        },
    },
    {
        // PDB: exactly one of minAvailable and maxUnavailable; a minAvailable at or above the HPA's minimum blocks every drain.
        id: "kubernetes/pdb-shape",
        family: "combinations",
        types: ["kubernetes:policy/v1:PodDisruptionBudget"],
        doc: "https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget",
        check: (r, plan) => {
            const s = r.inputs.spec ?? {};
            const problems = (s.minAvailable === undefined) === (s.maxUnavailable === undefined) ? ["exactly one of minAvailable and maxUnavailable"] : [];
            const hpa = plan.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").find((h) => h.inputs.metadata?.name === r.inputs.metadata?.name);
            if (typeof s.minAvailable === "number" && hpa && s.minAvailable >= hpa.inputs.spec?.minReplicas) problems.push(`minAvailable ${s.minAvailable} with minReplicas ${hpa.inputs.spec?.minReplicas}: no pod can ever be evicted`);
            return problems;
        },
    },
    {
        // Ingress: path types Exact/Prefix/ImplementationSpecific, absolute paths, backends naming a Service port of this plan.
        id: "kubernetes/ingress-backends",
        family: "companions",
        types: ["kubernetes:networking.k8s.io/v1:Ingress", "kubernetes:networking.k8s.io/v1:IngressClass", "kubernetes:networking.k8s.io/v1:NetworkPolicy"],
        doc: "https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types",
        check: (r, plan) => {
            if (r.type === "kubernetes:networking.k8s.io/v1:IngressClass") return /^[a-z0-9.-]+\/[A-Za-z0-9_.-]+$/.test(String(r.inputs.spec?.controller)) ? [] : [`controller ${r.inputs.spec?.controller}: a domain-prefixed path`];
            if (r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy") {
                const types = (r.inputs.spec?.policyTypes ?? []) as string[];
                return types.every((t) => t === "Ingress" || t === "Egress") ? [] : [`policyTypes ${types.join(", ")}: Ingress | Egress`];
            }
            const problems: string[] = [];
            for (const rule of (r.inputs.spec?.rules ?? []) as any[]) {
                for (const p of (rule.http?.paths ?? []) as any[]) {
                    if (!["Exact", "Prefix", "ImplementationSpecific"].includes(p.pathType)) problems.push(`pathType ${p.pathType}`);
                    if (!String(p.path ?? "/").startsWith("/")) problems.push(`path ${p.path} is not absolute`);
                    const svc = plan.ofType("kubernetes:core/v1:Service").find((s) => s.inputs.metadata?.name === p.backend?.service?.name && s.inputs.metadata?.namespace === r.inputs.metadata?.namespace);
                    if (!svc) problems.push(`backend ${p.backend?.service?.name} is not a Service of this plan`);
                    else {
                        const port = p.backend.service.port ?? {};
                        if (!((svc.inputs.spec?.ports ?? []) as any[]).some((sp) => (port.name !== undefined && sp.name === port.name) || (port.number !== undefined && sp.port === port.number))) problems.push(`backend ${svc.inputs.metadata.name} has no port ${port.name ?? port.number}`);
                    }
                }
            }
            return problems;
        },
    },
    {
        // Cloud controllers' CRDs: GKE ManagedCertificate 1-100 non-wildcard domains; BackendConfig health check timeout <= interval;
        // FrontendConfig redirect codes; Karpenter NodePool requirement operators; EKS IngressClassParams scheme.
        id: "kubernetes/cloud-custom-resources",
        family: "combinations",
        types: ["kubernetes:networking.gke.io/v1:ManagedCertificate", "kubernetes:cloud.google.com/v1:BackendConfig", "kubernetes:networking.gke.io/v1beta1:FrontendConfig", "kubernetes:karpenter.sh/v1:NodePool", "kubernetes:eks.amazonaws.com/v1:IngressClassParams"],
        doc: "https://cloud.google.com/kubernetes-engine/docs/how-to/ingress-configuration",
        check: (r) => {
            const s = r.inputs.spec ?? {};
            switch (kindOf(r)) {
                case "ManagedCertificate": {
                    const d = (s.domains ?? []) as string[];
                    return d.length >= 1 && d.length <= 100 && d.every((x) => !x.includes("*") && x.length <= 253) ? [] : ["a ManagedCertificate takes 1-100 non-wildcard domains"];
                }
                case "BackendConfig": {
                    const h = s.healthCheck ?? {};
                    return h.timeoutSec !== undefined && h.checkIntervalSec !== undefined && h.timeoutSec > h.checkIntervalSec ? [`healthCheck timeoutSec ${h.timeoutSec} exceeds checkIntervalSec ${h.checkIntervalSec}`] : [];
                }
                case "FrontendConfig":
                    return !s.redirectToHttps || ["MOVED_PERMANENTLY_DEFAULT", "FOUND", "SEE_OTHER", "TEMPORARY_REDIRECT", "PERMANENT_REDIRECT"].includes(s.redirectToHttps.responseCodeName ?? "MOVED_PERMANENTLY_DEFAULT") ? [] : [`responseCodeName ${s.redirectToHttps.responseCodeName}`];
                case "NodePool":
                    return ((s.template?.spec?.requirements ?? []) as any[]).filter((q) => !["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"].includes(q.operator)).map((q) => `requirement ${q.key} operator ${q.operator}`);
                default:
                    return ["internet-facing", "internal", undefined].includes(s.scheme) ? [] : [`scheme ${s.scheme}: internet-facing | internal`];
            }
        },
    },
    {
        // AKS app routing NginxIngressController: ingressClassName ^[a-z0-9][-a-z0-9.]*[a-z0-9]$ (1-253) and
        // controllerNamePrefix ^[a-z0-9][-a-z0-9]*[a-z0-9]$ (1-60), both required; loadBalancerAnnotations a string map.
        id: "kubernetes/app-routing-controller",
        family: "combinations",
        types: ["kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController"],
        doc: "https://github.com/Azure/aks-app-routing-operator/blob/main/api/v1alpha1/nginxingresscontroller_types.go",
        check: (r) => {
            const s = r.inputs.spec ?? {};
            const problems: string[] = [];
            const cls = String(s.ingressClassName ?? "");
            const prefix = String(s.controllerNamePrefix ?? "");
            if (cls.length > 253 || !/^[a-z0-9][-a-z0-9.]*[a-z0-9]$/.test(cls)) problems.push(`ingressClassName ${JSON.stringify(s.ingressClassName)}: 1-253 of [a-z0-9.-], alphanumeric at both ends`);
            if (prefix.length > 60 || !/^[a-z0-9][-a-z0-9]*[a-z0-9]$/.test(prefix)) problems.push(`controllerNamePrefix ${JSON.stringify(s.controllerNamePrefix)}: 1-60 of [a-z0-9-], alphanumeric at both ends`);
            for (const [k, v] of Object.entries(s.loadBalancerAnnotations ?? {})) if (typeof v !== "string") problems.push(`loadBalancerAnnotations ${k}: the value must be a string`);
            return problems;
        },
    },
];

/** A Kubernetes quantity in base units (cores, bytes); undefined when absent or unparsable. */
export function quantity(q: unknown): number | undefined {
    if (q === undefined) return undefined;
    const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(String(q));
    if (!m) return undefined;
    const f: Record<string, number> = { m: 1e-3, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9 };
    return Number(m[1]) * (m[2] ? f[m[2]]! : 1);
}
