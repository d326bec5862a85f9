import type { Rule } from "../../shared/rules";

/** Audit plumbing: the managed default security group, S3 server access logging and WAF logging. */

export const awsAuditRules: Rule[] = [
    {
        // One default security group per VPC, adopted (not created): it names a VPC of the plan.
        // Rules inside the resource are ingress/egress blocks of protocol, ports and sources.
        id: "aws/default-security-group",
        family: "companions",
        types: ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
        doc: "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
        check: (r, plan) => {
            const problems: string[] = [];
            if (!plan.resolve("aws:ec2/vpc:Vpc", r.inputs.vpcId)) problems.push(`vpcId ${JSON.stringify(r.inputs.vpcId)} is no VPC of this plan`);
            const others = plan.ofType(r.type).filter((o) => o.urn !== r.urn && o.inputs.vpcId === r.inputs.vpcId);
            if (others.length > 0) problems.push("a VPC has one default security group; two resources manage it");
            for (const dir of ["ingress", "egress"]) {
                for (const [i, rule] of ((r.inputs[dir] ?? []) as any[]).entries()) {
                    if (rule.protocol === undefined || rule.fromPort === undefined || rule.toPort === undefined) problems.push(`${dir}[${i}] needs protocol, fromPort and toPort`);
                }
            }
            return problems;
        },
    },
    {
        // Server access logs: target bucket in the same Region and account, not the source itself,
        // with bucket-owner-enforced ownership (logging then needs a bucket policy, not ACLs); key
        // formats are SimplePrefix or PartitionedPrefix with EventTime or DeliveryTime.
        id: "aws/s3-access-logging",
        family: "companions",
        types: ["aws:s3/bucketLogging:BucketLogging"],
        doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
        check: (r, plan) => {
            const problems: string[] = [];
            const source = plan.resolve("aws:s3/bucket:Bucket", r.inputs.bucket);
            const target = plan.resolve("aws:s3/bucket:Bucket", r.inputs.targetBucket);
            if (!source || !target) problems.push("bucket and targetBucket must be buckets of this plan");
            if (source && target && source.urn === target.urn) problems.push("a bucket may not log its own access (every log write would log again)");
            if (source && target && (source.inputs.region ?? "") !== (target.inputs.region ?? "")) problems.push(`targetBucket is in ${target.inputs.region ?? "the provider's region"}, the source in ${source.inputs.region ?? "the provider's region"}: access logs stay in the source's Region`);
            const date = r.inputs.targetObjectKeyFormat?.partitionedPrefix?.partitionDateSource;
            if (date !== undefined && !["EventTime", "DeliveryTime"].includes(date)) problems.push(`targetObjectKeyFormat.partitionedPrefix.partitionDateSource ${JSON.stringify(date)}: allowed EventTime, DeliveryTime`);
            if (target && !plan.ofType("aws:s3/bucketPolicy:BucketPolicy").some((p) => p.inputs.bucket === target.id || JSON.stringify(p.inputs.policy ?? "").includes("logging.s3.amazonaws.com"))) {
                problems.push("the target bucket has no policy granting logging.s3.amazonaws.com s3:PutObject");
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
