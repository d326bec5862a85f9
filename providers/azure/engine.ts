import { builderEngineFacts } from "../shared/builder-engine-facts";
import { CloudEngine, EngineFacts, mergeEngineFacts } from "../shared/cloud-engine";
import { AZURE_REPLACEMENT } from "./replacement";
import { azureRules } from "./rules";

/**
 * The facts of the Azure types several components (or none) create: the types one component
 * creates are stated in its builder file (`engineFacts`), tests/engine-facts.spec.ts says which.
 */
const shared: EngineFacts = {
    replacement: AZURE_REPLACEMENT,
    rules: azureRules,
    guardTypes: {
        "azure-native:authorization:ManagementLockByScope": "Azure resource lock",
        "azure-native:authorization:ManagementLockAtResourceGroupLevel": "Azure resource lock",
        "azure-native:authorization:ManagementLockAtResourceLevel": "Azure resource lock",
    },
    statefulTypes: {
        "azure-native:cache:Redis": "Azure Cache for Redis",
        "azure-native:storage:StorageAccount": "storage account",
    },
};

/** What the offline engine knows about Azure (providers/shared/cloud-engine.ts): the shared facts and each builder file's. */
export const engine: CloudEngine = {
    ...mergeEngineFacts("azure", [{ file: "providers/azure/engine.ts", facts: shared }, ...builderEngineFacts("azure", (file) => require(file))]),
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
