import * as K from "../../policy/policies/kubernetes";
import type { PlatformPolicy } from "../../policy/policies";
import { Fixture, secret, withPath } from "../support/policy-harness";

/*
 * The Kubernetes policies' case table (policy/policies/kubernetes.ts): a compliant object per
 * policy, each violation (path, value, the value the message must name) and a path made unknown
 * for the preview case. kubernetes.spec.ts runs it; outcomes.spec.ts pins what each row reports.
 */

export const labels = { environment: "production", app: "platform", "managed-by": "pulumi" };

export const container = () => ({
    name: "api",
    image: "ghcr.io/acme/api:1.0.0",
    env: [
        { name: "DATABASE_HOST", value: "db.internal" },
        { name: "DATABASE_PASSWORD", valueFrom: { secretKeyRef: { name: "api-bindings", key: "DATABASE_PASSWORD" } } },
    ],
    resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "500m", memory: "1Gi" } },
    securityContext: { runAsNonRoot: true, runAsUser: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
});
export const podSpec = () => ({ securityContext: { runAsNonRoot: true, runAsUser: 10001 }, containers: [container()] });

export const deployment = (): Fixture => ({
    type: "kubernetes:apps/v1:Deployment",
    name: "service-api-deployment",
    props: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", labels }, spec: { selector: { matchLabels: { app: "api" } }, template: { metadata: { labels }, spec: podSpec() } } },
});

export const ingress = (): Fixture => ({
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

export const C = "spec.template.spec.containers.0";

export interface KubernetesCase {
    policy: PlatformPolicy;
    fixture: () => Fixture;
    variants: Array<{ label: string; path: string; value: unknown; found: string }>;
    unknown: string;
}

export const KUBERNETES_CASES: KubernetesCase[] = [
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
    // ---- the edges of each check: empty and zero values, unnamed containers, wildcard and host-less TLS rules
    {
        // An unnamed init container (reported as "#0") next to the named one.
        policy: K.kubernetesPodRequireResourceLimits,
        fixture: () => withContainers([{ image: "ghcr.io/acme/migrate:1.0.0", resources: container().resources, securityContext: container().securityContext }, container()]),
        variants: [
            { label: "memory limit \"0\"", path: `${C}.resources.limits.memory`, value: "0", found: "resources.limits.memory" },
            { label: "memory limit 0", path: `${C}.resources.limits.memory`, value: 0, found: "resources.limits.memory" },
            { label: "cpu limit empty", path: `${C}.resources.limits.cpu`, value: "", found: "resources.limits.cpu" },
            { label: "memory request null", path: `${C}.resources.requests.memory`, value: null, found: "resources.requests.memory" },
            { label: "unnamed init container without limits", path: "spec.template.spec.initContainers.0.resources", value: undefined, found: 'initContainer "#0"' },
        ],
        unknown: `${C}.resources`,
    },
    {
        // Secret-like names with an empty or null literal (nothing to leak), entries without a string name.
        policy: K.kubernetesPodDisallowPlainSecretEnv,
        fixture: () => withContainers([{ ...container(), env: [{ name: "API_TOKEN", value: "" }, { name: "SESSION_SECRET", value: null }, { value: "no-name" }, { name: 42, value: "x" }, null] }]),
        variants: [
            { label: "the empty token filled in", path: "spec.template.spec.containers.0.env.0.value", value: "tok-123456789", found: "env API_TOKEN with a plain value" },
            { label: "the null secret filled in", path: "spec.template.spec.containers.0.env.1.value", value: "s3cr3t-value", found: "env SESSION_SECRET with a plain value" },
        ],
        unknown: "spec.template.spec.containers.0.env",
    },
    {
        // A wildcard certificate covers one level of subdomain; a rule without a host needs none.
        policy: K.kubernetesIngressRequireTls,
        fixture: () => {
            const f = ingress();
            return { ...f, props: withPath(withPath(f.props, "spec.tls", [{ hosts: ["*.example.com"], secretName: "platform-wildcard-tls" }, { secretName: "no-hosts" }]), "spec.rules", [{ host: "api.example.com", http: { paths: [] } }, { http: { paths: [] } }, null]) };
        },
        variants: [
            { label: "a host two levels down", path: "spec.rules.1", value: { host: "v1.api.example.com", http: { paths: [] } }, found: '["*.example.com"]' },
            { label: "a host of another domain", path: "spec.rules.0.host", value: "api.example.org", found: "host api.example.org is served without TLS" },
            { label: "spec.tls an empty list", path: "spec.tls", value: [], found: "found []" },
        ],
        unknown: "spec.tls",
    },
];

/** The deployment with these containers (the first one is the init container when two are given). */
function withContainers(containers: Array<Record<string, unknown> | null>): Fixture {
    const f = deployment();
    const spec = containers.length > 1 ? { ...podSpec(), initContainers: [containers[0]], containers: containers.slice(1) } : { ...podSpec(), containers };
    return { ...f, props: withPath(f.props, "spec.template.spec", spec) };
}
