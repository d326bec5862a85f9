import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { LoadBalancerArgs, LoadBalancerOutputs } from "../../components/load-balancer";
import { childName } from "../../components/naming";
import type { KubernetesContext } from "./context";

/**
 * The LoadBalancer under the kubernetes runtime: one Ingress with TLS on the cloud's (or the
 * configured) ingress class, routing each HTTP service by host/path. The cloud's ingress
 * settings carry certificate, TLS policy, HTTP->HTTPS redirect and WAF.
 */
export function createKubernetesLoadBalancer(ctx: KubernetesContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs): LoadBalancerOutputs {
    const settings = ctx.support?.ingress(scope, name, { loadBalancer: args, namespace: ctx.namespaceName, provider: ctx.provider });
    const hosts = new Map<string, typeof args.routes>();
    for (const route of args.routes) hosts.set(route.host ?? args.domain, [...(hosts.get(route.host ?? args.domain) ?? []), route]);
    const ingress = new k8s.networking.v1.Ingress(childName(name, "ingress"), {
        metadata: { name: `${ctx.cfg.appName}-ingress`, namespace: ctx.namespaceName, labels: ctx.labels("ingress"), annotations: settings?.annotations },
        spec: {
            ingressClassName: settings?.ingressClassName ?? ctx.cluster.ingressClass,
            tls: [{ hosts: [...hosts.keys()], secretName: settings?.tlsSecretName }],
            rules: [...hosts].map(([host, routes]) => ({
                host,
                http: {
                    paths: routes.map((r) => ({
                        path: r.pathPrefix ?? "/",
                        pathType: "Prefix",
                        backend: { service: { name: r.service, port: { number: r.port } } },
                    })),
                },
            })),
        },
    }, ctx.opts(scope, { dependsOn: settings?.dependsOn ?? [] }));

    const status = ingress.status.loadBalancer.ingress;
    return {
        endpoint: status.apply((s) => s?.[0]?.hostname ?? s?.[0]?.ip ?? "pending"),
        url: pulumi.output(`https://${args.domain}`),
        domain: pulumi.output(args.domain),
        attachments: Object.fromEntries(args.routes.map((r) => [r.service, { backendId: pulumi.interpolate`${ingress.metadata.namespace}/${r.service}`, dependsOn: [ingress] }])),
    };
}
