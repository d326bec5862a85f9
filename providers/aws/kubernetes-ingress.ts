import * as pulumi from "@pulumi/pulumi";
import { CustomResource } from "@pulumi/kubernetes/apiextensions";
import { IngressClass } from "@pulumi/kubernetes/networking/v1";
import type { IngressArgs, IngressSettings } from "../../components/cloud";
import type { LoadBalancerArgs } from "../../components/load-balancer";
import { childName, limitedName, physicalName } from "../../components/naming";
import { EKS_INGRESS_CLASS } from "./kubernetes-cluster";
import { AwsContext } from "./context";
import { awsHandles } from "./handles";
import { ACCESS_LOG_PREFIX, createAlbLogBucket, createCertificate, createWebAcl, TLS_POLICY } from "./load-balancer";

/** Annotation prefix of the ALB ingress controller (EKS Auto Mode and the AWS Load Balancer Controller alike). */
const ALB = "alb.ingress.kubernetes.io";

/** `load-balancer-attributes` per tier: deletion protection, invalid-header drop, access logs. */
export function albAttributes(lb: Pick<LoadBalancerArgs, "deletionProtection">, logBucket?: string): string {
    return [
        `deletion_protection.enabled=${lb.deletionProtection}`,
        "routing.http.drop_invalid_header_fields.enabled=true",
        "idle_timeout.timeout_seconds=60",
        ...(logBucket ? ["access_logs.s3.enabled=true", `access_logs.s3.bucket=${logBucket}`, `access_logs.s3.prefix=${ACCESS_LOG_PREFIX}`] : ["access_logs.s3.enabled=false"]),
    ].join(",");
}

/**
 * The ALB the EKS Auto Mode controller creates for the Ingress: the IngressClass (controller
 * `eks.amazonaws.com/alb`) and its IngressClassParams (internet-facing, only this platform's
 * namespace), and the annotations carrying what load-balancer.ts sets on the ALB it creates
 * itself under the managed runtime: ACM certificate, TLS 1.2+ policy, 301 to HTTPS, health
 * check, access logs, deletion protection and the WAF per tier. With an existing cluster the
 * configured class is used as is (its controller must understand the same annotations).
 */
export function createIngressSettings(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: IngressArgs): IngressSettings {
    const { cfg } = ctx;
    const lb = args.loadBalancer;
    const { publicSubnetIds: publicSubnets } = awsHandles.read("network", lb.network.handle, "ingress");
    const dependsOn: pulumi.Resource[] = [];

    const certificate = createCertificate(ctx, scope, name, lb);
    dependsOn.push(certificate);
    const logBucket = lb.accessLogs ? createAlbLogBucket(ctx, scope, name, lb) : undefined;
    if (logBucket) dependsOn.push(logBucket.policy);
    const acl = lb.waf ? createWebAcl(ctx, scope, name, lb) : undefined;
    if (acl) dependsOn.push(acl);

    const className = cfg.kubernetes.ingressClass ?? EKS_INGRESS_CLASS;
    if (awsHandles.readIfOwn("kubernetesCluster", args.cluster.handle)) {
        const params = ctx.create(CustomResource, scope, childName(name, "ingress-class-params"), {
            apiVersion: "eks.amazonaws.com/v1",
            kind: "IngressClassParams",
            metadata: { name: className },
            spec: {
                scheme: "internet-facing",
                ipAddressType: "ipv4",
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": args.namespace } },
            },
        }, undefined, { provider: args.provider });
        dependsOn.push(ctx.create(IngressClass, scope, childName(name, "ingress-class"), {
            metadata: { name: className },
            spec: {
                controller: "eks.amazonaws.com/alb",
                parameters: { apiGroup: "eks.amazonaws.com", kind: "IngressClassParams", name: className },
            },
        }, undefined, { provider: args.provider, dependsOn: [params] }));
    }

    const annotations: Record<string, pulumi.Input<string>> = {
        [`${ALB}/scheme`]: "internet-facing",
        [`${ALB}/target-type`]: "ip",
        [`${ALB}/subnets`]: pulumi.all(publicSubnets).apply((ids) => ids.join(",")),
        [`${ALB}/group.name`]: physicalName(cfg),
        [`${ALB}/load-balancer-name`]: limitedName(cfg, 32, "alb"),
        [`${ALB}/listen-ports`]: '[{"HTTP":80},{"HTTPS":443}]',
        [`${ALB}/ssl-redirect`]: "443",
        [`${ALB}/certificate-arn`]: certificate.certificateArn,
        [`${ALB}/ssl-policy`]: TLS_POLICY,
        [`${ALB}/backend-protocol`]: "HTTP",
        [`${ALB}/healthcheck-path`]: lb.health.path,
        [`${ALB}/healthcheck-interval-seconds`]: String(lb.health.intervalSeconds),
        [`${ALB}/healthcheck-timeout-seconds`]: String(lb.health.timeoutSeconds),
        [`${ALB}/healthy-threshold-count`]: String(lb.health.healthyThreshold),
        [`${ALB}/unhealthy-threshold-count`]: String(lb.health.unhealthyThreshold),
        [`${ALB}/success-codes`]: "200-399",
        [`${ALB}/load-balancer-attributes`]: logBucket
            ? logBucket.bucket.bucket.apply((bucket) => albAttributes(lb, bucket))
            : albAttributes(lb),
        [`${ALB}/tags`]: Object.entries(ctx.tags()).map(([k, v]) => `${k}=${v}`).join(","),
        ...(acl ? { [`${ALB}/wafv2-acl-arn`]: acl.arn } : {}),
    };
    // Target-group settings on a Service take precedence over the Ingress's: each service's
    // target group checks that service's own health path.
    const serviceAnnotations = Object.fromEntries(lb.routes.map((r) => [r.service, { [`${ALB}/healthcheck-path`]: r.healthPath }]));
    return { ingressClassName: className, annotations, serviceAnnotations, dependsOn };
}
