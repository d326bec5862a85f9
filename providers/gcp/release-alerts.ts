import { AlertSourceFactory, openedSince } from "../shared/alert-source";

/**
 * Cloud Monitoring's Alerts API, `GET v3/projects/<p>/alerts?filter=state="OPEN"` with
 * `gcloud auth print-access-token` (gcloud has no command for open incidents); critical:
 * `policy.severity` CRITICAL. https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alerts/list
 */
export const alertSource: AlertSourceFactory = (o) => {
    const names = new Set(o.alerts);
    const project = o.env.CLOUDSDK_CORE_PROJECT || o.env.GOOGLE_CLOUD_PROJECT || o.env.GCP_PROJECT;
    if (!project) throw new Error("gcp: no project in CLOUDSDK_CORE_PROJECT / GOOGLE_CLOUD_PROJECT (google-github-actions/auth exports it)");
    return async (sinceMs) => {
        const token = (await o.run("gcloud", ["auth", "print-access-token"])).trim();
        const url = `https://monitoring.googleapis.com/v3/projects/${encodeURIComponent(project)}/alerts?filter=${encodeURIComponent('state = "OPEN"')}`;
        const out = (await o.fetchJson(url, token)) as { alerts?: Array<{ openTime?: string; policy?: { displayName?: string; severity?: string } }> };
        return (out.alerts ?? [])
            .filter((a) => a.policy?.severity === "CRITICAL" && names.has(a.policy.displayName ?? "") && openedSince(a.openTime, sinceMs))
            .map((a) => ({ name: a.policy!.displayName!, since: a.openTime! }));
    };
};
