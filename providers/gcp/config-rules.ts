import type { CloudDisasterRecovery, PluginConfigView, PluginProblem } from "../../components/config/cloud-plugin";

/** GCP's config rules beyond the section's shape (plain data and pure functions: loads no SDK). */

/** Default DR region of each primary region, in the same geography (`platform:dr.region` overrides them). */
const REGION_PAIRS = {
    "us-central1": "us-east1", "us-east1": "us-central1", "us-east4": "us-central1", "us-west1": "us-east1",
    "europe-west1": "europe-west4", "europe-west4": "europe-west1", "asia-northeast1": "asia-northeast2",
};

export const GCP_DISASTER_RECOVERY: CloudDisasterRecovery = {
    regionPairs: REGION_PAIRS,
    fixedPairs: false,
    // A backup run id (int64, `gcloud sql backups list`): restoreBackupContext.backupRunId of google_sql_database_instance.
    backupId: { pattern: /^\d{1,19}$/, rule: "an RFC 3339 time (2026-11-30T09:15:00Z) or a Cloud SQL backup run id (digits, from gcloud sql backups list)" },
    restoreSource: { pattern: /^[a-z][a-z0-9-]{0,97}$/, rule: "a Cloud SQL instance name" },
    // A point-in-time clone stays in its source's region, so a recovery stack restores a backup run.
    pointInTimeProblems: (time, dr) => dr.role === "recovery"
        ? [{ key: "platform:database.restore", value: time, allowed: "a Cloud SQL backup run id in a recovery stack (a clone stays in its source's region; point-in-time restore is for the primary stack)" }]
        : [],
};

/** The budget watches a billing account, so it needs one. */
export function gcpConfigProblems(section: { billingAccount?: string } | undefined, cfg: PluginConfigView): PluginProblem[] {
    return cfg.monitoring.budget.enabled && !section?.billingAccount
        ? [{ key: "platform:gcp.billingAccount", value: undefined, allowed: "the billing account id the monthly budget watches; required on GCP unless platform:monitoring.budget.enabled is false" }]
        : [];
}
