import type { Rule } from "../../shared/rules";
import { awsComputeRules } from "./compute";
import { awsDataRules } from "./data";
import { awsNameRules } from "./names";
import { awsNetworkRules } from "./network";
import { awsSecurityRules } from "./security";

/**
 * The AWS rules of the types several components (or none) create (docs/cloud-mapping.md lists
 * the families): a type one component creates has its rules in that builder file's
 * `engineFacts`, and the tag rule (./tags.ts) is added by engine.ts over every tagged type.
 */
export const awsRules: readonly Rule[] = [
    ...awsNameRules,
    ...awsDataRules,
    ...awsNetworkRules,
    ...awsComputeRules,
    ...awsSecurityRules,
];
