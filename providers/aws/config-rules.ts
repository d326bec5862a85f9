import type { CloudDisasterRecovery, PluginConfigView, PluginProblem } from "../../components/config/cloud-plugin";

/** AWS's config rules beyond the section's shape (plain data and pure functions: loads no SDK). */

/**
 * Default DR region of each primary region: pairs stay in the same geography and jurisdiction
 * (`platform:dr.region` overrides them).
 */
const REGION_PAIRS = {
    "us-west-2": "us-east-2", "us-east-2": "us-west-2", "us-east-1": "us-west-2", "us-west-1": "us-east-2",
    "ca-central-1": "ca-west-1", "eu-west-1": "eu-central-1", "eu-central-1": "eu-west-1", "eu-west-2": "eu-west-1",
    "ap-southeast-2": "ap-southeast-4", "ap-northeast-1": "ap-northeast-3",
};

export const AWS_DISASTER_RECOVERY: CloudDisasterRecovery = {
    regionPairs: REGION_PAIRS,
    fixedPairs: false,
    // A DB snapshot identifier (manual, or `rds:` automated) or its ARN,
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html
    backupId: {
        pattern: /^(arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:snapshot:)?(rds:)?[a-zA-Z](-?[a-zA-Z0-9])*$/,
        rule: "an RFC 3339 time (2026-11-30T09:15:00Z) or an RDS snapshot identifier / ARN (letters, digits, single hyphens, starting with a letter; `rds:` for automated snapshots)",
    },
    restoreSource: {
        pattern: /^([a-zA-Z](-?[a-zA-Z0-9]){0,62}|arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:auto-backup:ab-[a-z0-9]+)$/,
        rule: "an RDS DB instance identifier, or the ARN of replicated automated backups (arn:aws:rds:<region>:<account>:auto-backup:ab-...)",
    },
    // A recovery stack restores a point in time from the backups replicated into its region.
    pointInTimeProblems: (_time, dr, restoreSource) => dr.role === "recovery" && !restoreSource?.includes(":auto-backup:")
        ? [{
            key: "platform:database.restoreSource", value: restoreSource,
            allowed: `the ARN of the replicated automated backups in ${dr.drRegion} (pulumi stack output databaseBackupCopy of the primary stack), required to restore a point in time in a recovery stack`,
        }]
        : [],
};

export function awsConfigProblems(cfg: PluginConfigView): PluginProblem[] {
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#availability-zones
    return cfg.network.zones < 2
        ? [{ key: "platform:network.zones", value: cfg.network.zones, allowed: "2 or 3 on AWS (an Application Load Balancer and an RDS subnet group need two Availability Zones)" }]
        : [];
}
