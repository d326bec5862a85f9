import { builderEngineFacts } from "../shared/builder-engine-facts";
import { CloudEngine, CloudEngineSpec, cloudEngineOf, StatedFacts, typesListing } from "../shared/cloud-engine";
import { AZURE_REPLACEMENT, TAGS } from "./replacement";
import { azureRules } from "./rules";
import { azureTagRule } from "./rules/tags";

/**
 * The Azure engine's own part: the facts of the types several components (or none) create (the
 * types one component creates are stated in its builder file's `engineFacts`;
 * tests/engine-facts.spec.ts says which), and the tag rule over every type whose replacement
 * entry lists `tags`.
 * That covers azure-native:cache:Redis too, which the hand-written list left out: azure-native
 * 2.x's token of Microsoft.Cache/redis, kept for diffs against state from before the 3.x rename
 * (no plan creates it), whose body takes tags as redis:Redis does
 * (https://learn.microsoft.com/rest/api/redis/redis/create).
 */
export const AZURE_ENGINE: CloudEngineSpec = {
    cloud: "azure",
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
    derivedRules: ({ replacement }) => [{ ...azureTagRule, types: typesListing(replacement, () => TAGS) }],
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

/** The Azure engine over these builder files' facts (the specs hand it fakes). */
export const engineFactsWith = (builders: readonly StatedFacts[]): CloudEngine => cloudEngineOf(AZURE_ENGINE, builders);

/** What the offline engine knows about Azure (providers/shared/cloud-engine.ts): the shared facts and each builder file's. */
export const engine: CloudEngine = engineFactsWith(builderEngineFacts("azure", (file) => require(file)));
