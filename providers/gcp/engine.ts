import { builderEngineFacts } from "../shared/builder-engine-facts";
import { CloudEngine, CloudEngineSpec, cloudEngineOf, StatedFacts, typesListing } from "../shared/cloud-engine";
import { GCP_REPLACEMENT } from "./replacement";
import { gcpRules } from "./rules";
import { gcpLabelRule, labelInputsOf } from "./rules/labels";

/**
 * The GCP engine's own part: the facts of the types several components (or none) create (the
 * types one component creates are stated in its builder file's `engineFacts`;
 * tests/engine-facts.spec.ts says which), and the label rule over every type whose entry lists
 * an input the rule reads labels from (rules/labels.ts).
 */
export const GCP_ENGINE: CloudEngineSpec = {
    cloud: "gcp",
    replacement: GCP_REPLACEMENT,
    rules: gcpRules,
    statefulTypes: {
        "gcp:kms/cryptoKey:CryptoKey": "Cloud KMS key (data encrypted with it becomes unreadable)",
    },
    derivedRules: ({ replacement }) => [{ ...gcpLabelRule, types: typesListing(replacement, labelInputsOf) }],
    sdkLayout: "bridged",
};

/** The GCP engine over these builder files' facts (the specs hand it fakes). */
export const engineFactsWith = (builders: readonly StatedFacts[]): CloudEngine => cloudEngineOf(GCP_ENGINE, builders);

/** What the offline engine knows about GCP (providers/shared/cloud-engine.ts): the shared facts and each builder file's. */
export const engine: CloudEngine = engineFactsWith(builderEngineFacts("gcp", (file) => require(file)));
