import { builderEngineFacts } from "../shared/builder-engine-facts";
import { CloudEngine, EngineFacts, mergeEngineFacts } from "../shared/cloud-engine";
import { GCP_REPLACEMENT } from "./replacement";
import { gcpRules } from "./rules";

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

/** What the offline engine knows about GCP (providers/shared/cloud-engine.ts): the shared facts and each builder file's. */
export const engine: CloudEngine = {
    ...mergeEngineFacts("gcp", [{ file: "providers/gcp/engine.ts", facts: shared }, ...builderEngineFacts("gcp", (file) => require(file))]),
    sdkLayout: "bridged",
};
