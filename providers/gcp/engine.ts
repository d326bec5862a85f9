import { builderEngineFacts } from "../shared/builder-engine-facts";
import { assembleEngineFacts, CloudEngine, EngineFacts, MergedFacts, StatedFacts, typesListing } from "../shared/cloud-engine";
import { GCP_REPLACEMENT } from "./replacement";
import { gcpRules } from "./rules";
import { gcpLabelRule, labelInputsOf } from "./rules/labels";

const FILE = "providers/gcp/engine.ts";

/**
 * The facts of the GCP types several components (or none) create: the types one component
 * creates are stated in its builder file (`engineFacts`), tests/engine-facts.spec.ts says which.
 */
const shared: EngineFacts = {
    replacement: GCP_REPLACEMENT,
    rules: gcpRules,
    statefulTypes: {
        "gcp:kms/cryptoKey:CryptoKey": "Cloud KMS key (data encrypted with it becomes unreadable)",
    },
};

/**
 * The shared facts and these builder files' facts, merged, plus the label rule (stated here)
 * over every type whose entry lists an input the rule reads labels from (rules/labels.ts), so a
 * builder file's new labelled type gets it without an edit here.
 */
export function engineFactsWith(builders: readonly StatedFacts[]): MergedFacts {
    return assembleEngineFacts("gcp", [{ file: FILE, facts: shared }, ...builders], ({ replacement }) => [{ ...gcpLabelRule, types: typesListing(replacement, labelInputsOf) }]);
}

/** What the offline engine knows about GCP (providers/shared/cloud-engine.ts): the shared facts and each builder file's. */
export const engine: CloudEngine = { ...engineFactsWith(builderEngineFacts("gcp", (file) => require(file))), sdkLayout: "bridged" };
