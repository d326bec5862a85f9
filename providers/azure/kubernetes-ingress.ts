import * as pulumi from "@pulumi/pulumi";
import type * as apiextensions from "@pulumi/kubernetes/apiextensions";
import type { IngressArgs, IngressSettings } from "../../components/cloud";
import { childName } from "../../components/naming";
import type { AzureContext } from "./context";
import { azureHandles } from "./handles";
import { certificateSecretName, createApplicationGateway } from "./load-balancer";
import { ingressInternalAddress } from "./subnets";

/**
 * The platform's app-routing nginx: an `NginxIngressController` (approuting.kubernetes.azure.com/v1alpha1)
 * on an INTERNAL Azure load balancer at a fixed VNet address, reachable only through the
 * Application Gateway (WAF_v2 in production) in front of it. Its pods run in `app-routing-system`
 * like the default controller's.
 */
export const INTERNAL_INGRESS_CLASS = "webapprouting-internal";

/**
 * The Service annotations of the internal controller's load balancer (cloud-provider-azure):
 * internal, at `ingressInternalAddress`, probed on nginx's /healthz as AKS asks for app-routing
 * controllers. https://learn.microsoft.com/azure/aks/app-routing-nginx-configuration
 * ("Create an internal NGINX ingress controller with a private IP address", "NGINX health probe path").
 */
export function internalLoadBalancerAnnotations(ipAddress: string): Record<string, string> {
    return {
        "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
        "service.beta.kubernetes.io/azure-load-balancer-ipv4": ipAddress,
        "service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path": "/healthz",
    };
}

/** The ingress class of the AKS application routing add-on's default (public) nginx, which the platform turns off. */
export const APP_ROUTING_INGRESS_CLASS = "webapprouting.kubernetes.azure.com";

/** The Secret app routing syncs the Key Vault certificate into: `keyvault-<ingress name>`. */
export function appRoutingTlsSecretName(ingressName: string): string {
    return `keyvault-${ingressName}`;
}

/**
 * Annotations of the platform Ingress on the app-routing nginx:
 * - TLS: the certificate the Application Gateway path already expects in Key Vault, synced
 *   by the add-on (Key Vault secrets provider, rotation on) into `keyvault-<ingress>`.
 * - HTTP -> HTTPS: `ssl-redirect`/`force-ssl-redirect`. ingress-nginx answers with 308
 *   (Permanent Redirect, the method-preserving 301) by default; the 301 the guides name needs
 *   the controller ConfigMap's `http-redirect-code`, which the add-on owns and reconciles, so
 *   308 is kept deliberately: browsers and clients treat it as permanent like 301.
 * - TLS >= 1.2: ingress-nginx's default `ssl-protocols` is "TLSv1.2 TLSv1.3" (a ConfigMap
 *   setting, no per-Ingress annotation); HSTS is on by default.
 * - Health: nginx does not probe backends; readiness probes on the health path take pods out
 *   of the Service. The Azure load balancer probe of the controller's Service
 *   (`service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path`) is set by
 *   the add-on on its own Service, not on this Ingress.
 */
export function ingressAnnotations(certificateUri: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
    return {
        "kubernetes.azure.com/tls-cert-keyvault-uri": certificateUri,
        "nginx.ingress.kubernetes.io/ssl-redirect": "true",
        "nginx.ingress.kubernetes.io/force-ssl-redirect": "true",
        "nginx.ingress.kubernetes.io/backend-protocol": "HTTP",
    };
}

/**
 * The Azure ingress of the kubernetes runtime: the platform's internal app-routing nginx behind
 * the Application Gateway (the managed runtime's, with WAF_v2 in production), or, for another
 * `kubernetes.ingressClass` (an existing cluster's controller), just the annotations.
 * The network's NSG (network.ts) admits the gateway subnet to the controller's address only.
 */
export function createIngressSettings(run: AzureContext, scope: pulumi.ComponentResource, name: string, args: IngressArgs): IngressSettings {
    const lb = args.loadBalancer;
    const f = azureHandles.read("network", lb.network.handle, "ingress");
    const ctx = run.withFoundation(f);
    const certificateGrant = azureHandles.readIfOwn("kubernetesCluster", args.cluster.handle)?.certificateGrant;
    const ingressClassName = ctx.cfg.kubernetes.ingressClass ?? INTERNAL_INGRESS_CLASS;
    const annotations = ingressAnnotations(pulumi.interpolate`${f.keyVaultUri}certificates/${certificateSecretName(lb.domain)}`);
    if (ingressClassName !== INTERNAL_INGRESS_CLASS) {
        // Another controller (an existing cluster's): it cannot read Key Vault and the
        // platform cannot put its gateway in front; the operator provides the certificate
        // as the TLS Secret `<app>-tls` in the namespace, and the WAF (the policy
        // kubernetes-ingress-require-waf blocks production without one).
        if (lb.waf) pulumi.log.warn(`kubernetes runtime on Azure: kubernetes.ingressClass ${ingressClassName} is served without the platform's Application Gateway WAF (see docs/cloud-mapping.md)`);
        delete annotations["kubernetes.azure.com/tls-cert-keyvault-uri"];
        return { ingressClassName, annotations, tlsSecretName: `${ctx.cfg.appName}-tls`, dependsOn: [] };
    }
    // The internal app-routing nginx, then the platform's Application Gateway (the managed
    // runtime's: WAF_v2 + WAF policy in production, access and firewall logs, delete lock)
    // with that controller's address as its only backend.
    const ipAddress = ingressInternalAddress(ctx.cfg.network.cidr);
    // Loaded here, not at the top: network.ts reads this file's constants under the managed runtime too.
    const { CustomResource } = require("@pulumi/kubernetes/apiextensions") as typeof apiextensions;
    const controller = ctx.create(CustomResource, scope, childName(name, "ingress-controller"), {
        apiVersion: "approuting.kubernetes.azure.com/v1alpha1",
        kind: "NginxIngressController",
        metadata: { name: INTERNAL_INGRESS_CLASS },
        spec: {
            ingressClassName: INTERNAL_INGRESS_CLASS,
            controllerNamePrefix: "nginx-internal",
            loadBalancerAnnotations: internalLoadBalancerAnnotations(ipAddress),
        },
    }, undefined, {
        // On the cluster's Kubernetes provider, not azure-native.
        provider: args.provider,
        // Both are immutable (CRD validation self == oldSelf): a change replaces the controller, the old one first (same name).
        replaceOnChanges: ["spec.ingressClassName", "spec.controllerNamePrefix"],
        deleteBeforeReplace: true,
    });
    const gateway = createApplicationGateway(ctx, scope, name, lb, { kind: "ingress", ipAddress });
    return {
        ingressClassName,
        annotations,
        tlsSecretName: appRoutingTlsSecretName(`${ctx.cfg.appName}-ingress`),
        endpoint: gateway.endpoint,
        handle: azureHandles.wrap("loadBalancer", { gatewayId: gateway.gateway.id }),
        dependsOn: [controller, ...(certificateGrant ? [certificateGrant] : [])],
    };
}
