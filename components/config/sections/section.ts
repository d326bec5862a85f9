import type { z } from "zod";
import type { CloudPlugin } from "../cloud-plugin";
import type { Cloud, Environment } from "../schema-values";
import type { SectionReferenceRow } from "../reference-row";

export type { ConfigReferenceRow, SectionReferenceRow } from "../reference-row";

/**
 * One config section: everything about one `platform:<section>` key's config in one place. The
 * platform's own are one file each (sections/<section>.ts, listed in sections/index.ts); a
 * component added later declares its section in its own file as its catalog entry's `settings`
 * (components/definition.ts). From the program's list (components/program-config.ts: these,
 * then the catalog's), schema.ts assembles the raw schema, tiers.ts the tier profiles,
 * resolve.ts the resolved config and the order of the rules, and reference.ts the README's
 * config reference rows.
 */
export interface ConfigSection<Key extends string = string, Shape extends z.ZodRawShape = z.ZodRawShape, Tier = unknown, Resolved = unknown> {
    /** Its field of `PlatformConfig` and of the tier profile. */
    readonly key: Key;
    /** Its top-level keys of the raw `platform:*` schema, in the order the schema lists them (kubernetes also owns `kubeconfig`). */
    readonly shape: Shape;
    /** Its defaults per tier; none for sections the stack file writes out (services, jobs). */
    readonly tiers?: Readonly<Record<Environment, Tier>>;
    /** Tier ⊕ stack file → the resolved section. */
    resolve(ctx: SectionContext<z.output<z.ZodObject<Shape>>, Tier>): Resolved;
    /**
     * Its cross-field rules that concern only it, by name; resolve.ts runs them on the resolved
     * config, in its `RULE_ORDER` (the order users and specs read the messages in) and a rule it
     * does not place after those, in the sections' order.
     */
    readonly rules?: Readonly<Record<string, (ctx: RuleContext<z.output<z.ZodObject<Shape>>, Tier, Resolved>) => void>>;
    /** Its rows of the README's config reference, in table order. */
    readonly reference: readonly SectionReferenceRow[];
}

// Any section, whatever its types (the list's element type; `any` keeps the method parameters assignable).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySection = ConfigSection<string, any, any, any>;
/** What the stack file says for a section's keys, after the schema. */
export type RawOf<S extends AnySection> = Parameters<S["resolve"]>[0]["raw"];
/** A section's tier profile part. */
export type TierOf<S extends AnySection> = NonNullable<S["tiers"]>[Environment];
/** A section's resolved config. */
export type ResolvedOf<S extends AnySection> = ReturnType<S["resolve"]>;

/** What a section's resolution reads. */
export interface SectionContext<Raw, Tier> {
    /** This section's keys as the stack file says them (validated). */
    readonly raw: Raw;
    /** This section's tier profile part (undefined for a section without tiers). */
    readonly tier: Tier;
    readonly environment: Environment;
    readonly cloud: Cloud;
    /** The selected cloud's region as the stack file says it (`platform:<cloud>.<regionKey>`), else its plugin's default. */
    readonly primaryRegion: string;
    /** The env names the platform sets in every container (reserved-env.ts), as the program hands them to the config layer. */
    readonly reservedEnv: readonly string[];
    /** Another section's resolved value; it must come earlier in sections/index.ts (an explicit dependency). */
    resolved<S extends AnySection>(section: S): ResolvedOf<S>;
    /** Another section's keys as the stack file says them. */
    rawOf<S extends AnySection>(section: S): RawOf<S>;
}

/** What a section's rule reads: its resolution context, its resolved value and the stack's cloud plugin. */
export interface RuleContext<Raw, Tier, Resolved> extends SectionContext<Raw, Tier> {
    readonly value: Resolved;
    readonly plugin: CloudPlugin;
    /** Reports a problem at `platform:<key>`. */
    add(key: string, value: unknown, allowed: string): void;
}

/** A section, its types inferred from its parts. */
export function defineSection<Key extends string, Shape extends z.ZodRawShape, Tier, Resolved>(
    section: ConfigSection<Key, Shape, Tier, Resolved>,
): ConfigSection<Key, Shape, Tier, Resolved> {
    return section;
}

/** A section's tier defaults, typed by its declared tier type (so the type's `@default` docs reach `PlatformConfig` and the Args). */
export const perTier = <Tier>(tiers: Record<Environment, Tier>): Readonly<Record<Environment, Tier>> => tiers;
