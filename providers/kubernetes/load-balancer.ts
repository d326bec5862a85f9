import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IngressSettings } from "../../components/cloud";
import type { LoadBalancerArgs, LoadBalancerOutputs } from "../../components/load-balancer";
import { childName } from "../../components/naming";
import type { KubernetesContext } from "./context";
import { kubernetesHandles } from "./handles";

/** The legacy class annotation, still how GKE's controller selects an Ingress. */
export const INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

/** Classes served by ingress-nginx (or AKS application routing, which is ingress-nginx). */
export function isNginxLike(ingressClass: string): boolean {
    return /nginx|webapprouting/.test(ingressClass);
}

/** HTTP -> HTTPS redirect for nginx-like controllers (the cloud controllers get theirs from the cloud's settings). */
export const NGINX_ANNOTATIONS: Record<string, string> = {
    "nginx.ingress.kubernetes.io/ssl-redirect": "true",
    "nginx.ingress.kubernetes.io/force-ssl-redirect": "true",
    "nginx.ingress.kubernetes.io/backend-protocol": "HTTP",
};

/**
 * The LoadBalancer under the kubernetes runtime: one Ingress with TLS on the configured
 * (`kubernetes.ingressClass`) or the cloud's ingress class, routing each HTTP service by
 * host/path. On a managed cluster the cloud's ingress settings carry certificate, TLS policy,
 * HTTP->HTTPS redirect, health check path and WAF. With an existing cluster nothing
 * cloud-side is created: the Ingress names the TLS secret `<app>-<environment>-tls`, which
 * the cluster's certificate tooling (cert-manager or the team) provides.
 */
export function createKubernetesLoadBalancer(ctx: KubernetesContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs): LoadBalancerOutputs {
    const settings: IngressSettings | undefined = ctx.cloudSide?.ingress(scope, name, { loadBalancer: args, namespace: ctx.namespaceName, namespaceResource: ctx.namespace, provider: ctx.provider, cluster: ctx.cluster });
    const ingressClass: pulumi.Output<string> = ctx.cfg.kubernetes.ingressClass
        ? pulumi.output(ctx.cfg.kubernetes.ingressClass)
        : settings ? pulumi.output(settings.ingressClassName) : ctx.ingressClass;
    const tlsSecretName = settings ? settings.tlsSecretName : `${ctx.namespaceName}-tls`;
    // Some controllers are chosen by annotation and reject spec.ingressClassName beside it (GKE).
    const classByAnnotation = settings?.annotations[INGRESS_CLASS_ANNOTATION] !== undefined;
    // A controller that takes its certificate from an annotation (ACM, Google-managed) gets no
    // spec.tls: an entry without a secret would send it looking for one.
    const tlsFromSecret = tlsSecretName !== undefined;

    const hosts = new Map<string, typeof args.routes>();
    for (const route of args.routes) hosts.set(route.host ?? args.domain, [...(hosts.get(route.host ?? args.domain) ?? []), route]);
    if (!hosts.has(args.domain)) hosts.set(args.domain, []);

    const annotations = pulumi.all([ingressClass, pulumi.output(settings?.annotations ?? {})]).apply(([cls, cloud]) => ({
        ...(isNginxLike(cls) ? NGINX_ANNOTATIONS : {}),
        ...cloud,
    }));

    const ingress = ctx.create(k8s.networking.v1.Ingress, scope, childName(name, "ingress"), {
        metadata: { name: `${ctx.cfg.appName}-ingress`, namespace: ctx.namespaceName, labels: ctx.labels("ingress"), annotations },
        spec: {
            ...(classByAnnotation ? {} : { ingressClassName: ingressClass }),
            ...(tlsFromSecret ? { tls: [{ hosts: [...hosts.keys()], secretName: tlsSecretName }] } : {}),
            rules: [...hosts].filter(([, routes]) => routes.length > 0).map(([host, routes]) => ({
                host,
                http: {
                    // Longest prefix first: controllers that match in order still send /api to the API.
                    paths: [...routes].sort((a, b) => (b.pathPrefix ?? "/").length - (a.pathPrefix ?? "/").length).map((r) => ({
                        path: r.pathPrefix ?? "/",
                        pathType: "Prefix",
                        backend: { service: { name: r.service, port: { number: r.port } } },
                    })),
                },
            })),
        },
    }, undefined, { dependsOn: settings?.dependsOn ?? [] });

    const status = ingress.status.loadBalancer.ingress;
    return {
        endpoint: settings?.endpoint ?? status.apply((s) => s?.[0]?.hostname ?? s?.[0]?.ip ?? "pending"),
        url: pulumi.output(`https://${args.domain}`),
        domain: pulumi.output(args.domain),
        attachments: Object.fromEntries(args.routes.map((r) => [r.service, { backendId: pulumi.interpolate`${ctx.namespaceName}/${r.service}`, dependsOn: [ingress] }])),
        handle: kubernetesHandles.wrap("loadBalancer", { serviceAnnotations: settings?.serviceAnnotations ?? {}, ingress: settings?.handle }),
    };
}
