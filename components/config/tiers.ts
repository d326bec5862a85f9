import { ENVIRONMENTS, type Environment } from "./schema-values";
import type { AnySection, ConfigSections, TierOf } from "./sections";

export type { ReleaseStrategy } from "./schema-values";

/** The tier parts of a section list, by section key (sections without tiers have none). */
export type SectionTiers<L extends readonly AnySection[]> = { [S in L[number] as unknown extends TierOf<S> ? never : S["key"]]: TierOf<S> };

/**
 * The production and staging profiles, distilled from DESIGN.md's requirements table.
 * A stack file overrides only what differs; anything not overridden comes from here.
 *
 * Each section's part, with its `@default` docs, is declared in its file (sections/<section>.ts):
 * those types are also the components' Args (components/<component>.ts picks them), so their
 * JSDoc is what a component's reader sees: the default per tier and whether a change replaces
 * a stateful resource.
 */
export interface TierProfile extends SectionTiers<ConfigSections> {
    /** Stateful resources get Pulumi `protect` and their cloud's deletion protection. */
    protectStatefulResources: boolean;
}

const PROTECT_STATEFUL: Record<Environment, boolean> = { production: true, staging: false };

/** The tier profiles of a section list (the program's are components/program-config.ts `TIERS`; specs build them with an extra section). */
export function tiersOf<L extends readonly AnySection[]>(sections: L): Record<Environment, SectionTiers<L> & { protectStatefulResources: boolean }> {
    const profile = (env: Environment) => ({
        ...Object.fromEntries(sections.filter((s) => s.tiers).map((s) => [s.key, s.tiers![env]])),
        protectStatefulResources: PROTECT_STATEFUL[env],
    });
    return Object.fromEntries(ENVIRONMENTS.map((env) => [env, profile(env)])) as Record<Environment, SectionTiers<L> & { protectStatefulResources: boolean }>;
}

