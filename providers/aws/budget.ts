import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, physicalName } from "../../components/naming";
import { AwsContext, policyJson } from "./context";

/**
 * The stack's monthly cost budget (AWS Budgets), on the costs tagged with this stack's
 * `environment` (a cost allocation tag: activate it once in the Billing console), notifying
 * the warning topic at 80 % of actual and 100 % of forecast spend. The topic policy lets
 * AWS Budgets publish (https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html);
 * it keeps the owner's and CloudWatch's rights a custom policy would otherwise drop.
 */
export function createBudget(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: { amount: number; topic: aws.sns.Topic }): aws.budgets.Budget {
    const { cfg } = ctx;
    const policy = ctx.create(aws.sns.TopicPolicy, scope, childName(name, "alerts-warning-policy"), {
        arn: args.topic.arn,
        policy: policyJson({
            Version: "2012-10-17",
            Statement: [
                { Sid: "Owner", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:root` }, Action: ["SNS:Publish", "SNS:Subscribe", "SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:ListSubscriptionsByTopic"], Resource: args.topic.arn },
                { Sid: "CloudWatchAlarms", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "SNS:Publish", Resource: args.topic.arn, Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } } },
                { Sid: "Budgets", Effect: "Allow", Principal: { Service: "budgets.amazonaws.com" }, Action: "SNS:Publish", Resource: args.topic.arn, Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } } },
            ],
        }),
    });
    const notify = (threshold: number, notificationType: "ACTUAL" | "FORECASTED") => ({
        comparisonOperator: "GREATER_THAN", threshold, thresholdType: "PERCENTAGE", notificationType, subscriberSnsTopicArns: [args.topic.arn],
    });
    // aws_budgets_budget: cost_filter TagKeyValue values are "user:<key>$<value>"; tags are supported.
    return ctx.create(aws.budgets.Budget, scope, childName(name, "budget"), {
        name: physicalName(cfg, "monthly"),
        budgetType: "COST",
        limitAmount: String(args.amount),
        limitUnit: "USD",
        timeUnit: "MONTHLY",
        costFilters: [{ name: "TagKeyValue", values: [`user:environment$${cfg.environment}`] }],
        notifications: [notify(80, "ACTUAL"), notify(100, "FORECASTED")],
        tags: ctx.tags(),
    }, undefined, { dependsOn: [policy] });
}
