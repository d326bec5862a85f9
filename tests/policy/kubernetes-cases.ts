import * as K from "../../policy/policies/kubernetes";
import type { PlatformPolicy } from "../../policy/policies";
import { Fixture, secret } from "../support/policy-harness";

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
];
