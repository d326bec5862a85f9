import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LoadBalancerArgs, LoadBalancerOutputs, LoadBalancerRoute, ServiceAttachment, WAF_REDACTED_HEADERS } from "../../components/load-balancer";
import { childName, limitedName, physicalName } from "../../components/naming";
import { auditLogGroup } from "./audit-logs";
import { awsHandles } from "./handles";
import type { AwsContext } from "./context";
import { createLogBucket } from "./object-store";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { Transform } from "../../components/transform";

/** TLS 1.3 preferred, TLS 1.2 minimum. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** ELB log-delivery accounts of the regions older than 2022, which do not accept the service principal. */
const ELB_ACCOUNTS: Record<string, string> = {
    "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980", "us-west-2": "797873946194",
    "eu-west-1": "156460612806", "eu-west-2": "652711504416", "eu-central-1": "054676820928", "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266", "ap-northeast-1": "582318560864", "ca-central-1": "985666609251",
};

export const ACCESS_LOG_PREFIX = "alb";

/** Most specific first: host + path, host, longer path; the catch-all `/` last. */
export function orderRoutes(routes: LoadBalancerRoute[]): LoadBalancerRoute[] {
    const weight = (r: LoadBalancerRoute) => (r.host ? 10_000 : 0) + (r.pathPrefix && r.pathPrefix !== "/" ? r.pathPrefix.length : 0);
    return [...routes].sort((a, b) => weight(b) - weight(a) || a.service.localeCompare(b.service));
}

/** Listener-rule conditions for one route: host header and/or `prefix` + `prefix/*`. */
export function routeConditions(route: LoadBalancerRoute): aws.types.input.lb.ListenerRuleCondition[] {
    const conditions: aws.types.input.lb.ListenerRuleCondition[] = [];
    if (route.host) conditions.push({ hostHeader: { values: [route.host] } });
    const prefix = route.pathPrefix && route.pathPrefix !== "/" ? route.pathPrefix.replace(/\/+$/, "") : undefined;
    if (prefix) conditions.push({ pathPattern: { values: [prefix, `${prefix}/*`] } });
    else if (!route.host) conditions.push({ pathPattern: { values: ["/*"] } });
    return conditions;
}

const MANAGED_RULE_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesSQLiRuleSet"];

/**
 * Internet-facing ALB in the public subnets: ACM certificate (DNS validation), HTTPS listener
 * on TLS 1.2+, HTTP answered with a 301 to HTTPS, unmatched requests a 404, one target group
 * and listener rule per HTTP service, access logs to a dedicated bucket, WAF per tier.
 */
