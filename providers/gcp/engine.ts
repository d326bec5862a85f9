import { builderEngineFacts } from "../shared/builder-engine-facts";
import { CloudEngine, EngineFacts, mergeEngineFacts, StatedFacts } from "../shared/cloud-engine";
import { GCP_REPLACEMENT } from "./replacement";
import { gcpRules } from "./rules";
import { gcpLabelRuleOver } from "./rules/labels";

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
 * The GCP engine from the shared facts and these builder files' facts. The label rule is built
 * after they merge, over every type whose entry lists a label input (rules/labels.ts), so a
 * builder file's new labelled type gets it without an edit here.
 */
export function gcpEngine(builders: readonly StatedFacts[]): CloudEngine {
    const parts = [{ file: FILE, facts: shared }, ...builders];
    const labelRule = gcpLabelRuleOver(mergeEngineFacts("gcp", parts).replacement);
    return { ...mergeEngineFacts("gcp", [...parts, { file: FILE, facts: { rules: [labelRule] } }]), sdkLayout: "bridged" };
}

/** What the offline engine knows about GCP (providers/shared/cloud-engine.ts): the shared facts and each builder file's. */
export const engine: CloudEngine = gcpEngine(builderEngineFacts("gcp", (file) => require(file)));
