import { PolicyPack } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies } from "./policies";

/**
 * The CrossGuard entry point, run by the Pulumi CLI (`pulumi preview --policy-pack policy`).
 * Constructing a PolicyPack starts the analyzer's gRPC server, so nothing else may import
 * this file: tests and the offline engine import ./policies instead. See policy/README.md.
 */
new PolicyPack(PACK_NAME, {
    policies,
    enforcementLevel: PACK_ENFORCEMENT_LEVEL,
    description: "Platform guardrails: encryption at rest and in transit, backup retention, no public access, deletion protection, on AWS, GCP and Azure.",
});