export function createLoadBalancer(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs): LoadBalancerOutputs {
    const { cfg } = ctx;
    const t = args.transform?.aws;
    const net = awsHandles.read("network", args.network.handle, "load balancer");
    const { securityGroups: sgs, publicSubnetIds: publicSubnets, vpcId } = net;

    const logBucket = args.accessLogs ? createAlbLogBucket(ctx, scope, name, args) : undefined;

    const validation = createCertificate(ctx, scope, name, args);

    const albName = limitedName(cfg, 32, "alb");
    const alb = ctx.create(aws.lb.LoadBalancer, scope, childName(name, "alb"), {
        name: albName,
        loadBalancerType: "application",
        internal: false,
        ipAddressType: "ipv4",
        securityGroups: [sgs.lb.id],
        subnets: publicSubnets,
        dropInvalidHeaderFields: true,
        enableDeletionProtection: args.deletionProtection,
        enableHttp2: true,
        idleTimeout: 60,
        accessLogs: logBucket ? { bucket: logBucket.bucket.bucket, prefix: ACCESS_LOG_PREFIX, enabled: true } : undefined,
        tags: ctx.tags(albName),
    }, t?.loadBalancer, { dependsOn: logBucket ? [logBucket.policy] : [] });

    const https = ctx.create(aws.lb.Listener, scope, childName(name, "https"), {
        loadBalancerArn: alb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: TLS_POLICY,
        certificateArn: validation.certificateArn,
        defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not Found" } }],
        tags: ctx.tags(),
    }, t?.httpsListener);

    ctx.create(aws.lb.Listener, scope, childName(name, "http"), {
        loadBalancerArn: alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }],
        tags: ctx.tags(),
    }, t?.httpListener);

    const attachments: Record<string, ServiceAttachment> = {};
    const targetGroups: Record<string, aws.lb.TargetGroup> = {};
    const pathPrefixes: Record<string, string> = {};
    const alternateTargetGroups: Record<string, aws.lb.TargetGroup> = {};
    const listenerRules: Record<string, aws.lb.ListenerRule> = {};
    orderRoutes(args.routes).forEach((route, index) => {
        const targetGroupArgs = (tgName: string): aws.lb.TargetGroupArgs => ({
            name: tgName,
            port: route.port,
            protocol: "HTTP",
            protocolVersion: "HTTP1",
            targetType: "ip",
            vpcId,
            deregistrationDelay: 30,
            healthCheck: {
                enabled: true,
                path: route.healthPath,
                protocol: "HTTP",
                port: "traffic-port",
                interval: args.health.intervalSeconds,
                timeout: args.health.timeoutSeconds,
                healthyThreshold: args.health.healthyThreshold,
                unhealthyThreshold: args.health.unhealthyThreshold,
                matcher: "200-399",
            },
            tags: ctx.tags(tgName),
        });
        const tgName = limitedName(cfg, 32, route.service);
        const targetGroup = ctx.create(aws.lb.TargetGroup, scope, childName(name, `${route.service}-tg`), targetGroupArgs(tgName), t?.targetGroup);
        // ECS blue/green and canary deployments shift the production listener rule's weights
        // between the service's two target groups, so the rule forwards to both (100/0) and
        // Pulumi leaves the weights ECS set alone (ignoreChanges on actions). ECS docs:
        // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb-resources-for-blue-green.html
        const shifted = route.release !== undefined && route.release !== "rolling";
        const alternate = shifted
            ? ctx.create(aws.lb.TargetGroup, scope, childName(name, `${route.service}-tg-alt`), targetGroupArgs(limitedName(cfg, 32, route.service, "alt")), t?.targetGroup)
            : undefined;
        const rule = ctx.create(aws.lb.ListenerRule, scope, childName(name, `${route.service}-rule`), {
            listenerArn: https.arn,
            priority: 100 + index * 10,
            actions: alternate
                ? [{ type: "forward", forward: { targetGroups: [{ arn: targetGroup.arn, weight: 100 }, { arn: alternate.arn, weight: 0 }] } }]
                : [{ type: "forward", targetGroupArn: targetGroup.arn }],
            conditions: routeConditions(route),
            tags: ctx.tags(),
        }, t?.listenerRule, alternate ? { ignoreChanges: ["actions"] } : {});
        if (alternate) alternateTargetGroups[route.service] = alternate;
        listenerRules[route.service] = rule;
        targetGroups[route.service] = targetGroup;
        pathPrefixes[route.service] = route.pathPrefix && route.pathPrefix !== "/" ? route.pathPrefix : "";
        attachments[route.service] = { backendId: targetGroup.arn, dependsOn: [rule, https] };
    });

    if (args.waf) {
        const acl = createWebAcl(ctx, scope, name, args);
        ctx.create(aws.wafv2.WebAclAssociation, scope, childName(name, "waf-association"), {
            resourceArn: alb.arn,
            webAclArn: acl.arn,
        });
    }


    return {
        endpoint: alb.dnsName,
        url: pulumi.output(`https://${args.domain}`),
        domain: pulumi.output(args.domain),
        attachments,
        handle: awsHandles.wrap("loadBalancer", { alb, targetGroups, alternateTargetGroups, listenerRules, pathPrefixes }),
    };
}

/**
 * The ACM certificate for the domain, DNS-validated: the validation waits until the CNAME in
 * `certificate.domainValidationOptions` is published in the domain's zone. Shared by the ALB
 * this program creates and the one the EKS ingress controller creates (kubernetes runtime).
 */
export function createCertificate(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs): aws.acm.CertificateValidation {
    const certificate = ctx.create(aws.acm.Certificate, scope, childName(name, "certificate"), {
        domainName: args.domain,
        validationMethod: "DNS",
        keyAlgorithm: "RSA_2048",
        tags: ctx.tags(args.domain),
    }, args.transform?.aws?.certificate);
    return ctx.create(aws.acm.CertificateValidation, scope, childName(name, "certificate-validation"), {
        certificateArn: certificate.arn,
    });
}

/**
 * The regional WAF WebACL (AWS managed rule groups + per-IP rate limit) and its request logs;
 * the caller associates it with its ALB. The logs go to an `aws-waf-logs-` CloudWatch log
 * group (the prefix WAF requires) under the logs CMK with audit retention, credentials and
 * session headers redacted, see
 * https://docs.aws.amazon.com/waf/latest/APIReference/API_LoggingConfiguration.html
 */
