import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../../components/naming";
import { AwsContext, policyJson } from "./context";
import { createKey } from "./kms";

/**
 * CloudWatch Logs under a customer-managed key, like every data store. One key per stack for
 * all log groups (flow logs, WAF, EKS control plane, ECS services), created with the network,
 * which hands it to every later component in its handle. The key policy lets CloudWatch Logs in this region use
 * the key only for this account's log groups (the encryption-context condition), see
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function createLogsKey(ctx: AwsContext, scope: pulumi.ComponentResource, component: string): aws.kms.Key {
    const { cfg } = ctx;
    const logGroups = pulumi.interpolate`arn:${ctx.partition}:logs:${cfg.region}:${ctx.accountId}:log-group:*`;
    const key = createKey(ctx, scope, childName(component, "logs"), "CloudWatch Logs (flow, WAF, control-plane and service logs)", {
        policy: policyJson({
            Version: "2012-10-17",
            Statement: [
                { Sid: "AccountAdmin", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:root` }, Action: "kms:*", Resource: "*" },
                {
                    Sid: "CloudWatchLogs",
                    Effect: "Allow",
                    Principal: { Service: `logs.${cfg.region}.amazonaws.com` },
                    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                    Resource: "*",
                    Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": logGroups } },
                },
            ],
        }),
    });
    return key;
}

export interface LogGroupSpec {
    /** The log group's name (`aws-waf-logs-*` for WAF, `/aws/eks/<cluster>/cluster` for EKS). */
    logGroupName: pulumi.Input<string>;
    /** `audit` keeps the group `audit.logRetentionDays`; `application` `compute.logRetentionDays`. */
    kind: "audit" | "application";
}

/** The args of a platform log group: KMS-encrypted with the logs key, retained per its kind. */
export function logGroupArgs(ctx: AwsContext, key: aws.kms.Key, spec: LogGroupSpec): aws.cloudwatch.LogGroupArgs {
    return {
        name: spec.logGroupName,
        retentionInDays: spec.kind === "audit" ? ctx.cfg.audit.logRetentionDays : ctx.cfg.compute.logRetentionDays,
        kmsKeyId: key.arn,
        tags: ctx.tags(),
    };
}

/** An audit log group (flow logs, WAF logs, EKS control-plane logs). */
export function auditLogGroup(ctx: AwsContext, key: aws.kms.Key, scope: pulumi.ComponentResource, name: string, logGroupName: pulumi.Input<string>): aws.cloudwatch.LogGroup {
    return ctx.create(aws.cloudwatch.LogGroup, scope, name, logGroupArgs(ctx, key, { logGroupName, kind: "audit" }));
}
