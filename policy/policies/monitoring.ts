import { PlatformPolicy, resourcePolicy } from "./support";
import { T } from "./types";

/**
 * Alerts that notify someone, in every tier: each alarm / alert policy / metric alert names
 * at least one destination (SNS topic, notification channel, action group) and is enabled.
 */

export const awsCloudwatchRequireAlarmActions = resourcePolicy({
    name: "aws-cloudwatch-require-alarm-actions",
    description: "CloudWatch metric alarms must notify a destination when they fire (alarmActions non-empty, actionsEnabled not false).",
    area: "monitoring",
    severity: "medium",
    types: [T.aws.metricAlarm],
    remediation: "set alarmActions: [<SNS topic>.arn] and leave actionsEnabled true",
    validate(ctx) {
        const actions = ctx.props.alarmActions;
        if (!Array.isArray(actions) || actions.length === 0) ctx.report({ problem: "the alarm notifies nobody", found: actions ?? "~no alarmActions", fix: "set alarmActions: [<SNS topic>.arn]" });
        if (ctx.props.actionsEnabled === false) ctx.report({ problem: "the alarm's actions are disabled", found: false, fix: "set actionsEnabled: true" });
    },
});

export const gcpMonitoringRequireNotificationChannels = resourcePolicy({
    name: "gcp-monitoring-require-notification-channels",
    description: "Cloud Monitoring alert policies must notify at least one notification channel and be enabled.",
    area: "monitoring",
    severity: "medium",
    types: [T.gcp.alertPolicy],
    remediation: "set notificationChannels: [<channel>.name] (email, Pub/Sub, ...) and leave enabled true",
    validate(ctx) {
        const channels = ctx.props.notificationChannels;
        if (!Array.isArray(channels) || channels.length === 0) ctx.report({ problem: "the alert policy notifies nobody", found: channels ?? "~no notificationChannels", fix: "set notificationChannels: [<channel>.name]" });
        if (ctx.props.enabled === false) ctx.report({ problem: "the alert policy is disabled", found: false, fix: "set enabled: true" });
    },
});

export const azureMonitorRequireAlertActions = resourcePolicy({
    name: "azure-monitor-require-alert-actions",
    description: "Azure Monitor metric alerts must call at least one action group and be enabled.",
    area: "monitoring",
    severity: "medium",
    types: [T.azure.metricAlert],
    remediation: "set actions: [{ actionGroupId: <ActionGroup>.id }] and leave enabled true",
    validate(ctx) {
        const actions = ctx.props.actions;
        const groups = Array.isArray(actions) ? actions.filter((a: any) => typeof a?.actionGroupId === "string" && a.actionGroupId.length > 0) : [];
        if (groups.length === 0) ctx.report({ problem: "the alert notifies nobody", found: actions ?? "~no actions", fix: "set actions: [{ actionGroupId: <ActionGroup>.id }]" });
        if (ctx.props.enabled === false) ctx.report({ problem: "the alert is disabled", found: false, fix: "set enabled: true" });
    },
});

export const monitoringPolicies: PlatformPolicy[] = [awsCloudwatchRequireAlarmActions, gcpMonitoringRequireNotificationChannels, azureMonitorRequireAlertActions];