export function createWebAcl(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs): aws.wafv2.WebAcl {
    const acl = webAcl(ctx, scope, name, args);
    const { logsKey } = awsHandles.read("network", args.network.handle, "WAF");
    const logGroup = auditLogGroup(ctx, logsKey, scope, childName(name, "waf-logs"), `aws-waf-logs-${physicalName(ctx.cfg)}`);
    ctx.create(aws.wafv2.WebAclLoggingConfiguration, scope, childName(name, "waf-logging"), {
        resourceArn: acl.arn,
        logDestinationConfigs: [logGroup.arn],
        redactedFields: WAF_REDACTED_HEADERS.map((header) => ({ singleHeader: { name: header } })),
    });
    return acl;
}

function webAcl(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs): aws.wafv2.WebAcl {
    const { cfg } = ctx;
    return ctx.create(aws.wafv2.WebAcl, scope, childName(name, "waf"), {
        name: physicalName(cfg, "waf"),
        description: "AWS managed rule groups in front of the platform load balancer",
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        rules: [
            ...MANAGED_RULE_GROUPS.map((group, i) => ({
                name: group,
                priority: (i + 1) * 10,
                overrideAction: { none: {} },
                statement: { managedRuleGroupStatement: { name: group, vendorName: "AWS" } },
                visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: group },
            })),
            {
                name: "rate-limit-per-ip",
                priority: 100,
                action: { block: {} },
                statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } },
                visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: "rate-limit-per-ip" },
            },
        ],
        visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: physicalName(cfg, "waf") },
        tags: ctx.tags(),
    }, args.transform?.aws?.webAcl);
}

/** The ALB access-log bucket (createLogBucket: private, SSE-S3, TLS-only, versioned), kept 90 days; ELB log delivery may write under `alb/AWSLogs/<account>/`. */
export function createAlbLogBucket(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: LoadBalancerArgs) {
    const { cfg } = ctx;
    const elbAccount = ELB_ACCOUNTS[cfg.region];
    return createLogBucket(ctx, scope, {
        base: childName(name, "logs"),
        bucketName: pulumi.interpolate`${physicalName(cfg, "alb-logs")}-${ctx.accountId}`,
        tagName: physicalName(cfg, "alb-logs"),
        prefix: `${ACCESS_LOG_PREFIX}/`,
        expirationDays: 90,
        protect: cfg.protect,
        transform: args.transform?.aws?.logBucket,
        delivery: (arn) => {
            const logObjects = pulumi.interpolate`${arn}/${ACCESS_LOG_PREFIX}/AWSLogs/${ctx.accountId}/*`;
            return [
                { Sid: "AllowLogDelivery", Effect: "Allow", Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }, Action: "s3:PutObject", Resource: logObjects },
                ...(elbAccount ? [{ Sid: "AllowRegionalElbAccount", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:${ctx.partition}:iam::${elbAccount}:root` }, Action: "s3:PutObject", Resource: logObjects }] : []),
            ];
        },
    });
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/aws/index.ts. */
export const builder: CloudBuilder<AwsContext, "loadBalancer"> = createLoadBalancer;

/** Typed escape hatches for this component's AWS children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface AwsLoadBalancerTransforms {
    logBucket?: Transform<aws.s3.BucketArgs>;
    certificate?: Transform<aws.acm.CertificateArgs>;
    loadBalancer?: Transform<aws.lb.LoadBalancerArgs>;
    httpsListener?: Transform<aws.lb.ListenerArgs>;
    httpListener?: Transform<aws.lb.ListenerArgs>;
    /** Applied to every route's target group. */
    targetGroup?: Transform<aws.lb.TargetGroupArgs>;
    /** Applied to every route's listener rule. */
    listenerRule?: Transform<aws.lb.ListenerRuleArgs>;
    webAcl?: Transform<aws.wafv2.WebAclArgs>;
}

declare module "../../components/load-balancer" {
    interface LoadBalancerTransforms { aws?: AwsLoadBalancerTransforms }
}

/** What this component hands to the components built on it (providers/aws/handles.ts). */
declare module "./handles" {
    interface AwsHandles {
        loadBalancer: {
            alb: aws.lb.LoadBalancer;
            targetGroups: Record<string, aws.lb.TargetGroup>;
            /** The second target group of a blue/green or canary service (ECS shifts traffic between the two). */
            alternateTargetGroups: Record<string, aws.lb.TargetGroup>;
            listenerRules: Record<string, aws.lb.ListenerRule>;
            pathPrefixes: Record<string, string>;
        };
    }
}
