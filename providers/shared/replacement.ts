/**
 * What a provider does when an input of one of its resource types changes: update it in
 * place, or create a new one and delete the old (replace). Each cloud folder carries the entry
 * of every type it creates (a builder file's `engineFacts` for the types only its component
 * creates, providers/<cloud>/replacement.ts for the others); the offline diff reads them to
 * count replacements honestly. A changed input that no list names is "may replace": the
 * diff never guesses "update".
 *
 * Paths are dotted input paths as the diff flattens them, without array indices; a path
 * covers everything under it, and the longest matching path decides
 * (`settings` update, `settings.ipConfiguration.privateNetwork` undecided).
 */
export interface ReplacementRule {
    /** Inputs whose change makes the provider replace the resource (ForceNew, create-only, immutable). */
    replace: readonly string[];
    /** Inputs the provider changes in place. */
    update: readonly string[];
    /** Inputs whose effect the provider decides from live values (or the sources disagree): always may-replace. */
    undecided?: readonly string[];
    /** Where the lists come from: the provider source file or spec they were read from. */
    source: string;
}

export type ReplacementTable = Readonly<Record<string, ReplacementRule>>;

/** Types every cloud creates: the random provider, the same for AWS, GCP and Azure. */
export const SHARED_REPLACEMENT: ReplacementTable = {
    "random:index/randomPassword:RandomPassword": {
        // Every argument is RequiresReplace (a new password is generated).
        source: "terraform-provider-random internal/provider/resource_password.go (all attributes stringplanmodifier.RequiresReplace)",
        replace: ["length", "minLower", "minNumeric", "minSpecial", "minUpper", "overrideSpecial", "special", "upper", "lower", "numeric", "number", "keepers"],
        update: [],
    },
    "pulumi:providers:random": {
        source: "pulumi-random provider: no configuration",
        replace: [],
        update: [],
    },
};
