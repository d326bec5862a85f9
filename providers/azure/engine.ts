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
    /**
     * azure-native generates one enum per name per module, so when two API specs of a module
     * define an enum of the same name one wins: monitor's `ConditionOperator` is the health
     * models' (`eq`, `gt`, ...), while scheduled query rules take `Equals`, `GreaterThan`, ...
     * (KnownConditionOperator, https://learn.microsoft.com/en-us/javascript/api/@azure/arm-monitor/knownconditionoperator).
     */
    enumCorrections: {
        "azure-native:monitor:ScheduledQueryRule": [
            { path: /^criteria\.allOf\[\d+\]\.operator$/, values: ["Equals", "GreaterThan", "GreaterThanOrEqual", "LessThan", "LessThanOrEqual"] },
        ],
    },
};
