import type { CloudEngine } from "../shared/cloud-engine";
import { AZURE_REPLACEMENT } from "./replacement";
import { azureRules } from "./rules";

/** What the offline engine knows about Azure (providers/shared/cloud-engine.ts). */
export const engine: CloudEngine = {
    replacement: AZURE_REPLACEMENT,
    rules: azureRules,
    guardTypes: {
        "azure-native:authorization:ManagementLockByScope": "Azure resource lock",
        "azure-native:authorization:ManagementLockAtResourceGroupLevel": "Azure resource lock",
        "azure-native:authorization:ManagementLockAtResourceLevel": "Azure resource lock",
    },
    sdkLayout: "native",
};
