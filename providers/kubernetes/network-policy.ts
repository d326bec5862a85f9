import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../../components/config";
import { childName } from "../../components/naming";
import { CLOUD_PLUGINS } from "../registry";
import type { KubernetesContext } from "./context";
import type { WorkloadArgs } from "./identity";

type PeerInput = k8s.types.input.networking.v1.NetworkPolicyPeer;

/**
 * Where the ingress controller's traffic comes from, per ingress class. In-cluster controllers
 * (ingress-nginx, AKS application routing, Traefik) are admitted by their namespace through the
 * `kubernetes.io/metadata.name` label every namespace carries. Cloud load balancers that send
 * traffic straight to pod IPs (AWS Load Balancer Controller in IP mode, GKE container-native
 * load balancing, Application Gateway for Containers / AGIC) are admitted by address: the
 * platform's VPC/VNet (the load balancer's subnets) or Google's front-end and health-check ranges.
 * Any other class is taken as an in-cluster controller in a namespace of the same name.
 */
export const INGRESS_SOURCES: Record<string, { namespace: string } | { cidrs: "network" | string[] }> = {
    nginx: { namespace: "ingress-nginx" },
    "ingress-nginx": { namespace: "ingress-nginx" },
    "webapprouting.kubernetes.azure.com": { namespace: "app-routing-system" },
    // The platform's internal app-routing controller (providers/azure INTERNAL_INGRESS_CLASS): the same namespace.
    "webapprouting-internal": { namespace: "app-routing-system" },
    traefik: { namespace: "traefik" },
    alb: { cidrs: "network" },
    "azure-application-gateway": { cidrs: "network" },
    "azure-alb-external": { cidrs: "network" },
    gce: { cidrs: ["130.211.0.0/22", "35.191.0.0/16"] },
    "gce-internal": { cidrs: "network" },
};

export function ingressPeers(ingressClass: string, networkCidr: string): PeerInput[] {
    const source = INGRESS_SOURCES[ingressClass] ?? { namespace: ingressClass };
    if ("namespace" in source) return [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": source.namespace } } }];
    const cidrs = source.cidrs === "network" ? [networkCidr] : source.cidrs;
    return cidrs.map((cidr) => ({ ipBlock: { cidr } }));
}

/** Data-tier ports: PostgreSQL, Redis, Redis over TLS (Azure Cache for Redis). */
export const DATA_PORTS = [5432, 6379, 6380];

/** Metadata endpoints the workload identity needs beyond 443 (the plugin's `workloadIdentityEndpoints`: GKE's metadata server). */
function identityEgress(cloud: Cloud): k8s.types.input.networking.v1.NetworkPolicyEgressRule[] {
    return CLOUD_PLUGINS[cloud].workloadIdentityEndpoints.map((e) => ({ to: [{ ipBlock: { cidr: e.cidr } }], ports: [{ protocol: "TCP", port: e.port }] }));
}

/**
 * Default-deny for the service's pods, then: ingress from the ingress controller (HTTP services
 * only) and from the platform's other pods in the namespace, on the container port; egress to
 * cluster DNS, the data tier (the platform network on 5432/6379/6380), the platform's pods, and
 * HTTPS (cloud APIs: secret manager, object store, token exchange).
 */
export function createNetworkPolicy(ctx: KubernetesContext, scope: pulumi.ComponentResource, name: string, args: WorkloadArgs): k8s.networking.v1.NetworkPolicy {
    const svc = args.service;
    const peers: PeerInput = { podSelector: { matchLabels: { "app.kubernetes.io/part-of": ctx.cfg.appName } } };
    const port = [{ protocol: "TCP", port: svc.port }];
    const ingress = ctx.ingressClass.apply((cls) => [
        ...(svc.http ? [{ from: ingressPeers(cls, ctx.cfg.network.cidr), ports: port }] : []),
        { from: [peers], ports: port },
    ]);
    return ctx.create(k8s.networking.v1.NetworkPolicy, scope, childName(name, "netpol"), {
        metadata: { name: svc.name, namespace: ctx.namespaceName, labels: ctx.labels(svc.name) },
        spec: {
            podSelector: { matchLabels: ctx.selector(svc.name) },
            policyTypes: ["Ingress", "Egress"],
            ingress,
            egress: [
                {
                    to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                    ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
                },
                { to: [{ ipBlock: { cidr: ctx.cfg.network.cidr } }], ports: DATA_PORTS.map((p) => ({ protocol: "TCP", port: p })) },
                { to: [peers] },
                { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] },
                ...identityEgress(ctx.cfg.cloud),
            ],
        },
    });
}

