import type { Rule } from "../../shared/rules";
import { azureComputeRules } from "./compute";
import { azureDataRules } from "./data";
import { azureNameRules } from "./names";
import { azureNetworkRules } from "./network";
import { azureStorageRules } from "./storage";

/**
 * The Azure rules over types several components (or none) create (docs/cloud-mapping.md lists the
 * families); a component's own are in its builder file, and engine.ts adds the tag rule.
 */
export const azureRules: readonly Rule[] = [
    ...azureNameRules,
    ...azureStorageRules,
    ...azureDataRules,
    ...azureNetworkRules,
    ...azureComputeRules,
];
