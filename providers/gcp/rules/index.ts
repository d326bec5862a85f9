import type { Rule } from "../../shared/rules";
import { gcpComputeRules } from "./compute";
import { gcpDataRules } from "./data";
import { gcpLabelRule } from "./labels";
import { gcpNameRules } from "./names";
import { gcpNetworkRules } from "./network";

/** GCP types that carry labels (`labels`, `resourceLabels`, Cloud SQL `settings.userLabels`, channels' `userLabels`). */
const LABELLED = [
    "gcp:cloudrunv2/service:Service", "gcp:compute/globalAddress:GlobalAddress", "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    "gcp:compute/securityPolicy:SecurityPolicy", "gcp:container/cluster:Cluster", "gcp:kms/cryptoKey:CryptoKey", "gcp:monitoring/notificationChannel:NotificationChannel",
    "gcp:redis/instance:Instance", "gcp:secretmanager/secret:Secret", "gcp:sql/databaseInstance:DatabaseInstance", "gcp:storage/bucket:Bucket",
];

/**
 * The rules of the GCP types several components (or none) create; each builder file states the
 * rules of its own types (`engineFacts`), engine.ts merges both (docs/cloud-mapping.md lists their families).
 */
export const gcpRules: readonly Rule[] = [
    ...gcpNameRules,
    { ...gcpLabelRule, types: LABELLED },
    ...gcpDataRules,
    ...gcpNetworkRules,
    ...gcpComputeRules,
];
