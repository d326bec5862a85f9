import type { Rule } from "../../shared/rules";

/** IAM, KMS and CloudWatch alarms. */

export const awsSecurityRules: Rule[] = [
    {
        // Role trust policies are at most 2048 characters by default; inline role policies 10,240 in total per role.
        id: "aws/iam-policy-sizes",
        family: "quotas",
        types: ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy"],
        doc: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length",
        check: (r, plan) => {
            const compact = (p: unknown) => (typeof p === "string" ? p : JSON.stringify(p ?? "")).replace(/\s+/g, "").length;
            if (r.type === "aws:iam/role:Role") return compact(r.inputs.assumeRolePolicy) > 2048 ? [`assumeRolePolicy is ${compact(r.inputs.assumeRolePolicy)} characters; the default quota is 2048`] : [];
            const total = plan.ofType(r.type).filter((p) => p.inputs.role === r.inputs.role).reduce((n, p) => n + compact(p.inputs.policy), 0);
            return total > 10240 ? [`inline policies of role ${r.inputs.role} total ${total} characters; the quota is 10,240`] : [];
        },
    },
    {
        // At most 10 managed policies per role (default quota), each attached once.
        id: "aws/iam-managed-policies-per-role",
        family: "quotas",
        types: ["aws:iam/rolePolicyAttachment:RolePolicyAttachment"],
        doc: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entities",
        check: (r, plan) => {
            const same = plan.ofType(r.type).filter((a) => a.inputs.role === r.inputs.role);
            const problems = same.length > 10 ? [`${same.length} managed policies on role ${r.inputs.role}; the default quota is 10`] : [];
            if (same.filter((a) => a.inputs.policyArn === r.inputs.policyArn).length > 1) problems.push(`${r.inputs.policyArn} attached twice to ${r.inputs.role}`);
            return problems;
        },
    },
    {
        // KMS: a deletion waiting period of 7-30 days; rotation only on symmetric keys.
        id: "aws/kms-key",
        family: "combinations",
        types: ["aws:kms/key:Key"],
        doc: "https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html",
        check: (r) => {
            const days = r.inputs.deletionWindowInDays;
            const problems = days === undefined || (days >= 7 && days <= 30) ? [] : [`deletionWindowInDays ${days}: allowed 7-30`];
            if (r.inputs.enableKeyRotation && r.inputs.customerMasterKeySpec && r.inputs.customerMasterKeySpec !== "SYMMETRIC_DEFAULT") problems.push("key rotation needs a symmetric key");
            if (r.inputs.rotationPeriodInDays !== undefined && (r.inputs.rotationPeriodInDays < 90 || r.inputs.rotationPeriodInDays > 2560)) problems.push(`rotationPeriodInDays ${r.inputs.rotationPeriodInDays}: allowed 90-2560`);
            return problems;
        },
    },
    {
        // Periods are 10, 30 or a multiple of 60 s; datapoints to alarm <= evaluation periods; statistic xor extended statistic.
        id: "aws/metric-alarm-period",
        family: "combinations",
        types: ["aws:cloudwatch/metricAlarm:MetricAlarm"],
        doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
        check: (r) => {
            const i = r.inputs;
            const problems: string[] = [];
            if (i.period !== undefined && ![10, 30].includes(i.period) && i.period % 60 !== 0) problems.push(`period ${i.period}: 10, 30 or a multiple of 60`);
            if (i.period !== undefined && i.evaluationPeriods * i.period > 86400 * 7) problems.push("evaluationPeriods x period is over 7 days");
            if (i.datapointsToAlarm !== undefined && i.datapointsToAlarm > i.evaluationPeriods) problems.push(`datapointsToAlarm ${i.datapointsToAlarm} exceeds evaluationPeriods ${i.evaluationPeriods}`);
            if (!i.metricQueries && (i.statistic === undefined) === (i.extendedStatistic === undefined)) problems.push("exactly one of statistic and extendedStatistic");
            if (((i.alarmActions ?? []) as unknown[]).length > 5) problems.push("more than 5 alarm actions");
            return problems;
        },
    },
    {
        // Secrets: a recovery window of 0 (force) or 7-30 days; a version belongs to a secret of the plan.
        id: "aws/secretsmanager-secret",
        family: "combinations",
        types: ["aws:secretsmanager/secret:Secret", "aws:secretsmanager/secretVersion:SecretVersion"],
        doc: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html",
        check: (r, plan) => {
            if (r.type === "aws:secretsmanager/secretVersion:SecretVersion") {
                return plan.resolve("aws:secretsmanager/secret:Secret", r.inputs.secretId) ? [] : [`secretId ${r.inputs.secretId} is not a secret of this plan`];
            }
            const d = r.inputs.recoveryWindowInDays;
            return d === undefined || d === 0 || (d >= 7 && d <= 30) ? [] : [`recoveryWindowInDays ${d}: allowed 0 or 7-30`];
        },
    },
];
