/**
 * The platform-guardrails pack: every policy, importable without starting a server (only
 * policy/index.ts constructs the PolicyPack). The offline engine (tools/engine/policies.ts)
 * and the tests evaluate `policies` through @pulumi/policy's own analyzer code.
 */
import { backupRetentionPolicies } from "./backup-retention";
import { deletionProtectionPolicies } from "./deletion-protection";
import { edgeProtectionPolicies } from "./edge-protection";
import { disasterRecoveryPolicies } from "./disaster-recovery";
import { encryptionAtRestPolicies } from "./encryption-at-rest";
import { encryptionInTransitPolicies } from "./encryption-in-transit";
import { highAvailabilityPolicies } from "./high-availability";
import { kubernetesPolicies } from "./kubernetes";
import { loggingPolicies } from "./logging";
import { monitoringPolicies } from "./monitoring";
import { networkSecurityPolicies } from "./network-security";
import { plainSecretEnvPolicies } from "./plain-secret-env";
import { publicAccessPolicies } from "./public-access";
import { supplyChainPolicies } from "./supply-chain";
import type { PlatformPolicy } from "./support";

export const PACK_NAME = "platform-guardrails";
export const PACK_ENFORCEMENT_LEVEL = "mandatory" as const;


export const policies: PlatformPolicy[] = [
    ...encryptionAtRestPolicies,
    ...encryptionInTransitPolicies,
    ...backupRetentionPolicies,
    ...publicAccessPolicies,
    ...deletionProtectionPolicies,
    ...highAvailabilityPolicies,
    ...edgeProtectionPolicies,
    ...loggingPolicies,
    ...monitoringPolicies,
    ...networkSecurityPolicies,
    ...kubernetesPolicies,
    ...supplyChainPolicies,
    ...disasterRecoveryPolicies,
    ...plainSecretEnvPolicies,
];

export { configSchemas, DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS, DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS, DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS } from "./support";
export type { Exemption, PackConfig, PlatformPolicy, PolicyMetadata } from "./support";
export { T as resourceTypes } from "./types";
