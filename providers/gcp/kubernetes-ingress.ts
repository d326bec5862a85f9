import * as gcp from "@pulumi/gcp";
import type * as apiextensions from "@pulumi/kubernetes/apiextensions";
import * as pulumi from "@pulumi/pulumi";
import type { IngressArgs, IngressSettings } from "../../components/cloud";
import { childName, limitedName } from "../../components/naming";
import type { GcpContext } from "./context";
import { createSecurityPolicy, createSslPolicy } from "./load-balancer";
import { GKE_INGRESS_CLASS } from "./kubernetes-cluster";

/**
 * Annotations GKE reads. The Ingress class is an ANNOTATION on GKE: the GKE Ingress
 * controller ignores `spec.ingressClassName`, and takes no action on an Ingress that sets
 * `ingressClassName` without the annotation (and the API server rejects an Ingress that sets
 * both), so the Ingress must carry the annotation and leave `spec.ingressClassName` unset.
 */
export const GKE_ANNOTATIONS = {
    ingressClass: "kubernetes.io/ingress.class",
    staticIp: "kubernetes.io/ingress.global-static-ip-name",
    managedCertificates: "networking.gke.io/managed-certificates",
    frontendConfig: "networking.gke.io/v1beta1.FrontendConfig",
    /** On each routed Service: `{"default": "<BackendConfig name>"}`. */
    backendConfig: "cloud.google.com/backend-config",
    /** On each routed Service: `{"ingress": true}` (container-native load balancing). */
    neg: "cloud.google.com/neg",
} as const;

/** The BackendConfig of one routed service (health check, Cloud Armor, logging). */
export function backendConfigName(service: string): string {
    return `${service}-backend`;
}

/**
 * GKE Ingress settings: class `gce` (annotation), a global static IP, a Google-managed
 * certificate (ManagedCertificate), a FrontendConfig with the TLS >= 1.2 SSL policy and a 301
 * HTTP->HTTPS redirect, and per routed service a BackendConfig with the tier's health check,
 * access logging and (production) the Cloud Armor policy. Children of the LoadBalancer scope.
 *
 * Each routed Service must carry `cloud.google.com/backend-config: {"default": "<service>-backend"}`
 * and `cloud.google.com/neg: {"ingress": true}`: see `serviceAnnotations` in the result.
 */
export function createGkeIngress(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: IngressArgs): IngressSettings & { serviceAnnotations: Record<string, Record<string, string>> } {
    const { cfg } = ctx;
    // Loaded only here, under the kubernetes runtime: managed stacks never load @pulumi/kubernetes.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CustomResource } = require("@pulumi/kubernetes/apiextensions") as typeof apiextensions;
    const lb = args.loadBalancer;
    const ns = args.namespace;
    // On the cluster's Kubernetes provider, not the gcp one; inside the namespace, so after it.
    const k8sOpts: pulumi.CustomResourceOptions = { provider: args.provider, dependsOn: [args.namespaceResource] };
    const labels = { ...cfg.tags, "app.kubernetes.io/part-of": cfg.appName, "app.kubernetes.io/managed-by": "pulumi" };

    const securityPolicy = createSecurityPolicy(ctx, scope, name, lb);
    const sslPolicy = createSslPolicy(ctx, scope, name, lb);

    const address = ctx.create(gcp.compute.GlobalAddress, scope, childName(name, "address"), {
        name: limitedName(cfg, 63, "lb"),
        description: `Public address of ${lb.domain} (GKE Ingress)`,
        addressType: "EXTERNAL",
        ipVersion: "IPV4",
        deletionPolicy: lb.deletionProtection ? "PREVENT" : "DELETE",
        labels: ctx.labels(),
    }, lb.transform?.gcp?.address);

    const hosts = [...new Set([lb.domain, ...lb.routes.map((r) => r.host).filter((h): h is string => Boolean(h))])];
    const certName = `${cfg.appName}-certificate`;
    const certificate = ctx.create(CustomResource, scope, childName(name, "managed-certificate"), {
        apiVersion: "networking.gke.io/v1",
        kind: "ManagedCertificate",
        metadata: { name: certName, namespace: ns, labels },
        spec: { domains: hosts },
    }, undefined, k8sOpts);

    const frontendName = `${cfg.appName}-frontend`;
    const frontend = ctx.create(CustomResource, scope, childName(name, "frontend-config"), {
        apiVersion: "networking.gke.io/v1beta1",
        kind: "FrontendConfig",
        metadata: { name: frontendName, namespace: ns, labels },
        spec: {
            sslPolicy: sslPolicy.name,
            redirectToHttps: { enabled: true, responseCodeName: "MOVED_PERMANENTLY_DEFAULT" },
        },
    }, undefined, k8sOpts);

    const serviceAnnotations: Record<string, Record<string, string>> = {};
    const backendConfigs = lb.routes.map((route) => {
        const backendName = backendConfigName(route.service);
        serviceAnnotations[route.service] = {
            [GKE_ANNOTATIONS.backendConfig]: JSON.stringify({ default: backendName }),
            [GKE_ANNOTATIONS.neg]: JSON.stringify({ ingress: true }),
        };
        return ctx.create(CustomResource, scope, childName(name, `${route.service}-backend-config`), {
            apiVersion: "cloud.google.com/v1",
            kind: "BackendConfig",
            metadata: { name: backendName, namespace: ns, labels: { ...labels, "app.kubernetes.io/name": route.service } },
            spec: {
                healthCheck: {
                    type: "HTTP",
                    requestPath: route.healthPath ?? lb.health.path,
                    port: route.port,
                    checkIntervalSec: lb.health.intervalSeconds,
                    timeoutSec: lb.health.timeoutSeconds,
                    healthyThreshold: lb.health.healthyThreshold,
                    unhealthyThreshold: lb.health.unhealthyThreshold,
                },
                logging: { enable: lb.accessLogs, sampleRate: 1 },
                ...(securityPolicy ? { securityPolicy: { name: securityPolicy.name } } : {}),
            },
        }, undefined, k8sOpts);
    });

    return {
        ingressClassName: GKE_INGRESS_CLASS,
        annotations: {
            [GKE_ANNOTATIONS.ingressClass]: GKE_INGRESS_CLASS,
            [GKE_ANNOTATIONS.staticIp]: address.name,
            [GKE_ANNOTATIONS.managedCertificates]: certName,
            [GKE_ANNOTATIONS.frontendConfig]: frontendName,
            // GKE's Ingress serves HTTP only to redirect it (FrontendConfig), never plain traffic.
        },
        dependsOn: [address, certificate, frontend, ...backendConfigs],
        serviceAnnotations,
    };
}
