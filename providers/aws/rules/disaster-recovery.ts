import type { Rule } from "../../shared/rules";

/** The DR copies (providers/aws/disaster-recovery.ts): what the replication APIs reject. */
export const awsDisasterRecoveryRules: Rule[] = [
    {
        // Replicated backups are kept 1-35 days; an encrypted source needs a key of the destination region.
        id: "aws/rds-backup-replication",
        family: "companions",
        types: ["aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StartDBInstanceAutomatedBackupsReplication.html",
        check: (r) => {
            const days = Number(r.inputs.retentionPeriod ?? 7);
            return [
                ...(Number.isInteger(days) && days >= 1 && days <= 35 ? [] : [`retentionPeriod ${days}: allowed 1-35 days`]),
                ...(r.inputs.kmsKeyId ? [] : ["no kmsKeyId: an encrypted source needs a KMS key in the destination region"]),
            ];
        },
    },
    {
        // V2 rules (with `filter`) need deleteMarkerReplication; RTC needs metrics; SSE-KMS objects need a replica key.
        id: "aws/s3-replication-rule",
        family: "companions",
        types: ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"],
        doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-add-config.html",
        check: (r) => ((r.inputs.rules ?? []) as any[]).flatMap((rule) => [
            ...(rule.filter !== undefined && !rule.deleteMarkerReplication ? [`rule ${rule.id}: a filter needs deleteMarkerReplication`] : []),
            ...(rule.destination?.replicationTime?.status === "Enabled" && rule.destination?.metrics?.status !== "Enabled" ? [`rule ${rule.id}: Replication Time Control needs metrics enabled`] : []),
            ...(rule.sourceSelectionCriteria?.sseKmsEncryptedObjects?.status === "Enabled" && !rule.destination?.encryptionConfiguration?.replicaKmsKeyId ? [`rule ${rule.id}: SSE-KMS objects need destination.encryptionConfiguration.replicaKmsKeyId`] : []),
        ]),
    },
];
