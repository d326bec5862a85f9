import type { Rule } from "../../shared/rules";

/** ALB, listeners and their rules, target groups, ACM and WAF. */

export const awsEdgeRules: Rule[] = [
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
];
