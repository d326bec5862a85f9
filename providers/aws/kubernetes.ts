import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CustomResource } from "@pulumi/kubernetes/apiextensions";
import { IngressClass } from "@pulumi/kubernetes/networking/v1";
import type { IngressArgs, IngressSettings, KubernetesSupport, WorkloadIdentityArgs, WorkloadIdentityOutputs } from "../../components/cloud";
import type { SecretReference } from "../../components/component";
import type { LoadBalancerArgs } from "../../components/load-balancer";
import { childName, limitedName, physicalName } from "../../components/naming";
import { createEksCluster, EKS_INGRESS_CLASS } from "./cluster";
import { awsBindings, platformSecretsPolicy, serviceBucketPolicy } from "./compute-service";
import { AwsContext, policyJson } from "./context";
import { awsHandles } from "./handles";
import { ACCESS_LOG_PREFIX, createAlbLogBucket, createCertificate, createWebAcl, TLS_POLICY } from "./load-balancer";

/** Annotation prefix of the ALB ingress controller (EKS Auto Mode and the AWS Load Balancer Controller alike). */
const ALB = "alb.ingress.kubernetes.io";

/** The value of one secret reference: the whole secret string, or one key of a JSON secret. */
export function pickSecret(secretString: string, jsonKey?: string): string {
    if (!jsonKey) return secretString;
    const value = (JSON.parse(secretString) as Record<string, unknown>)[jsonKey];
    if (typeof value !== "string") throw new Error(`secret has no string key ${JSON.stringify(jsonKey)}`);
    return value;
}

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
 * The AWS side of `compute.runtime: kubernetes`: EKS (cluster.ts), IRSA roles with the same
 * least-privilege documents as the ECS roles, secret values read from Secrets Manager, and
 * the ALB ingress settings (certificate, TLS policy, redirect, health check, WAF, logs).
 */
export function createKubernetesSupport(ctx: AwsContext): KubernetesSupport {
    return {
        cluster: (scope, name, args) => createEksCluster(ctx, scope, name, args),
        workloadIdentity: (scope, name, args) => createWorkloadIdentity(ctx, scope, name, args),
        secretValue: (scope, _name, ref) => secretValue(ctx, scope, ref),
        ingress: (scope, name, args) => createIngressSettings(ctx, scope, name, args),
    };
}

/**
 * IRSA: one IAM role per service that only the service's ServiceAccount can assume (sub and
 * aud pinned), with the ECS execution role's secrets document and the task role's bucket
 * document. With an existing cluster (kubeconfig in config) there is no OIDC provider to
 * trust, so the ServiceAccount runs without a cloud identity.
 */
function createWorkloadIdentity(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: WorkloadIdentityArgs): WorkloadIdentityOutputs {
    const eks = awsHandles.readIfOwn("kubernetesCluster", args.cluster.handle);
    if (!eks) return { serviceAccountAnnotations: {}, podLabels: {}, identity: pulumi.output(`system:serviceaccount:${args.namespace}:${args.serviceAccountName}`) };
    const { database, cache, objectStore } = awsBindings(args.bindings, "workload identity");

    const trust = pulumi.all([eks.oidcProvider.arn, eks.issuerHost]).apply(([providerArn, host]) => ({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Federated: providerArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: {
                    [`${host}:sub`]: `system:serviceaccount:${args.namespace}:${args.serviceAccountName}`,
                    [`${host}:aud`]: "sts.amazonaws.com",
                },
            },
        }],
    }));
    const role = ctx.create(aws.iam.Role, scope, childName(name, "workload-role"), {
        name: limitedName(ctx.cfg, 64, args.service, "workload"),
        description: `IRSA identity of ${args.namespace}/${args.serviceAccountName}: its bucket and this platform's two secrets only`,
        assumeRolePolicy: policyJson(trust),
        tags: ctx.tags(),
    });
    ctx.create(aws.iam.RolePolicy, scope, childName(name, "workload-bucket"), {
        role: role.id,
        policy: policyJson(serviceBucketPolicy(objectStore)),
    });
    ctx.create(aws.iam.RolePolicy, scope, childName(name, "workload-secrets"), {
        role: role.id,
        policy: policyJson(platformSecretsPolicy(args.bindings, { database, cache })),
    });
    return {
        serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": role.arn },
        podLabels: {},
        identity: role.arn,
    };
}

/** Reads the current version from Secrets Manager at deploy time; the value only ever travels as a Pulumi secret. */
function secretValue(ctx: AwsContext, scope: pulumi.ComponentResource, ref: SecretReference): pulumi.Output<string> {
    const version = aws.secretsmanager.getSecretVersionOutput({ secretId: ref.id }, { provider: ctx.provider, parent: scope });
    return pulumi.secret(version.secretString.apply((s) => pickSecret(s, ref.jsonKey)));
}

/**
 * The ALB the EKS Auto Mode controller creates for the Ingress: the IngressClass (controller
 * `eks.amazonaws.com/alb`) and its IngressClassParams (internet-facing, only this platform's
 * namespace), and the annotations carrying what load-balancer.ts sets on the ALB it creates
 * itself under the managed runtime: ACM certificate, TLS 1.2+ policy, 301 to HTTPS, health
 * check, access logs, deletion protection and the WAF per tier. With an existing cluster the
 * configured class is used as is (its controller must understand the same annotations).
 */
function createIngressSettings(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: IngressArgs): IngressSettings {
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
        const params = new CustomResource(childName(name, "ingress-class-params"), {
            apiVersion: "eks.amazonaws.com/v1",
            kind: "IngressClassParams",
            metadata: { name: className },
            spec: {
                scheme: "internet-facing",
                ipAddressType: "ipv4",
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": args.namespace } },
            },
        }, { parent: scope, provider: args.provider });
        dependsOn.push(new IngressClass(childName(name, "ingress-class"), {
            metadata: { name: className },
            spec: {
                controller: "eks.amazonaws.com/alb",
                parameters: { apiGroup: "eks.amazonaws.com", kind: "IngressClassParams", name: className },
            },
        }, { parent: scope, provider: args.provider, dependsOn: [params] }));
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
