import type { CloudEngine } from "../shared/cloud-engine";
import { GCP_REPLACEMENT } from "./replacement";
import { gcpRules } from "./rules";

/** What the offline engine knows about GCP (providers/shared/cloud-engine.ts). */
export const engine: CloudEngine = {
    replacement: GCP_REPLACEMENT,
    rules: gcpRules,
    guardTypes: {
        "gcp:compute/securityPolicy:SecurityPolicy": "Cloud Armor policy",
    },
    sdkLayout: "bridged",
};
