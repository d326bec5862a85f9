import { builderEngineFacts } from "../shared/builder-engine-facts";
import { CloudEngine, EngineFacts, MergedFacts, mergeEngineFacts, StatedFacts } from "../shared/cloud-engine";
import type { ReplacementRule } from "../shared/replacement";
import { AZURE_REPLACEMENT, TAGS } from "./replacement";
import { azureRules } from "./rules";
import { azureTagRule } from "./rules/tags";

const SHARED = "providers/azure/engine.ts";

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

/** Whether a type's replacement entry lists the tag input (in any of its lists). */
const takesTags = (entry: ReplacementRule) => TAGS.every((tag) => [...entry.replace, ...entry.update, ...(entry.undecided ?? [])].includes(tag));

/**
 * The shared facts merged with the builder files' (`builders`), and the tag rule (a shared fact)
 * over every merged type whose replacement entry lists `tags`: a component that tags a type of
 * its own states that type's entry in its builder file and the rule covers it, with no list here.
 * That covers azure-native:cache:Redis too, which the hand-written list left out: azure-native
 * 2.x's token of Microsoft.Cache/redis, kept for diffs against state from before the 3.x rename
 * (no plan creates it), whose body takes tags as redis:Redis does
 * (https://learn.microsoft.com/rest/api/redis/redis/create).
 */
export function azureEngineFacts(builders: readonly StatedFacts[]): MergedFacts {
    const tagged = Object.entries(mergeEngineFacts("azure", [{ file: SHARED, facts: shared }, ...builders]).replacement).filter(([, entry]) => takesTags(entry)).map(([type]) => type);
    const tagRule = { ...azureTagRule, types: tagged };
    return mergeEngineFacts("azure", [{ file: SHARED, facts: { ...shared, rules: [...azureRules, tagRule] } }, ...builders]);
}

/** What the offline engine knows about Azure (providers/shared/cloud-engine.ts): the shared facts and each builder file's. */
export const engine: CloudEngine = {
    ...azureEngineFacts(builderEngineFacts("azure", (file) => require(file))),
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
