import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LoadBalancerArgs, LoadBalancerOutputs, LoadBalancerRoute, ServiceAttachment, WAF_REDACTED_HEADERS } from "../../components/load-balancer";
import { childName, limitedName, physicalName } from "../../components/naming";
import { auditLogGroup } from "./audit-logs";
import { awsHandles } from "./handles";
import type { AwsContext } from "./context";
import { createLogBucket } from "./object-store";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import { nameRule, type Rule } from "../shared/rules";
import { TAGS, TF } from "./replacement";
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

// The offline engine's facts of the AWS types only this component creates (npm run diff and the
// deploy-rule specs read them; providers/shared/cloud-engine.ts): engine.ts holds the shared ones.

const REPLACEMENT: ReplacementTable = {
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": {
        source: `${TF}wafv2/web_acl_logging_configuration.go (resource_arn ForceNew)`,
        replace: ["region", "resourceArn"],
        update: ["logDestinationConfigs", "redactedFields", "loggingFilter"],
    },
    "aws:acm/certificate:Certificate": {
        source: `${TF}acm/certificate.go (read at 01661ea3: private_key, certificate_body, options update via ImportCertificate / UpdateCertificateOptions)`,
        replace: ["domainName", "subjectAlternativeNames", "keyAlgorithm", "validationMethod", "validationOptions", "certificateAuthorityArn"],
        update: [...TAGS, "earlyRenewalDuration", "certificateBody", "certificateChain", "privateKey", "options"],
    },
    "aws:acm/certificateValidation:CertificateValidation": {
        source: `${TF}acm/certificate_validation.go (no Update: every argument ForceNew)`,
        replace: ["certificateArn", "validationRecordFqdns"],
        update: [],
    },
    "aws:lb/listener:Listener": {
        source: `${TF}elbv2/listener.go`,
        replace: ["loadBalancerArn"],
        update: [...TAGS, "defaultActions", "port", "protocol", "certificateArn", "sslPolicy", "alpnPolicy", "mutualAuthentication"],
    },
    "aws:lb/listenerRule:ListenerRule": {
        source: `${TF}elbv2/listener_rule.go`,
        replace: ["listenerArn"],
        update: [...TAGS, "actions", "conditions", "priority"],
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        source: `${TF}elbv2/load_balancer.go`,
        replace: ["name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"],
        update: [...TAGS, "accessLogs", "connectionLogs", "dropInvalidHeaderFields", "enableDeletionProtection", "enableHttp2", "idleTimeout", "ipAddressType",
            "securityGroups", "desyncMitigationMode", "enableWafFailOpen", "preserveHostHeader", "xffHeaderProcessingMode", "enableCrossZoneLoadBalancing",
            "clientKeepAlive"],
        // ALB subnets change in place; an NLB's force a new one (CustomizeDiff).
        undecided: ["subnets", "subnetMappings"],
    },
    "aws:lb/targetGroup:TargetGroup": {
        source: `${TF}elbv2/target_group.go`,
        replace: ["name", "namePrefix", "port", "protocol", "protocolVersion", "targetType", "vpcId", "ipAddressType"],
        update: [...TAGS, "deregistrationDelay", "healthCheck", "stickiness", "slowStart", "loadBalancingAlgorithmType", "loadBalancingCrossZoneEnabled",
            "proxyProtocolV2", "connectionTermination", "preserveClientIp", "targetFailovers", "targetHealthStates", "lambdaMultiValueHeadersEnabled"],
    },
    "aws:wafv2/webAcl:WebAcl": {
        source: `${TF}wafv2/web_acl.go`,
        replace: ["name", "namePrefix", "scope"],
        update: [...TAGS, "defaultAction", "description", "rules", "visibilityConfig", "customResponseBodies", "captchaConfig", "challengeConfig", "tokenDomains",
            "associationConfig", "ruleJson"],
    },
    "aws:wafv2/webAclAssociation:WebAclAssociation": {
        source: `${TF}wafv2/web_acl_association.go (no Update)`,
        replace: ["resourceArn", "webAclArn"],
        update: [],
    },
};

