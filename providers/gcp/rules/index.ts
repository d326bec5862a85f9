import type { Rule } from "../../shared/rules";
import { gcpAuditRules } from "./audit";
import { gcpComputeRules } from "./compute";
import { gcpDataRules } from "./data";
import { gcpDisasterRecoveryRules } from "./disaster-recovery";
import { gcpLabelRule } from "./labels";
import { gcpNameRules } from "./names";
import { gcpNetworkRules } from "./network";
import { gcpOperationsRules } from "./operations";

/** GCP types that carry labels (`labels`, `resourceLabels`, Cloud SQL `settings.userLabels`, channels' `userLabels`). */
const LABELLED = [
    "gcp:cloudrunv2/service:Service", "gcp:compute/globalAddress:GlobalAddress", "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    "gcp:compute/securityPolicy:SecurityPolicy", "gcp:container/cluster:Cluster", "gcp:kms/cryptoKey:CryptoKey", "gcp:monitoring/notificationChannel:NotificationChannel",
    "gcp:redis/instance:Instance", "gcp:secretmanager/secret:Secret", "gcp:sql/databaseInstance:DatabaseInstance", "gcp:storage/bucket:Bucket",
];

/** The GCP rule catalogue (docs/cloud-mapping.md lists its families). */
export const gcpRules: readonly Rule[] = [
    ...gcpNameRules,
    { ...gcpLabelRule, types: LABELLED },
    ...gcpDataRules,
    ...gcpNetworkRules,
    ...gcpComputeRules,
    ...gcpOperationsRules,
    ...gcpAuditRules,
    ...gcpDisasterRecoveryRules,
];
