import { AlertSourceFactory, openedSince } from "../shared/alert-source";

/**
 * `aws cloudwatch describe-alarms --alarm-names ... --state-value ALARM`; critical: an alarm
 * action on the critical topic `<app>-<env>-alerts`, not `-alerts-warning`.
 * https://docs.aws.amazon.com/cli/latest/reference/cloudwatch/describe-alarms.html
 */
export const alertSource: AlertSourceFactory = (o) => {
    const names = new Set(o.alerts);
    return async (sinceMs) => {
        if (names.size === 0) return [];
        const out = JSON.parse(await o.run("aws", ["cloudwatch", "describe-alarms", "--state-value", "ALARM", "--output", "json", "--alarm-names", ...names])) as {
            MetricAlarms?: Array<{ AlarmName: string; AlarmActions?: string[]; StateUpdatedTimestamp?: string }>;
        };
        return (out.MetricAlarms ?? [])
            .filter((a) => (a.AlarmActions ?? []).some((arn) => /:[^:]*-alerts$/.test(arn)) && openedSince(a.StateUpdatedTimestamp, sinceMs))
            .map((a) => ({ name: a.AlarmName, since: a.StateUpdatedTimestamp! }));
    };
};