const RULES: Rule[] = [
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
    nameRule({ id: "aws/alb-name", types: ["aws:lb/loadBalancer:LoadBalancer"], field: "name", max: 32, pattern: /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, allowed: "letters, digits and hyphens, not starting with internal- nor starting/ending with a hyphen", doc: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html" }),
    nameRule({ id: "aws/target-group-name", types: ["aws:lb/targetGroup:TargetGroup"], field: "name", max: 32, pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, allowed: "letters, digits and hyphens, not starting or ending with a hyphen", doc: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html" }),
    // https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html
    nameRule({ id: "aws/wafv2-web-acl-name", types: ["aws:wafv2/webAcl:WebAcl"], field: "name", max: 128, pattern: /^[\w-]+$/, allowed: "letters, digits, hyphens and underscores", doc: "https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html" }),
    // https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html
    nameRule({ id: "aws/acm-domain-name", types: ["aws:acm/certificate:Certificate"], field: "domainName", max: 253, pattern: /^(\*\.)?(([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])\.)+[A-Za-z]{2,}$/, allowed: "a fully qualified domain name (the first label at most 63 characters)", doc: "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html" }),
    {
        // An ALB spans at least two Availability Zones (one subnet each).
        id: "aws/alb-two-azs",
        family: "companions",
        types: ["aws:lb/loadBalancer:LoadBalancer"],
        doc: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#availability-zones",
        check: (r, plan) => {
            const azs = new Set(((r.inputs.subnets ?? []) as string[]).map((id) => plan.resolve("aws:ec2/subnet:Subnet", id)?.inputs.availabilityZone ?? id));
            return r.inputs.loadBalancerType !== "application" || azs.size >= 2 ? [] : [`subnets in ${azs.size} Availability Zone(s); an Application Load Balancer needs at least 2`];
        },
    },
    {
        // HTTPS listeners need a certificate and an SSL policy; redirects use HTTP_301 or HTTP_302.
        id: "aws/listener-tls",
        family: "combinations",
        types: ["aws:lb/listener:Listener"],
        doc: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html",
        check: (r) => {
            const problems = r.inputs.protocol === "HTTPS" && (!r.inputs.certificateArn || !r.inputs.sslPolicy) ? ["an HTTPS listener needs certificateArn and sslPolicy"] : [];
            for (const a of (r.inputs.defaultActions ?? []) as any[]) {
                if (a.type === "redirect" && !["HTTP_301", "HTTP_302"].includes(a.redirect?.statusCode)) problems.push(`redirect statusCode ${a.redirect?.statusCode}: allowed HTTP_301 or HTTP_302`);
            }
            return problems;
        },
    },
    {
        // Listener rule priorities are 1-50000 and unique per listener; at most 100 rules per listener.
        id: "aws/listener-rule-priority",
        family: "quotas",
        types: ["aws:lb/listenerRule:ListenerRule"],
        doc: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html",
        check: (r, plan) => {
            const siblings = plan.ofType(r.type).filter((o) => o.inputs.listenerArn === r.inputs.listenerArn);
            const problems = r.inputs.priority < 1 || r.inputs.priority > 50000 ? [`priority ${r.inputs.priority}: allowed 1-50000`] : [];
            if (siblings.some((o) => o.urn !== r.urn && o.inputs.priority === r.inputs.priority)) problems.push(`priority ${r.inputs.priority} is used by another rule of the listener`);
            if (siblings.length > 100) problems.push(`${siblings.length} rules on one listener; the quota is 100`);
            const values = ((r.inputs.conditions ?? []) as any[]).reduce((n, c) => n + Object.values(c).reduce((m: number, v: any) => m + (v?.values?.length ?? 0), 0), 0);
            if (values > 5) problems.push(`${values} condition values; a rule allows 5`);
            return problems;
        },
    },
    {
        // Health checks: interval 5-300 s, timeout 2-120 s and below the interval, thresholds 2-10; ip targets for awsvpc tasks.
        id: "aws/target-group-health-check",
        family: "combinations",
        types: ["aws:lb/targetGroup:TargetGroup"],
        doc: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
        check: (r) => {
            const h = r.inputs.healthCheck ?? {};
            const problems: string[] = [];
            if (h.interval !== undefined && (h.interval < 5 || h.interval > 300)) problems.push(`healthCheck.interval ${h.interval}: allowed 5-300`);
            if (h.timeout !== undefined && (h.timeout < 2 || h.timeout > 120 || (h.interval !== undefined && h.timeout >= h.interval))) problems.push(`healthCheck.timeout ${h.timeout}: 2-120 and less than the interval`);
            for (const k of ["healthyThreshold", "unhealthyThreshold"]) if (h[k] !== undefined && (h[k] < 2 || h[k] > 10)) problems.push(`healthCheck.${k} ${h[k]}: allowed 2-10`);
            if (h.path !== undefined && (!String(h.path).startsWith("/") || String(h.path).length > 1024)) problems.push(`healthCheck.path ${h.path}: a path starting with / of at most 1024 characters`);
            return problems;
        },
    },
    {
        // DNS validation of a certificate waits for the certificate it validates.
        id: "aws/acm-validation",
        family: "companions",
        types: ["aws:acm/certificateValidation:CertificateValidation", "aws:acm/certificate:Certificate"],
        doc: "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html",
        check: (r, plan) => {
            if (r.type === "aws:acm/certificate:Certificate") return ["DNS", "EMAIL"].includes(r.inputs.validationMethod) ? [] : [`validationMethod ${r.inputs.validationMethod}: DNS or EMAIL`];
            const cert = plan.resolve("aws:acm/certificate:Certificate", r.inputs.certificateArn);
            return cert && plan.waitsFor(r, cert) ? [] : [`certificate ${r.inputs.certificateArn} is not a certificate of this plan it waits for`];
        },
    },
    {
        // Web ACL rule priorities and names are unique; metric names 1-255 of [\w#:.-/]; associations target an ALB.
        id: "aws/wafv2-web-acl",
        family: "combinations",
        types: ["aws:wafv2/webAcl:WebAcl", "aws:wafv2/webAclAssociation:WebAclAssociation"],
        doc: "https://docs.aws.amazon.com/waf/latest/APIReference/API_VisibilityConfig.html",
        check: (r) => {
            if (r.type === "aws:wafv2/webAclAssociation:WebAclAssociation") return /^arn:aws:elasticloadbalancing:.*:loadbalancer\/app\//.test(String(r.inputs.resourceArn)) ? [] : [`resourceArn ${r.inputs.resourceArn} is not an Application Load Balancer`];
            const rules = (r.inputs.rules ?? []) as any[];
            const problems: string[] = [];
            const priorities = rules.map((x) => x.priority);
            if (new Set(priorities).size !== priorities.length) problems.push(`rule priorities repeat: ${priorities.join(", ")}`);
            const names = rules.map((x) => x.name);
            if (new Set(names).size !== names.length) problems.push("rule names repeat");
            for (const v of [r.inputs.visibilityConfig, ...rules.map((x) => x.visibilityConfig)]) {
                if (v && !/^[\w#:.\-/]{1,255}$/.test(String(v.metricName))) problems.push(`metricName ${JSON.stringify(v.metricName)}: 1-255 of letters, digits and #:.-/_`);
            }
            return problems;
        },
    },
    {
        // WAF logging: exactly one destination, a CloudWatch log group named aws-waf-logs-*, at most
        // 100 redacted fields; the ACL is one of the plan's.
        id: "aws/waf-logging",
        family: "companions",
        types: ["aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"],
        doc: "https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html",
        check: (r, plan) => {
            const problems: string[] = [];
            if (!plan.resolve("aws:wafv2/webAcl:WebAcl", r.inputs.resourceArn)) problems.push(`resourceArn ${JSON.stringify(r.inputs.resourceArn)} is no WebACL of this plan`);
            const destinations = (r.inputs.logDestinationConfigs ?? []) as string[];
            if (destinations.length !== 1) problems.push(`${destinations.length} log destinations; WAF takes exactly one`);
            for (const d of destinations) {
                const group = plan.resolve("aws:cloudwatch/logGroup:LogGroup", d);
                const groupName = group?.inputs.name ?? String(d).split(":log-group:")[1] ?? "";
                if (!String(groupName).startsWith("aws-waf-logs-")) problems.push(`log destination ${JSON.stringify(d)}: a CloudWatch log group must be named aws-waf-logs-*`);
            }
            if ((r.inputs.redactedFields ?? []).length > 100) problems.push("at most 100 redacted fields");
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = {
    replacement: REPLACEMENT,
    rules: RULES,
    guardTypes: {
        "aws:wafv2/webAclAssociation:WebAclAssociation": "WAF association",
    },
};
