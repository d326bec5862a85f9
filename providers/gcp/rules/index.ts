import type { Rule } from "../../shared/rules";
import { gcpComputeRules } from "./compute";
import { gcpDataRules } from "./data";
import { gcpNameRules } from "./names";
import { gcpNetworkRules } from "./network";

/**
 * The rules of the GCP types several components (or none) create; each builder file states the
 * rules of its own types (`engineFacts`), engine.ts merges both and adds the label rule over the
 * merged table's labelled types (rules/labels.ts; docs/cloud-mapping.md lists the families).
 */
export const gcpRules: readonly Rule[] = [
    ...gcpNameRules,
    ...gcpDataRules,
    ...gcpNetworkRules,
    ...gcpComputeRules,
];
